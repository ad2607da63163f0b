/**
 * Crash safety: a child process commits in a loop and is killed with SIGKILL at random moments, 36 times.
 * After each kill the store must open cleanly and hold every acknowledged commit, and the state must be
 * exactly that after some complete prefix of commits (a journaled multi-file commit is all or nothing).
 */

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openStore } from '../../electron/core/store';
import { prng } from '../support/generate-cases';
import { baseCases, CRASH_CASES, expectedState, markerOf } from '../support/store-crash-writer';

const repoRoot = path.resolve(__dirname, '..', '..');
const source = path.join(repoRoot, 'test', 'support', 'store-crash-writer.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-crash-'));
const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-crash-bundle-'));
const writer = path.join(bundleDir, 'store-crash-writer.mjs');
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(bundleDir, { recursive: true, force: true });
});

// The writer is started 36 times: bundled once to plain JavaScript, each start takes ~0.1 s instead of
// the ~1 s of compiling TypeScript on the fly, which keeps the whole test well under two minutes.
beforeAll(async () => {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: writer,
    logLevel: 'silent',
  });
});

interface Run {
  acked: number;
  ready: boolean;
  killedBeforeReady: boolean;
}

/** Start the writer, kill it (SIGKILL) after a random delay, return the highest acknowledged commit. */
function runAndKill(rng: () => number, killBeforeReady: boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [writer, dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = 0;
    let ready = false;
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => proc.kill('SIGKILL');
    if (killBeforeReady) timer = setTimeout(kill, 20 + rng() * 300);
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('ready')) {
          ready = true;
          if (!killBeforeReady) timer = setTimeout(kill, rng() * 250);
        } else if (line.startsWith('ack ')) acked = Number(line.slice(4));
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (${code}): ${stderr}`));
      else resolve({ acked, ready, killedBeforeReady: killBeforeReady });
    });
  });
}

describe('crash safety (SIGKILL during saves)', () => {
  it('keeps every acknowledged save and opens cleanly after 36 kills', { timeout: 150_000 }, async () => {
    const rng = prng(Number(process.env.CRASH_SEED ?? Date.now() % 1e9));
    const base = baseCases();
    let highestAcked = 0;
    let kills = 0;
    let totalCommits = 0;
    for (let round = 0; round < 36; round++) {
      const run = await runAndKill(rng, round % 6 === 5);
      kills++;
      highestAcked = Math.max(highestAcked, run.acked);

      const store = await openStore({ dataDir: dir, lockWaitMs: 5000, dailyBackup: false });
      try {
        if (store.caseCount() === 0) {
          // killed before its first commit was acknowledged: the register may only be empty
          expect(highestAcked).toBe(0);
          continue;
        }
        expect(store.caseCount()).toBe(CRASH_CASES);
        const markers = base.map((c) => markerOf(store.getCase(c.id)!));
        const onDisk = Math.max(...markers);
        // every acknowledged commit is there (later, unacknowledged ones may be too)
        expect(onDisk).toBeGreaterThanOrEqual(highestAcked);
        // the state is exactly that after commits 1…onDisk: no commit half-applied
        const expected = expectedState(onDisk);
        expect(markers).toEqual(expected.markers);
        expect(store.getDoc<{ crash: number }>('counters')?.crash ?? 0).toBe(expected.counter);
        // heads and bodies agree (the body is in the same file, read lazily)
        for (const c of base) {
          const stored = store.getCase(c.id)!;
          const bodyMarker = /#(\d+)$/.exec(stored.facts)?.[1] ?? '0';
          expect(Number(bodyMarker)).toBe(markerOf(stored));
          expect(stored.events.length).toBe(c.events.length);
        }
        totalCommits = onDisk;
        highestAcked = onDisk;
      } finally {
        await store.close();
      }
      // no temp files or journal left after a clean open
      expect(fs.existsSync(path.join(dir, 'journal.json'))).toBe(false);
    }
    expect(kills).toBeGreaterThanOrEqual(30);
    // the loop really saved: many commits were acknowledged across the kills
    expect(totalCommits).toBeGreaterThan(30);
  });
});
