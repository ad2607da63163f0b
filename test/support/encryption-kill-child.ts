/**
 * Child process for the encryption kill test: `node child.mjs DIR KEYHEX` turns encryption on for the
 * data directory DIR (plain, as an office from before operators) with the data key KEYHEX, writing a
 * keyring in the same commit as setting up the first administrator does. Prints `START` just before and
 * `DONE` after, so the test can kill it (SIGKILL) at any moment in between.
 */

import { convertEncryption } from '../../electron/core/store';

const [dataDir, keyHex] = process.argv.slice(2);
process.stdout.write('START\n');
// the test finds this keyring exactly when the encrypted form is in place
await convertEncryption(dataDir, { from: null, to: Buffer.from(keyHex, 'hex'), keyring: { format: 'kill-test' }, lockWaitMs: 5000 });
process.stdout.write('DONE\n');
