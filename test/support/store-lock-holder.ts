/**
 * Holds a data directory open (and so its lock) until killed or until stdin closes:
 * `tsx test/support/store-lock-holder.ts DIR`. Prints `locked` once the store is open.
 */

import { openStore } from '../../electron/core/store';

const store = await openStore({ dataDir: process.argv[2], dailyBackup: false });
process.stdout.write('locked\n');
process.stdin.resume();
process.stdin.on('end', () => {
  void store.close().then(() => process.exit(0));
});
