/**
 * The centre at province scale, side by side: 5,000,000 cases from 500 stations in PostgreSQL, and
 * the embedded centre at 200,000. Each centre is measured in a fresh process
 * (test/support/centre-bench-child.ts) through the handler table: importing a real signed
 * 10,000-case batch, a province's year of statistics, one station's year, name substring searches,
 * the duplicate check for one party, and the process's resident memory.
 *
 * Generated once and reused by later runs (the machine is shared: loading takes the better part of an
 * hour): a PostgreSQL cluster in <tmp>/mediation-desk-bench/pg-centre (started for the run, stopped
 * after) and the embedded centre in <tmp>/mediation-desk-bench/centre-embedded-200000 (copied per run,
 * since the import writes to it). A register cached at a smaller size is grown to the asked one. The
 * bulk is loaded through the import's own writes (database/cases.ts `writeCases`: `COPY` into each
 * table, the search indexes merged once per batch, and a ledger entry, one transaction per station
 * batch) without the per-batch signature and case checks, from templates
 * (test/support/generate-centre.ts) with documents trimmed to about 1.5 KB; the measured import is a
 * full signed batch through `batches.import`, then deleted again.
 *
 * The database also holds a city centre's year of front-desk requests (500,000 from 50 stations,
 * `CENTRE_BENCH_REQUESTS`; test/support/centre-bench-requests.ts): their list, search and table are
 * measured there (the embedded centre's are in the `requests` section).
 *
 * `CENTRE_BENCH_CASES` / `CENTRE_BENCH_EMBEDDED` change the sizes (`CENTRE_BENCH_EMBEDDED=0`: the PostgreSQL
 * centre alone); `CENTRE_BENCH_PREPARE_ONLY=1` loads and stops.
 */

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { call } from '../../electron/core/api';
import { writeCases } from '../../electron/core/database/cases';
import { Database } from '../../electron/core/database/index';
import { loadMigrations } from '../../electron/core/database/migrate';
import { appendLedger, writeStation } from '../../electron/core/database/records';
import { applyTotalsAfter, CASE_TOTALS, noteTotalsBefore } from '../../electron/core/database/totals';
import { Desk } from '../../electron/core/desk';
import { caseRow } from '../../electron/core/register/rows';
import type { Case } from '../../electron/core/schema/case';
import { openStore } from '../../electron/core/store';
import { prepareRequests } from '../support/centre-bench-requests';
import { generateCases } from '../support/generate-cases';
import { BENCH_PASSWORD, benchStation, centreCases } from '../support/generate-centre';
import { postgresBin, sqlRows, startCluster } from '../support/postgres';
import { growByCopies, type GrowResult, MAX_COPIES } from './centre-grow';
import { checkGrown } from './centre-grow-check';
import { type BenchReport, benchSize } from './report';

const SECTION = 'centre';
const GENERATOR_VERSION = 2; // 2: the daily totals kept by the load
const STATIONS = 500;
const BATCH = 10_000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const child = path.join(repoRoot, 'test', 'support', 'centre-bench-child.ts');
const BASE = path.join(os.tmpdir(), 'mediation-desk-bench');

const say = (line: string) => process.stderr.write(`  ${line}\n`);
const load = () => os.loadavg()[0].toFixed(1);

/** What the cached data was made from: when any of it changes, it is made again. */
export function version(n: number): string {
  const migrations = loadMigrations()
    .map((m) => m.checksum.slice(0, 12))
    .join('.');
  return `${GENERATOR_VERSION}:${n}:${migrations}`;
}

/**
 * Whether data loaded under `stored` serves now: the same generator and size, loaded under the same
 * migrations or earlier ones of them (the later ones are applied on open, as at a real centre).
 */
function stillServes(stored: string, n: number): boolean {
  const current = version(n);
  return stored === current || (current.startsWith(stored) && current[stored.length] === '.');
}

/** How many cases a register marked `stored` holds, if it was made by this generator under migrations that still serve. */
function grows(stored: string): number | undefined {
  const m = /^(\d+):(\d+):/.exec(stored);
  if (!m || Number(m[1]) !== GENERATOR_VERSION) return undefined;
  return stillServes(stored, Number(m[2])) ? Number(m[2]) : undefined;
}

const query = sqlRows;

