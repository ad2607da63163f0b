/**
 * Child process for the kill test: imports a batch into a centre's data directory and says `COMMIT`
 * on stdout just before the one store commit, so the parent can kill it while the commit is under way.
 */

import { call } from '../../electron/core/api';
import { diskDesk } from '../support/desk';
import { CENTRE_SETTINGS } from './batches-support';

const [dataDir, file] = process.argv.slice(2);
// the centre's register is encrypted: its staff member signs in, as at the desk
const desk = await diskDesk({ dataDir, settings: CENTRE_SETTINGS });
const summary = await call(
  desk,
  'batches.import',
  { file },
  {
    progress: (_done, _total, label) => {
      if (label === '写入中心案件库') process.stdout.write('COMMIT\n');
    },
  },
);
process.stdout.write(`DONE ${summary.new}\n`);
await desk.close();
