/**
 * One centre measured in a fresh process, so that its resident memory is the app's and nothing else:
 * `tsx test/support/centre-bench-child.ts postgres URL|embedded DIR BATCH STATION_KEY`.
 * Opens the centre through the desk (the embedded one builds its search index and warms up after sign-in, as
 * the doors do), imports the 10,000-case batch, then a province's year of statistics, one station's year, name
 * searches and duplicate checks through the handler table, and the front-desk requests the database
 * holds (lists, searches, the year's table); prints one JSON line of figures. The
 * caller undoes the import (it works on a copy of the embedded centre, and deletes the batch from
 * the database), so the cached registers stay as they were.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { call } from '../../electron/core/api';
import { caseIndex } from '../../electron/core/cases/search';
import { Desk } from '../../electron/core/desk';
import { requestStations } from './centre-bench-requests';
import { prng } from './generate-cases';
import { BENCH_PASSWORD } from './generate-centre';
import { keptAlive } from './kept-alive';
import { sqlRows } from './postgres';

const [mode, target, batchFile, stationKey, dataDir = target] = process.argv.slice(2);

const rssMb = () => process.memoryUsage().rss / 1e6;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * CPU time (ms) of the database server's processes on this machine (the postmaster and its children:
 * backends, WAL writer, checkpointer), so that the import's cost on the server is reported beside its
 * wall time, which on a loaded machine says little. Undefined for the embedded centre.
 */
async function serverCpuReader(): Promise<(() => number) | undefined> {
  if (mode !== 'postgres') return undefined;
  const [{ dir }] = await sqlRows<{ dir: string }>(target, "SELECT current_setting('data_directory') AS dir");
  const postmaster = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const stat = (pid: string) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return () => {
    let ticks = 0;
    for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const fields = stat(pid);
        // fields after the command: state, ppid, … utime (12th), stime (13th)
        if (Number(pid) === postmaster || Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // a process that ended meanwhile
      }
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  };
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpu: number; result: T }> {
  const cpu = cpuMs();
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, cpu: cpuMs() - cpu, result };
}

