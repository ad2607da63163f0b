/**
 * The crash-safe local store (schema version 3). See types.ts for the contract and docs/data.md for
 * what lies on disk.
 *
 * <dataDir>/
 *   lock                 one writer at a time (lock.ts)
 *   meta.json            schemaVersion 3 and the layout (bucket counts, hash)
 *   cases/0000.jsonl …   1024 case partitions chosen by a hash of the case id (buckets.ts)
 *   requests/0000.jsonl … the front desk's requests: a record partition set (records.ts), read on first use
 *   docs/<name>.json     small named documents: settings, counters, …
 *   keyring.json         the operators' sign-in material and the wrapped data key (plain: read before sign-in)
 *   journal.json         only while a multi-file commit is being applied (journal.ts)
 *   backups/<name>/      copies of all of the above (backups.ts)
 *
 * lowdb is the storage library: one `Low` per file (meta, each document, each partition) over the
 * durable adapter in codec.ts. A commit stages new file contents through the adapters and only then,
 * once the transaction has put them in place, sets each `Low`'s data: memory never runs ahead of disk,
 * and a failed commit leaves both unchanged.
 *
 * Encrypted (meta.json's `encryption`), partitions and documents are sealed with the office's data key
 * (cipher.ts). Such a store opens unloaded: lock, journal recovery, meta and keyring only; `unlock(key)`
 * loads the register once an operator has signed in. Turning encryption on or off is convert.ts.
 */

import fs from 'node:fs';
import path from 'node:path';

import { Low } from 'lowdb';

import { DeskError, invalid, notSignedIn } from '../errors';
import type { Case } from '../schema/case';
import type { CaseKey } from '../schema/case-keys';
import { nextTurn } from '../turns';
import {
  BACKUPS_DIR,
  CASES_DIR,
  checkBackup,
  checkBackupDir,
  type CheckedBackup,
  createBackupFromFiles,
  DATA_SUBDIRS,
  deleteBackup,
  DOCS_DIR,
  finishBackup,
  KEYRING_FILE,
  listBackupsIn,
  listDataFiles,
  META_FILE,
  type PendingBackup,
  readV1,
  snapshotBackup,
  storeCorrupt,
  sweepBackups,
  V1_FILE,
} from './backups';
import {
  appendToBucket,
  BUCKET_COUNT,
  bucketCaseCount,
  type BucketData,
  bucketFileName,
  bucketOf,
  bufferSource,
  keyOfCase,
  loadAll,
  moveBodies,
  type OpenedKeys,
  parseBucket,
  readBucketFile,
  readBucketHeads,
  readBucketKeys,
  serializeBucket,
} from './buckets';
import { decodeFile, FileCipher, keyMatches } from './cipher';
import { CorruptFile, docCodec, DurableAdapter, metaCodec, type MetaFile } from './codec';
import { backupSubdirs, transcodeFile } from './convert';
import { appearedUnread } from './corrupt';
import { copyFileSynced, mkdirp, removeQuietly, tempNameFor, unopenable, unwritable } from './fsio';
import { JOURNAL_FILE, recover, Transaction } from './journal';
import { acquireLock, type HeldLock } from './lock';
import { freshRecordLayout, PartitionSet, RECORD_DIRS, RECORD_KIND_NAMES, RECORD_KINDS, type RecordLayout } from './records';
import type { BackupInfo, Commit, DataSnapshot, DocName, OpenStoreOptions, RecordKind, Store, StoredRecord } from './types';

export type { BackupInfo, Commit, DataSnapshot, DocName, OpenStoreOptions, RecordKind, Store, StoredRecord } from './types';

/** 3: record partition sets beside cases (requests/); 2: case partitions and documents; 1: one db.json. */
export const SCHEMA_VERSION = 3;
const DOC_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

type DocData = { value: unknown };

class FileStore implements Store {
  readonly schemaVersion = SCHEMA_VERSION;
  private readonly partitions: Low<BucketData>[] = [];
  /**
   * The keys of each partition whose heads are not parsed yet (its Low holds no cases until then): the
   * heads are parsed when a case of the partition is first asked for (`casesIn`).
   */
  private readonly unparsed: (OpenedKeys | undefined)[] = [];
  /**
   * Per partition, the CRC-32 of the heads line the store last read or wrote there (files from before keys:
   * none until first saved). A save that only adds cases appends to such a file without parsing its heads,
   * after checking the file still has them (./buckets.ts `appendToBucket`).
   */
  private readonly headsCrcs: (number | undefined)[] = [];
  /**
   * Whether each partition had a file when the store opened or last wrote it. A file that appears where
   * there was none (copied in by hand while the program ran) is never written over unread: the save is
   * refused, and the next open reads it.
   */
  private readonly onDisk: boolean[] = [];
  private readonly docs = new Map<string, Low<DocData>>();
  private queue: Promise<unknown> = Promise.resolve();
  private count = 0;
  /** 案号 → case id, for look-ups by number (kept in step by `apply`). */
  private readonly numbers = new Map<string, string>();
  private closed = false;
  /** A journaled commit whose renames failed after its commit point: finished before the next write. */
  private needsRecovery = false;
  /** The other kinds of record, each read on its first use after `unlock` (records.ts). */
  private records = new Map<RecordKind, PartitionSet>();
  /** The data key and its cipher when the files are encrypted (set by `unlock`). */
  private cipher: FileCipher | null = null;
  private key: Uint8Array | null = null;
  private isLoaded = false;
  /** Why the last `unlock` failed (a damaged file): what reading the register says until a restore. */
  private loadError: DeskError | undefined;
  private readonly keyringLow: Low<DocData>;

