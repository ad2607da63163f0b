/**
 * The register in a centre's PostgreSQL database: each method is the SQL counterpart of the embedded
 * one (./embedded.ts), returning the same results (test/integration/centre-equivalence.test.ts compares
 * them cell by cell). The statements live in electron/core/database/; what is computed from their rows
 * (report rows and labels, duplicate matches, reminders' clock check) uses oversight/'s own functions.
 */

import type { CaseQuery } from '../cases/search';
import { caseDocuments, casesOfStation, existingCases, type ExistingRow, searchCases, writeCases } from '../database/cases';
import type { Database, Queryable } from '../database/index';
import { databaseFaults } from '../database/index';
import { partiesWithKeys } from '../database/parties';
import {
  appendLedger,
  batchImported,
  createDocument,
  lockDocument,
  lockStation,
  newestLedgerNames,
  readDocument,
  readLedger,
  readReturns,
  readStations,
  writeDocument,
  writeReturns,
  writeStation,
} from '../database/records';
import {
  type ExistingRequestRow,
  existingRequests,
  findRequestDocument,
  requestsOfStation,
  type RequestSums,
  requestTotals,
  searchRequests,
  writeRequests,
} from '../database/requests';
import { newestUpdates, statsSeries, statsTotals } from '../database/statistics';
import { DeskError, notAllowed } from '../errors';
import { findMatches, type LinksDoc, partyKeys, type Posting, type UnreadableCase } from '../oversight/duplicates';
import type { Period } from '../oversight/period';
import { centreReminders, type ReminderQuery } from '../oversight/reminders';
import { dayKey, reportFromTotals, seriesFromCounts, type StatsBy, type StatsContext } from '../oversight/stats';
import type { RequestQuery } from '../requests/search';
import { reportFromRequestTotals, type RequestStatsBy, type RequestStatsContext, type RequestTally } from '../requests/stats';
import type { Case } from '../schema/case';
import type { Request } from '../schema/request';
import type { Settings } from '../schema/settings';
import type { DuplicateProbe, ExistingCase, ImportState, ImportWrite, LocalDocs, Register, ReturnEntry } from './index';
import { requestRow } from './request-rows';
import { caseRow, keyHash, normalFingerprint } from './rows';

/** The database's sums name exactly the table's additive columns (checked by the compiler). */
const sumsAreTheTally: [RequestSums, RequestTally] extends [RequestTally, RequestSums] ? true : never = true;
void sumsAreTheTally;

/** `cases.list` without a limit: a database register can be millions of cases; a page is at most this many. */
export const LIST_CAP = 100_000;

export class PostgresRegister implements Register {
  readonly kind = 'postgresql';

  constructor(
    readonly database: Database,
    /** Write this PC's own documents (its data directory), e.g. the identity log beside a shared change. */
    private readonly localCommit: (docs: LocalDocs) => Promise<void>,
  ) {}

  async listCases(query: CaseQuery) {
    const text = query.q?.trim().toLowerCase() ?? '';
    const statuses = query.status === undefined ? undefined : Array.isArray(query.status) ? query.status : [query.status];
    const { total, docs } = await this.list('查询案件', text, (db) =>
      searchCases(
        db,
        {
          ...(text ? { q: { text, pinyin: /^[a-z]+$/.test(text) } } : {}),
          statuses,
          type: query.type,
          mediator: query.mediator,
          from: query.from,
          to: query.to,
          station: query.station,
          unsigned: query.unsigned,
        },
        { offset: query.offset ?? 0, limit: Math.min(query.limit ?? LIST_CAP, LIST_CAP) },
      ),
    );
    return { total, items: docs as Case[] };
  }

  /** A list asked with a search text runs as a search (one backend, Database.search); without one, as a plain read. */
  private list<T>(action: string, text: string, work: (db: Queryable) => Promise<T>): Promise<T> {
    return text ? this.database.search(action, work) : this.database.read(action, work);
  }

  async casesByIds(ids: readonly string[]) {
    return (await this.database.read('读取案件', (db) => caseDocuments(db, ids))) as Map<string, Case>;
  }

