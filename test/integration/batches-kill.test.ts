/**
 * A kill during import: a child process imports a large batch into the centre and is SIGKILLed at
 * several moments of its one store commit. Every time, the centre's store opens intact with either
 * nothing or everything of the batch — never part of it — and a later import completes. What the kill
 * left on disk (staged temp files, the commit journal) shows that kills did land inside the commit,
 * not merely before or after it.
 */

import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { TEMP_PATTERN } from '../../electron/core/store/fsio';
import { JOURNAL_FILE } from '../../electron/core/store/journal';
import { diskDesk } from '../support/desk';
import { generateCases } from '../support/generate-cases';
import { CENTRE_SETTINGS, setupOffices } from './batches-support';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'batches-kill-child.ts');
const N = 2_000;

/** What a commit cut short leaves in the data directory: staged temp files, and once it is decided, the journal. */
function commitTraces(dataDir: string): { staged: number; journal: boolean } {
  const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' });
  return { staged: files.filter((f) => TEMP_PATTERN.test(f)).length, journal: existsSync(path.join(dataDir, JOURNAL_FILE)) };
}

/**
 * Run the child and kill it once it announces the commit: `delayMs` later, as soon as the first staged
 * file of the commit appears on disk (`'staged'`), or as soon as its journal does (`'journal'`: the
 * commit is decided, its renames under way). `null`: let it finish. Resolves with what it printed.
 */
function importAndKill(
  dataDir: string,
  file: string,
  when: number | 'staged' | 'journal' | null,
): Promise<{ output: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    let watch: ReturnType<typeof setInterval> | undefined;
    const kill = () => {
      clearInterval(watch);
      proc.kill('SIGKILL');
    };
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (when === null || killed || !output.includes('COMMIT')) return;
      killed = true;
      if (when === 'staged') watch = setInterval(() => commitTraces(dataDir).staged > 0 && kill(), 1);
      else if (when === 'journal') watch = setInterval(() => existsSync(path.join(dataDir, JOURNAL_FILE)) && kill(), 1);
      else setTimeout(kill, when);
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', () => {
      clearInterval(watch);
      resolve({ output, killed });
    });
  });
}

describe('batches: a kill during import', () => {
  it('leaves the centre store as before the import, or with the whole batch', async () => {
    const o = await setupOffices();
    await o.station.commit({ cases: generateCases(N, { seed: 9, to: '2026-10-31' }) });
    const exported = await call(o.station, 'batches.export', { out: o.work, selection: 'all' });
    const centreDir = o.centre.dataDir;
    await o.centre.close();
    await o.station.close();

    const outcomes: string[] = [];
    let midCommit = 0;
    for (const when of ['staged', 0, 400, 'journal', 1500, 5000] as const) {
      const run = await importAndKill(centreDir, exported.file, when);
      expect(run.killed, run.output).toBe(true);
      const traces = commitTraces(centreDir);
      const cutShort = (traces.staged > 0 || traces.journal) && !run.output.includes('DONE');
      if (cutShort) midCommit++;
      // the first kill waits for the commit's own files: it must land inside the commit
      if (when === 'staged') expect(cutShort, run.output).toBe(true);
      const centre = await diskDesk({ dataDir: centreDir, settings: CENTRE_SETTINGS });
      const count = centre.store.caseCount();
      const imports = centre.store.getDoc<{ batches: unknown[] }>('imports');
      await centre.close();
      expect([0, N]).toContain(count);
      // the cases and the imports record belong to the same commit: both or neither
      expect(imports === undefined).toBe(count === 0);
      // a journal on disk means the commit was decided: reopening completes it
      if (traces.journal) expect(count).toBe(N);
      // reopening swept what the cut-short commit left
      expect(commitTraces(centreDir)).toEqual({ staged: 0, journal: false });
      outcomes.push(
        `${when}:${count === 0 ? 'before' : 'after'}${cutShort ? `(mid-commit: ${traces.staged} staged${traces.journal ? ', journal' : ''})` : ''}${run.output.includes('DONE') ? '(finished)' : ''}`,
      );
      if (count === N) break;
    }
    process.stderr.write(`kill outcomes: ${outcomes.join(', ')}\n`);
    expect(midCommit, outcomes.join(', ')).toBeGreaterThanOrEqual(1);

    const finish = await importAndKill(centreDir, exported.file, null);
    expect(finish.output).toMatch(new RegExp(`DONE (0|${N})`));
    const centre = await diskDesk({ dataDir: centreDir, settings: CENTRE_SETTINGS });
    expect(centre.store.caseCount()).toBe(N);
    const again = await call(centre, 'batches.import', { file: exported.file });
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: N });
    await centre.close();
  }, 360_000);
});
