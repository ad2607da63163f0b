/**
 * Dies (SIGKILL to itself) at a chosen point inside a journaled commit, to test journal replay:
 * `tsx test/support/store-crash-at.ts DIR POINT` with POINT one of
 *   before-commit-point  while renaming the journal into place (the commit never happened)
 *   after-commit-point   at the first rename of a data file (journal complete, nothing applied)
 *   mid-apply            at the second rename of a data file (journal complete, half applied)
 * The commit writes the cases in `crashAtCases()` (chosen to fall into different partitions) and a counters document.
 */

import fs from 'node:fs';
import path from 'node:path';

import type { Case } from '../../electron/core/schema/case';
import { openStore, storeFaults } from '../../electron/core/store';
import { bucketOf } from '../../electron/core/store/buckets';
import { generateCases } from './generate-cases';

export function crashAtCases(): Case[] {
  const all = generateCases(10, { seed: 77 });
  const seen = new Set<number>();
  return all.filter((c) => (seen.has(bucketOf(c.id)) ? false : (seen.add(bucketOf(c.id)), true))).slice(0, 3);
}

const isMain = process.argv[1] && /store-crash-at\.ts$/.test(process.argv[1]);
if (isMain) {
  const [dir, point] = process.argv.slice(2);
  const store = await openStore({ dataDir: dir, dailyBackup: false });
  let dataRenames = 0;
  storeFaults.hook = (op, file) => {
    if (op !== 'rename') return;
    const isJournal = path.basename(file) === 'journal.json';
    if (point === 'before-commit-point' && isJournal) process.kill(process.pid, 'SIGKILL');
    if (!isJournal && fs.existsSync(path.join(dir, 'journal.json'))) {
      dataRenames++;
      if (point === 'after-commit-point' && dataRenames === 1) process.kill(process.pid, 'SIGKILL');
      if (point === 'mid-apply' && dataRenames === 2) process.kill(process.pid, 'SIGKILL');
    }
  };
  await store.commit({ cases: crashAtCases(), docs: { counters: { '2026': 99 } } });
  process.stdout.write('committed\n');
  process.exit(0);
}
