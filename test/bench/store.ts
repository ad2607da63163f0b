/**
 * Store benchmark: the partitioned store against a single-file lowdb register (the naive layout and
 * schema version 1), at 5,000 / 50,000 / 200,000 generated cases.
 *
 * Data is generated once per size into the temp folder (written through the store in chunks, and as one
 * db.json for the baseline) and reused by later runs; open, memory, search and saves are measured in
 * fresh child processes (test/support/store-bench-child.ts) so that figures do not pollute each other.
 *
 * Each size is also measured encrypted (a copy of the same register turned encrypted with convert.ts),
 * side by side with the plain store in the same run, and signing in (Argon2id with the real parameters)
 * is timed once.
 *
 * `STORE_BENCH_SIZES=5000,50000` limits the sizes (the 200,000 run needs a few minutes the first time);
 * `STORE_BENCH_DIR` is where the generated registers are kept (default: the temp folder's mediation-desk-bench);
 * `STORE_BENCH_BASELINE=0` skips the single-file baseline.
 */

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { newKdf, passwordKey } from '../../electron/core/operators/passwords';
import type { Case } from '../../electron/core/schema/case';
import { convertEncryption, openStore, SCHEMA_VERSION } from '../../electron/core/store';
import { countersOf, iterateCases } from '../support/generate-cases';
import { type BenchReport, benchSize, timeRuns } from './report';

const SECTION = 'store';
const SEED = 2026;
const GENERATOR_VERSION = 5; // bump when the generator or the partition format changes
/** What a generated register was made by: a copy made by another version of the program (another checkout) is made again. */
const MADE_BY = (n: number) => `${GENERATOR_VERSION}:${SCHEMA_VERSION}:${n}`;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const child = path.join(repoRoot, 'test', 'support', 'store-bench-child.ts');

/** The data key of the encrypted copies (a benchmark's, not an office's). */
const BENCH_KEY = Buffer.alloc(32, 0x42);

const TARGETS: Record<number, { open?: string; save?: string; search?: string; rss?: string }> = {
  50_000: { open: '≤ 1000 ms', save: '≤ 20 ms', search: '≤ 30 ms', rss: '≤ 400 MB' },
  200_000: { open: '≤ 4000 ms', save: '≤ 30 ms', search: '≤ 100 ms' },
};

function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/** The partitioned store with n cases, written through `commit` in chunks (reopened between chunks so the writer's memory stays flat). */
async function prepareStore(dir: string, n: number): Promise<void> {
  const marker = path.join(dir, '.bench-complete');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === MADE_BY(n)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`  生成并写入${n}件案件（分区存储）…\n`);
  const counters: Record<string, number> = {};
  let store = await openStore({ dataDir: dir, dailyBackup: false });
  let sinceReopen = 0;
  // Large chunks: each commit rewrites every partition it touches (all of them), so fewer is faster.
  for (const chunk of chunks(iterateCases(n, { seed: SEED }), Math.max(10_000, Math.ceil(n / 4)))) {
    for (const [year, seq] of Object.entries(countersOf(chunk))) counters[year] = Math.max(counters[year] ?? 0, seq);
    await store.commit({ cases: chunk, docs: { counters } });
    sinceReopen += chunk.length;
    if (sinceReopen >= 25_000) {
      await store.close();
      store = await openStore({ dataDir: dir, dailyBackup: false });
      sinceReopen = 0;
    }
  }
  await store.close();
  fs.writeFileSync(marker, MADE_BY(n));
}

/** The same register encrypted: a copy of the plain one, converted as turning encryption on does. */
async function prepareEncrypted(plainDir: string, dir: string, n: number): Promise<void> {
  const marker = path.join(dir, '.bench-complete');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === MADE_BY(n)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`  加密${n}件案件的副本…\n`);
  fs.cpSync(plainDir, dir, { recursive: true, filter: (source) => !['lock', '.bench-complete'].includes(path.basename(source)) });
  await convertEncryption(dir, { from: null, to: BENCH_KEY });
  fs.writeFileSync(marker, MADE_BY(n));
}

