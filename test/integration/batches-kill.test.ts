/**
 * A kill during import: a child process imports a large batch into the centre and is SIGKILLed at
 * several moments of its one store commit. Every time, the centre's store opens intact with either
 * nothing or everything of the batch — never part of it — and a later import completes.
 */

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { Desk } from '../../electron/core/desk';
import { generateCases } from '../support/generate-cases';
import { setupOffices } from './batches-support';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'batches-kill-child.ts');
const N = 2_000;

/** Run the child; kill it `delayMs` after it announces the commit. Resolves with what it printed. */
function importAndKill(dataDir: string, file: string, delayMs: number | null): Promise<{ output: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (delayMs !== null && !killed && output.includes('COMMIT')) {
        killed = true;
        setTimeout(() => proc.kill('SIGKILL'), delayMs);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', () => resolve({ output, killed }));
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
    for (const delay of [0, 20, 100, 400, 1500, 5000]) {
      const run = await importAndKill(centreDir, exported.file, delay);
      expect(run.killed, run.output).toBe(true);
      const centre = await Desk.open({ dataDir: centreDir, dailyBackup: false });
      const count = centre.store.caseCount();
      const imports = centre.store.getDoc<{ batches: unknown[] }>('imports');
      await centre.close();
      expect([0, N]).toContain(count);
      // the cases and the imports record belong to the same commit: both or neither
      expect(imports === undefined).toBe(count === 0);
      outcomes.push(`${delay}ms:${count === 0 ? 'before' : 'after'}${run.output.includes('DONE') ? '(finished)' : ''}`);
      if (count === N) break;
    }
    process.stderr.write(`kill outcomes: ${outcomes.join(', ')}\n`);

    const finish = await importAndKill(centreDir, exported.file, null);
    expect(finish.output).toMatch(new RegExp(`DONE (0|${N})`));
    const centre = await Desk.open({ dataDir: centreDir, dailyBackup: false });
    expect(centre.store.caseCount()).toBe(N);
    const again = await call(centre, 'batches.import', { file: exported.file });
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: N });
    await centre.close();
  }, 240_000);
});
