/**
 * Turning encryption on is crash-safe: a child process converts an office's data directory (its register,
 * documents and a backup) and is killed with SIGKILL at random moments, 30 times, each time on a fresh
 * copy of the same plain office. After every kill the directory opens in exactly one form, the old (plain,
 * no keyring) or the new (every file sealed, the keyring in place), never a mix, with every case intact
 * and no temp file left; a conversion run again after a kill completes.
 */

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SettingsSchema } from '../../electron/core/schema/settings';
import { convertEncryption, openStore } from '../../electron/core/store';
import { isSealed } from '../../electron/core/store/cipher';
import { TEMP_PATTERN } from '../../electron/core/store/fsio';
import { TEST_SETTINGS } from '../support/desk';
import { countersOf, generateCases, prng } from '../support/generate-cases';

const KILLS = 30;
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mdesk-enc-kill-'));
const base = path.join(work, 'base');
// bundled once (as in store-crash.test.ts): each start then takes a fraction of compiling TypeScript
const child = path.join(work, 'encryption-kill-child.mjs');
const key = Buffer.alloc(32, 0x5a);
const cases = generateCases(80, { seed: 1414 });

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'test', 'support', 'encryption-kill-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: child,
    logLevel: 'silent',
  });
  const store = await openStore({ dataDir: base, dailyBackup: false });
  await store.commit({ docs: { settings: SettingsSchema.parse(TEST_SETTINGS), counters: countersOf(cases) }, cases });
  await store.createBackup('manual');
  await store.commit({ cases: cases.slice(0, 10).map((c) => ({ ...c, summary: `${c.summary}（已修改）` })) });
  await store.close();
});

/** Run the child on `dir`; kill it `delayMs` after START (null: let it finish). Resolves with how long it ran. */
function convertAndKill(dir: string, delayMs: number | null): Promise<{ ms: number; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dir, key.toString('hex')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let started = 0;
    let timer: NodeJS.Timeout | undefined;
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!started && output.includes('START')) {
        started = performance.now();
        if (delayMs !== null) timer = setTimeout(() => proc.kill('SIGKILL'), delayMs);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${output}`));
      else resolve({ ms: performance.now() - started, finished: output.includes('DONE') });
    });
  });
}

/** Every file under `dir`, relative paths. */
function listFiles(dir: string, rel = ''): string[] {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(dir, `${rel}${entry.name}/`) : [`${rel}${entry.name}`]));
}

/** Opens `dir` (recovering a journal), checks it is wholly in one form with every case intact; returns the form. */
async function checkOneForm(dir: string): Promise<'plain' | 'encrypted'> {
  const store = await openStore({ dataDir: dir, dailyBackup: false, load: false });
  try {
    const encrypted = store.encrypted;
    await store.unlock(encrypted ? key : undefined);
    expect(store.keyring() !== undefined, 'the keyring lands with the encrypted form').toBe(encrypted);
    expect(store.caseCount()).toBe(cases.length);
    for (const [i, c] of cases.entries()) {
      const stored = store.getCase(c.id)!;
      expect(stored.summary).toBe(i < 10 ? `${c.summary}（已修改）` : c.summary);
      expect(stored.facts).toBe(c.facts);
      expect(stored.parties).toEqual(c.parties);
    }
    expect((await store.listBackups()).map((b) => b.caseCount)).toEqual([cases.length]);
  } finally {
    await store.close();
  }
  const files = listFiles(dir);
  expect(files.filter((rel) => TEMP_PATTERN.test(rel) || rel === 'journal.json')).toEqual([]);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as { encryption?: unknown };
  const form = meta.encryption ? 'encrypted' : 'plain';
  const mixed = files.filter(
    (rel) => /^(backups\/[^/]+\/)?(cases|docs)\//.test(rel) && isSealed(fs.readFileSync(path.join(dir, rel))) !== !!meta.encryption,
  );
  expect(mixed, `files not in the ${form} form`).toEqual([]);
  return form;
}

describe('turning encryption on: SIGKILL at random points', () => {
  it(`leaves the old form or the new, never a mix, after ${KILLS} kills; a new run completes`, { timeout: 400_000 }, async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1e9);
    const rng = prng(seed);
    const copy = (name: string) => {
      const dir = path.join(work, name);
      fs.cpSync(base, dir, { recursive: true, filter: (source) => path.basename(source) !== 'lock' });
      return dir;
    };

    // one uninterrupted run: how long a conversion takes here and now
    const whole = await convertAndKill(copy('whole'), null);
    expect(whole.finished).toBe(true);
    expect(await checkOneForm(path.join(work, 'whole'))).toBe('encrypted');

    const outcomes = { plain: 0, encrypted: 0 };
    for (let round = 0; round < KILLS; round++) {
      const dir = copy(`round-${round}`);
      // half the kills anywhere in the run, half near its end (the commit point and the renames)
      const delay = round % 2 === 0 ? rng() * whole.ms : whole.ms * (0.7 + rng() * 0.5);
      const run = await convertAndKill(dir, delay);
      const form = await checkOneForm(dir);
      if (run.finished) expect(form).toBe('encrypted');
      outcomes[form]++;
      if (form === 'plain' && round % 3 === 0) {
        await convertEncryption(dir, { from: null, to: key, keyring: { format: 'kill-test' } });
        expect(await checkOneForm(dir)).toBe('encrypted');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    process.stderr.write(`encryption kill outcomes (seed ${seed}, run ${Math.round(whole.ms)} ms): ${JSON.stringify(outcomes)}\n`);
    // the kills really interrupted conversions (not all after the end, not all before the start)
    expect(outcomes.plain).toBeGreaterThan(0);
  });
});
