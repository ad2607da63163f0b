/**
 * The register on the embedded store: the data directory's cases and documents, searched and counted
 * through the desk's in-memory views (the search index, the duplicate-party index). What every station
 * and a centre without a database runs.
 */

import { caseIndex, type CaseQuery } from '../cases/search';
import type { Desk } from '../desk';
import { findMatches, type LinksDoc, PARTY_INDEX, partyIndexOf, type UnreadableCase } from '../oversight/duplicates';
import type { Period } from '../oversight/period';
import { computeReminders, type ReadyReminder, type ReminderQuery } from '../oversight/reminders';
import { buildReport, buildSeries, ofStation, type StatsBy, type StatsContext } from '../oversight/stats';
import { requestIndex, type RequestQuery } from '../requests/search';
import { type RequestStatsBy, type RequestStatsContext, tallyRequests } from '../requests/stats';
import type { Case } from '../schema/case';
import type { Request } from '../schema/request';
import type { Settings } from '../schema/settings';
import type { DuplicateProbe, ExistingCase, ImportState, ImportWrite, LocalDocs, Register, ReturnEntry } from './index';

/** A case or request as an import compares it with the batch's copy. */
function existingOf(record: Case | Request): ExistingCase {
  return {
    id: record.id,
    number: record.number,
    revision: record.revision,
    ...(record.origin ? { origin: { fingerprint: record.origin.fingerprint, stationName: record.origin.stationName } } : {}),
    lastHash: record.events[record.events.length - 1]?.hash,
  };
}

interface StationEntry {
  fingerprint: string;
}

/** `list` with `changed` put in place of the entries with the same id, the new ones at the end. */
function replacingById<E extends { id: string }>(list: readonly E[], changed: readonly E[]): E[] {
  const byId = new Map(changed.map((e) => [e.id, e]));
  const known = new Set(list.map((e) => e.id));
  return [...list.map((e) => byId.get(e.id) ?? e), ...changed.filter((e) => !known.has(e.id))];
}

/** Whether the import ledger (batches/import.ts's records) holds an import of this batch. */
function inLedger(ledger: readonly unknown[], batchId: string): boolean {
  return ledger.some((r) => (r as { batchId?: unknown }).batchId === batchId);
}

export class EmbeddedRegister implements Register {
  readonly kind = 'embedded';
  /** Imports run one after another: each decides on the state the previous one left. */
  private imports: Promise<unknown> = Promise.resolve();

  constructor(private readonly desk: Desk) {}

  async listCases(query: CaseQuery) {
    return caseIndex(this.desk).search(query);
  }

  async casesByIds(ids: readonly string[]) {
    const found = new Map<string, Case>();
    for (const id of ids) {
      const c = this.desk.store.getCase(id);
      if (c) found.set(id, c);
    }
    return found;
  }

  async listRequests(query: RequestQuery) {
    return requestIndex(this.desk).search(query);
  }

  async findRequest(idOrNumber: string) {
    const store = this.desk.store;
    return store.getRecord<Request>('requests', idOrNumber) ?? store.getRecordByNumber<Request>('requests', idOrNumber);
  }

  /** Tallied from the whole register's facts (kept by the index): the period's, and a row for every station seen. */
  async requestReport(period: Period, by: RequestStatsBy, ctx: RequestStatsContext) {
    return tallyRequests(requestIndex(this.desk).facts(), period, by, ctx);
  }

  async statsReport(period: Period, by: StatsBy, ctx: StatsContext, station?: string) {
    return buildReport(ofStation(caseIndex(this.desk).all(), station, ctx), period, by, ctx);
  }

  async statsSeries(period: Period, months: readonly string[], ctx: StatsContext, station?: string) {
    return buildSeries(ofStation(caseIndex(this.desk).all(), station, ctx), period, months);
  }

  async reminders(today: string, settings: Settings['reminders'], query?: ReminderQuery, frontDesk: readonly ReadyReminder[] = []) {
    return computeReminders(caseIndex(this.desk).all(), today, settings, query, frontDesk);
  }

  /** The party index (with a station's front-desk visitors), built on first use in slices and kept in step by the desk's commits. */
  private partyIndex() {
    return partyIndexOf(this.desk);
  }

  async duplicateMatches(probes: readonly DuplicateProbe[]) {
    const index = await this.partyIndex();
    const links = await this.links();
    const lookup = (id: string) => this.desk.store.getCase(id);
    const shown: UnreadableCase[] = [];
    const matches = probes.map(({ probe, self }) => findMatches(index, lookup, probe, self, links, shown));
    // Cases left out of the index when it was built are named too: the check still answered for the rest.
    const unreadable = new Map(shown.map((u) => [u.caseId, u]));
    for (const [caseId, reason] of index.unreadable) {
      if (!unreadable.has(caseId)) unreadable.set(caseId, { caseId, number: '', reason: `未参与查重：${reason}` });
    }
    return { matches, unreadable: [...unreadable.values()] };
  }