/** The naive register: one db.json with every case (written by streaming; the baseline's reads and saves go through lowdb). */
function prepareBaseline(dir: string, n: number): void {
  const marker = path.join(dir, '.bench-complete');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === MADE_BY(n)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  process.stderr.write(`  生成${n}件案件（单文件基线）…\n`);
  const fd = fs.openSync(path.join(dir, 'db.json'), 'w');
  fs.writeSync(fd, '{"schemaVersion":1,"settings":{},"counters":{},"cases":[');
  let first = true;
  for (const c of iterateCases(n, { seed: SEED }) as Iterable<Case>) {
    fs.writeSync(fd, `${first ? '' : ','}${JSON.stringify(c)}`);
    first = false;
  }
  fs.writeSync(fd, ']}');
  fs.closeSync(fd);
  fs.writeFileSync(marker, MADE_BY(n));
}

interface Figures {
  cases?: number;
  storeOpenMs?: number;
  openMs: number;
  openCpuMs?: number;
  /** Of the open, the main thread's garbage-collection pauses. */
  openGcMs?: number;
  /** After the open: the register's first page (50 newest), a text search, then the doors' warm-up (every head parsed…). */
  firstPageMs?: number;
  searchBeforeWarmMs?: number;
  warmMs?: number;
  rss: number;
  searchP50: number;
  searchP95: number;
  saveP50: number;
  saveP95: number;
  error?: string;
}

function runChild(mode: 'store' | 'baseline', dir: string, saves: number, key?: Buffer): Figures | { error: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', child, mode, dir, String(saves)], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, NODE_OPTIONS: '', STORE_BENCH_KEY: key?.toString('hex') ?? '' },
  });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Figures;
  } catch {
    // the thrown error's own line (Node prints the stack, then the error's fields, then its version)
    const lines = result.stderr.trim().split('\n');
    const reason = lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.slice(-3).join(' ');
    return { error: `${mode} child failed (${result.status ?? result.signal}): ${reason}` };
  }
}

/** Signing in: the Argon2id derivation of a password's key with the parameters new passwords get. */
async function signInBench(report: BenchReport): Promise<void> {
  const kdf = newKdf();
  const timing = await timeRuns(() => passwordKey('ceshi-mima-2026', kdf), 7, 1);
  report.add({
    section: SECTION,
    name: 'sign-in: Argon2id key of one password',
    value: timing.median / 1000,
    unit: 's',
    target: '0.2–1 s',
    note: `p95 ${(timing.p95 / 1000).toFixed(2)} s; ${kdf.memoryKiB / 1024} MiB, ${kdf.iterations} iterations, ${kdf.lanes} lane`,
  });
}

