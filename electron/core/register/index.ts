/**
 * The register as the handlers ask for it: one method per function a centre performs, each with two
 * implementations — the embedded store with its in-memory views (./embedded.ts, every station and a
 * small centre) and a centre's PostgreSQL database (./postgres.ts, SQL in electron/core/database/).
 * The desk opens one or the other from the settings; the handler table and the doors do not know which.
 *
 * Rank: beside oversight/ and batches/, whose pure definitions (statistics, reminders, duplicate keys)
 * both implementations share; their handlers call down into this module, never the reverse. Records
 * that batches/ owns (the centre's keys, trusted stations, the import ledger) pass through as JSON and
 * are validated there.
 *
 * A new centre function gets a method here and both implementations (see docs/postgresql.md).
 */

import type { CaseQuery } from '../cases/search';
import type { Desk } from '../desk';
import type { DuplicateMatch, LinksDoc, PartyProbe, UnreadableCase } from '../oversight/duplicates';
import type { Period } from '../oversight/period';
import type { ReadyReminder, ReminderQuery, RemindersResult } from '../oversight/reminders';
import type { MonthPoint, StatsBy, StatsContext, StatsReport, TypeShare } from '../oversight/stats';
import type { RequestQuery } from '../requests/search';
import type { RequestStatsBy, RequestStatsContext, RequestStatsReport } from '../requests/stats';
import type { Case } from '../schema/case';
import type { Request } from '../schema/request';
import type { Settings } from '../schema/settings';
import type { DocName } from '../store/types';
import { EmbeddedRegister } from './embedded';
import { PostgresRegister } from './postgres';

/** What an import compares a batch's case with: the centre's copy, if any. */
export interface ExistingCase {
  id: string;
  number: string;
  revision: number;
  /** Absent for a case registered at this office itself (never at a centre on a database). */
  origin?: { fingerprint: string; stationName: string };
  lastHash?: string;
}

export interface ImportState {
  existing: ReadonlyMap<string, ExistingCase>;
  /** An earlier import of the same batch is in the ledger. */
  alreadyImported: boolean;
  /** Returns for correction (centre/returns.ts) of the batch's station key, at least: what the import may close or carry. */
  returns: unknown[];
  /** The centre's copies of the batch's front-desk requests. */
  existingRequests: ReadonlyMap<string, ExistingCase>;
}

/** A return for correction as centre/returns.ts keeps it, with what it is looked up by. */
export interface ReturnEntry {
  id: string;
  caseId: string;
  fingerprint: string;
  stationCode: string;
  status: string;
}

/** This PC's own documents written with a shared change (a log entry of it): in the same commit on the embedded store. */
export type LocalDocs = Partial<Record<DocName, unknown>>;

/** What an import writes, all or nothing: cases (with their origin) and, when anything is recorded, a ledger entry. */
export interface ImportWrite<T> {
  cases: Case[];
  /** A station's front-desk requests (with their origin). */
  requests?: Request[];
  ledger?: {
    /** The entry as batches/import.ts keeps it. */
    record: unknown;
    batchId: string;
    stationCode: string;
    sequence: number;
    fileSha256: string;
    importedAt: string;
    receiptId: string;
    /** The signed receipt issued for this import. */
    receipt: unknown;
  };
  /** Returns the import closed or carried in its receipt (replaced by id). */
  returns?: ReturnEntry[];
  result: T;
}

export interface DuplicateProbe {
  probe: PartyProbe;
  self: { caseId?: string; partyId?: string };
}

export interface Register {
  readonly kind: 'embedded' | 'postgresql';

  // ---------------------------------------------------------------- the case register
  /** Cases matching the query, newest first (cases/search.ts's semantics), and how many match. */
  listCases(query: CaseQuery): Promise<{ total: number; items: Case[] }>;
  /** The cases with these ids that exist. */
  casesByIds(ids: readonly string[]): Promise<Map<string, Case>>;

  // ---------------------------------------------------------------- the front desk's requests (来访登记)
  /** Requests matching the query in requests/search.ts's order, and how many match. */
  listRequests(query: RequestQuery): Promise<{ total: number; items: Request[] }>;
  /** The request with this id, else this 登记编号. */
  findRequest(idOrNumber: string): Promise<Request | undefined>;
  /** The front desk's table (统一受理工作统计表) of a period, by the rules of requests/stats.ts. */
  requestReport(period: Period, by: RequestStatsBy, ctx: RequestStatsContext): Promise<RequestStatsReport>;