/**
 * The loaded batches' ledger entries as batches/import.ts keeps them (the centre's overview and station
 * names read them): the load writes a short entry marked `loaded`, completed here from the columns.
 */
export const COMPLETE_LEDGER = `
  UPDATE batches b SET record = jsonb_build_object(
    'batchId', b.batch_id, 'sequence', b.sequence, 'fileSha256', b.file_sha256, 'stationCode', b.station_code,
    'stationName', coalesce(s.name, b.station_code), 'fingerprint', b.fingerprint,
    'createdAt', to_char(b.imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'importedAt', to_char(b.imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'sealed', false, 'caseCount', (b.record ->> 'caseCount')::int, 'new', (b.record ->> 'caseCount')::int,
    'updated', 0, 'unchanged', 0, 'skipped', 0, 'rejected', '[]'::jsonb, 'receiptId', b.receipt_id::text, 'operator', '基准载入')
  FROM batches x LEFT JOIN stations s ON s.station_code = x.station_code
  WHERE x.entry = b.entry AND b.record ? 'loaded'`;

/** The marker of a database (`documents.bench`), if it has one. */
async function markerOf(url: string): Promise<string | undefined> {
  const marker = await query<{ value: string }>(url, "SELECT value::text AS value FROM documents WHERE name = 'bench'").catch(() => []);
  return marker[0] ? (JSON.parse(marker[0].value) as string) : undefined;
}

/**
 * The province's database with `n` cases: the cached one when it serves; else a smaller cached
 * register grown to `n` (renamed, the cases it holds kept); else a new one. Cases are loaded in
 * rounds: each round gives the 500 stations equal shares of what it adds, station by station in
 * 10,000-case batches, with 案号 continuing after the earlier rounds'.
 */