  async listRequests(query: RequestQuery) {
    // The urgent lists (time limits, call-backs) are a station's own: every request here came from a station.
    if (query.due || query.callbacks) return { total: 0, items: [] };
    const text = query.q?.trim().toLowerCase() ?? '';
    const many = (value: string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
    const { total, docs } = await this.list('查询来访登记', text, (db) =>
      searchRequests(
        db,
        {
          ...(text ? { q: text } : {}),
          types: many(query.type),
          states: many(query.state),
          channel: query.channel,
          handling: query.handling,
          from: query.from,
          to: query.to,
          station: query.station,
          toNotify: query.toNotify,
        },
        { offset: query.offset ?? 0, limit: Math.min(query.limit ?? LIST_CAP, LIST_CAP) },
      ),
    );
    return { total, items: docs as Request[] };
  }

  async findRequest(idOrNumber: string) {
    return (await this.database.read('读取来访登记', (db) => findRequestDocument(db, idOrNumber))) as Request | undefined;
  }

  /** Counted by the database from its daily totals (migration 7), then laid out as the embedded table is. */
  async requestReport(period: Period, by: RequestStatsBy, ctx: RequestStatsContext) {
    const totals = await this.database.read('统一受理统计', (db) => requestTotals(db, period, by, dayKey(ctx.today)));
    return reportFromRequestTotals(totals, period, by, ctx);
  }

  async statsReport(period: Period, by: StatsBy, ctx: StatsContext, station?: string) {
    const totals = await this.database.read('统计', (db) => statsTotals(db, period, by, station));
    return reportFromTotals(totals, period, by, ctx);
  }

  async statsSeries(period: Period, months: readonly string[], _ctx: StatsContext, station?: string) {
    const series = await this.database.read('统计', (db) => statsSeries(db, period, station));
    return seriesFromCounts(months, new Map(series.months.map((m) => [m.month, m])), series.byType);
  }

  async reminders(today: string, settings: Settings['reminders'], query?: ReminderQuery) {
    const newest = await this.database.read('检查到期提醒', newestUpdates);
    return centreReminders(newest, today, settings, query);
  }

  async duplicateMatches(probes: readonly DuplicateProbe[]) {
    const keysOf = probes.map(({ probe }) => partyKeys(probe).map(({ key }) => ({ key, hash: keyHash(key) })));
    const hashes = [...new Set(keysOf.flat().map((k) => k.hash))];
    const { hits, cases, links } = await this.database.read('查重', async (db) => {
      const found = await partiesWithKeys(db, hashes);
      return {
        hits: found,
        cases: (await caseDocuments(db, [...new Set(found.map((h) => h.caseId))])) as Map<string, Case>,
        links: await this.readLinks(db),
      };
    });
    // Postings per key, as the in-memory index would hold them, for just the keys asked about.
    const postings = new Map<string, Posting[]>();
    for (const hit of hits) {
      for (const hash of hit.keys) {
        const list = postings.get(hash) ?? [];
        list.push({ caseId: hit.caseId, partyId: hit.partyId });
        postings.set(hash, list);
      }
    }
    const unreadable: UnreadableCase[] = [];
    const matches = probes.map(({ probe, self }, i) => {
      const known = new Map(keysOf[i].map(({ key, hash }) => [key, postings.get(hash) ?? []]));
      return findMatches({ lookup: (key) => known.get(key) ?? [] }, (id) => cases.get(id), probe, self, links, unreadable);
    });
    return { matches, unreadable };
  }

  async warmDuplicates() {
    return { built: true, ms: 0 };
  }

  private async readLinks(db: Parameters<typeof readDocument>[0]): Promise<LinksDoc> {
    const value = (await readDocument(db, 'links')) as LinksDoc | null | undefined;
    return value ?? { pairs: [] };
  }

  links() {
    return this.database.read('读取当事人关联', (db) => this.readLinks(db));
  }

  updateLinks(change: (doc: LinksDoc) => LinksDoc | undefined) {
    return this.database.transaction('保存当事人关联', async (client) => {
      const current = ((await lockDocument(client, 'links')) as LinksDoc | undefined) ?? { pairs: [] };
      const next = change(structuredClone(current));
      if (!next) return current;
      await writeDocument(client, 'links', next);
      return next;
    });
  }

  readDocument(name: 'keys') {
    return this.database.read('读取中心密钥', (db) => readDocument(db, name));
  }

  createDocument(name: 'keys', value: unknown) {
    return this.database.read('保存中心密钥', (db) => createDocument(db, name, value));
  }

  writeDocument(name: 'keys', value: unknown) {
    return this.database.read('保存中心密钥', (db) => writeDocument(db, name, value));
  }

  stations() {
    return this.database.read('读取已登记的站点', readStations);
  }

  async saveStation(
    station: { fingerprint: string; stationCode: string; name: string; trustedAt: string; revokedAt?: string },
    alongside: LocalDocs = {},
  ) {
    await this.database.read('保存站点登记', (db) =>
      writeStation(db, { ...station, fingerprint: normalFingerprint(station.fingerprint) }, station),
    );
    // This PC's log of it (the identity log) stays in its data directory; the station's record carries its own history.
    if (Object.keys(alongside).length) await this.localCommit(alongside);
  }

  returns() {
    return this.database.read('读取退回补正记录', (db) => readReturns(db));
  }

  async saveReturns(returns: readonly ReturnEntry[]) {
    try {
      await this.database.read('保存退回补正记录', (db) => writeReturns(db, returns.map(returnRow)));
    } catch (error) {
      if (error instanceof DeskError && (error.details as { sqlstate?: string } | undefined)?.sqlstate === '23505')
        throw notAllowed('该案件刚刚已由另一台电脑退回补正，请刷新后查看');
      throw error;
    }
  }

  stationCases(stationCode: string) {
    return this.database.read('读取站点的案件', (db) => casesOfStation(db, stationCode));
  }

  stationRequests(stationCode: string) {
    return this.database.read('读取站点的来访登记', (db) => requestsOfStation(db, stationCode));
  }

  ledger() {
    return this.database.read('读取导入记录', readLedger);
  }

  ledgerStationNames() {
    return this.database.read('读取站点名称', newestLedgerNames);
  }

  batchImported(batchId: string) {
    return this.database.read('读取导入记录', (db) => batchImported(db, batchId));
  }

  async existingCases(ids: readonly string[]) {
    const rows = await this.database.read('读取中心已有的案件', (db) => existingCases(db, ids));
    return new Map([...rows].map(([id, row]) => [id, existingOf(row)]));
  }

  async existingRequests(ids: readonly string[]) {
    const rows = await this.database.read('读取中心已有的来访登记', (db) => existingRequests(db, ids));
    return new Map([...rows].map(([id, row]) => [id, existingOf(row)]));
  }

  importBatch<T>(
    key: { batchId: string; fingerprint: string; ids: readonly string[]; requestIds?: readonly string[] },
    decide: (state: ImportState) => ImportWrite<T>,
  ): Promise<T> {
    return this.database.transaction('导入批次', async (client) => {
      // Imports of one station's batches wait for each other, on every centre PC.
      await lockStation(client, normalFingerprint(key.fingerprint));
      await databaseFaults.hook?.('import-locked', client);
      const rows = await existingCases(client, key.ids);
      const write = decide({
        existing: new Map([...rows].map(([id, row]) => [id, existingOf(row)])),
        alreadyImported: await batchImported(client, key.batchId),
        // the returns an import may close or carry are those of this station key (locked above)
        returns: await readReturns(client, normalFingerprint(key.fingerprint)),
        existingRequests: new Map([...(await existingRequests(client, key.requestIds ?? []))].map(([id, row]) => [id, existingOf(row)])),
      });
      await writeCases(
        client,
        write.cases,
        caseRow,
        write.cases.flatMap((c) => (rows.has(c.id) ? [c.id] : [])),
        () => this.database.spare(),
      );
      await writeRequests(client, (write.requests ?? []).map(requestRow));
      await databaseFaults.hook?.('import-written', client);
      if (write.ledger) {
        const { record, receipt, ...columns } = write.ledger;
        await appendLedger(client, { ...columns, fingerprint: normalFingerprint(key.fingerprint) }, receipt, record);
      }
      await writeReturns(client, (write.returns ?? []).map(returnRow));
      return write.result;
    });
  }
}

function returnRow(entry: ReturnEntry) {
  return {
    columns: {
      id: entry.id,
      caseId: entry.caseId,
      fingerprint: normalFingerprint(entry.fingerprint),
      stationCode: entry.stationCode,
      status: entry.status,
    },
    record: entry,
  };
}

function existingOf(row: ExistingRow | ExistingRequestRow): ExistingCase {
  return {
    id: row.id,
    number: row.number,
    revision: row.revision,
    origin: { fingerprint: row.fingerprint, stationName: row.stationName },
    ...(row.lastHash ? { lastHash: row.lastHash } : {}),
  };
}