  // ---------------------------------------------------------------- statistics and reminders
  statsReport(period: Period, by: StatsBy, ctx: StatsContext, station?: string): Promise<StatsReport>;
  statsSeries(
    period: Period,
    months: readonly string[],
    ctx: StatsContext,
    station?: string,
  ): Promise<{ months: MonthPoint[]; byType: TypeShare[] }>;
  /** `frontDesk`: a station's request time limits, ready-written (a centre, and so a database, has none). */
  reminders(
    today: string,
    settings: Settings['reminders'],
    query?: ReminderQuery,
    frontDesk?: readonly ReadyReminder[],
  ): Promise<RemindersResult>;

  // ---------------------------------------------------------------- the duplicate check
  /**
   * For each probe, the other cases' parties it matches (oversight/duplicates.ts `findMatches`), and the
   * cases the check could not read (left out of the index, or matching but not showable).
   */
  duplicateMatches(probes: readonly DuplicateProbe[]): Promise<{ matches: DuplicateMatch[][]; unreadable: UnreadableCase[] }>;
  /** Make the first check answer at once: builds the in-memory index; a database has its index already. */
  warmDuplicates(): Promise<{ built: boolean; ms: number }>;
  links(): Promise<LinksDoc>;
  /** Read-modify-write of the links, safe against another PC doing the same; `change` returns undefined to write nothing. */
  updateLinks(change: (doc: LinksDoc) => LinksDoc | undefined): Promise<LinksDoc>;

  // ---------------------------------------------------------------- keys, trusted stations (batches/)
  /** A shared document kept as JSON: `keys` (this office's keys). */
  readDocument(name: 'keys'): Promise<unknown>;
  /** Store it unless it exists; returns the stored one (two PCs making keys at once end with the same). */
  createDocument(name: 'keys', value: unknown): Promise<unknown>;
  writeDocument(name: 'keys', value: unknown): Promise<void>;
  /** Trusted stations (revoked ones too) as batches/trust.ts keeps them, in the order trusted. */
  stations(): Promise<unknown[]>;
  /** Add or replace (re-code, revoke) a station's entry; `alongside`: this PC's log of it. */
  saveStation(
    station: { fingerprint: string; stationCode: string; name: string; trustedAt: string; revokedAt?: string },
    alongside?: LocalDocs,
  ): Promise<void>;

  // ---------------------------------------------------------------- supervision (centre/)
  /** Returns for correction as centre/returns.ts keeps them, in the order made. */
  returns(): Promise<unknown[]>;
  /** Add or replace returns (by id). A second open return of one case (another PC was quicker) is refused. */
  saveReturns(returns: readonly ReturnEntry[]): Promise<void>;
  /** Every case the centre holds from this station code: what a receipt on demand lists, in the register's order. */
  stationCases(stationCode: string): Promise<{ id: string; number: string; revision: number; fingerprint: string }[]>;
  /** Every front-desk request the centre holds from this station code, newest first: the receipt's requests part. */
  stationRequests(stationCode: string): Promise<{ id: string; number: string; revision: number; fingerprint: string }[]>;

  // ---------------------------------------------------------------- the import ledger (batches/)
  /** Ledger entries as batches/import.ts keeps them, oldest first. */
  ledger(): Promise<unknown[]>;
  /**
   * `{ stationCode, stationName }` of the ledger's entries, oldest first; a database gives only each
   * code's newest entry (the names batches/import.ts `ledgerStationNames` reads, the newest winning).
   */
  ledgerStationNames(): Promise<unknown[]>;
  /** Whether an import of this batch is in the ledger (a first look, before the import's transaction). */
  batchImported(batchId: string): Promise<boolean>;
  /** The centre's copies of these cases (a first look, before the import's transaction). */
  existingCases(ids: readonly string[]): Promise<Map<string, ExistingCase>>;
  /** The centre's copies of these front-desk requests (a first look, before the import's transaction). */
  existingRequests(ids: readonly string[]): Promise<Map<string, ExistingCase>>;
  /**
   * One import, atomically: reads the state of the batch's cases, requests and the ledger, lets `decide` say
   * what to write, and writes it. Imports of the same station's batches are serialised (also across
   * centre PCs on a database), so two imports of one batch find one the other's work: one writes,
   * the other reports everything unchanged.
   */
  importBatch<T>(
    key: { batchId: string; fingerprint: string; ids: readonly string[]; requestIds?: readonly string[] },
    decide: (state: ImportState) => ImportWrite<T>,
  ): Promise<T>;
}

const registers = new WeakMap<Desk, Register>();

/** The desk's register: its database's when it has one, else its embedded store's. */
export function registerOf(desk: Desk): Register {
  const database = desk.database;
  let register = registers.get(desk);
  if (!register || (register instanceof PostgresRegister ? register.database !== database : database !== undefined)) {
    register = database ? new PostgresRegister(database, (docs) => desk.commit({ docs })) : new EmbeddedRegister(desk);
    registers.set(desk, register);
  }
  return register;
}