export async function prepareDatabase(adminUrl: string, n: number): Promise<string> {
  const urlOf = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const name = `centre_${n}`;
  const url = urlOf(name);
  const databases = await query<{ datname: string }>(adminUrl, "SELECT datname FROM pg_database WHERE datname LIKE 'centre\\_%'");
  let have = 0;
  if (databases.some((d) => d.datname === name)) {
    const stored = await markerOf(url);
    if (stored !== undefined && stillServes(stored, n)) {
      await query(url, COMPLETE_LEDGER);
      return url;
    }
    await query(adminUrl, `DROP DATABASE ${name}`);
  }
  let smaller: { name: string; cases: number } | undefined;
  for (const { datname } of databases) {
    if (datname === name) continue;
    const cases = grows((await markerOf(urlOf(datname))) ?? '');
    if (cases !== undefined && cases < n && cases > (smaller?.cases ?? 0)) smaller = { name: datname, cases };
  }
  let grown: GrowResult | undefined;
  // copies only up to MAX_COPIES of a register: beyond it the copies' people repeat
  const byCopies = smaller !== undefined && n % smaller.cases === 0 && n / smaller.cases - 1 <= MAX_COPIES;
  if (smaller && byCopies) {
    // a whole multiple: copies made on the server (centre-grow.ts) of a copy of the cached register, which stays
    say(`把已载入的 ${smaller.cases.toLocaleString('en')} 件登记（${smaller.name}）在服务器上复制扩充到 ${n.toLocaleString('en')} 件…`);
    const [{ version: server }] = await query<{ version: string }>(adminUrl, "SELECT current_setting('server_version_num') AS version");
    await query(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${smaller.name}${Number(server) >= 150000 ? ' STRATEGY = FILE_COPY' : ''}`);
    have = smaller.cases;
  } else if (smaller) {
    say(`把已载入的 ${smaller.cases.toLocaleString('en')} 件登记（${smaller.name}）扩充到 ${n.toLocaleString('en')} 件`);
    await query(adminUrl, `ALTER DATABASE ${smaller.name} RENAME TO ${name}`);
    have = smaller.cases;
  } else {
    await query(adminUrl, `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  }
  const db = new Database(url);
  await db.ready();
  let bulk = `${n.toLocaleString('en')} cases generated and loaded by COPY through the import's writes, one transaction per station batch`;
  if (smaller && byCopies) {
    grown = await growByCopies(url, have, n / have - 1, say);
    bulk = `${have.toLocaleString('en')} cases generated and loaded by COPY through the import's writes; ${(n - have).toLocaleString('en')} more as ${n / have - 1} server-side copies of them (INSERT … SELECT, test/bench/centre-grow.ts: new ids, 案号, batches, people; rows derived in SQL) in ${(grown.seconds / 60).toFixed(0)} min`;
  } else await loadRound(db, have, n - have);
  await db.read('登记站点', async (q) => {
    for (let s = 0; s < STATIONS; s++) {
      const st = benchStation(s);
      const record = {
        fingerprint: st.fingerprint,
        signingKey: 'bench',
        stationCode: st.code,
        name: st.name,
        organization: '',
        trustedAt: '2026-01-01T00:00:00.000Z',
      };
      await writeStation(
        q,
        { fingerprint: st.fingerprint.replace(/-/g, ''), stationCode: st.code, name: st.name, trustedAt: record.trustedAt },
        record,
      );
    }
  });
  await db.read('补全导入记录', (q) => q.query(COMPLETE_LEDGER));
  await db.close();
  say(`整理统计信息（VACUUM ANALYZE）…`);
  // on its own connection: at millions of cases it runs past the app's statement timeout
  await query(url, 'VACUUM ANALYZE');
  if (grown) {
    say('检查复制的案件能否被应用读出（抽样重算各行、打开、检索、查重；全省统计等于各站点之和）…');
    bulk += `; checked: ${await checkGrown(url, grown.sample, 2025)}`;
  }
  await query(
    url,
    `INSERT INTO documents (name, value) VALUES ('bench', to_jsonb($1::text)), ('bench-bulk', to_jsonb($2::text))
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = now()`,
    [version(n), bulk],
  );
  return url;
}

/**
 * `count` more cases into a register holding `have`, through the import's own writes (`writeCases`:
 * `COPY` into each table, the search indexes merged once per batch) and a ledger entry, one
 * transaction per 10,000-case station batch, without the per-batch signature and case checks.
 */
async function loadRound(db: Database, have: number, count: number): Promise<void> {
  const perStation = Math.ceil(count / STATIONS);
  say(`生成并载入 ${count.toLocaleString('en')} 件案件（${STATIONS} 个站点，每批 ${BATCH.toLocaleString('en')} 件，经导入的 COPY 写入）…`);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const batchIds = new Map<string, string>();
  const batchOf = (station: number, i: number) => {
    const key = `${station}:${Math.floor((i % perStation) / BATCH)}`;
    let id = batchIds.get(key);
    if (!id) batchIds.set(key, (id = randomUUID()));
    return id;
  };
  let chunk: Case[] = [];
  let done = 0;
  const flush = async () => {
    const first = chunk[0].origin!;
    await db.transaction('载入基准数据', async (client) => {
      await writeCases(client, chunk, caseRow, []);
      const receiptId = randomUUID();
      await appendLedger(
        client,
        {
          batchId: first.batchId,
          stationCode: first.stationCode,
          fingerprint: first.fingerprint,
          sequence: 1,
          fileSha256: '0'.repeat(64),
          importedAt: first.importedAt,
          receiptId,
        },
        { receiptId },
        { batchId: first.batchId, stationCode: first.stationCode, caseCount: chunk.length, loaded: true },
      );
    });
    done += chunk.length;
    chunk = [];
    if (done % (BATCH * 25) === 0 || done === count) {
      const seconds = (performance.now() - started) / 1000;
      say(
        `  ${(have + done).toLocaleString('en')} / ${(have + count).toLocaleString('en')}，${seconds.toFixed(0)} 秒，约剩 ${(((seconds / done) * (count - done)) / 60).toFixed(0)} 分钟（负载 ${load()}）`,
      );
    }
  };
  const options = { stations: STATIONS, perStation, seed: 2026 + have, trim: true, sequenceFrom: have };
  for (const c of centreCases(count, options, batchOf)) {
    if (chunk.length && (chunk.length === BATCH || chunk[0].origin!.batchId !== c.origin!.batchId)) await flush();
    chunk.push(c);
  }
  if (chunk.length) await flush();
  const cpu = process.cpuUsage(cpuStarted);
  say(
    `载入用时 ${((performance.now() - started) / 60_000).toFixed(1)} 分钟（本进程 CPU ${((cpu.user + cpu.system) / 60e6).toFixed(1)} 分钟，负载 ${load()}）`,
  );
}

/**
 * The register stays as loaded: the measured batch, its cases (and what they added to the daily
 * totals) and the station trusted for it go again.
 */
async function forgetStation(url: string, stationCode: string): Promise<void> {
  const db = new Database(url);
  try {
    await db.transaction('删除基准批次', async (client) => {
      const found = await client.query<{ id: string }>('SELECT id::text AS id FROM cases WHERE station_code = $1', [stationCode]);
      const ids = found.rows.map((r) => r.id);
      const noted = await noteTotalsBefore(client, CASE_TOTALS, ids);
      for (const table of ['cases', 'batches', 'stations'])
        await client.query(`DELETE FROM ${table} WHERE station_code = $1`, [stationCode]);
      await applyTotalsAfter(client, CASE_TOTALS, ids, noted);
    });
  } finally {
    await db.close();
  }
}

/** The embedded centre with `n` imported cases, written through the store (cached). */
async function prepareEmbedded(dir: string, n: number): Promise<void> {
  const marker = path.join(dir, '.bench-complete');
  if (fs.existsSync(marker) && stillServes(fs.readFileSync(marker, 'utf8'), n)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  say(`生成并写入 ${n.toLocaleString('en')} 件导入案件（嵌入式中心）…`);
  let store = await openStore({ dataDir: dir, dailyBackup: false });
  let chunk: Case[] = [];
  let since = 0;
  const flush = async () => {
    await store.commit({ cases: chunk });
    since += chunk.length;
    chunk = [];
    if (since >= 25_000) {
      await store.close();
      store = await openStore({ dataDir: dir, dailyBackup: false });
      since = 0;
    }
  };
  for (const c of centreCases(n, { stations: STATIONS, seed: 2027 }, () => randomUUID())) {
    chunk.push(c);
    if (chunk.length === 50_000) await flush();
  }
  if (chunk.length) await flush();
  await store.close();
  fs.writeFileSync(marker, version(n));
}

/** A real station with 10,000 new cases, its signed batch and its public key. */
async function prepareBatch(work: string): Promise<{ file: string; key: string; stationCode: string }> {
  const stationCode = `519999-${String(Date.now() % 1000).padStart(3, '0')}`;
  const station = await Desk.open({ dataDir: path.join(work, 'station'), dailyBackup: false });
  await call(station, 'settings.init', {
    name: '基准测试调解委员会',
    shortName: '基准',
    stationCode,
    operator: '王调解',
    password: BENCH_PASSWORD,
    encrypt: false,
  });
  const size = benchSize(BATCH);
  const cases = generateCases(size, { seed: Date.now() % 100_000, shortName: '基准' });
  for (let i = 0; i < size; i += 2_000) await station.commit({ cases: cases.slice(i, i + 2_000) });
  const key = path.join(work, 'station.key.json');
  await call(station, 'keys.export', { out: key });
  const exported = await call(station, 'batches.export', { out: path.join(work, 'out'), selection: 'all' });
  await station.close();
  return { file: exported.file, key, stationCode };
}

interface Figures {
  cases: number;
  openMs: number;
  openCpuMs: number;
  rssOpen: number;
  rssAfter: number;
  /** The embedded centre: the warm-up the doors start at sign-in (awaited before the measurements). */
  warmMs?: number;
  warmCpuMs?: number;
  importMs: number;
  importCpuMs: number;
  /** The database server's processes' CPU during the import (PostgreSQL only). */
  importServerCpuMs?: number;
  imported: number;
  yearMs: number;
  yearCpuMs: number;
  stationP50: number;
  stationP95: number;
  firstSearchMs: number;
  searchP50: number;
  searchP95: number;
  /** The same names searched again. */
  warmSearchP50: number;
  warmSearchP95: number;
  /** CPU of this process and of the database server from the import to the last measurement. */
  measureCpuMs: number;
  measureServerCpuMs?: number;
  firstCheckMs: number;
  duplicateP50: number;
  duplicateP95: number;
  batchId: string;
  load: number;
  /** The front-desk requests, where the centre holds some. */
  requests?: {
    total: number;
    listP50: number;
    listP95: number;
    firstSearchMs: number;
    searchP50: number;
    searchP95: number;
    firstTableMs: number;
    /** Median of five. */
    tableMs: number;
    /** Per table: this process's and (PostgreSQL) the server's. */
    tableCpuMs: number;
    tableServerCpuMs?: number;
  };
}

function measure(args: string[]): Figures | { error: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', child, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 22,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Figures;
  } catch {
    const lines = result.stderr.trim().split('\n');
    const why = lines.filter((l) => /Error|错误|失败/.test(l)).slice(0, 2);
    return { error: `child failed (${result.status ?? result.signal}): ${[...why, ...lines.slice(-2)].join(' ')}` };
  }
}

const sizeLabel = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

function addRows(report: BenchReport, label: string, f: Figures): void {
  const cpuLoad = (cpu: number) => `CPU ${cpu.toFixed(0)} ms, load ${f.load.toFixed(1)}`;
  report.add({
    section: SECTION,
    name: `${label} · open`,
    value: f.openMs,
    unit: 'ms',
    note: `${f.cases.toLocaleString('en')} cases; ${cpuLoad(f.openCpuMs)}`,
  });
  if (f.warmMs !== undefined)
    report.add({
      section: SECTION,
      name: `${label} · warm-up after sign-in`,
      value: f.warmMs,
      unit: 'ms',
      note: `every head parsed, the search index laid out, as the doors do; the measurements below start after it; ${cpuLoad(f.warmCpuMs!)}`,
    });
  report.add({
    section: SECTION,
    name: `${label} · import a ${benchSize(BATCH).toLocaleString('en')}-case batch`,
    value: f.importMs,
    unit: 'ms',
    target: '≤ 5000 ms',
    note: `new ${f.imported}; ${cpuLoad(f.importCpuMs)}${f.importServerCpuMs === undefined ? '' : `; server CPU ${f.importServerCpuMs.toFixed(0)} ms`}`,
  });
  report.add({
    section: SECTION,
    name: `${label} · a year's statistics, all stations (median)`,
    value: f.yearMs,
    unit: 'ms',
    target: '≤ 2000 ms',
    note: `this process's CPU ${f.yearCpuMs.toFixed(0)} ms`,
  });
  report.add({
    section: SECTION,
    name: `${label} · a year's statistics, one station (p95)`,
    value: f.stationP95,
    unit: 'ms',
    target: '≤ 200 ms',
    note: `median ${f.stationP50.toFixed(1)} ms, 10 stations`,
  });
  report.add({
    section: SECTION,
    name: `${label} · name substring search (p95)`,
    value: f.searchP95,
    unit: 'ms',
    target: '≤ 100 ms',
    note: `median ${f.searchP50.toFixed(1)} ms; 30 two-character given names, page of 50 with the total; first ${f.firstSearchMs.toFixed(0)} ms`,
  });
  report.add({
    section: SECTION,
    name: `${label} · name substring search, the same names again (p95)`,
    value: f.warmSearchP95,
    unit: 'ms',
    target: '≤ 100 ms',
    note: `median ${f.warmSearchP50.toFixed(1)} ms`,
  });
  report.add({
    section: SECTION,
    name: `${label} · duplicate check, one party (p95)`,
    value: f.duplicateP95,
    unit: 'ms',
    target: '≤ 20 ms',
    note: `median ${f.duplicateP50.toFixed(1)} ms, 50 parties; first (builds the embedded index) ${f.firstCheckMs.toFixed(0)} ms`,
  });
  if (f.requests) addRequestRows(report, label, f.requests);
  report.add({ section: SECTION, name: `${label} · resident memory after open`, value: f.rssOpen, unit: 'MB' });
  report.add({
    section: SECTION,
    name: `${label} · resident memory after the measurements`,
    value: f.rssAfter,
    unit: 'MB',
    note: `CPU from the import to here: app ${(f.measureCpuMs / 1000).toFixed(1)} s${f.measureServerCpuMs === undefined ? '' : `, database server ${(f.measureServerCpuMs / 1000).toFixed(1)} s`}; load ${f.load.toFixed(1)}`,
  });
}

/** Issue 13's targets for a centre's 500,000 requests. */
function addRequestRows(report: BenchReport, label: string, r: NonNullable<Figures['requests']>): void {
  const of = `${r.total.toLocaleString('en')} requests`;
  report.add({
    section: SECTION,
    name: `${label} · requests: one station's list, page of 50 (p95)`,
    value: r.listP95,
    unit: 'ms',
    target: '≤ 100 ms',
    note: `median ${r.listP50.toFixed(1)} ms, 20 stations; ${of}`,
  });
  report.add({
    section: SECTION,
    name: `${label} · requests: search (p95)`,
    value: r.searchP95,
    unit: 'ms',
    target: '≤ 100 ms',
    note: `median ${r.searchP50.toFixed(1)} ms; 30 two-character names, page of 50 with the total; first ${r.firstSearchMs.toFixed(0)} ms`,
  });
  report.add({
    section: SECTION,
    name: `${label} · requests: the year's table by station (median)`,
    value: r.tableMs,
    unit: 'ms',
    target: '≤ 500 ms',
    note: `first ${r.firstTableMs.toFixed(0)} ms; CPU per table: this process's ${r.tableCpuMs.toFixed(0)} ms${r.tableServerCpuMs === undefined ? '' : `, the server's ${r.tableServerCpuMs.toFixed(0)} ms`}; ${of}`,
  });
}

export default async function centreBench(report: BenchReport): Promise<void> {
  const n = benchSize(Number(process.env.CENTRE_BENCH_CASES ?? 5_000_000));
  const embeddedN = process.env.CENTRE_BENCH_EMBEDDED === '0' ? 0 : benchSize(Number(process.env.CENTRE_BENCH_EMBEDDED ?? 200_000));
  if (!postgresBin()) {
    say('本机未安装 PostgreSQL（找不到 initdb）：中心基准已跳过');
    return;
  }
  fs.mkdirSync(BASE, { recursive: true });
  const cluster = await startCluster({
    dir: path.join(BASE, 'pg-centre'),
    keep: true,
    settings: ['shared_buffers=1GB', 'work_mem=64MB', 'maintenance_work_mem=512MB', 'max_wal_size=8GB', 'effective_cache_size=4GB'],
  });
  const work = await mkdtemp(path.join(os.tmpdir(), 'mdesk-bench-centre-'));
  try {
    const url = await prepareDatabase(cluster.adminUrl, n);
    await prepareRequests(url, benchSize(Number(process.env.CENTRE_BENCH_REQUESTS ?? 500_000)), say);
    const embeddedDir = path.join(BASE, `centre-embedded-${embeddedN}`);
    if (embeddedN > 0) await prepareEmbedded(embeddedDir, embeddedN);
    if (process.env.CENTRE_BENCH_PREPARE_ONLY === '1') return;
    const size = await query<{ bytes: string }>(url, 'SELECT pg_database_size(current_database()) AS bytes');
    const sizeMb = Number(size[0].bytes) / 1e6;
    // how the bulk was made, as the load wrote it down (registers loaded before it was written down: by COPY)
    const bulk =
      (await query<{ value: string }>(url, "SELECT value #>> '{}' AS value FROM documents WHERE name = 'bench-bulk'"))[0]?.value ??
      "bulk loaded by COPY through the import's writes";
    say(`数据库大小 ${(sizeMb / 1000).toFixed(1)} GB`);

    say(`生成一个 ${benchSize(BATCH).toLocaleString('en')} 件的站点批次…`);
    const batch = await prepareBatch(work);

    say(`测量：PostgreSQL 中心（${n.toLocaleString('en')} 件，负载 ${load()}）…`);
    const onDatabase = measure(['postgres', url, batch.file, batch.key, path.join(work, 'centre-pg')]);
    await forgetStation(url, batch.stationCode);
    if ('error' in onDatabase)
      report.add({ section: SECTION, name: `${n.toLocaleString('en')} on PostgreSQL`, value: NaN, unit: 'ms', note: onDatabase.error });
    else {
      const label = `${sizeLabel(n)} on PostgreSQL`;
      report.add({
        section: SECTION,
        name: `${label} · database size`,
        value: sizeMb,
        unit: 'MB',
        note: bulk,
      });
      addRows(report, label, onDatabase);
    }

    if (embeddedN === 0) return;
    say(`测量：嵌入式中心（${embeddedN.toLocaleString('en')} 件，负载 ${load()}）…`);
    const copy = path.join(work, 'centre-embedded');
    fs.cpSync(embeddedDir, copy, { recursive: true });
    const embedded = measure(['embedded', copy, batch.file, batch.key]);
    if ('error' in embedded)
      report.add({ section: SECTION, name: `${embeddedN.toLocaleString('en')} embedded`, value: NaN, unit: 'ms', note: embedded.error });
    else addRows(report, `${sizeLabel(embeddedN)} embedded`, embedded);
  } finally {
    cluster.stop();
    await rm(work, { recursive: true, force: true });
  }
}