  constructor(
    readonly dataDir: string,
    private readonly meta: MetaFile,
    private readonly lock: HeldLock,
    private readonly options: OpenStoreOptions,
    private readonly recordLayout: RecordLayout,
  ) {
    this.keyringLow = new Low<DocData>(new DurableAdapter(path.join(dataDir, KEYRING_FILE), docCodec('keyring', null, KEYRING_FILE)), {
      value: undefined,
    });
  }

  private get buckets(): number {
    return this.meta.layout.buckets;
  }

  get encrypted(): boolean {
    return this.meta.encryption !== undefined;
  }

  get loaded(): boolean {
    return this.isLoaded;
  }

  /** The keyring only: what sign-in needs before the register can be read. */
  async readKeyring(): Promise<void> {
    await this.keyringLow.read();
  }

  keyring<T>(): T | undefined {
    const value = this.keyringLow.data.value;
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  unlock(key?: Uint8Array): Promise<void> {
    return this.enqueue(async () => {
      if (this.isLoaded) return;
      if (this.meta.encryption) {
        if (!key) throw notSignedIn('数据已加密，请先登录');
        if (!keyMatches(key, this.meta.encryption.keyCheck)) {
          throw new DeskError(
            'STORE_CORRUPT',
            `数据密钥与数据目录“${this.dataDir}”不符：密钥文件（${KEYRING_FILE}）与数据不是同一机构的。没有修改任何文件。`,
            {
              details: { file: path.join(this.dataDir, KEYRING_FILE), backup: null },
            },
          );
        }
        this.cipher = new FileCipher(key);
        this.key = key;
      }
      try {
        await this.load();
      } catch (error) {
        this.partitions.length = 0;
        this.unparsed.length = 0;
        this.headsCrcs.length = 0;
        this.onDisk.length = 0;
        this.docs.clear();
        this.numbers.clear();
        this.count = 0;
        this.loadError =
          error instanceof CorruptFile
            ? storeCorrupt(this.dataDir, error, this.key)
            : error instanceof DeskError
              ? error
              : unopenable(error, this.dataDir);
        throw this.loadError;
      }
      this.isLoaded = true;
      this.loadError = undefined;
      if (this.options.dailyBackup !== false) {
        // In the background: opening stays fast; a failed backup must not stop work.
        this.dailyBackup().catch(() => undefined);
      }
    });
  }

  /** Reading the register before it is loaded: only an encrypted store before sign-in gets here. */
  private requireLoaded(): void {
    if (!this.isLoaded) throw this.loadError ?? notSignedIn('数据尚未打开：请先登录');
  }

  /** Read every file. Throws CorruptFile on the first file that fails validation. */
  private async load(): Promise<void> {
    const cipher = this.cipher;
    // record kinds are read on first use, in the store's form (sealed like cases when encrypted)
    this.records = new Map(RECORD_KIND_NAMES.map((kind) => [kind, new PartitionSet(this.dataDir, kind, this.recordLayout[kind], cipher)]));
    for (let bucket = 0; bucket < this.buckets; bucket++) {
      const file = path.join(this.dataDir, CASES_DIR, bucketFileName(bucket));
      const low = new Low<BucketData>(
        new DurableAdapter<BucketData>(file, {
          parse: (buffer) => parseBucket(file, bufferSource(buffer), bucket, this.buckets, cipher),
          read: () => readBucketFile(file, bucket, this.buckets, cipher),
          serialize: (data) => {
            const { bytes, relocate, headsCrc } = serializeBucket(file, data, () => fs.readFileSync(file), cipher);
            return {
              bytes,
              applied: () => {
                relocate();
                this.headsCrcs[bucket] = headsCrc;
                this.onDisk[bucket] = true;
              },
            };
          },
        }),
        { bucket, cases: new Map() },
      );
      // size, header and keys checked and parsed here, the heads when first asked for (a file from before keys: all of it now)
      const opened = readBucketKeys(file, bucket, this.buckets, cipher);
      this.headsCrcs[bucket] = undefined;
      this.onDisk[bucket] = opened !== null;
      if (opened && 'keys' in opened) {
        this.unparsed[bucket] = opened;
        this.headsCrcs[bucket] = opened.headsCrc;
        this.count += opened.keys.length;
        for (const key of opened.keys) this.numbers.set(key.number, key.id);
      } else if (opened) {
        low.data = opened.data;
        this.count += low.data.cases.size;
        for (const c of low.data.cases.values()) this.numbers.set(c.number, c.id);
      }
      this.partitions.push(low);
    }
    const docsDir = path.join(this.dataDir, DOCS_DIR);
    for (const fileName of fs.existsSync(docsDir) ? fs.readdirSync(docsDir) : []) {
      const match = /^(.+)\.json$/.exec(fileName);
      if (!match || !DOC_NAME.test(match[1])) continue;
      const low = this.docLow(match[1]);
      await low.read();
      this.docs.set(match[1], low);
    }
  }

  private docLow(name: string): Low<DocData> {
    return new Low<DocData>(new DurableAdapter(path.join(this.dataDir, DOCS_DIR, `${name}.json`), docCodec(name, this.cipher)), {
      value: undefined,
    });
  }

  getCase(id: string): Case | undefined {
    this.requireLoaded();
    if (typeof id !== 'string') return undefined;
    const bucket = bucketOf(id, this.buckets);
    // not among an unparsed partition's keys: not there, and nothing to parse (an import asks this of every case it brings)
    if (this.unparsed[bucket]?.keys.every((k) => k.id !== id)) return undefined;
    return this.casesIn(bucket)?.get(id);
  }

  /**
   * A partition's cases, its heads parsed now if they were not: a damaged heads line (or a file changed
   * on disk since the open) is STORE_CORRUPT for the caller, naming the file; nothing is written.
   */
  private casesIn(bucket: number): Map<string, Case> | undefined {
    const low = this.partitions[bucket];
    if (low && this.unparsed[bucket]) {
      const file = (low.adapter as DurableAdapter<BucketData>).file;
      let data: BucketData | null;
      try {
        data = readBucketHeads(file, bucket, this.buckets, this.cipher, this.unparsed[bucket]!);
        if (!data) throw new CorruptFile(file, '打开之后文件被删除');
      } catch (error) {
        if (error instanceof CorruptFile) throw storeCorrupt(this.dataDir, error, this.key);
        throw unopenable(error, file);
      }
      low.data = data;
      this.unparsed[bucket] = undefined;
    }
    return low?.data.cases;
  }

  /** The keys of every case (../schema/case-keys.ts): what the search index is built from, without parsing heads. */
  *caseKeys(): IterableIterator<CaseKey> {
    this.requireLoaded();
    for (const [bucket, low] of this.partitions.entries()) {
      const keys = this.unparsed[bucket];
      if (keys) yield* keys.keys;
      else for (const c of low.data.cases.values()) yield keyOfCase(c);
    }
  }

  /**
   * Parse every partition's heads in slices of about `sliceMs` between turns of the event loop (after
   * open, for long-lived doors): a partition takes ~1.5 ms at 50,000 cases and ~6 ms at 200,000.
   */
  async parseAllCases(sliceMs = 20): Promise<void> {
    let sliceStart = performance.now();
    for (let bucket = 0; bucket < this.partitions.length; bucket++) {
      if (!this.isLoaded || this.closed) return; // closed meanwhile (a restore reopens the directory): its files are another store's
      if (!this.unparsed[bucket]) continue;
      this.casesIn(bucket);
      if (performance.now() - sliceStart >= sliceMs) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
  }

  getCaseByNumber(number: string): Case | undefined {
    this.requireLoaded();
    if (typeof number !== 'string') return undefined;
    const id = this.numbers.get(number.trim());
    return id === undefined ? undefined : this.getCase(id);
  }

  allCases(): IterableIterator<Case> {
    this.requireLoaded();
    return this.eachCase();
  }

  private *eachCase(): IterableIterator<Case> {
    for (let bucket = 0; bucket < this.partitions.length; bucket++) yield* this.casesIn(bucket)!.values();
  }

  caseCount(): number {
    this.requireLoaded();
    return this.count;
  }

  getRecord<T extends StoredRecord>(kind: RecordKind, id: string): T | undefined {
    return this.recordsOf(kind, (set) => set.get(id)) as T | undefined;
  }

  getRecordByNumber<T extends StoredRecord>(kind: RecordKind, number: string): T | undefined {
    return this.recordsOf(kind, (set) => set.byNumber(number)) as T | undefined;
  }

  allRecords<T extends StoredRecord>(kind: RecordKind): IterableIterator<T> {
    // Read the kind now, so that a damaged partition fails this call rather than a later iteration step.
    this.recordsOf(kind, (set) => set.count());
    return this.records.get(kind)!.all() as IterableIterator<T>;
  }

  recordCount(kind: RecordKind): number {
    return this.recordsOf(kind, (set) => set.count());
  }

  /** Run `use` on a kind's partitions; their first reading turns a damaged file into STORE_CORRUPT. */
  private recordsOf<R>(kind: RecordKind, use: (set: PartitionSet) => R): R {
    this.requireLoaded();
    const set = this.records.get(kind);
    if (!set) throw invalid('kind', `没有“${String(kind)}”这类记录`);
    try {
      return use(set);
    } catch (error) {
      if (error instanceof CorruptFile) throw storeCorrupt(this.dataDir, error, this.key);
      if (error instanceof DeskError) throw error;
      throw unopenable(error, path.join(this.dataDir, RECORD_KINDS[kind].format.dir));
    }
  }

  getDoc<T>(name: DocName): T | undefined {
    this.requireLoaded();
    const value = this.docs.get(name)?.data.value;
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  commit(change: Commit): Promise<void> {
    return this.enqueue(() => this.apply(change));
  }

  /** The backup's content is fixed inside the write queue (hard links, milliseconds); copying happens outside it, so saves go on. */
  createBackup(kind: BackupInfo['kind'] = 'manual'): Promise<BackupInfo> {
    this.requireLoaded();
    return this.track(this.enqueue(() => this.snapshot(kind)).then((pending) => this.finish(pending)));
  }

  withSnapshot<T>(use: (snapshot: DataSnapshot) => Promise<T>): Promise<T> {
    const work = this.enqueue(() => this.snapshot('manual')).then(async (pending) => {
      try {
        return await use({
          dir: pending.staging,
          files: pending.files.map((f) => f.path),
          createdAt: pending.info.createdAt,
          caseCount: pending.info.caseCount,
          schemaVersion: pending.schemaVersion,
        });
      } finally {
        removeQuietly(pending.staging);
      }
    });
    return this.track(work);
  }

  /** Backups still being copied: `close` waits for them. */
  private readonly inFlight = new Set<Promise<unknown>>();

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  listBackups(): Promise<BackupInfo[]> {
    return this.enqueue(async () => listBackupsIn(this.dataDir));
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.enqueue(async () => {
      this.closed = true;
      this.lock.release();
    }).catch(() => undefined);
    this.closed = true;
    this.lock.release();
  }

  /** Writes run one at a time, in call order; a failed one does not stop the next. */
  enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new DeskError('INTERNAL', '数据存储已关闭，无法继续操作');
      return work();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async snapshot(kind: BackupInfo['kind']): Promise<PendingBackup> {
    try {
      return await snapshotBackup(this.dataDir, kind, this.now(), this.count, SCHEMA_VERSION);
    } catch (error) {
      throw unwritable(error, path.join(this.dataDir, BACKUPS_DIR));
    }
  }

  private async finish(pending: PendingBackup): Promise<BackupInfo> {
    try {
      return await finishBackup(pending);
    } catch (error) {
      throw unwritable(error, path.join(this.dataDir, BACKUPS_DIR));
    }
  }

  /** One backup per local day, the last `keepDaily` kept; manual and safety snapshots are never removed here. */
  dailyBackup(): Promise<void> {
    if (this.count === 0 && this.docs.size === 0) return Promise.resolve();
    // the office's setting (设置 → 自动备份保留天数) unless the caller fixed it
    const fromSettings = (this.docs.get('settings')?.data.value as { backupKeep?: unknown } | undefined)?.backupKeep;
    const keep = Math.max(1, this.options.keepDaily ?? (typeof fromSettings === 'number' ? fromSettings : 14));
    const todayLocal = localDay(this.now());
    const hasToday = () => listBackupsIn(this.dataDir).some((b) => b.kind === 'daily' && localDay(new Date(b.createdAt)) === todayLocal);
    const work = this.enqueue(async () => (hasToday() ? undefined : this.snapshot('daily')))
      .then((pending) => pending && this.finish(pending))
      .then(() => {
        const dailies = listBackupsIn(this.dataDir).filter((b) => b.kind === 'daily');
        for (const old of dailies.slice(keep)) deleteBackup(this.dataDir, old.name);
      });
    return this.track(work);
  }

  private async apply(change: Commit): Promise<void> {
    if ((change.cases?.length || Object.keys(change.docs ?? {}).length) && !this.isLoaded) this.requireLoaded();
    if (this.needsRecovery) {
      try {
        recover(this.dataDir, DATA_SUBDIRS);
        this.needsRecovery = false;
      } catch (error) {
        throw unwritable(error, this.dataDir);
      }
    }

    // Build the next state of each touched file without touching the current one.
    const touched = new Map<number, Case[]>();
    for (const [i, c] of (change.cases ?? []).entries()) {
      if (!c || typeof c !== 'object' || typeof c.id !== 'string' || typeof c.number !== 'string') {
        throw invalid(`cases[${i}]`, '不是有效的案件数据，未保存');
      }
      const bucket = bucketOf(c.id, this.buckets);
      // a private copy (unless handed over): the caller may keep editing its object; the store's cases change only by commit
      const own = change.handOver ? c : structuredClone(c);
      const list = touched.get(bucket);
      if (list) list.push(own);
      else touched.set(bucket, [own]);
    }
    /** Partitions rewritten from their cases, and partitions that only gain new cases (appended to the file as it is). */
    const nextPartitions = new Map<number, Map<string, Case>>();
    const appends = new Map<number, Case[]>();
    /** Old 案号 of replaced cases whose number changes: dropped from `numbers` once the commit is on disk. */
    const renumbered: [string, string][] = [];
    let added = 0;
    for (const [bucket, list] of touched) {
      if (this.onlyAdds(bucket, list)) {
        appends.set(bucket, list);
        added += list.length;
        continue;
      }
      const current = this.casesIn(bucket)!;
      const next = new Map(current);
      for (const c of list) {
        if (!next.has(c.id)) added++;
        // whoever still holds the replaced version can read it in full after its line is gone from the file
        const replaced = current.get(c.id);
        if (replaced) loadAll([replaced]);
        if (replaced && replaced.number !== c.number) renumbered.push([replaced.number, c.id]);
        next.set(c.id, c);
      }
      nextPartitions.set(bucket, next);
    }
    const nextDocs = new Map<string, DocData>();
    for (const [name, value] of Object.entries(change.docs ?? {})) {
      if (value === undefined) continue;
      if (!DOC_NAME.test(name)) throw invalid(`docs.${name}`, '文档名称无效');
      nextDocs.set(name, { value: structuredClone(value) });
    }
    const recordChanges = Object.entries(change.records ?? {}).filter(([, list]) => list && list.length > 0) as [
      RecordKind,
      readonly StoredRecord[],
    ][];
    // Read the kinds this commit writes before staging anything: a damaged partition refuses the commit.
    for (const [kind] of recordChanges) this.recordsOf(kind, (set) => set.count());
    const nextKeyring: DocData | undefined = change.keyring === undefined ? undefined : { value: structuredClone(change.keyring) };
    if (touched.size === 0 && nextDocs.size === 0 && recordChanges.length === 0 && !nextKeyring) return;

    const tx = new Transaction(this.dataDir);
    const newDocLows = new Map<string, Low<DocData>>();
    const afterRecords: (() => void)[] = [];
    let where = this.dataDir;
    try {
      for (const [kind, list] of recordChanges) {
        where = path.join(this.dataDir, RECORD_KINDS[kind].format.dir);
        mkdirp(where);
        afterRecords.push(await this.records.get(kind)!.stage(tx, list, (i) => invalid(`records.${kind}[${i}]`, '不是有效的记录，未保存')));
      }
      for (const [bucket, cases] of nextPartitions) {
        const low = this.partitions[bucket];
        const data: BucketData = { bucket, cases };
        const adapter = low.adapter as DurableAdapter<BucketData>;
        where = adapter.file;
        if (!this.onDisk[bucket] && fs.existsSync(adapter.file)) throw appearedUnread(adapter.file);
        await this.stageInto(tx, adapter, data, () => {
          low.data = data;
        });
      }
      for (const [bucket, list] of appends) {
        where = (this.partitions[bucket].adapter as DurableAdapter<BucketData>).file;
        this.stageAppend(tx, bucket, list);
      }
      for (const [name, data] of nextDocs) {
        let low = this.docs.get(name);
        if (!low) newDocLows.set(name, (low = this.docLow(name)));
        const target = low;
        const adapter = low.adapter as DurableAdapter<DocData>;
        where = adapter.file;
        // a document the open did not find (or one this store has not written yet) has no file of its own
        if (!this.docs.has(name) && fs.existsSync(adapter.file)) throw appearedUnread(adapter.file);
        await this.stageInto(tx, adapter, data, () => {
          target.data = data;
        });
      }
      if (nextKeyring) {
        const adapter = this.keyringLow.adapter as DurableAdapter<DocData>;
        where = adapter.file;
        await this.stageInto(tx, adapter, nextKeyring, () => {
          this.keyringLow.data = nextKeyring;
        });
      }
      // the staged files' fsyncs ran in the background while the next ones were prepared
      const failed = await tx.durable();
      if (failed) {
        where = failed.file;
        throw failed.error;
      }
    } catch (error) {
      tx.abort();
      // an appended partition whose file is not what the store read: damaged or replaced, as when parsing it
      if (error instanceof CorruptFile) throw storeCorrupt(this.dataDir, error, this.key);
      throw unwritable(error, where);
    }
    try {
      const result = tx.commit();
      if (result.applyError && result.journaled) this.needsRecovery = true;
    } catch (error) {
      throw unwritable(error, touched.size + nextDocs.size + recordChanges.length + (nextKeyring ? 1 : 0) > 1 ? this.dataDir : where);
    }
    // the transaction has run every `applied` step: memory now matches disk
    for (const [name, low] of newDocLows) this.docs.set(name, low);
    for (const done of afterRecords) done();
    this.count += added;
    for (const [number, id] of renumbered) {
      if (this.numbers.get(number) === id) this.numbers.delete(number);
    }
    for (const c of change.cases ?? []) this.numbers.set(c.number, c.id);
  }

  /**
   * Whether a commit's cases for `bucket` can be appended to its file as it is: all new to the partition
   * (no id twice), and the store knows the heads its file holds (their CRC-32; files from before keys: not
   * until first saved). Answered from the keys for a partition not parsed yet, so that it stays unparsed.
   */
  private onlyAdds(bucket: number, list: readonly Case[]): boolean {
    if (this.headsCrcs[bucket] === undefined) return false;
    const ids = new Set(list.map((c) => c.id));
    if (ids.size !== list.length) return false;
    const opened = this.unparsed[bucket];
    if (opened) return opened.keys.every((k) => !ids.has(k.id));
    const cases = this.partitions[bucket].data.cases;
    return list.every((c) => !cases.has(c.id));
  }

  /** Stage new cases appended to a partition's file (`onlyAdds`); memory follows once the file is in place. */
  private stageAppend(tx: Transaction, bucket: number, list: Case[]): void {
    const low = this.partitions[bucket];
    const file = (low.adapter as DurableAdapter<BucketData>).file;
    const opened = this.unparsed[bucket];
    const expected = { count: opened ? opened.keys.length : low.data.cases.size, headsCrc: this.headsCrcs[bucket]! };
    const { bytes, headsCrc, shift } = appendToBucket(file, bucket, this.cipher, expected, list);
    tx.stage(file, bytes, () => {
      this.headsCrcs[bucket] = headsCrc;
      if (opened) {
        // still unparsed: the new cases are read from the file with the others when the partition is first asked for
        this.unparsed[bucket] = { keys: [...opened.keys, ...list.map(keyOfCase)], headsCrc };
        return;
      }
      moveBodies(low.data.cases.values(), shift);
      const cases = new Map(low.data.cases);
      for (const c of list) cases.set(c.id, c);
      low.data = { bucket, cases };
    });
  }

  /** Stage `data` through the file's lowdb adapter; `onApplied` sets the Low's data once the file is in place. */
  private async stageInto<T>(tx: Transaction, adapter: DurableAdapter<T>, data: T, onApplied: () => void): Promise<void> {
    adapter.tx = tx;
    adapter.afterApply = onApplied;
    try {
      await adapter.write(data);
    } finally {
      adapter.tx = undefined;
      adapter.afterApply = undefined;
    }
  }
}

function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

function freshMeta(now: Date, migratedFrom?: number): MetaFile {
  const meta: MetaFile = {
    format: 'mediation-desk.data',
    schemaVersion: SCHEMA_VERSION,
    layout: {
      kind: 'hash-buckets',
      buckets: BUCKET_COUNT,
      hash: 'fnv1a-32',
      casesDir: CASES_DIR,
      docsDir: DOCS_DIR,
      records: freshRecordLayout(),
    },
    createdAt: now.toISOString(),
  };
  if (migratedFrom !== undefined) meta.migratedFrom = migratedFrom;
  return meta;
}

/** Stage the meta file through its lowdb adapter. */
async function stageMeta(tx: Transaction, dataDir: string, meta: MetaFile): Promise<void> {
  const low = new Low<MetaFile>(new DurableAdapter(path.join(dataDir, META_FILE), metaCodec), meta);
  const adapter = low.adapter as DurableAdapter<MetaFile>;
  adapter.tx = tx;
  await low.write();
  adapter.tx = undefined;
}

/**
 * Schema version 1 → 2: the single `db.json` (`{schemaVersion: 1, settings, counters, cases: [...]}`) is
 * backed up (`before-migration`), then split into partitions and documents in one journaled commit that
 * also removes `db.json`. A crash before the commit point leaves version 1 untouched; after it, version 2.
 */
async function migrateV1(dataDir: string, now: Date): Promise<void> {
  const file = path.join(dataDir, V1_FILE);
  const v1 = readV1(fs.readFileSync(file), file);
  await createBackupFromFiles(dataDir, 'before-migration', now, v1.cases.length, 1);
  mkdirp(path.join(dataDir, CASES_DIR));
  mkdirp(path.join(dataDir, DOCS_DIR));
  for (const dir of RECORD_DIRS) mkdirp(path.join(dataDir, dir));
  const partitions = new Map<number, Map<string, Case>>();
  for (const [i, raw] of v1.cases.entries()) {
    const c = raw as Case;
    if (!c || typeof c !== 'object' || typeof c.id !== 'string') throw new CorruptFile(file, `第${i + 1}件案件缺少编号（id）`);
    const bucket = bucketOf(c.id);
    let cases = partitions.get(bucket);
    if (!cases) partitions.set(bucket, (cases = new Map()));
    cases.set(c.id, c);
  }
  const tx = new Transaction(dataDir);
  try {
    for (const [bucket, cases] of partitions) {
      const target = path.join(dataDir, CASES_DIR, bucketFileName(bucket));
      tx.stage(target, serializeBucket(target, { bucket, cases }, () => Buffer.alloc(0)).bytes);
    }
    for (const [name, value] of Object.entries(v1)) {
      if (name === 'schemaVersion' || name === 'cases' || value === undefined || !DOC_NAME.test(name)) continue;
      tx.stage(path.join(dataDir, DOCS_DIR, `${name}.json`), docCodec(name).serialize({ value }, '').bytes);
    }
    await stageMeta(tx, dataDir, freshMeta(now, 1));
    tx.remove(file);
  } catch (error) {
    tx.abort();
    throw error;
  }
  tx.commit();
}

/**
 * Schema version 2 → 3: version 3 only adds record partition sets, which start empty, so nothing but
 * meta.json changes (one atomic rename; no backup needed, no data is rewritten). An older program then
 * refuses the directory instead of ignoring, and its backups silently leaving out, the requests.
 */
async function migrateV2(dataDir: string, meta: MetaFile, now: Date): Promise<void> {
  for (const dir of RECORD_DIRS) mkdirp(path.join(dataDir, dir));
  const tx = new Transaction(dataDir);
  try {
    const fresh = freshMeta(now, 2);
    await stageMeta(tx, dataDir, {
      ...meta,
      schemaVersion: SCHEMA_VERSION,
      layout: { ...meta.layout, records: fresh.layout.records },
      migratedFrom: 2,
    });
  } catch (error) {
    tx.abort();
    throw error;
  }
  tx.commit();
}

async function initialise(dataDir: string, now: Date): Promise<void> {
  mkdirp(path.join(dataDir, CASES_DIR));
  mkdirp(path.join(dataDir, DOCS_DIR));
  for (const dir of RECORD_DIRS) mkdirp(path.join(dataDir, dir));
  const tx = new Transaction(dataDir);
  try {
    await stageMeta(tx, dataDir, freshMeta(now));
  } catch (error) {
    tx.abort();
    throw error;
  }
  tx.commit();
}

/** Each record kind's partition layout from meta.json: present for every kind, and in the kind's own folder. */
function recordLayoutOf(meta: MetaFile, metaFile: string): RecordLayout {
  const records = meta.layout.records ?? {};
  for (const kind of RECORD_KIND_NAMES) {
    const entry = records[kind];
    if (!entry) throw new CorruptFile(metaFile, `缺少“${kind}”记录分区的布局说明`);
    // the folder is part of each partition's encryption identity (buckets.ts): it cannot move
    if (entry.dir !== RECORD_KINDS[kind].format.dir) throw new CorruptFile(metaFile, `“${kind}”记录分区的文件夹与本程序的不符`);
  }
  return records as RecordLayout;
}

/** STORE_MISSING unless `dataDir` holds a register (or the remains of one, which opening then judges). */
function refuseWithoutRegister(dataDir: string): void {
  let present: boolean;
  try {
    present =
      [META_FILE, V1_FILE, JOURNAL_FILE].some((name) => fs.existsSync(path.join(dataDir, name))) ||
      (fs.existsSync(dataDir) && listDataFiles(dataDir).length > 0);
  } catch (error) {
    throw unopenable(error, dataDir);
  }
  if (!present) {
    throw new DeskError(
      'STORE_MISSING',
      `文件夹“${dataDir}”中没有案件数据（不是人民调解工作台的数据目录），没有作任何更改。如数据在别处，请用 --data 指定正确的文件夹；如要在此新建，请先运行 init --json 设置文件。`,
      { details: { path: dataDir } },
    );
  }
}

/** Open (creating, recovering or migrating as needed) the data directory; it stays locked until `close`. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const dataDir = path.resolve(options.dataDir);
  const now = () => options.now?.() ?? new Date();
  if (options.create === false) refuseWithoutRegister(dataDir);
  try {
    mkdirp(dataDir);
  } catch (error) {
    throw unwritable(error, dataDir);
  }
  const lock = await acquireLock(dataDir, options.lockWaitMs ?? 2000);
  try {
    try {
      recover(dataDir, [...DATA_SUBDIRS, ...backupSubdirs(dataDir)]);
      sweepBackups(dataDir);
    } catch (error) {
      if (error instanceof DeskError) throw error;
      throw unwritable(error, dataDir);
    }
    const metaFile = path.join(dataDir, META_FILE);
    let meta = new DurableAdapter(metaFile, metaCodec).readSync();
    if (!meta) {
      if (fs.existsSync(path.join(dataDir, V1_FILE))) await migrateV1(dataDir, now());
      else if (listDataFiles(dataDir).length > 0) throw new CorruptFile(metaFile, '数据说明文件缺失，但目录中有数据文件');
      else await initialise(dataDir, now());
      meta = new DurableAdapter(metaFile, metaCodec).readSync()!;
    }
    if (meta.schemaVersion > SCHEMA_VERSION) {
      throw new DeskError(
        'STORE_CORRUPT',
        `数据目录“${dataDir}”由较新版本的人民调解工作台创建（数据版本${meta.schemaVersion}），请升级本程序后再打开。`,
        {
          details: { file: metaFile, backup: null },
        },
      );
    }
    if (meta.schemaVersion === 2) {
      await migrateV2(dataDir, meta, now());
      meta = new DurableAdapter(metaFile, metaCodec).readSync()!;
    }
    if (meta.schemaVersion !== SCHEMA_VERSION) throw new CorruptFile(metaFile, `未知的数据版本${meta.schemaVersion}`);
    const store = new FileStore(dataDir, meta, lock, options, recordLayoutOf(meta, metaFile));
    await store.readKeyring();
    if (options.load !== false && (!meta.encryption || options.key)) await store.unlock(options.key);
    return store;
  } catch (error) {
    lock.release();
    if (error instanceof CorruptFile) throw storeCorrupt(dataDir, error, null);
    if (error instanceof DeskError) throw error;
    throw unopenable(error, dataDir);
  }
}

/** Counters from whatever the directory holds (v2 document or v1 file); undefined when unreadable. */
function readCurrentCounters(dataDir: string, cipher: FileCipher | null): Record<string, number> | undefined {
  try {
    const v2 = path.join(dataDir, DOCS_DIR, 'counters.json');
    if (fs.existsSync(v2)) return docCodec('counters', cipher).parse(fs.readFileSync(v2), v2).value as Record<string, number>;
    const v1 = path.join(dataDir, V1_FILE);
    if (fs.existsSync(v1)) return readV1(fs.readFileSync(v1), v1).counters;
  } catch {
    // corrupt current data: the restore goes ahead with the backup's counters
  }
  return undefined;
}

/** Element-wise maximum: a case-number sequence never goes back, also across a restore. */
export function maxCounters(...all: (Record<string, number> | undefined)[]): Record<string, number> | undefined {
  const present = all.filter((c): c is Record<string, number> => !!c && typeof c === 'object');
  if (present.length === 0) return undefined;
  const merged: Record<string, number> = {};
  for (const counters of present) {
    for (const [key, value] of Object.entries(counters)) {
      if (typeof value === 'number' && Number.isFinite(value)) merged[key] = Math.max(merged[key] ?? value, value);
    }
  }
  return merged;
}

/** Best-effort case count of the current data (from partition headers), for the before-restore snapshot. */
function countCases(dataDir: string, cipher: FileCipher | null): number {
  let total = 0;
  for (const rel of listDataFiles(dataDir)) {
    try {
      const bucket = /^cases\/(\d+)\.jsonl$/.exec(rel);
      const file = path.join(dataDir, rel);
      if (bucket) total += bucketCaseCount(file, fs.readFileSync(file), Number(bucket[1]), cipher);
      else if (rel === V1_FILE) total += readV1(fs.readFileSync(file), rel).cases.length;
    } catch {
      // unreadable: not counted
    }
  }
  return total;
}

/** The current meta.json, or undefined when it is missing or damaged (a restore must still work then). */
function readMetaQuietly(root: string): MetaFile | undefined {
  try {
    return new DurableAdapter(path.join(root, META_FILE), metaCodec).readSync() ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Restore a backup into a data directory that is not open. Takes the lock itself; works when the current
 * data is corrupt. First snapshots the current files as a `before-restore` backup (returned as `undo`:
 * restoring it undoes this restore). The `counters` document becomes the element-wise maximum of the
 * current and the restored values, so no case number is issued twice.
 *
 * Encryption: the restored files take the current form of the directory (or the backup's, when the
 * current meta.json is unreadable): a backup in the other form is decrypted or encrypted on the way,
 * which needs the data key (`key`). The current keyring (operators and passwords) is kept.
 */
export async function restoreBackup(
  dataDir: string,
  name: string,
  options: { now?: () => Date; lockWaitMs?: number; key?: Uint8Array | null } = {},
): Promise<{ restored: BackupInfo; undo: BackupInfo }> {
  return restoreWith(dataDir, `备份“${name}”`, (root, key) => checkBackup(root, name, key), options);
}

/**
 * The same from a backup folder outside the list (an archive unpacked by ../backups/archive.ts), with
 * the same safety: the folder is checked whole first, the current data is kept as `undo`.
 */
export async function restoreBackupFolder(
  dataDir: string,
  dir: string,
  options: { now?: () => Date; lockWaitMs?: number; key?: Uint8Array | null } = {},
): Promise<{ restored: BackupInfo; undo: BackupInfo }> {
  return restoreWith(dataDir, '备份文件', (_root, key) => checkBackupDir(dir, key), options);
}

async function restoreWith(
  dataDir: string,
  label: string,
  check: (root: string, key: Uint8Array | null) => CheckedBackup,
  options: { now?: () => Date; lockWaitMs?: number; key?: Uint8Array | null },
): Promise<{ restored: BackupInfo; undo: BackupInfo }> {
  const root = path.resolve(dataDir);
  const now = () => options.now?.() ?? new Date();
  const key = options.key ?? null;
  if (!fs.existsSync(path.join(root, BACKUPS_DIR))) refuseWithoutRegister(root);
  const lock = await acquireLock(root, options.lockWaitMs ?? 2000);
  let where = root;
  try {
    try {
      recover(root, [...DATA_SUBDIRS, ...backupSubdirs(root)]);
    } catch {
      // a damaged journal must not prevent restoring; the snapshot below keeps it as it is
    }
    let backup;
    try {
      backup = check(root, key);
    } catch (error) {
      if (error instanceof CorruptFile) {
        throw new DeskError('STORE_CORRUPT', `${label}已损坏，不能用于恢复：文件“${error.file}”${error.reason}。当前数据没有改变。`, {
          details: { file: error.file, backup: label },
        });
      }
      throw error;
    }
    const currentMeta = readMetaQuietly(root);
    const targetForm = currentMeta ? currentMeta.encryption : backup.meta?.encryption;
    const backupSealed = backup.meta?.encryption !== undefined;
    if (targetForm && key && !keyMatches(key, targetForm.keyCheck))
      throw new DeskError('STORE_CORRUPT', '数据密钥与数据目录不符，没有恢复。');
    if (backupSealed !== (targetForm !== undefined) && !key) {
      throw notSignedIn(`${label}与当前数据的加密状态不同，需要管理员登录后才能恢复`);
    }
    if (targetForm && backup.schemaVersion === 1) {
      throw new DeskError('NOT_ALLOWED', `${label}是升级前（第1版数据）的备份，不能恢复到已加密的数据目录：请先关闭加密，恢复后再开启。`);
    }
    const cipher = key ? new FileCipher(key) : null;
    const from = backupSealed ? cipher : null;
    const to = targetForm ? cipher : null;
    const sameForm = backupSealed === (targetForm !== undefined);

    where = path.join(root, BACKUPS_DIR);
    const undo = await createBackupFromFiles(
      root,
      'before-restore',
      now(),
      countCases(root, currentMeta?.encryption ? cipher : null),
      fs.existsSync(path.join(root, META_FILE)) ? SCHEMA_VERSION : 1,
    );

    // counters are rewritten (merged) only where they can be read and written in the target form
    const canRewrite = !targetForm || cipher !== null;
    const counters = canRewrite
      ? maxCounters(readCurrentCounters(root, currentMeta?.encryption ? cipher : null), backup.counters)
      : undefined;
    const keepKeyring = fs.existsSync(path.join(root, KEYRING_FILE));
    where = root;
    const tx = new Transaction(root);
    try {
      const incoming = new Set(backup.files);
      if (keepKeyring) incoming.add(KEYRING_FILE);
      for (const rel of backup.files) {
        const target = path.join(root, rel);
        const source = path.join(backup.dir, rel);
        if (rel === KEYRING_FILE && keepKeyring) continue;
        mkdirp(path.dirname(target));
        if (counters && rel === V1_FILE) {
          const v1 = readV1(decodeFile(from, fs.readFileSync(source), V1_FILE, source), rel);
          tx.stage(target, JSON.stringify({ ...v1, counters }));
        } else if (counters && rel === `${DOCS_DIR}/counters.json`) {
          tx.stage(target, docCodec('counters', to).serialize({ value: counters }, '').bytes);
        } else if (rel === META_FILE && backup.meta) {
          const { encryption: _backupForm, ...rest } = backup.meta;
          tx.stage(target, metaCodec.serialize(targetForm ? { ...rest, encryption: targetForm } : rest, target).bytes);
        } else if (sameForm) {
          const temp = tempNameFor(target);
          copyFileSynced(source, temp);
          tx.stageExisting(temp, target);
        } else {
          tx.stage(target, transcodeFile(rel, source, fs.readFileSync(source), backup.meta?.layout, from, to));
        }
      }
      if (counters && backup.schemaVersion === SCHEMA_VERSION && !incoming.has(`${DOCS_DIR}/counters.json`)) {
        const target = path.join(root, DOCS_DIR, 'counters.json');
        mkdirp(path.dirname(target));
        tx.stage(target, docCodec('counters', to).serialize({ value: counters }, '').bytes);
        incoming.add(`${DOCS_DIR}/counters.json`);
      }
      for (const rel of listDataFiles(root)) if (!incoming.has(rel)) tx.remove(path.join(root, rel));
    } catch (error) {
      tx.abort();
      throw error;
    }
    tx.commit();
    return { restored: backup.info, undo };
  } catch (error) {
    if (error instanceof CorruptFile) throw new DeskError('STORE_CORRUPT', `${label}中的文件“${error.file}”${error.reason}，没有恢复。`);
    if (error instanceof DeskError) throw error;
    throw unwritable(error, where);
  } finally {
    lock.release();
  }
}

export { bucketOf } from './buckets';
export { convertEncryption, encryptionOf } from './convert';
export { storeFaults } from './fsio';