async function samples(runs: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const stationCode = (i: number) => `511700-${String((i % 500) + 1).padStart(3, '0')}`;

/**
 * The front-desk requests (来访登记) the centre holds: one station's page, two-character name searches, the
 * year's table by station (the first, then the median of five, with the server's CPU per table).
 */
async function requestFigures(desk: Desk, serverCpu: (() => number) | undefined) {
  const total = (await call(desk, 'requests.list', { limit: 1 })).total;
  if (total === 0) return undefined;
  const names: string[] = [];
  for (let i = 0; names.length < 30 && i < 60; i++) {
    const page = await call(desk, 'requests.list', { station: requestStations[(i * 7) % requestStations.length].code, limit: 3 });
    for (const r of page.items) if (names.length < 30) names.push([...r.visitor.name].slice(-2).join(''));
  }
  const list = await samples(20, (i) =>
    call(desk, 'requests.list', { station: requestStations[(i * 3) % requestStations.length].code, limit: 50 }),
  );
  const firstSearch = await timed(() => call(desk, 'requests.list', { q: names[0], limit: 50 }));
  const search = await samples(names.length, (i) => call(desk, 'requests.list', { q: names[i], limit: 50 }));
  const yearTable = () => call(desk, 'requests.stats', { year: 2026, by: 'station' });
  const firstTable = await timed(yearTable);
  const serverBefore = serverCpu?.() ?? 0;
  const table = await timed(() => samples(5, yearTable));
  const tableServerCpuMs = serverCpu ? (serverCpu() - serverBefore) / 5 : undefined;
  return {
    total,
    listP50: list.p50,
    listP95: list.p95,
    firstSearchMs: firstSearch.ms,
    searchP50: search.p50,
    searchP95: search.p95,
    firstTableMs: firstTable.ms,
    tableMs: table.result.p50,
    tableCpuMs: table.cpu / 5,
    tableServerCpuMs,
  };
}

async function main(): Promise<void> {
  const opened = await timed(async () => {
    const desk = await Desk.open({ dataDir, database: mode === 'postgres' ? target : undefined, dailyBackup: false });
    if (mode === 'embedded') caseIndex(desk); // the doors build it right after opening
    return desk;
  });
  const desk = opened.result;
  const office = {
    name: '四川省公共法律服务中心（基准测试）',
    shortName: '省中心',
    stationCode: '510000-000',
    role: 'centre',
    operator: '基准管理员',
  };
  // The administrator signs in as the doors make an operator do (encryption off: a throw-away office).
  if (desk.store.keyring() === undefined) await call(desk, 'settings.init', { ...office, password: BENCH_PASSWORD, encrypt: false });
  else await call(desk, 'session.signIn', { name: office.operator, password: BENCH_PASSWORD });
  const rssOpen = rssMb();
  // The doors start the warm-up at sign-in (every head parsed, the search index laid out with pinyin); an
  // operator choosing the batch's file takes as long, so the measurements start once it is done.
  const warm = mode === 'embedded' ? await timed(() => keptAlive(caseIndex(desk).warm())) : undefined;
  const cases = await desk.caseCount();

  // Names and parties to look for: from a handful of stations' newest cases.
  const rng = prng(42);
  const names: string[] = [];
  const probes: Record<string, unknown>[] = [];
  for (let s = 0; names.length < 30 || probes.length < 50; s++) {
    const page = await call(desk, 'cases.list', { station: stationCode(Math.floor(rng() * 500)), limit: 5 });
    for (const item of page.items) {
      const person = item.parties.find((p) => p.kind === 'person' && [...p.name].length === 3);
      if (person && names.length < 30) names.push([...person.name].slice(1).join(''));
      const full = (await call(desk, 'cases.get', { id: item.id })).case.parties[0];
      if (probes.length < 50)
        probes.push({
          name: full.name,
          idType: 'idType' in full ? full.idType : undefined,
          idNumber: 'idNumber' in full ? full.idNumber : undefined,
          phone: full.phone,
        });
    }
    if (s > 200) break;
  }

  await call(desk, 'centre.trust', { file: stationKey });
  const serverCpu = await serverCpuReader();
  const measuring = { cpu: cpuMs(), server: serverCpu?.() ?? 0 };
  const serverBefore = serverCpu?.() ?? 0;
  const imported = await timed(() => call(desk, 'batches.import', { file: batchFile }));
  const importServerCpuMs = serverCpu ? serverCpu() - serverBefore : undefined;
  const year = await samples(3, () => call(desk, 'stats.report', { year: 2025 }));
  const yearCpu = await timed(() => call(desk, 'stats.report', { year: 2025 }));
  const station = await samples(10, (i) => call(desk, 'stats.report', { year: 2025, station: stationCode(i * 37) }));
  const firstSearch = await timed(() => call(desk, 'cases.list', { q: names[0], limit: 50 }));
  const search = await samples(names.length, (i) => call(desk, 'cases.list', { q: names[i], limit: 50 }));
  // the same names again: what the server's cache (or the embedded index) gives a repeated search
  const warmSearch = await samples(names.length, (i) => call(desk, 'cases.list', { q: names[i], limit: 50 }));
  const firstCheck = await timed(() => call(desk, 'duplicates.check', { parties: [probes[0]] }));
  const duplicates = await samples(probes.length, (i) => call(desk, 'duplicates.check', { parties: [probes[i]] }));
  const requests = await requestFigures(desk, serverCpu);
  const rssAfter = rssMb();
  const measureCpuMs = cpuMs() - measuring.cpu;
  const measureServerCpuMs = serverCpu ? serverCpu() - measuring.server : undefined;

  process.stdout.write(
    `${JSON.stringify({
      cases,
      openMs: opened.ms,
      openCpuMs: opened.cpu,
      rssOpen,
      rssAfter,
      ...(warm ? { warmMs: warm.ms, warmCpuMs: warm.cpu } : {}),
      importMs: imported.ms,
      importCpuMs: imported.cpu,
      importServerCpuMs,
      imported: imported.result.new,
      yearMs: year.p50,
      yearCpuMs: yearCpu.cpu,
      stationP50: station.p50,
      stationP95: station.p95,
      firstSearchMs: firstSearch.ms,
      searchP50: search.p50,
      searchP95: search.p95,
      warmSearchP50: warmSearch.p50,
      warmSearchP95: warmSearch.p95,
      measureCpuMs,
      measureServerCpuMs,
      firstCheckMs: firstCheck.ms,
      duplicateP50: duplicates.p50,
      duplicateP95: duplicates.p95,
      batchId: imported.result.batchId,
      load: os.loadavg()[0],
      ...(requests ? { requests } : {}),
    })}\n`,
  );
  await desk.close();
}

await main();
