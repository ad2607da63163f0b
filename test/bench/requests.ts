/**
 * The front desk (统一受理) at its sizes: a station's year of requests (20,000) in a real data directory
 * (encrypted, as every new office's is), and a centre's year (500,000 from 50 stations) in memory.
 * Registering a request (one partition and the counters written, index kept in step), the register's
 * list and search, and the year's front-desk table.
 */

import { call } from '../../electron/core/api';
import { Desk } from '../../electron/core/desk';
import { SettingsSchema } from '../../electron/core/schema/settings';
import { diskDesk, fixedClock, TEST_SETTINGS } from '../support/desk';
import { generateRequests } from '../support/generate-requests';
import { memoryStore } from '../support/memory-store';
import { type BenchReport, benchSize, timeOnce, timeRuns } from './report';

const SECTION = 'requests';
const STATION_YEAR = benchSize(20_000);
const CENTRE_YEAR = benchSize(500_000);
const STATIONS = Array.from({ length: 50 }, (_, i) => `510702-${String(i + 1).padStart(3, '0')}`);

/** What the register's screens ask: the first page, a name, a phone fragment, a type and state filter. */
const QUERIES = [
  { limit: 50 },
  { q: '王芳', limit: 50 },
  { q: '1381', limit: 50 },
  { type: 'legal-aid', state: ['routed', 'fed-back'], limit: 50 },
  { from: '2025-06-01', to: '2025-06-30', limit: 50 },
];

async function listAndSearch(desk: Desk, report: BenchReport, size: number, target: string): Promise<void> {
  const first = await timeOnce(() => call(desk, 'requests.list', { limit: 50 }));
  report.add({ section: SECTION, name: `index build (first list), ${size}`, value: first.ms, unit: 'ms', note: 'once per open, lazily' });
  const lists = await timeRuns((i) => call(desk, 'requests.list', QUERIES[i % QUERIES.length]), 50, 5);
  report.add({
    section: SECTION,
    name: `list and search, ${size} (p95)`,
    value: lists.p95,
    unit: 'ms',
    target,
    note: 'page, name, phone, type+state, month',
  });
}

async function station(report: BenchReport): Promise<void> {
  const desk = await diskDesk();
  const requests = generateRequests(STATION_YEAR, { seed: 13, from: '2025-01-01', to: '2025-12-31' });
  const load = await timeOnce(async () => {
    for (let i = 0; i < requests.length; i += 5_000) await desk.commit({ records: { requests: requests.slice(i, i + 5_000) } });
  });
  report.add({
    section: SECTION,
    name: `write ${STATION_YEAR} requests (set-up)`,
    value: load.ms / 1000,
    unit: 's',
    note: 'encrypted data directory',
  });
  await listAndSearch(desk, report, STATION_YEAR, '≤ 30 ms');
  const add = await timeRuns(
    (i) =>
      call(desk, 'requests.add', {
        visitor: { name: `来访人${i}`, phone: `139${String(10_000_000 + i).padStart(8, '0')}` },
        matter: '咨询邻里纠纷如何处理',
        answer: '告知可申请人民调解',
      }),
    50,
    5,
  );
  report.add({
    section: SECTION,
    name: `register a request, ${STATION_YEAR} on disk (p95)`,
    value: add.p95,
    unit: 'ms',
    target: '≤ 20 ms',
  });
  const home = await timeRuns(() => call(desk, 'requests.desk', {}), 10, 1);
  report.add({
    section: SECTION,
    name: `统一受理 home, ${STATION_YEAR} (p95)`,
    value: home.p95,
    unit: 'ms',
    note: "today's, due, to notify, call-backs",
  });
  const table = await timeRuns(() => call(desk, 'requests.stats', { year: '2025', by: 'type' }), 5, 1);
  report.add({ section: SECTION, name: `year table, ${STATION_YEAR} (median)`, value: table.median, unit: 'ms' });
  await desk.close();
}

async function centre(report: BenchReport): Promise<void> {
  const settings = SettingsSchema.parse({ ...TEST_SETTINGS, role: 'centre', name: '通川区公共法律服务中心', shortName: '通川' });
  const store = memoryStore({ docs: { settings } });
  // In parts: the store keeps its own copy, so the generated part can go (one copy of 500,000 in memory, not two).
  const CHUNK = Math.min(50_000, CENTRE_YEAR);
  for (let start = 0; start < CENTRE_YEAR; start += CHUNK) {
    const part = generateRequests(CHUNK, {
      seed: 50 + start,
      from: '2025-01-01',
      to: '2025-12-31',
      stations: STATIONS,
      atCentre: true,
      sequenceBase: start,
    });
    await store.commit({ records: { requests: part } });
  }
  const desk = await Desk.open({ dataDir: '(memory)', store, clock: fixedClock('2026-01-15') });
  desk.session.begin({ id: 'bench-centre', name: '中心工作人员', role: 'centre' });
  await listAndSearch(desk, report, CENTRE_YEAR, '≤ 100 ms');
  report.add({
    section: SECTION,
    name: `heap in use, ${CENTRE_YEAR} in memory with the index`,
    value: process.memoryUsage().heapUsed / 1024 / 1024,
    unit: 'MB',
    note: 'whole records (the disk store keeps logs unread)',
  });
  const byStation = await timeRuns(() => call(desk, 'requests.list', { station: STATIONS[7], q: '咨询', limit: 50 }), 20, 2);
  report.add({
    section: SECTION,
    name: `one station's requests, ${CENTRE_YEAR} (p95)`,
    value: byStation.p95,
    unit: 'ms',
    target: '≤ 100 ms',
  });
  for (const by of ['type', 'station'] as const) {
    const table = await timeRuns(() => call(desk, 'requests.stats', { year: '2025', by }), 5, 1);
    report.add({
      section: SECTION,
      name: `year table by ${by}, ${CENTRE_YEAR} (median)`,
      value: table.median,
      unit: 'ms',
      target: '≤ 500 ms',
    });
  }
  await desk.close();
}

export default async function requestsBench(report: BenchReport): Promise<void> {
  await station(report);
  await centre(report);
}
