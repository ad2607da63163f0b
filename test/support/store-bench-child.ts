/**
 * One measurement in a fresh process, so that open time and resident memory are not polluted by the
 * benchmark's own generated data: `tsx test/support/store-bench-child.ts <mode> DIR [saves]`.
 * Prints one JSON line of figures on stdout.
 *
 *   store     open the partitioned store with Desk.open (store + search index), RSS, search, saves;
 *             encrypted when STORE_BENCH_KEY gives the data key (hex)
 *   baseline  open a single-file lowdb register (db.json rewritten per save), RSS, search, saves
 */

import fs from 'node:fs';
import path from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';

import { Low } from 'lowdb';

import { withEvent } from '../../electron/core/cases/events';
import { CaseIndex, caseIndex } from '../../electron/core/cases/search';
import { Desk } from '../../electron/core/desk';
import type { Case } from '../../electron/core/schema/case';
import { caseKeyOf } from '../../electron/core/schema/case-keys';
import { openStore } from '../../electron/core/store';
import { prng } from './generate-cases';
import { keptAlive } from './kept-alive';

const [mode, dir, savesArg] = process.argv.slice(2);
const saves = Number(savesArg ?? 200);

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const rssMb = () => process.memoryUsage().rss / 1e6;
/** CPU time of this process in ms: on a shared machine it shows the work done, whatever the load of others. */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Party-name substrings to search for: the given names (last two characters) of parties of sampled cases. */
function searchTerms(cases: readonly Case[], count: number): string[] {
  const rng = prng(99);
  const terms: string[] = [];
  while (terms.length < count) {
    const c = cases[Math.floor(rng() * cases.length)];
    const name = c.parties[Math.floor(rng() * c.parties.length)].name;
    if (c.parties.every((p) => p.kind === 'person')) terms.push(name.slice(-2));
  }
  return terms;
}

function timeSearches(index: CaseIndex, terms: string[]): { p50: number; p95: number; hits: number } {
  const samples: number[] = [];
  let hits = 0;
  for (const q of terms) {
    const start = performance.now();
    hits += index.search({ q }).total;
    samples.push(performance.now() - start);
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), hits: hits / terms.length };
}

function changed(c: Case, i: number): Case {
  return withEvent(c, {}, 'note', { text: `基准测试修改${i}` }, '基准测试', new Date().toISOString());
}

/**
 * Garbage-collection pauses between `from` and `to` (performance.now()), in ms: the main thread's (helper
 * threads' share is in the CPU time). Much of it is the young generation copying what the open keeps (the
 * cases' keys, the index) into the old one. Node reports each pause a moment after it, hence the wait.
 */
function gcPauses(): (from: number, to: number) => Promise<number> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return async (from, to) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    return entries.filter((e) => e.startTime >= from && e.startTime < to).reduce((sum, e) => sum + e.duration, 0);
  };
}

async function measureStore(): Promise<void> {
  const gcMs = gcPauses();
  const cpuStart = cpuMs();
  const start = performance.now();
  // an encrypted register is opened with the data key, as after an operator's sign-in
  const key = process.env.STORE_BENCH_KEY ? Buffer.from(process.env.STORE_BENCH_KEY, 'hex') : undefined;
  const store = await openStore({ dataDir: dir, dailyBackup: false, key });
  const storeOpenMs = performance.now() - start;
  const desk = await Desk.open({ dataDir: dir, store });
  const index = caseIndex(desk); // the doors build it right after opening
  const openMs = performance.now() - start;
  const openCpuMs = cpuMs() - cpuStart;
  const rss = rssMb();
  const openGcMs = await gcMs(start, start + openMs);
  // what the register screen shows first: the newest 50, their partitions' heads parsed on the way
  let t = performance.now();
  index.search({ limit: 50 });
  const firstPageMs = performance.now() - t;
  // a text search before the warm-up (a common surname; the first page of its matches)
  t = performance.now();
  index.search({ q: '王', limit: 50 });
  const searchBeforeWarmMs = performance.now() - t;
  // what the doors start after sign-in: every head parsed (statistics, reminders, 查重), search texts laid out, pinyin
  t = performance.now();
  await keptAlive(index.warm());
  const warmMs = performance.now() - t;
  const all = index.all();
  const search = timeSearches(index, searchTerms(all, 30));
  const rng = prng(7);
  const samples: number[] = [];
  for (let i = 0; i < saves; i++) {
    const c = desk.getCase(all[Math.floor(rng() * all.length)].id);
    const t = performance.now();
    await desk.commit({ cases: [changed(c, i)] });
    samples.push(performance.now() - t);
  }
  const out = {
    cases: store.caseCount(),
    storeOpenMs,
    openMs,
    openCpuMs,
    openGcMs,
    firstPageMs,
    searchBeforeWarmMs,
    warmMs,
    rss,
    searchP50: search.p50,
    searchP95: search.p95,
    hits: search.hits,
    saveP50: percentile(samples, 0.5),
    saveP95: percentile(samples, 0.95),
  };
  await desk.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** lowdb's own way: temp file and rename, no fsync (what JSONFile does); the whole register per save. */
class RenameAdapter {
  constructor(private readonly file: string) {}
  async read(): Promise<{ schemaVersion: 1; cases: Case[] } | null> {
    return JSON.parse(fs.readFileSync(this.file, 'utf8'));
  }
  async write(data: unknown): Promise<void> {
    const temp = `${this.file}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(data));
    fs.renameSync(temp, this.file);
  }
}

async function measureBaseline(): Promise<void> {
  const file = path.join(dir, 'db.json');
  const cpuStart = cpuMs();
  const start = performance.now();
  const db = new Low<{ schemaVersion: 1; cases: Case[] }>(new RenameAdapter(file), { schemaVersion: 1, cases: [] });
  try {
    await db.read();
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: `open failed: ${(error as Error).message}` })}\n`);
    return;
  }
  const index = new CaseIndex();
  const byId = new Map(db.data.cases.map((c) => [c.id, c]));
  index.load(db.data.cases.map(caseKeyOf), { getCase: (id) => byId.get(id), parseAllCases: async () => undefined });
  const openMs = performance.now() - start;
  const openCpuMs = cpuMs() - cpuStart;
  const rss = rssMb();
  const search = timeSearches(index, searchTerms(db.data.cases, 30));
  const rng = prng(7);
  const samples: number[] = [];
  let error: string | undefined;
  for (let i = 0; i < saves; i++) {
    const at = Math.floor(rng() * db.data.cases.length);
    const t = performance.now();
    try {
      db.data.cases[at] = changed(db.data.cases[at], i);
      await db.write();
    } catch (e) {
      error = `save failed: ${(e as Error).message}`;
      break;
    }
    samples.push(performance.now() - t);
  }
  const out = {
    cases: db.data.cases.length,
    openMs,
    openCpuMs,
    rss,
    searchP50: search.p50,
    searchP95: search.p95,
    saveP50: samples.length ? percentile(samples, 0.5) : NaN,
    saveP95: samples.length ? percentile(samples, 0.95) : NaN,
    error,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (mode === 'store') await measureStore();
else if (mode === 'baseline') await measureBaseline();
else {
  process.stderr.write('usage: store-bench-child.ts store|baseline DIR [saves]\n');
  process.exit(2);
}
