/**
 * Record partition sets: the kinds of record kept beside cases (`RecordKind`; today the front desk's
 * requests, 来访登记). Each kind has its own folder of hash partitions in the case partitions' file
 * format (./buckets.ts: heads parsed, bulky bodies read on first access, truncation detected), its own
 * partition count recorded in meta.json, and is written by the store's one atomic commit together
 * with cases and documents.
 *
 * Why a partition set of its own rather than cases' partitions or a document: a station registers
 * ~20,000 requests a year and a centre receives ~500,000, so one request saved must rewrite one small
 * file (as for cases), and opening the data directory for case work must not pay for reading them:
 * a kind is read on first use, not at open.
 *
 * The store knows of a record only id, number and revision (types.ts); its module validates it.
 */

import fs from 'node:fs';
import path from 'node:path';

import { Low } from 'lowdb';

import {
  type BucketData,
  bucketFileName,
  bucketOf,
  bufferSource,
  loadAll,
  parseBucket,
  type PartitionFormat,
  readBucketFile,
  serializeBucket,
} from './buckets';
import type { FileCipher } from './cipher';
import { DurableAdapter } from './codec';
import { appearedUnread } from './corrupt';
import type { Transaction } from './journal';
import type { RecordKind, StoredRecord } from './types';

export interface RecordKindSpec {
  /** Partitions of a new data directory (an existing one keeps what its meta.json says). */
  buckets: number;
  format: PartitionFormat;
}

/** Head fields every record of a kind must carry as strings (beyond id and number). */
function requireStrings(noun: string, fields: readonly string[]): PartitionFormat['headProblem'] {
  return (h) => {
    if (typeof h.number !== 'string') return `${noun}${String(h.id)}缺少编号`;
    if (typeof h.revision !== 'number') return `${noun}${String(h.id)}缺少版本号`;
    for (const field of fields) if (typeof h[field] !== 'string') return `${noun}${String(h.id)}缺少${field}`;
    return null;
  };
}

export const RECORD_KINDS: Record<RecordKind, RecordKindSpec> = {
  requests: {
    buckets: 1024,
    format: {
      name: 'mediation-desk.requests',
      dir: 'requests',
      // The hash-chained log is most of a request's bytes and nothing in lists, search or statistics reads it.
      bodyKeys: ['events'],
      noun: '来访登记',
      headProblem: requireStrings('来访登记', ['state', 'receivedAt', 'createdAt']),
    },
  },
};

export const RECORD_KIND_NAMES = Object.keys(RECORD_KINDS) as RecordKind[];

/** The folders of the record kinds (beside `cases/` and `docs/`). */
export const RECORD_DIRS = RECORD_KIND_NAMES.map((kind) => RECORD_KINDS[kind].format.dir);

/** A record partition's path inside a data directory or backup (`requests/0017.jsonl`): its kind and partition. */
export function recordPartitionOf(rel: string): { kind: RecordKind; bucket: number } | undefined {
  const match = /^([a-z][a-z0-9-]*)\/(\d{4,})\.jsonl$/.exec(rel);
  const kind = match && RECORD_KIND_NAMES.find((k) => RECORD_KINDS[k].format.dir === match[1]);
  return kind ? { kind, bucket: Number(match[2]) } : undefined;
}

/** The partition layout of each kind as meta.json records it. */
export type RecordLayout = Record<RecordKind, { dir: string; buckets: number }>;

export function freshRecordLayout(): RecordLayout {
  return Object.fromEntries(
    RECORD_KIND_NAMES.map((kind) => [kind, { dir: RECORD_KINDS[kind].format.dir, buckets: RECORD_KINDS[kind].buckets }]),
  ) as RecordLayout;
}

/** Parse one record partition file of a backup (the same checks as the live store's, sealed with `cipher` when encrypted). */
export function checkRecordPartition(
  kind: RecordKind,
  file: string,
  buffer: Buffer,
  bucket: number,
  buckets: number,
  cipher: FileCipher | null,
): void {
  parseBucket(file, bufferSource(buffer), bucket, buckets, cipher, RECORD_KINDS[kind].format);
}

/**
 * One kind's partitions, loaded on first use. Mirrors what the store does for cases: stage the changed
 * partitions through their lowdb adapters, and update memory only once the transaction put them in place.
 */
export class PartitionSet<T extends StoredRecord = StoredRecord> {
  private partitions: Low<BucketData<T>>[] | undefined;
  /** Whether each partition had a file when first read or since written: one that appears later is never written over unread. */
  private readonly onDisk: boolean[] = [];
  private readonly numbers = new Map<string, string>();
  private total = 0;
  private readonly format: PartitionFormat;

