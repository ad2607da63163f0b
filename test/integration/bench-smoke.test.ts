/**
 * The benchmark keeps working: every section of `npm run bench` runs at a five-hundredth of its size
 * (BENCH_SMOKE=1) and gives a figure for every row. No figure is compared with its target here: speed
 * targets live in the benchmark's table, never in timed tests. This catches a change that stops a
 * section (as sign-in once stopped two of them, unnoticed until the next measurement).
 */

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { postgresBin } from '../support/postgres';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('npm run bench', () => {
  it('runs every section at a small size and fills every row of the table', () => {
    // its own registers and database cluster (TMPDIR), not the shared ones a real run keeps (another
    // checkout may have made those, or be measuring with them)
    const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdesk-bench-smoke-'));
    // as root, the cluster runs as the postgres user, who must reach its folder inside (mkdtemp makes it 0700)
    fs.chmodSync(storeDir, 0o755);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/run.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, BENCH_SMOKE: '1', STORE_BENCH_DIR: storeDir, TMPDIR: storeDir, NODE_OPTIONS: '' },
      maxBuffer: 16 << 20,
      timeout: 540_000,
    });
    fs.rmSync(storeDir, { recursive: true, force: true });
    expect(run.status, run.stderr.split('\n').slice(-15).join('\n')).toBe(0);
    const rows = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| section'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const sections = new Set(rows.map((cells) => cells[1]));
    // the centre on PostgreSQL needs the server's programs (CI installs them)
    const centre = postgresBin() ? ['centre'] : [];
    expect([...sections].sort()).toEqual([
      'batches',
      ...centre,
      'documents',
      'limits',
      'oversight',
      'renderer',
      'requests',
      'shell',
      'store',
    ]);
    // the single-file baseline's "impossible" row is written without a figure on purpose (only at 200,000)
    const empty = rows.filter((cells) => /NaN/.test(cells[3]) && !/impossible/.test(cells[5]));
    expect(empty.map((cells) => `${cells[1]} · ${cells[2]}: ${cells[5]}`)).toEqual([]);
  }, 600_000);
});