  async warmDuplicates() {
    const started = performance.now();
    const wasBuilt = this.desk.view(PARTY_INDEX).built;
    await this.partyIndex();
    return { built: true, ms: wasBuilt ? 0 : Math.round(performance.now() - started) };
  }

  async links(): Promise<LinksDoc> {
    return this.desk.store.getDoc<LinksDoc>('links') ?? { pairs: [] };
  }

  async updateLinks(change: (doc: LinksDoc) => LinksDoc | undefined) {
    const current = await this.links();
    const next = change(structuredClone(current));
    if (!next) return current;
    await this.desk.commit({ docs: { links: next } });
    return next;
  }

  async readDocument(name: 'keys') {
    return this.desk.store.getDoc<unknown>(name);
  }

  async createDocument(name: 'keys', value: unknown) {
    const existing = this.desk.store.getDoc<unknown>(name);
    if (existing !== undefined) return existing;
    await this.desk.commit({ docs: { [name]: value } });
    return value;
  }

  async writeDocument(name: 'keys', value: unknown) {
    await this.desk.commit({ docs: { [name]: value } });
  }

  async stations() {
    return this.desk.store.getDoc<{ stations: unknown[] }>('stations')?.stations ?? [];
  }

  async saveStation(station: { fingerprint: string }, alongside: LocalDocs = {}) {
    const stations = (await this.stations()) as StationEntry[];
    const at = stations.findIndex((s) => s.fingerprint === station.fingerprint);
    const next = at < 0 ? [...stations, station] : stations.map((s, i) => (i === at ? station : s));
    await this.desk.commit({ docs: { ...alongside, stations: { stations: next } } });
  }

  async returns() {
    return this.desk.store.getDoc<{ returns: unknown[] }>('returns')?.returns ?? [];
  }

  async saveReturns(returns: readonly ReturnEntry[]) {
    const current = (await this.returns()) as ReturnEntry[];
    await this.desk.commit({ docs: { returns: { returns: replacingById(current, returns) } } });
  }

  async stationCases(stationCode: string) {
    return caseIndex(this.desk)
      .all()
      .filter((c) => c.origin?.stationCode === stationCode)
      .map((c) => ({ id: c.id, number: c.number, revision: c.revision, fingerprint: c.origin!.fingerprint }));
  }

  async stationRequests(stationCode: string) {
    return [...requestIndex(this.desk).all()]
      .filter((r) => r.origin?.stationCode === stationCode)
      .map((r) => ({ id: r.id, number: r.number, revision: r.revision, fingerprint: r.origin!.fingerprint }));
  }

  async ledger() {
    return this.desk.store.getDoc<{ batches: unknown[] }>('imports')?.batches ?? [];
  }

  async ledgerStationNames() {
    return ((await this.ledger()) as { stationCode: unknown; stationName: unknown }[]).map(({ stationCode, stationName }) => ({
      stationCode,
      stationName,
    }));
  }

  async batchImported(batchId: string) {
    return inLedger(await this.ledger(), batchId);
  }

  async existingCases(ids: readonly string[]) {
    const found = new Map<string, ExistingCase>();
    for (const id of ids) {
      const c = this.desk.store.getCase(id);
      if (c) found.set(id, existingOf(c));
    }
    return found;
  }

  async existingRequests(ids: readonly string[]) {
    const found = new Map<string, ExistingCase>();
    for (const id of ids) {
      const r = this.desk.store.getRecord<Request>('requests', id);
      if (r) found.set(id, existingOf(r));
    }
    return found;
  }

  importBatch<T>(
    key: { batchId: string; ids: readonly string[]; requestIds?: readonly string[] },
    decide: (state: ImportState) => ImportWrite<T>,
  ): Promise<T> {
    const run = this.imports.then(async () => {
      const ledger = await this.ledger();
      const returns = (await this.returns()) as ReturnEntry[];
      const write = decide({
        existing: await this.existingCases(key.ids),
        alreadyImported: inLedger(ledger, key.batchId),
        returns: structuredClone(returns),
        existingRequests: await this.existingRequests(key.requestIds ?? []),
      });
      if (write.cases.length > 0 || write.requests?.length || write.ledger || write.returns?.length) {
        // One commit: the store makes it atomic across every partition file (cases and requests) and the documents.
        await this.desk.commit({
          cases: write.cases,
          // made fresh from the batch's file by the decision, and nothing changes them afterwards
          handOver: true,
          ...(write.requests?.length ? { records: { requests: write.requests } } : {}),
          docs: {
            ...(write.ledger ? { imports: { batches: [...ledger, write.ledger.record] } } : {}),
            ...(write.returns?.length ? { returns: { returns: replacingById(returns, write.returns) } } : {}),
          },
        });
      }
      return write.result;
    });
    this.imports = run.catch(() => undefined);
    return run;
  }
}