  constructor(
    private readonly dataDir: string,
    readonly kind: RecordKind,
    private readonly layout: { dir: string; buckets: number },
    /** The data key's cipher when the data directory is encrypted: partitions are sealed like cases'. */
    private readonly cipher: FileCipher | null,
  ) {
    this.format = RECORD_KINDS[kind].format;
  }

  /** Read every partition (throws CorruptFile naming the first bad file; nothing is kept then). */
  private load(): Low<BucketData<T>>[] {
    if (this.partitions) return this.partitions;
    const lows: Low<BucketData<T>>[] = [];
    const numbers = new Map<string, string>();
    let total = 0;
    for (let bucket = 0; bucket < this.layout.buckets; bucket++) {
      const file = path.join(this.dataDir, this.layout.dir, bucketFileName(bucket));
      const adapter = new DurableAdapter<BucketData<T>>(file, {
        parse: (buffer) => parseBucket<T>(file, bufferSource(buffer), bucket, this.layout.buckets, this.cipher, this.format),
        read: () => readBucketFile<T>(file, bucket, this.layout.buckets, this.cipher, this.format),
        serialize: (data) => {
          const { bytes, relocate } = serializeBucket(file, data, () => fs.readFileSync(file), this.cipher, this.format);
          return { bytes, applied: relocate };
        },
      });
      const low = new Low<BucketData<T>>(adapter, { bucket, cases: new Map() });
      // Synchronous: a kind is read at its first use inside a call, like a lazy body.
      const data = adapter.readSync();
      if (data) low.data = data;
      this.onDisk[bucket] = data !== null;
      total += low.data.cases.size;
      for (const r of low.data.cases.values()) numbers.set(r.number, r.id);
      lows.push(low);
    }
    this.partitions = lows;
    this.total = total;
    for (const [number, id] of numbers) this.numbers.set(number, id);
    return lows;
  }

  get(id: string): T | undefined {
    if (typeof id !== 'string') return undefined;
    return this.load()[bucketOf(id, this.layout.buckets)]?.data.cases.get(id);
  }

  byNumber(number: string): T | undefined {
    if (typeof number !== 'string') return undefined;
    this.load();
    const id = this.numbers.get(number.trim());
    return id === undefined ? undefined : this.get(id);
  }

  *all(): IterableIterator<T> {
    for (const low of this.load()) yield* low.data.cases.values();
  }

  count(): number {
    this.load();
    return this.total;
  }

  /**
   * Stage the partitions `records` change into `tx` (each record checked for id, number and revision).
   * Returns what to do once the transaction has committed: the number index and count follow disk.
   */
  async stage(tx: Transaction, records: readonly T[], invalid: (index: number) => Error): Promise<() => void> {
    const lows = this.load();
    const next = new Map<number, Map<string, T>>();
    const renumbered: [string, string][] = [];
    let added = 0;
    for (const [i, r] of records.entries()) {
      if (!r || typeof r !== 'object' || typeof r.id !== 'string' || typeof r.number !== 'string' || typeof r.revision !== 'number')
        throw invalid(i);
      const bucket = bucketOf(r.id, this.layout.buckets);
      let map = next.get(bucket);
      if (!map) next.set(bucket, (map = new Map(lows[bucket].data.cases)));
      if (!map.has(r.id)) added++;
      const replaced = lows[bucket].data.cases.get(r.id);
      // whoever still holds the replaced version can read it in full after its line is gone from the file
      if (replaced) loadAll([replaced]);
      if (replaced && replaced.number !== r.number) renumbered.push([replaced.number, r.id]);
      map.set(r.id, structuredClone(r));
    }
    for (const [bucket, cases] of next) {
      const low = lows[bucket];
      const data: BucketData<T> = { bucket, cases };
      const adapter = low.adapter as DurableAdapter<BucketData<T>>;
      if (!this.onDisk[bucket] && fs.existsSync(adapter.file)) throw appearedUnread(adapter.file);
      adapter.tx = tx;
      adapter.afterApply = () => {
        low.data = data;
        this.onDisk[bucket] = true;
      };
      try {
        await adapter.write(data);
      } finally {
        adapter.tx = undefined;
        adapter.afterApply = undefined;
      }
    }
    return () => {
      this.total += added;
      for (const [number, id] of renumbered) if (this.numbers.get(number) === id) this.numbers.delete(number);
      for (const r of records) this.numbers.set(r.number, r.id);
    };
  }
}