export default async function storeBench(report: BenchReport): Promise<void> {
  await signInBench(report);
  const sizes = (process.env.STORE_BENCH_SIZES?.split(',').map(Number) ?? [5_000, 50_000, 200_000].map(benchSize)).filter((n) => n > 0);
  const base = process.env.STORE_BENCH_DIR ?? path.join(os.tmpdir(), 'mediation-desk-bench');
  for (const n of sizes) {
    const label = n.toLocaleString('en');
    const storeDir = path.join(base, `store-${n}`);
    const baselineDir = path.join(base, `baseline-${n}`);
    await prepareStore(storeDir, n);
    const targets = TARGETS[n] ?? {};
    const figures = runChild('store', storeDir, 200);
    if ('error' in figures && figures.error) {
      report.add({ section: SECTION, name: `${label} · store`, value: NaN, unit: 'ms', note: figures.error });
      continue;
    }
    const f = figures as Figures;
    report.add({ section: SECTION, name: `${label} · open (store only)`, value: f.storeOpenMs ?? NaN, unit: 'ms' });
    report.add({ section: SECTION, name: `${label} · open (store + search index)`, value: f.openMs, unit: 'ms', target: targets.open });
    report.add({
      section: SECTION,
      name: `${label} · open, CPU time of the process`,
      value: f.openCpuMs ?? NaN,
      unit: 'ms',
      note: `independent of other load on the machine; GC pauses ${(f.openGcMs ?? NaN).toFixed(0)} ms of the open`,
    });
    if (f.firstPageMs !== undefined) {
      report.add({
        section: SECTION,
        name: `${label} · after open: first page of the register`,
        value: f.firstPageMs,
        unit: 'ms',
        note: 'the 50 newest, their partitions parsed on the way',
      });
      report.add({
        section: SECTION,
        name: `${label} · after open: a text search before the warm-up`,
        value: f.searchBeforeWarmMs ?? NaN,
        unit: 'ms',
        note: '“王”, first page of its matches',
      });
      report.add({
        section: SECTION,
        name: `${label} · warm-up after sign-in (in slices)`,
        value: f.warmMs ?? NaN,
        unit: 'ms',
        note: 'every head parsed (statistics, reminders, 查重 read them), search texts laid out, pinyin; the search p95 below is after it',
      });
    }
    report.add({ section: SECTION, name: `${label} · save one changed case p50`, value: f.saveP50, unit: 'ms' });
    report.add({
      section: SECTION,
      name: `${label} · save one changed case p95`,
      value: f.saveP95,
      unit: 'ms',
      target: targets.save,
      note: '200 saves, fsynced',
    });
    report.add({
      section: SECTION,
      name: `${label} · search party-name substring p95`,
      value: f.searchP95,
      unit: 'ms',
      target: targets.search,
      note: `median ${f.searchP50.toFixed(1)} ms, 30 queries`,
    });
    report.add({ section: SECTION, name: `${label} · resident memory after open`, value: f.rss, unit: 'MB', target: targets.rss });

    const encryptedDir = path.join(base, `store-${n}-encrypted`);
    await prepareEncrypted(storeDir, encryptedDir, n);
    const encrypted = runChild('store', encryptedDir, 200, BENCH_KEY);
    if ('error' in encrypted && encrypted.error) {
      report.add({ section: SECTION, name: `${label} · encrypted store`, value: NaN, unit: 'ms', note: encrypted.error });
    } else {
      const e = encrypted as Figures;
      report.add({
        section: SECTION,
        name: `${label} · encrypted: open (store + search index)`,
        value: e.openMs,
        unit: 'ms',
        note: `store only ${(e.storeOpenMs ?? NaN).toFixed(0)} ms; CPU ${(e.openCpuMs ?? NaN).toFixed(0)} ms`,
      });
      report.add({
        section: SECTION,
        name: `${label} · encrypted/plain open time`,
        value: e.openMs / f.openMs,
        unit: 'x',
        target: '≤ 1.2 x',
        note: `CPU ratio ${((e.openCpuMs ?? NaN) / (f.openCpuMs ?? NaN)).toFixed(2)}x`,
      });
      report.add({
        section: SECTION,
        name: `${label} · encrypted: save p95 minus plain save p95`,
        value: e.saveP95 - f.saveP95,
        unit: 'ms',
        target: '≤ +3 ms',
        note: `encrypted p50 ${e.saveP50.toFixed(1)} / p95 ${e.saveP95.toFixed(1)} ms`,
      });
    }

    if (process.env.STORE_BENCH_BASELINE === '0') continue;
    if (n > 50_000 && process.env.STORE_BENCH_BASELINE_200K !== '1') {
      // 200,000 realistic cases are ~760 M characters of JSON: more than V8's longest string (~536 M),
      // so lowdb's single file cannot even be written or read at this size.
      report.add({
        section: SECTION,
        name: `${label} · baseline (single-file lowdb)`,
        value: NaN,
        unit: 'ms',
        note: 'impossible: db.json exceeds V8 max string length',
      });
      continue;
    }
    prepareBaseline(baselineDir, n);
    const baseline = runChild('baseline', baselineDir, n >= 50_000 ? 5 : 20);
    if ('error' in baseline && baseline.error) {
      report.add({ section: SECTION, name: `${label} · baseline (single-file lowdb)`, value: NaN, unit: 'ms', note: baseline.error });
      continue;
    }
    const b = baseline as Figures;
    report.add({
      section: SECTION,
      name: `${label} · baseline open`,
      value: b.openMs,
      unit: 'ms',
      note: `ratio baseline/store ${(b.openMs / f.openMs).toFixed(1)}x; CPU ${(b.openCpuMs ?? NaN).toFixed(0)} ms`,
    });
    report.add({
      section: SECTION,
      name: `${label} · baseline save p50`,
      value: b.saveP50,
      unit: 'ms',
      note: `ratio baseline/store ${(b.saveP50 / f.saveP50).toFixed(1)}x (no fsync)`,
    });
    report.add({
      section: SECTION,
      name: `${label} · baseline save p95`,
      value: b.saveP95,
      unit: 'ms',
      note: `ratio baseline/store ${(b.saveP95 / f.saveP95).toFixed(1)}x`,
    });
    report.add({ section: SECTION, name: `${label} · baseline search p95`, value: b.searchP95, unit: 'ms' });
    report.add({
      section: SECTION,
      name: `${label} · baseline resident memory`,
      value: b.rss,
      unit: 'MB',
      note: `ratio ${(b.rss / f.rss).toFixed(1)}x`,
    });
    report.add({ section: SECTION, name: `${label} · save ratio baseline/store`, value: b.saveP50 / f.saveP50, unit: 'x' });
  }
}
