/**
 * The store's contract. The store owns every file in the data directory; nothing else touches them.
 *
 * - Cases live in partition files (lowdb, one instance per file) so that saving one case rewrites
 *   one small file, whatever the size of the register.
 * - Other kinds of record (`RecordKind`: the front desk's requests) live in partition sets of their
 *   own, in the same file format, loaded on first use; a commit writes cases, records and documents
 *   together, atomically.
 * - Small named documents (settings, counters, export log, trusted stations, keys…) live in their own files.
 * - `commit` is the only write: atomic and durable across every file it touches (all or nothing after a
 *   crash or power cut), acknowledged only once on disk. Writes are serialised through one queue.
 * - One writer per data directory (a lock file; a stale lock of a dead process is taken over).
 */

import type { Case } from '../schema/case';
import type { CaseKey } from '../schema/case-keys';

/** Names of the small documents. Each module that needs one adds its name here. */
export type DocName =
  | 'settings'
  | 'counters' // number sequences: cases per year { "2026": 12 }, requests "request:2026"; never decrease, also across restores
  | 'exportLog' // batches: what the station exported and when
  | 'stations' // batches: at a centre, trusted station keys
  | 'keys' // batches: this installation's key pairs
  | 'receipts' // batches: receipts applied / issued
  | 'imports' // batches: at a centre, batches already imported
  | 'links' // oversight: parties confirmed as the same person
  | 'reminders' // oversight: when notifications were last shown
  | 'templates' // documents: bookkeeping of office templates, if any
  | 'backupExports' // backups: when a backup archive was last written off the PC
  | 'returns' // batches: at a centre, cases returned to their stations for correction (退回补正)
  | 'escrowLog' // operators: at a centre, the recovery responses it issued to stations
  | 'identityLog'; // settings: changes of station code, centre keys recorded or replaced, stations trusted, re-coded, revoked

/**
 * Kinds of record kept beside cases, each in its own partition set (`<kind>/0000.jsonl` …; see
 * records.ts). The store knows of a record only what it needs to file it: id, number and revision;
 * the kind's own module validates everything else before committing. To add a kind, name it here and
 * describe its partitions in records.ts.
 */
export type RecordKind = 'requests';

/** What the store reads of any record. */
export interface StoredRecord {
  readonly id: string;
  /** Unique within its kind (a request's 登记编号). */
  readonly number: string;
  readonly revision: number;
}

export interface Commit {
  /** Cases to write in full (insert or replace by id). */
  cases?: readonly Case[];
  /**
   * The caller gives these cases to the store and will never change them afterwards (a batch import's cases,
   * made fresh from the batch's file): the store keeps them as they are instead of its own copy of each.
   * A copy of 10,000 imported cases cost about 0.8 s of CPU. Without it, the store copies: the caller may
   * keep editing its object, and the store's cases change only by commit.
   */
  handOver?: boolean;
  /** Records of the other kinds to write in full (insert or replace by id), in the same atomic commit. */
  records?: { readonly [K in RecordKind]?: readonly StoredRecord[] };
  /** Documents to replace in full. */
  docs?: Partial<Record<DocName, unknown>>;
  /**
   * The keyring (`keyring.json`): the sign-in material of the operators, never encrypted because it is
   * read before anyone has signed in. The only part a commit may write while the store is not loaded.
   */
  keyring?: unknown;
}

export interface BackupInfo {
  /** Directory name under `<dataDir>/backups/`, e.g. `2026-11-23T10-15-02_manual`. */
  name: string;
  kind: 'manual' | 'daily' | 'before-restore' | 'before-migration' | 'imported';
  createdAt: string; // ISO timestamp
  caseCount: number;
  bytes: number;
}

/** The data files of one moment, in a folder of their own (see `Store.withSnapshot`). */
export interface DataSnapshot {
  dir: string;
  /** Relative paths with `/`: meta.json, docs/…, cases/…. */
  files: string[];
  createdAt: string;
  caseCount: number;
  schemaVersion: number;
}

export interface OpenStoreOptions {
  dataDir: string;
  /** How long to wait for another process's lock before failing with STORE_LOCKED. Default 2000 ms. */
  lockWaitMs?: number;
  /** Make the daily rolling backup on open when none exists for today. Default true. */
  dailyBackup?: boolean;
  /** How many daily backups to keep. Default 14. */
  keepDaily?: number;
  now?: () => Date;
  /** The office's data key: needed to load an encrypted data directory (else it opens unloaded). */
  key?: Uint8Array;
  /** false: open without loading the register (lock, recovery, meta and keyring only); `unlock` loads it. Default true. */
  load?: boolean;
  /**
   * Make a new, empty register when the folder holds none (default true). With false, a folder without
   * one is refused with STORE_MISSING and nothing is created there (not even the folder or a lock file).
   */
  create?: boolean;
}

export interface Store {
  readonly dataDir: string;
  /** Schema version of the data on disk (after migration). */
  readonly schemaVersion: number;
  /** Whether the data files are encrypted with the office's data key. */
  readonly encrypted: boolean;
  /** Whether the register is loaded; until then (an encrypted store before sign-in) only the keyring is readable. */
  readonly loaded: boolean;
  /**
   * Load the register: with the data key when it is encrypted (a key that does not fit is refused).
   * Rejects with STORE_CORRUPT when a file cannot be read, leaving the store unloaded.
   */
  unlock(key?: Uint8Array): Promise<void>;
  /** The keyring document (readable while not loaded), or undefined when the office has none yet. */
  keyring<T>(): T | undefined;

  getCase(id: string): Case | undefined;
  /** The case with this 案号 (exact, after trimming), if any: numbers are unique in a register. */
  getCaseByNumber(number: string): Case | undefined;
  /** Every case, in no particular order. Do not mutate what it yields: cases are replaced, never edited in place. */
  allCases(): IterableIterator<Case>;
  caseCount(): number;
  /**
   * The keys of every case (id, 案号, dates, status, codes, search text: ../schema/case-keys.ts), in no
   * particular order: what the search index is built from. Opening reads only these; a case's head is
   * parsed when it is first asked for (`getCase`, `allCases`).
   */
  caseKeys(): IterableIterator<CaseKey>;
  /** Parse every case's head in slices between turns of the event loop, so that the first `allCases` does not wait. */
  parseAllCases(): Promise<void>;

  /**
   * Records of another kind, like the case methods above. The first call for a kind reads its
   * partitions (STORE_CORRUPT if one cannot be read); `T` is the caller's claim, validated on write.
   */
  getRecord<T extends StoredRecord>(kind: RecordKind, id: string): T | undefined;
  getRecordByNumber<T extends StoredRecord>(kind: RecordKind, number: string): T | undefined;
  /** Every record of the kind, in no particular order; replaced, never edited in place. */
  allRecords<T extends StoredRecord>(kind: RecordKind): IterableIterator<T>;
  recordCount(kind: RecordKind): number;

  getDoc<T>(name: DocName): T | undefined;

  /** The one write. Resolves after the data is durably on disk; rejects with STORE_UNWRITABLE and changes nothing on failure. */
  commit(change: Commit): Promise<void>;

  createBackup(kind?: BackupInfo['kind']): Promise<BackupInfo>;
  listBackups(): Promise<BackupInfo[]>;
  /**
   * A consistent copy of every data file, fixed inside the write queue (saves go on while `use` reads
   * it), and removed again after `use`: what a backup archive is written from.
   */
  withSnapshot<T>(use: (snapshot: DataSnapshot) => Promise<T>): Promise<T>;

  /** Releases the lock. */
  close(): Promise<void>;
}
