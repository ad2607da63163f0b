/**
 * The same batches imported into a centre on the embedded store and a centre on PostgreSQL: every
 * report compared cell by cell. Three stations, a second round of batches with newer revisions, parties
 * shared between stations (the duplicate check), cases without mediators or with one twice, rare
 * characters; then statistics (every grouping, periods, one station), the charts' series, reminders
 * and the clock check, duplicate checks, searches (one, two, three and more characters, pinyin, numbers,
 * LIKE's own characters, every filter, pages), single cases, the import ledger and the stations; the
 * front desk's requests the stations report (lists with every filter and search, single requests, the
 * table by every grouping, receipts on demand).
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { call } from '../../../electron/core/api';
import { loadMigrations, migrate } from '../../../electron/core/database/migrate';
import { statsSeries, statsTotals } from '../../../electron/core/database/statistics';
import type { Desk } from '../../../electron/core/desk';
import type { Case, Party } from '../../../electron/core/schema/case';
import type { Request } from '../../../electron/core/schema/request';
import { diskDesk, fixedClock, tempDataDir } from '../../support/desk';
import { generateCases } from '../../support/generate-cases';
import { generateRequests } from '../../support/generate-requests';
import { createDatabase, explaining } from '../../support/postgres';
import { describeWithPostgres } from '../../support/postgres-tests';
import { CENTRE_SETTINGS } from '../batches-support';

const clock = fixedClock('2026-11-23');
const STATIONS = [
  { name: '东城街道人民调解委员会', shortName: '东城', stationCode: '510702-001', count: 260, seed: 101 },
  { name: '西城街道人民调解委员会', shortName: '西城', stationCode: '510702-002', count: 200, seed: 102 },
  { name: '北山镇人民调解委员会', shortName: '北山', stationCode: '510703-001', count: 140, seed: 103 },
];

type Centre = Desk;

describeWithPostgres('the same batches in an embedded centre and a PostgreSQL centre', ({ adminUrl }) => {
  let embedded: Centre;
  let postgres: Centre;
  let stations: Desk[];
  let all: Case[];
  let requests: Request[];
  let east20Day: () => string;
  let postgresUrl: string;
  let work: string;
  let importBoth: (file: string) => Promise<void>;
  const both = async <T>(name: Parameters<typeof call>[1], input: unknown): Promise<[T, T]> =>
    [(await call(embedded, name, input as never)) as T, (await call(postgres, name, input as never)) as T] as [T, T];
  const same = async (name: Parameters<typeof call>[1], input: unknown) => {
    const [a, b] = await both(name, input);
    expect(b, `${name} ${JSON.stringify(input)}`).toEqual(a);
    return a;
  };

  beforeAll(async () => {
    work = await tempDataDir('mdesk-equivalence-');
    embedded = await diskDesk({ settings: CENTRE_SETTINGS, clock });
    postgresUrl = await createDatabase(adminUrl);
    postgres = await diskDesk({ settings: CENTRE_SETTINGS, clock, database: postgresUrl });
    stations = [];
    const generated: Case[][] = [];
    for (const s of STATIONS) {
      const desk = await diskDesk({
        settings: { name: s.name, shortName: s.shortName, stationCode: s.stationCode, mediators: ['王调解'], operator: '王调解' },
        clock,
      });
      const cases = generateCases(s.count, { seed: s.seed, shortName: s.shortName, to: '2026-11-20' });
      generated.push(cases);
      stations.push(desk);
      const key = path.join(work, `${s.stationCode}.key.json`);
      await call(desk, 'keys.export', { out: key });
      await call(embedded, 'centre.trust', { file: key });
      await call(postgres, 'centre.trust', { file: key });
    }
    // Parties shared between stations: the same person (ID number, phone) in another station's case.
    const [east, west, north] = generated;
    const share = (from: Party): Party => ({ ...from, id: crypto.randomUUID() });
    for (let i = 0; i < 12; i++)
      west[i * 7] = { ...west[i * 7], parties: [share(east[i * 11].parties[0]), ...west[i * 7].parties.slice(1)] };
    for (let i = 0; i < 6; i++)
      north[i * 5] = { ...north[i * 5], parties: [share(west[i * 3].parties[1]), ...north[i * 5].parties.slice(1)] };
    // No mediator; one mediator twice; a rare character in a name.
    east[1] = { ...east[1], mediators: [] };
    east[2] = { ...east[2], mediators: ['李明华', '李明华'] };
    east[3] = { ...east[3], parties: [{ ...east[3].parties[0], name: '𠮷田𡈽' }, ...east[3].parties.slice(1)] };
    // Cases received and created at the same moment: the register orders them by id.
    for (let i = 20; i < 30; i++) east[i] = { ...east[i], receivedAt: east[20].receivedAt, createdAt: east[20].createdAt };
    for (const [i, desk] of stations.entries()) await desk.commit({ cases: generated[i] });
    // The front desk's requests: the north station's only in the summer of 2026 (a period before or after them
    // still has its row in the table by station); some received at the same minute (ordered by 登记编号), a
    // letter dated without a time, a rare character, LIKE's own characters, results fed back but not yet told,
    // answers due on the report day and the day before.
    const reported = STATIONS.map((s, i) =>
      generateRequests([90, 70, 40][i], {
        seed: 200 + i,
        stations: [s.stationCode],
        from: i === 2 ? '2026-06-01' : '2025-01-01',
        to: i === 2 ? '2026-08-31' : '2026-11-20',
      }),
    );
    const [eastRequests, westRequests] = reported;
    for (let i = 10; i < 16; i++) eastRequests[i] = { ...eastRequests[i], receivedAt: eastRequests[10].receivedAt };
    westRequests[3] = { ...westRequests[3], receivedAt: westRequests[3].receivedAt.slice(0, 10), channel: 'letter' };
    westRequests[4] = { ...westRequests[4], visitor: { ...westRequests[4].visitor, name: '𠮷田𡈽' }, matter: '工资100%未付_押金' };
    for (const r of westRequests.filter((x) => x.state === 'fed-back').slice(0, 3)) {
      const at = westRequests.indexOf(r);
      westRequests[at] = { ...r, notified: undefined };
    }
    // time limits still open on the report day: due that day (未到期) and due the day before (逾期)
    const scheduled = eastRequests.filter((r) => r.handling === 'scheduled').slice(0, 2);
    for (const [i, r] of scheduled.entries()) {
      const { answer: _, ...open } = r;
      const answerDue = ['2026-11-23', '2026-11-22'][i];
      eastRequests[eastRequests.indexOf(r)] = { ...open, receivedAt: '2026-11-16T09:30', answerDue, state: 'registered' };
    }
    for (const [i, desk] of stations.entries()) await desk.commit({ records: { requests: reported[i] } });
    east20Day = () => east[20].receivedAt;

    importBoth = async (file: string) => {
      const [a, b] = await both<{ receipt: { receiptId: string } }>('batches.import', { file, perCase: true });
      const strip = (r: { receipt: { receiptId: string } }) => ({ ...r, receipt: undefined });
      expect(strip(b)).toEqual(strip(a));
    };
    for (const desk of stations) await importBoth((await call(desk, 'batches.export', { out: path.join(work, 'out') })).file);
    // a second round: newer revisions of some of the east station's cases
    const east0 = stations[0];
    for (const c of east.filter((x) => x.status === 'registered').slice(0, 5)) {
      await call(east0, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-21' } });
    }
    for (const c of east.filter((x) => x.status === 'accepted').slice(0, 5)) {
      await call(east0, 'cases.act', { id: c.id, action: 'fail', details: { date: '2026-11-22', reason: '双方分歧较大' } });
    }
    // newer revisions of requests: results fed back, requests closed
    for (const r of eastRequests.filter((x) => x.state === 'routed').slice(0, 4)) {
      await call(east0, 'requests.act', { id: r.id, action: 'feedback', details: { date: '2026-11-22', result: '已办结' } });
    }
    for (const r of eastRequests.filter((x) => x.state === 'answered' && x.answer!.date <= '2026-11-22').slice(0, 4)) {
      await call(east0, 'requests.act', { id: r.id, action: 'close', details: { date: '2026-11-23' } });
    }
    await importBoth((await call(east0, 'batches.export', { out: path.join(work, 'out') })).file);
    // and an older batch again (skipped cases)
    all = [...embedded.store.allCases()];
    requests = [...embedded.store.allRecords<Request>('requests')];
  });

  afterAll(async () => {
    for (const desk of [embedded, postgres, ...stations]) await desk?.close();
  });

  it('holds the same cases', async () => {
    expect(await postgres.caseCount()).toBe(embedded.store.caseCount());
    for (const c of all.filter((_, i) => i % 23 === 0)) await same('cases.get', { id: c.id });
    await same('cases.get', { id: all[5].number });
  });

  it('gives the same statistics, cell by cell', async () => {
    const periods = [
      { year: 2022 },
      { year: 2023 },
      { year: 2024 },
      { year: 2025 },
      { year: 2026 },
      { month: '2026-11' },
      { quarter: '2025Q3' },
      { from: '2024-02-29', to: '2025-03-01' },
    ];
    for (const period of periods) {
      for (const by of ['type', 'source', 'mediator', 'station'] as const) await same('stats.report', { ...period, by });
      for (const s of [...STATIONS.map((x) => x.stationCode), '999999-999'])
        await same('stats.report', { ...period, station: s, by: 'mediator' });
      await same('stats.series', period);
    }
    await same('stats.series', { year: 2026, station: STATIONS[1].stationCode });
    const table = await both<{ base64: string }>('stats.export', { year: 2025, by: 'station', format: 'csv' });
    expect(Buffer.from(table[1].base64, 'base64').toString()).toBe(Buffer.from(table[0].base64, 'base64').toString());
  });

  it("reads one station's statistics from the station's index alone (migration 9)", async () => {
    // Every statement a station's report and charts send, explained instead of run, with the station's
    // index the only way in (the others dropped inside a transaction that is rolled back, the table's scans
    // switched off): each must then be an index-only scan, so a column read that the index does not carry
    // shows up here as a scan of the table. Which index the planner prefers at a size is the benchmark's.
    const db = new pg.Client({ connectionString: postgresUrl });
    await db.connect();
    try {
      await db.query('BEGIN');
      const others = await db.query<{ name: string }>(
        `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'cases' AND indexname NOT IN ('cases_station_order', 'cases_pkey')`,
      );
      expect(others.rows.length).toBeGreaterThan(3);
      for (const { name } of others.rows) await db.query(`DROP INDEX ${name}`);
      await db.query('SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off');
      const { db: explained, plans } = explaining(db);
      const period = { from: '2025-01-01', to: '2025-12-31' };
      const station = STATIONS[1].stationCode;
      for (const by of ['type', 'source', 'mediator', 'station'] as const) await statsTotals(explained, period, by, station);
      await statsSeries(explained, period, station);
      expect(plans.length).toBeGreaterThanOrEqual(6);
      for (const plan of plans) {
        expect(plan).toContain('Index Only Scan using cases_station_order on cases');
        expect(plan).not.toMatch(/Seq Scan on cases|Heap Scan on cases|Index Scan using \w+ on cases/);
      }
    } finally {
      await db.query('ROLLBACK');
      await db.end();
    }
  });

  it('gives the same reminders and clock check', async () => {
    await same('reminders.list', {});
    await same('reminders.list', { limit: 3, severity: 'overdue' });
    const [a, b] = await both<{ counts: unknown; clockOk: boolean }>('reminders.notification', {});
    expect(b.counts).toEqual(a.counts);
    expect(b.clockOk).toBe(a.clockOk);
  });

  it('finds the same duplicates', async () => {
    const seen = new Map<string, number>();
    const idOf = (p: Party) => (p.kind === 'person' ? p.idNumber : p.creditCode) ?? '';
    for (const c of all) for (const p of c.parties) seen.set(idOf(p), (seen.get(idOf(p)) ?? 0) + 1);
    const shared = all.filter((c) => c.parties.some((p) => (seen.get(idOf(p)) ?? 0) > 1));
    let matched = 0;
    for (const c of [...shared, ...all.filter((_, i) => i % 31 === 0)]) {
      const found = (await same('duplicates.forCase', { id: c.id })) as { parties: { matches: unknown[] }[] };
      if (found.parties.some((p) => p.matches.length > 0)) matched++;
    }
    expect(matched).toBeGreaterThanOrEqual(12);
    const person = all.find((c) => c.parties[0].kind === 'person')!.parties[0] as Extract<Party, { kind: 'person' }>;
    const org = all.flatMap((c) => c.parties).find((p) => p.kind === 'organization') as Extract<Party, { kind: 'organization' }>;
    for (const probe of [
      { name: person.name, idNumber: person.idNumber },
      { idNumber: person.idNumber?.toLowerCase() },
      { name: ` ${person.name} `, phone: person.phone },
      { name: person.name, address: person.address },
      { kind: 'organization', name: org.name, creditCode: org.creditCode },
      { name: '没有这个人', phone: '13900000000' },
    ]) {
      await same('duplicates.check', { parties: [probe] });
    }
    await same('duplicates.check', { parties: [{ name: person.name, idNumber: person.idNumber }], excludeCaseId: all[0].id });
  });

  it('lists and searches alike: every kind of query, every filter, every page', async () => {
    const person = all[9].parties[0];
    const name = [...person.name];
    const queries = [
      name[0],
      name.slice(-2).join(''),
      person.name,
      '𠮷田',
      '𡈽',
      'zs',
      'wang',
      'li',
      '东城调字',
      '第1号',
      '（2026）',
      '纠纷',
      '邻里',
      person.phone ?? '138',
      '13',
      '0818',
      ...(person.kind === 'person' && person.idNumber ? [person.idNumber.slice(6, 14), person.idNumber.slice(-4)] : []),
      '物业有限公司',
      'x',
      '100%',
      '_',
      '\\',
      '  ',
      'ZS',
    ];
    const totals: number[] = [];
    for (const q of queries) totals.push(((await same('cases.list', { q, limit: 30 })) as { total: number }).total);
    // the queries find something, and some more than one page
    expect(totals.filter((t) => t > 0).length).toBeGreaterThan(queries.length / 2);
    expect(Math.max(...totals)).toBeGreaterThan(30);
    await same('cases.list', { from: east20Day(), to: east20Day() });
    const filters = [
      {},
      { status: 'closed' },
      { status: ['accepted', 'agreed'] },
      { type: 'neighbour' },
      { type: '婚姻家庭纠纷' },
      { from: '2025-01-01', to: '2025-06-30' },
      { mediator: '李明华' },
      { station: STATIONS[2].stationCode },
      { unsigned: true },
      { q: name.slice(-2).join(''), status: 'closed', from: '2023-01-01' },
    ];
    for (const filter of filters) {
      await same('cases.list', { ...filter, limit: 25 });
      await same('cases.list', { ...filter, offset: 20, limit: 15 });
    }
    await same('cases.list', {});
    await same('cases.list', { offset: 10_000 });
  });

  it('holds the same front-desk requests: lists with every filter and search, single requests, every page', async () => {
    expect(requests.length).toBe(200);
    const listed = async (query: object) => (await same('requests.list', query)) as { total: number; items: unknown[] };
    const visitor = requests.find((r) => r.visitor.idNumber)!.visitor;
    const name = [...visitor.name];
    const queries = [
      name[0],
      name.slice(0, 2).join(''),
      visitor.name,
      visitor.idNumber!,
      visitor.idNumber!.slice(6, 14),
      visitor.phone!,
      '13',
      '𠮷田',
      '𡈽',
      '100%',
      '_',
      '%未付',
      '噪音扰民',
      '法律援助中心',
      '公证',
      `${STATIONS[1].stationCode}-2025`,
      requests[7].number,
      'x',
      '  ',
    ];
    const totals: number[] = [];
    for (const q of queries) totals.push((await listed({ q, limit: 20 })).total);
    expect(totals.filter((t) => t > 0).length).toBeGreaterThan(queries.length / 2);
    expect(Math.max(...totals)).toBeGreaterThan(20);
    const tie = requests.find((r) => r.number.startsWith(STATIONS[0].stationCode))!;
    const filters = [
      {},
      { station: STATIONS[1].stationCode },
      { type: 'consultation' },
      { type: ['legal-aid', 'notary'] },
      { type: '法律咨询' },
      { state: 'fed-back' },
      { state: ['closed', 'answered'] },
      { channel: 'phone' },
      { handling: 'route' },
      { from: '2026-03-01', to: '2026-06-30' },
      { from: '2026-11-01' },
      { from: tie.receivedAt.slice(0, 10), to: tie.receivedAt.slice(0, 10) },
      { toNotify: true },
      { due: true },
      { callbacks: true },
      { q: name[0], station: STATIONS[0].stationCode, type: 'consultation', from: '2025-06-01' },
    ];
    for (const filter of filters) {
      await listed({ ...filter, limit: 25 });
      await listed({ ...filter, offset: 20, limit: 15 });
    }
    expect((await listed({ toNotify: true })).total).toBeGreaterThan(0);
    expect((await listed({})).total).toBe(200);
    await listed({ offset: 10_000 });
    for (const r of requests.filter((_, i) => i % 17 === 0)) await same('requests.get', { id: r.id });
    await same('requests.get', { id: requests[3].number });
    await same('requests.verifyLog', { id: requests[5].id });
  });

  it('gives the same front-desk table, cell by cell', async () => {
    const periods = [{ year: 2025 }, { year: 2026 }, { month: '2026-11' }, { quarter: '2026Q2' }, { from: '2026-11-20', to: '2026-11-23' }];
    for (const period of periods) {
      for (const by of ['type', 'channel', 'handling', 'station'] as const) await same('requests.stats', { ...period, by });
    }
    // the north station's row is in every table by station, also where it has no request in the period
    const byStation = (await same('requests.stats', { year: 2025, by: 'station' })) as { rows: { key: string; received: number }[] };
    expect(byStation.rows.map((r) => [r.key, r.received > 0])).toEqual([
      [STATIONS[0].stationCode, true],
      [STATIONS[1].stationCode, true],
      [STATIONS[2].stationCode, false],
    ]);
    const table = await both<{ base64: string }>('requests.statsExport', { year: 2026, by: 'station', format: 'csv' });
    expect(Buffer.from(table[1].base64, 'base64').toString()).toBe(Buffer.from(table[0].base64, 'base64').toString());
  });

  it('keeps the same ledger and stations', async () => {
    const [a, b] = await both<{ imports: { receiptId?: string }[] }>('batches.log', {});
    const strip = (log: { imports: { receiptId?: string }[] }) => log.imports.map(({ receiptId: _, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    const [sa, sb] = await both<{ stations: unknown[] }>('centre.stations', {});
    expect(sb.stations).toEqual(sa.stations);
  });

  it('supervises alike: overview, station names, returns for correction, receipts on demand, a correction closing a return', async () => {
    // what differs by nature between two centres: random ids, receipt ids, each centre's own key and signature
    const plain = (value: unknown): unknown =>
      JSON.parse(
        JSON.stringify(value, (key, v: unknown) =>
          ['id', 'receiptId', 'receipts', 'signature', 'file', 'path'].includes(key) ? undefined : v,
        ),
      );
    const alike = async (name: Parameters<typeof call>[1], input: unknown) => {
      const [a, b] = await both(name, input);
      expect(plain(b), `${name} ${JSON.stringify(input)}`).toEqual(plain(a));
      return a;
    };
    await same('centre.stationNames', {});
    await alike('centre.overview', {});
    const eastCode = STATIONS[0].stationCode;
    const waiting = all.filter((c) => c.origin?.stationCode === eastCode && c.status === 'registered');
    const [corrected, stillOpen] = waiting.slice(-2);
    await alike('centre.return', { id: corrected.id, reason: '当事人身份证号码有误，请核对' });
    await alike('centre.return', { id: stillOpen.number, reason: '缺少调解申请书' });
    for (const centre of [embedded, postgres]) {
      await expect(call(centre, 'centre.return', { id: stillOpen.id, reason: '再退一次' })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    }
    await alike('centre.returns', {});
    await alike('centre.returns', { status: 'open', station: eastCode });
    await alike('centre.returns', { caseId: corrected.number });
    await alike('centre.overview', {});
    // a receipt on demand lists every case of the station, the returned ones with the centre's reason
    const issue = (centre: Desk, station: string) =>
      call(centre, 'centre.issueReceipt', { station, out: path.join(work, `receipt-${centre === embedded ? 'a' : 'b'}-${station}.json`) });
    const receipts = [await issue(embedded, eastCode), await issue(postgres, eastCode)];
    expect(plain(receipts[1])).toEqual(plain(receipts[0]));
    // and every front-desk request of the station, received
    expect(receipts[0].requests).toBe(90);
    const [ra, rb] = await Promise.all(
      receipts.map(async (r) => (JSON.parse(await readFile(r.file, 'utf8')) as { receipt: { centre: unknown } }).receipt),
    );
    // each centre signs with its own key and names it in the receipt
    const own = (r: object) => ({ ...r, centre: undefined, centreKey: undefined });
    expect(plain(own(rb))).toEqual(plain(own(ra)));
    expect(plain(await issue(postgres, STATIONS[1].stationCode))).toEqual(plain(await issue(embedded, STATIONS[1].stationCode)));
    expect(JSON.stringify(ra)).toContain('缺少调解申请书');
    expect((ra as { requests?: unknown[] }).requests).toHaveLength(90);
    // the station corrects one case: its next batch closes that return, the other stays open and goes back again
    await call(stations[0], 'cases.act', { id: corrected.id, action: 'accept', details: { date: '2026-11-22' } });
    await importBoth((await call(stations[0], 'batches.export', { out: path.join(work, 'out') })).file);
    const [open] = await both<unknown[]>('centre.returns', { status: 'open' });
    expect(open).toHaveLength(1);
    await alike('centre.returns', {});
    await alike('centre.overview', {});
  });

  /**
   * `work` with a new database (`older`, to be migrated step by step) beside the one this suite's imports
   * filled (`kept`).
   */
  async function besideKept(work: (older: pg.Client, kept: pg.Client) => Promise<void>): Promise<void> {
    const older = new pg.Client({ connectionString: await createDatabase(adminUrl) });
    const kept = new pg.Client({ connectionString: postgresUrl });
    await older.connect();
    await kept.connect();
    try {
      await work(older, kept);
    } finally {
      await kept.end();
      await older.end();
    }
  }

  /** A table's rows copied from `kept` into `older` as they are; how many. */
  async function copyTable(kept: pg.Client, older: pg.Client, table: string): Promise<number> {
    const rows = (await kept.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM ${table} t`)).rows.map((r) => r.row);
    await older.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
    return rows.length;
  }

  it('keeps the daily totals as migration 0002 builds them from the same cases (a database of the previous version)', async () => {
    const totals = 'SELECT * FROM case_totals ORDER BY dimension, key, day';
    await besideKept(async (older, kept) => {
      // version 1 only, holding the same cases; then brought to the newest version
      const migrations = loadMigrations();
      expect((await migrate(older, migrations.slice(0, 1), 'older')).applied).toEqual([1]);
      await copyTable(kept, older, 'cases');
      expect((await migrate(older, migrations, 'older')).applied).toEqual(migrations.slice(1).map((m) => m.version));
      const [built, maintained] = [(await older.query(totals)).rows, (await kept.query(totals)).rows];
      expect(built.length).toBeGreaterThan(100);
      expect(maintained).toEqual(built);
    });
  });

  it('brings a database of version 5 holding cases to version 6 with the same requests table as a new one', async () => {
    const shape = async (db: pg.Client) => ({
      columns: (
        await db.query(
          `SELECT column_name, data_type, is_nullable, collation_name FROM information_schema.columns
           WHERE table_name = 'requests' ORDER BY ordinal_position`,
        )
      ).rows,
      indexes: (await db.query("SELECT indexdef FROM pg_indexes WHERE tablename = 'requests' ORDER BY indexname")).rows,
    });
    await besideKept(async (older, kept) => {
      const migrations = loadMigrations();
      expect((await migrate(older, migrations.slice(0, 5), 'older')).applied).toEqual([1, 2, 3, 4, 5]);
      const cases = await copyTable(kept, older, 'cases');
      expect((await migrate(older, migrations.slice(0, 6), 'older')).applied).toEqual([6]);
      expect((await older.query('SELECT count(*)::int AS n FROM cases')).rows[0]).toEqual({ n: cases });
      const [made, upgraded] = [await shape(kept), await shape(older)];
      expect(made.indexes.length).toBe(8);
      expect(upgraded).toEqual(made);
    });
  });

  it('brings a database of version 6 holding requests to version 7 with the daily totals the imports kept', async () => {
    const totals = 'SELECT * FROM request_totals ORDER BY dimension, day, key, open_due';
    await besideKept(async (older, kept) => {
      const migrations = loadMigrations();
      expect((await migrate(older, migrations.slice(0, 6), 'older')).applied).toEqual([1, 2, 3, 4, 5, 6]);
      // the same requests as the imports left them (two rounds: the second replaced newer revisions)
      await copyTable(kept, older, 'requests');
      expect((await migrate(older, migrations.slice(0, 7), 'older')).applied).toEqual([7]);
      const [built, maintained] = [(await older.query(totals)).rows, (await kept.query(totals)).rows];
      expect(built.length).toBeGreaterThan(100);
      expect(maintained).toEqual(built);
      // every request counted once under each grouping
      const perDimension = await older.query('SELECT dimension, sum(received)::int AS n FROM request_totals GROUP BY 1 ORDER BY 1');
      expect(perDimension.rows).toEqual(['c', 'h', 's', 't'].map((dimension) => ({ dimension, n: requests.length })));
    });
  });

  it('brings a database of version 7 to 8: the party keys go through a pending list, and every key is still found', async () => {
    const options = "SELECT reloptions FROM pg_class WHERE relname = 'parties_keys'";
    const found = 'SELECT case_id, party_id FROM parties WHERE keys && $1::bytea[] ORDER BY 1, 2';
    await besideKept(async (older, kept) => {
      const migrations = loadMigrations();
      expect((await migrate(older, migrations.slice(0, 7), 'older')).applied).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect((await older.query(options)).rows[0].reloptions).toContain('fastupdate=off');
      for (const table of ['cases', 'parties']) await copyTable(kept, older, table);
      expect((await migrate(older, migrations.slice(0, 8), 'older')).applied).toEqual([8]);
      expect((await older.query(options)).rows[0].reloptions).toEqual(
        expect.arrayContaining(['gin_pending_list_limit=262144', 'fastupdate=on']),
      );
      const keys = (await kept.query<{ keys: Buffer[] }>('SELECT keys FROM parties')).rows.flatMap((r) => r.keys);
      expect(keys.length).toBeGreaterThan(100);
      const [upgraded, made] = [(await older.query(found, [keys])).rows, (await kept.query(found, [keys])).rows];
      expect(upgraded.length).toBeGreaterThan(100);
      expect(upgraded).toEqual(made);
    });
  });

  it("brings a database of version 8 holding cases to 9: the station's index as a new database has it", async () => {
    const indexes = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'cases' ORDER BY indexname";
    await besideKept(async (older, kept) => {
      const migrations = loadMigrations();
      expect((await migrate(older, migrations.slice(0, 8), 'older')).applied).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect((await copyTable(kept, older, 'cases')) > 100).toBe(true);
      expect((await migrate(older, migrations.slice(0, 9), 'older')).applied).toEqual([9]);
      const [upgraded, made] = [(await older.query(indexes)).rows, (await kept.query(indexes)).rows];
      expect(upgraded).toEqual(made);
      expect(made.find((r) => r.indexname === 'cases_station_order')?.indexdef).toContain('INCLUDE (station_name');
    });
  });
});
