/**
 * Case partitions ("buckets"): a fixed number of files, each case in the bucket chosen by a hash of its id,
 * so that saving one case rewrites one small file whatever the size of the register.
 *
 * Bucket file (`cases/0017.jsonl`, JSON Lines):
 *   line 1  header  {"format":"mediation-desk.cases","bucket":17,"count":3,"headsEncoding":"ascii","keys":BYTES,"heads":BYTES,"headsCrc":CRC32,"bodies":[BYTES,…]}
 *   line 2  keys    [ [id, 案号, dates, status, …, haystack], ... ]          (one JSON array, pure ASCII; ../schema/case-keys.ts)
 *   line 3  heads   [ {...case without its bulky fields...}, ... ]        (one JSON array, pure ASCII: \uXXXX escapes)
 *   line 4… bodies  {"id":"…","facts":"…","claims":"…","events":[…],"sessions":[…]}   (UTF-8, one line per case, same order)
 *
 * The heads line is ASCII JSON, every other character written as a \uXXXX escape, because decoding is most
 * of the cost of opening. Heads are mostly ASCII (keys, ids, dates, codes) with Chinese values: decoded as
 * UTF-8 or as UTF-16LE (the line's earlier encoding, still read) that text costs ~1.9 s of CPU at 50,000
 * cases on this class of machine; as one-byte text it is copied rather than decoded, and JSON.parse makes
 * the Chinese strings from the escapes: ~1.3 s for the same heads (measured, Node 20). Bodies, read one at a
 * time, stay UTF-8 (smaller).
 *
 * Why split heads and bodies: opening must be fast (50,000 cases ≤ 1 s on a 2-core machine), and decoding
 * plus parsing ~250 MB of Chinese JSON takes ~2.5 s there. Heads (everything lists, search and statistics
 * read: number, dates, status, codes, parties, agreement, outcome…) are parsed at open; bodies (facts, claims,
 * the event log, session records: most of the bytes) are parsed on first access. A case object is a plain
 * object whose body fields are own enumerable getters that load the body from its line in the file, so
 * spreading, JSON.stringify, structuredClone and zod all see an ordinary complete case.
 *
 * The header gives the byte length of the heads line and of every body line, so opening reads only the
 * header and heads (about a third of the bytes) and still detects a truncated file: its size must match.
 * The body line carries the case id, and loading checks it, so a stale position can never yield another
 * case's data. Rewriting a bucket copies unloaded bodies byte for byte and moves their positions.
 *
 * Keys (cases only; files written before them have none and are parsed whole at open): what the search
 * index and the store's 案号 lookup need of each case, written from the heads in the same save. Opening
 * checks the file's size and header and reads and checks only the keys; the heads of a partition are
 * read, checked (the header's CRC-32 of them, or their seal) and parsed when one of its cases is first
 * asked for, as a body is (making 50,000 heads live objects was most of the time of opening).
 *
 * Encrypted (cipher.ts), the same content is sealed in segments: `MDSEAL1\n`, then the header and keys
 * lines as one segment, the heads line as another (older files: header and heads as one), then one
 * segment per body (in the same order, each without its newline). The
 * header still gives the plain lengths, from which the size of the file and every body segment's place
 * follow; a body segment is bound to the file (`cases/0017.jsonl`) and checked against its case id, so
 * unloaded bodies are still copied byte for byte when the bucket is rewritten.
 */

import fs from 'node:fs';
import zlib from 'node:zlib';

import { DeskError, type ErrorAction } from '../errors';
import type { Case } from '../schema/case';
import { type CaseKey, caseKeyOf, keyFromStored, storedKey } from '../schema/case-keys';
import { type FileCipher, isSealed, SEALED_MAGIC, SEGMENT_OVERHEAD, segmentLengthAt } from './cipher';
import { CorruptFile } from './corrupt';

export const BUCKET_COUNT = 1024;
export const BUCKET_FORMAT = 'mediation-desk.cases';
/** How new heads lines are written, and how each encoding a file may carry is decoded (older files: UTF-16LE). */
const HEADS_ENCODING = 'ascii';
const HEADS_DECODING = { ascii: 'latin1', 'utf-16le': 'utf16le' } as const satisfies Record<string, BufferEncoding>;
type HeadsEncoding = keyof typeof HEADS_DECODING;
export const BODY_KEYS = ['facts', 'claims', 'events', 'sessions'] as const;

/**
 * What differs between the kinds of record kept in partition files (cases, and the record kinds of
 * ./records.ts): the header's format name, which fields are bodies, the check of a head, and the
 * word used in messages. Everything else (layout, lazy bodies, truncation checks) is shared.
 */
export interface PartitionFormat {
  /** `format` in each file's header line. */
  name: string;
  /** Folder under the data directory (and a backup): with the file name, the identity bound into its encryption. */
  dir: string;
  /** Fields kept out of the heads line, each record's in its own line, parsed on first access. */
  bodyKeys: readonly string[];
  /** What a record is called in messages (案件, 来访登记). */
  noun: string;
  /** Beyond id and partition (checked for every kind): why this head is not a record of the kind, or null. */
  headProblem(head: Record<string, unknown>): string | null;
  /** The kind's keys line (cases): what a record's keys are, and a stored key read back (or why it is not one). */
  keys?: { of(head: object): unknown; read(raw: unknown): CaseKey | string };
}

/** The case partitions (`cases/`), the format the store was first written with. */
export const CASE_PARTITIONS: PartitionFormat = {
  name: BUCKET_FORMAT,
  dir: 'cases',
  bodyKeys: BODY_KEYS,
  noun: '案件',
  headProblem(h) {
    if (typeof h.number !== 'string') return `案件${String(h.id)}缺少案号`;
    if (typeof h.status !== 'string' || typeof h.receivedAt !== 'string' || typeof h.createdAt !== 'string')
      return `案件${String(h.id)}缺少状态或日期`;
    if (typeof h.revision !== 'number' || !Array.isArray(h.parties) || !Array.isArray(h.mediators))
      return `案件${String(h.id)}的结构不完整`;
    return null;
  },
  keys: { of: (head) => storedKey(keyOfCase(head as Case)), read: keyFromStored },
};

/**
 * The keys of each case read from or written to a partition file. Working them out (the search text above
 * all) was a tenth of rewriting a partition: a save carries them over for the cases it does not change.
 * Safe because the store's cases change only by commit, which puts a new object in place of the old.
 */
const caseKeys = new WeakMap<object, CaseKey>();

/** A case's keys: those its file holds if it came from one, else worked out now (and kept for the next save). */
export function keyOfCase(c: Case): CaseKey {
  let key = caseKeys.get(c);
  if (!key) caseKeys.set(c, (key = caseKeyOf(c)));
  return key;
}

/** FNV-1a (32 bit) of the id: stable forever (recorded in meta.json's layout), cheap, evenly spread for UUIDs. */
export function bucketOf(id: string, buckets = BUCKET_COUNT): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}

export function bucketFileName(bucket: number): string {
  return `${String(bucket).padStart(4, '0')}.jsonl`;
}

/** The partition's identity inside the data directory (and inside a backup): bound into its encryption. */
export function bucketIdentity(bucket: number, format: PartitionFormat = CASE_PARTITIONS): string {
  return `${format.dir}/${bucketFileName(bucket)}`;
}

/** Where an unloaded body lives: byte range of its line (or sealed segment) in the bucket file, and the kind's body fields. */
interface BodyRef {
  file: string;
  start: number;
  end: number;
  format: PartitionFormat;
  /** Set when the range is a sealed segment of the partition with this identity. */
  sealed?: { cipher: FileCipher; identity: string };
}

/** A body's JSON bytes from its stored form (plain line or sealed segment). */
function bodyBytes(ref: BodyRef, stored: Buffer): Buffer {
  return ref.sealed ? ref.sealed.cipher.open(stored, ref.sealed.identity, 'body', ref.file) : stored;
}

/** Any partitioned record: what the shared code reads of it. */
type Stored = { id: string; number?: unknown };

const lazyBodies = new WeakMap<object, BodyRef>();

function loadBody(c: Stored): void {
  const ref = lazyBodies.get(c);
  if (!ref) return;
  let body: Record<string, unknown> & { id?: unknown };
  try {
    const fd = fs.openSync(ref.file, 'r');
    const buffer = Buffer.allocUnsafe(ref.end - ref.start);
    try {
      fs.readSync(fd, buffer, 0, buffer.length, ref.start);
    } finally {
      fs.closeSync(fd);
    }
    body = JSON.parse(bodyBytes(ref, buffer).toString('utf8'));
  } catch (error) {
    throw bodyCorrupt(ref, c, `无法读取：${(error as Error).message}`);
  }
  if (body.id !== c.id) throw bodyCorrupt(ref, c, `内容与${ref.format.noun}不符`);
  lazyBodies.delete(c);
  for (const key of ref.format.bodyKeys) {
    Object.defineProperty(c, key, { value: body[key], writable: true, enumerable: true, configurable: true });
  }
}

/** Found after open, when a body is first read: STORE_CORRUPT for the caller, naming the file; nothing is written. */
function bodyCorrupt(ref: BodyRef, c: Stored, why: string): DeskError {
  const { file, format } = ref;
  return new DeskError(
    'STORE_CORRUPT',
    `数据文件“${file}”中${format.noun}“${String(c.number)}”的详细内容已损坏（${why}）。文件没有被修改；可以从备份恢复。`,
    {
      details: {
        file,
        [format === CASE_PARTITIONS ? 'caseId' : 'recordId']: c.id,
        backup: null,
        action: { kind: 'restore-backup' } satisfies ErrorAction,
      },
    },
  );
}

/** Per kind: getters that load the body on first access, so the record looks complete to everyone. */
const bodyDescriptors = new WeakMap<PartitionFormat, PropertyDescriptorMap>();

function descriptorsFor(format: PartitionFormat): PropertyDescriptorMap {
  let descriptors = bodyDescriptors.get(format);
  if (!descriptors) {
    descriptors = Object.fromEntries(
      format.bodyKeys.map((key) => [
        key,
        {
          enumerable: true,
          configurable: true,
          get(this: Stored) {
            loadBody(this);
            return (this as unknown as Record<string, unknown>)[key];
          },
          set(this: Stored, value: unknown) {
            loadBody(this);
            Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
          },
        },
      ]),
    );
    bodyDescriptors.set(format, descriptors);
  }
  return descriptors;
}

export function isLoaded(c: object): boolean {
  return !lazyBodies.has(c);
}

/** Load every unloaded body (e.g. before handing cases to a backup or an export that reads everything). */
export function loadAll(records: Iterable<object>): void {
  for (const c of records) loadBody(c as Stored);
}

/** One partition's records by id (`cases` names the first kind; record partitions use the same shape). */
export interface BucketData<T = Case> {
  bucket: number;
  cases: Map<string, T>;
}

const NEWLINE = 0x0a;

/** A light structural check of a head: enough that lists, search and the indexes never meet a stranger. */
function headProblem(head: unknown, bucket: number, buckets: number, format: PartitionFormat): string | null {
  if (!head || typeof head !== 'object' || Array.isArray(head)) return `不是${format.noun}对象`;
  const h = head as Record<string, unknown>;
  if (typeof h.id !== 'string' || h.id.length < 8) return `缺少${format.noun}编号（id）`;
  if (bucketOf(h.id, buckets) !== bucket) return `${format.noun}${h.id}不应在此分区`;
  return format.headProblem(h);
}

/** Random access to a file's bytes: the live store reads only what it needs; backups check a whole buffer. */
export interface ByteSource {
  size: number;
  read(start: number, end: number): Buffer;
}

export function bufferSource(buffer: Buffer): ByteSource {
  return { size: buffer.length, read: (start, end) => buffer.subarray(start, end) };
}

/** Read a bucket file through a file descriptor: header, keys and heads only. Missing file: null. */
export function readBucketFile<T = Case>(
  file: string,
  bucket: number,
  buckets: number,
  cipher: FileCipher | null = null,
  format = CASE_PARTITIONS,
): BucketData<T> | null {
  return withFileSource(file, (source) => parseBucket<T>(file, source, bucket, buckets, cipher, format));
}

/** A partition opened from its keys: the keys, and the CRC-32 of the heads they were written with (from the header). */
export interface OpenedKeys {
  keys: CaseKey[];
  headsCrc: number;
}

/**
 * The heads of a partition opened from its keys (`readBucketKeys`): parsed and checked against those keys
 * (the same ids and 案号 in the same order, the same heads' CRC), without parsing the keys line again.
 * Missing file: null.
 */
export function readBucketHeads(
  file: string,
  bucket: number,
  buckets: number,
  cipher: FileCipher | null,
  opened: OpenedKeys,
): BucketData | null {
  return withFileSource(file, (source) => {
    const fail = corruptIn(file);
    const layout = layoutOf(file, source, bucket, CASE_PARTITIONS, cipher, fail);
    if (layout.header.count !== opened.keys.length || layout.header.headsCrc !== opened.headsCrc) fail('打开之后文件被改动');
    return parseLayout<Case>(file, layout, bucket, buckets, CASE_PARTITIONS, fail, opened.keys);
  });
}

/** `use` with random access to the file's bytes through a file descriptor. Missing file: null. */
function withFileSource<R>(file: string, use: (source: ByteSource) => R): R | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const source: ByteSource = {
      size,
      read(start, end) {
        const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(end, size) - start));
        let done = 0;
        while (done < buffer.length) {
          const n = fs.readSync(fd, buffer, done, buffer.length - done, start + done);
          if (n === 0) break;
          done += n;
        }
        return done === buffer.length ? buffer : buffer.subarray(0, done);
      },
    };
    return use(source);
  } finally {
    fs.closeSync(fd);
  }
}

interface BucketHeader {
  count: number;
  /** Byte length of the keys line (without its newline), when the file has one. */
  keys?: number;
  heads: number;
  /** CRC-32 of the heads line (without its newline), when the file has keys: what opening checks of the heads it does not parse. */
  headsCrc?: number;
  bodies: number[];
  encoding: HeadsEncoding;
}

/** Where the parts of a bucket file are: the keys and heads (JSON, in the header's encoding, each with its newline) and each body's stored range. */
interface Layout {
  header: BucketHeader;
  keys?: Buffer;
  /** Not read when opening from keys. */
  heads?: Buffer;
  bodies: { start: number; end: number }[];
  sealed?: { cipher: FileCipher; identity: string };
}

type Fail = (why: string) => never;

/** Failing a check of `file`: CorruptFile, which the store turns into STORE_CORRUPT. */
function corruptIn(file: string): Fail {
  return (why) => {
    throw new CorruptFile(file, why);
  };
}

function parseHeader(text: string, bucket: number, format: PartitionFormat, fail: Fail): BucketHeader {
  let header: {
    format?: unknown;
    bucket?: unknown;
    count?: unknown;
    headsEncoding?: unknown;
    keys?: unknown;
    heads?: unknown;
    headsCrc?: unknown;
    bodies?: unknown;
  };
  try {
    header = JSON.parse(text);
  } catch {
    return fail('文件头无法解析');
  }
  if (header.format !== format.name || header.bucket !== bucket) fail('文件头与所在分区不符');
  if (typeof header.headsEncoding !== 'string' || !Object.hasOwn(HEADS_DECODING, header.headsEncoding)) fail('不支持的编码');
  const { count, heads, bodies } = header;
  if (typeof count !== 'number' || typeof heads !== 'number' || !Array.isArray(bodies) || bodies.length !== count) fail('文件头不完整');
  for (const length of bodies as unknown[]) {
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 2) fail('文件头中的长度无效');
  }
  const parsed: BucketHeader = {
    count: count as number,
    heads: heads as number,
    bodies: bodies as number[],
    encoding: header.headsEncoding as HeadsEncoding,
  };
  if (header.keys !== undefined || header.headsCrc !== undefined) {
    const { keys, headsCrc } = header;
    if (typeof keys !== 'number' || !Number.isInteger(keys) || keys < 2) fail('文件头中的索引长度无效');
    if (typeof headsCrc !== 'number' || !Number.isInteger(headsCrc) || headsCrc < 0 || headsCrc > 0xffffffff) fail('文件头中的校验值无效');
    parsed.keys = keys as number;
    parsed.headsCrc = headsCrc as number;
  }
  return parsed;
}

/** The keys line's length with its newline (0 when the file has none). */
function keysLength(header: BucketHeader): number {
  return header.keys === undefined ? 0 : header.keys + 1;
}

/** Bodies laid out one after another from `start`, each taking its length plus `extra` bytes (newline or segment overhead). */
function bodyRanges(lengths: number[], start: number, stored: (length: number) => number): { ranges: Layout['bodies']; end: number } {
  const ranges: Layout['bodies'] = [];
  let at = start;
  for (const length of lengths) {
    ranges.push({ start: at, end: at + length });
    at += stored(length);
  }
  return { ranges, end: at };
}

/**
 * The first read of a partition: its header line and, at 50,000 cases, most of its keys line (~27 KB);
 * what lies beyond is read to the byte (reading more than needed from 1,024 files was a tenth of the open).
 */
const FIRST_READ = 32 * 1024;

/**
 * The plain layout: header line, keys line (newer files), heads line, body lines. With `heads` false
 * (opening from keys) the heads line is located and counted in the size check but not read.
 */
function plainLayout(source: ByteSource, bucket: number, format: PartitionFormat, fail: Fail, heads: boolean): Layout {
  let first = source.read(0, Math.min(source.size, FIRST_READ));
  let headerEnd = first.indexOf(NEWLINE);
  if (headerEnd < 0 && first.length < source.size) {
    first = source.read(0, source.size);
    headerEnd = first.indexOf(NEWLINE);
  }
  if (headerEnd < 0) fail('文件不完整（缺少文件头）');
  const header = parseHeader(first.toString('utf8', 0, headerEnd), bucket, format, fail);
  const keysStart = headerEnd + 1;
  const headsStart = keysStart + keysLength(header);
  const headsEnd = headsStart + header.heads;
  const { ranges, end } = bodyRanges(header.bodies, headsEnd + 1, (length) => length + 1);
  if (source.size !== end) fail(`文件大小与文件头不符（应为${end}字节，实为${source.size}字节），文件可能被截断`);
  const readEnd = heads || header.keys === undefined ? headsEnd + 1 : headsStart;
  const lines = readEnd <= first.length ? first.subarray(keysStart, readEnd) : source.read(keysStart, readEnd);
  const split = headsStart - keysStart;
  const layout: Layout = { header, bodies: ranges };
  if (header.keys !== undefined) layout.keys = lines.subarray(0, split);
  if (readEnd > headsStart) layout.heads = lines.subarray(split);
  return layout;
}

/**
 * The sealed layout: `MDSEAL1\n`, a segment with the header and the keys line (newer files) or the header
 * and the heads line (older files), then (newer files) the heads line as a segment of its own, so that
 * opening from keys neither reads nor decrypts it, then one segment per body.
 */
function sealedLayout(
  source: ByteSource,
  bucket: number,
  format: PartitionFormat,
  cipher: FileCipher,
  file: string,
  fail: Fail,
  heads: boolean,
): Layout {
  const identity = bucketIdentity(bucket, format);
  const first = source.read(0, Math.min(source.size, FIRST_READ));
  const segmentAt = (at: number, what: string) => {
    const plainLength = at + 4 <= first.length ? segmentLengthAt(first, at) : segmentLengthAt(source.read(at, at + 4), 0);
    if (plainLength < 0) fail(`文件不完整（缺少${what}）`);
    const end = at + SEGMENT_OVERHEAD + plainLength;
    if (end > source.size) fail(`文件不完整（${what}被截断）`);
    return { end, stored: () => (end <= first.length ? first.subarray(at, end) : source.read(at, end)) };
  };
  const opening = segmentAt(SEALED_MAGIC.length, '文件头');
  const head = cipher.open(opening.stored(), identity, 'heads', file);
  const headerEnd = head.indexOf(NEWLINE);
  if (headerEnd < 0) fail('文件不完整（缺少文件头）');
  const header = parseHeader(head.toString('utf8', 0, headerEnd), bucket, format, fail);
  const layout: Layout = { header, bodies: [], sealed: { cipher, identity } };
  let bodiesStart = opening.end;
  if (header.keys === undefined) {
    if (head.length !== headerEnd + 1 + header.heads + 1) fail(`${format.noun}列表的长度与文件头不符`);
    layout.heads = head.subarray(headerEnd + 1);
  } else {
    if (head.length !== headerEnd + 1 + header.keys + 1) fail('索引行的长度与文件头不符');
    layout.keys = head.subarray(headerEnd + 1);
    const list = segmentAt(opening.end, `${format.noun}列表`);
    if (list.end - opening.end !== header.heads + 1 + SEGMENT_OVERHEAD) fail(`${format.noun}列表的长度与文件头不符`);
    if (heads) layout.heads = cipher.open(list.stored(), identity, 'head-list', file);
    bodiesStart = list.end;
  }
  const { ranges, end } = bodyRanges(header.bodies, bodiesStart, (length) => length + SEGMENT_OVERHEAD);
  if (source.size !== end) fail(`文件大小与文件头不符（应为${end}字节，实为${source.size}字节），文件可能被截断`);
  layout.bodies = ranges.map((r) => ({ start: r.start, end: r.start + (r.end - r.start) + SEGMENT_OVERHEAD }));
  return layout;
}

/**
 * Locate and check a partition's parts: size, header, the keys line's end, and, when `heads` is asked for
 * (or the file has no keys), the heads line (its end, its CRC-32). Opening from keys leaves the heads to
 * be checked when they are first parsed, as bodies are.
 */
function layoutOf(
  file: string,
  source: ByteSource,
  bucket: number,
  format: PartitionFormat,
  cipher: FileCipher | null,
  fail: Fail,
  heads = true,
): Layout {
  if (source.size === 0) fail('文件为空');
  const sealed = isSealed(source.read(0, SEALED_MAGIC.length));
  if (cipher && !sealed) fail('文件没有加密，而本数据目录已开启加密（文件可能被替换）');
  if (!cipher && sealed) fail('文件已加密，而本数据目录没有开启加密');
  const layout = cipher
    ? sealedLayout(source, bucket, format, cipher, file, fail, heads)
    : plainLayout(source, bucket, format, fail, heads);
  const { keys, header } = layout;
  if (keys && keys[keys.length - 1] !== NEWLINE) fail('索引行的结尾不符');
  const list = layout.heads;
  if (list) {
    if (list[list.length - 1] !== NEWLINE) fail(`${format.noun}列表的结尾不符`);
    if (header.headsCrc !== undefined && zlib.crc32(list.subarray(0, list.length - 1)) !== header.headsCrc)
      fail(`${format.noun}列表的校验值不符（内容被改动或损坏）`);
  }
  return layout;
}

/** The keys of a partition's records, checked like heads (right partition, no id twice, as many as the header says). */
function parseKeys(layout: Layout & { keys: Buffer }, bucket: number, buckets: number, format: PartitionFormat, fail: Fail): CaseKey[] {
  const read = format.keys?.read;
  if (!read) return fail('此类文件不应有索引行');
  let raw: unknown;
  try {
    raw = JSON.parse(layout.keys.toString(HEADS_DECODING[layout.header.encoding], 0, layout.keys.length - 1));
  } catch (error) {
    return fail(`索引行无法解析（${(error as Error).message}）`);
  }
  const { count } = layout.header;
  if (!Array.isArray(raw) || raw.length !== count) return fail(`索引项数与文件头不符（应为${count}项）`);
  const keys: CaseKey[] = new Array(count);
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const key = read(raw[i]);
    if (typeof key === 'string') return fail(`第${i + 1}个索引项：${key}`);
    if (key.id.length < 8 || bucketOf(key.id, buckets) !== bucket) return fail(`索引项${key.id}不应在此分区`);
    if (seen.has(key.id)) return fail(`索引项${key.id}重复`);
    seen.add(key.id);
    keys[i] = key;
  }
  return keys;
}

/**
 * Open a partition for the index: its size and header checked, its keys read and checked, its heads
 * neither read nor parsed. A file written before keys existed is parsed whole (`data`). Missing file: null.
 */
export function readBucketKeys(
  file: string,
  bucket: number,
  buckets: number,
  cipher: FileCipher | null = null,
  format = CASE_PARTITIONS,
): OpenedKeys | { data: BucketData } | null {
  return withFileSource(file, (source) => {
    const fail = corruptIn(file);
    const layout = layoutOf(file, source, bucket, format, cipher, fail, false);
    if (!layout.keys) return { data: parseLayout<Case>(file, layout, bucket, buckets, format, fail) };
    // a file with keys always has the heads' CRC (parseHeader requires both or neither)
    return { keys: parseKeys(layout as Layout & { keys: Buffer }, bucket, buckets, format, fail), headsCrc: layout.header.headsCrc! };
  });
}

/**
 * Parse a bucket file of the kind `format` (sealed with `cipher` when the store is encrypted). Heads are
 * parsed and checked; bodies are located by the header's lengths, not read.
 */
export function parseBucket<T = Case>(
  file: string,
  source: ByteSource,
  bucket: number,
  buckets: number,
  cipher: FileCipher | null = null,
  format = CASE_PARTITIONS,
): BucketData<T> {
  const fail = corruptIn(file);
  return parseLayout<T>(file, layoutOf(file, source, bucket, format, cipher, fail), bucket, buckets, format, fail);
}

/**
 * The records of a checked layout: heads parsed and checked against the keys (`known`, read from the same
 * file at open, or the file's keys line), bodies located.
 */
function parseLayout<T>(
  file: string,
  layout: Layout,
  bucket: number,
  buckets: number,
  format: PartitionFormat,
  fail: Fail,
  known?: readonly CaseKey[],
): BucketData<T> {
  const { count } = layout.header;
  const keys = known ?? (layout.keys ? parseKeys(layout as Layout & { keys: Buffer }, bucket, buckets, format, fail) : undefined);
  let heads: unknown;
  try {
    heads = JSON.parse(headsText(layout));
  } catch (error) {
    return fail(`${format.noun}列表无法解析（${(error as Error).message}）`);
  }
  if (!Array.isArray(heads) || heads.length !== count) fail(`${format.noun}数与文件头不符（应为${count}件）`);
  const list = heads as Stored[];
  const cases = new Map<string, T>();
  const descriptors = descriptorsFor(format);
  for (let i = 0; i < list.length; i++) {
    const problem = headProblem(list[i], bucket, buckets, format);
    if (problem) fail(problem);
    const c = list[i];
    if (cases.has(c.id)) fail(`${format.noun}${c.id}重复`);
    if (keys) {
      if (keys[i].id !== c.id || keys[i].number !== c.number) fail(`${format.noun}${c.id}与索引项不符`);
      caseKeys.set(c, keys[i]);
    }
    Object.defineProperties(c, descriptors);
    lazyBodies.set(c, { file, ...layout.bodies[i], format, ...(layout.sealed ? { sealed: layout.sealed } : {}) });
    cases.set(c.id, c as T);
  }
  return { bucket, cases };
}

/** The number of records a bucket file holds, from its header alone (for the counts of backups). */
export function bucketCaseCount(file: string, bytes: Buffer, bucket: number, cipher: FileCipher | null, format = CASE_PARTITIONS): number {
  return layoutOf(file, bufferSource(bytes), bucket, format, cipher, corruptIn(file)).header.count;
}

/** The heads line's JSON text (without its newline): the layout must have been read with its heads. */
function headsText(layout: Layout): string {
  const { heads } = layout;
  if (!heads) throw new Error('heads not read');
  return heads.toString(HEADS_DECODING[layout.header.encoding], 0, heads.length - 1);
}

/** The keys line's JSON text (without its newline), if the file has one. */
function keysText(layout: Layout): string | undefined {
  return layout.keys?.toString(HEADS_DECODING[layout.header.encoding], 0, layout.keys.length - 1);
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * JSON text as ASCII bytes: every character above U+007F becomes its \uXXXX escape (surrogate pairs as two
 * escapes, which JSON.parse joins again). One pass into a buffer sized for the worst case; a regular
 * expression with a replacer took four times as long on a 200-case partition.
 */
function asciiJson(json: string): Buffer {
  const out = Buffer.allocUnsafe(json.length * 6);
  let at = 0;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code < 0x80) {
      out[at++] = code;
      continue;
    }
    out[at++] = 0x5c; // backslash
    out[at++] = 0x75; // u
    out[at++] = HEX_DIGITS[code >> 12];
    out[at++] = HEX_DIGITS[(code >> 8) & 15];
    out[at++] = HEX_DIGITS[(code >> 4) & 15];
    out[at++] = HEX_DIGITS[code & 15];
  }
  return out.subarray(0, at);
}

/**
 * The bytes of a bucket: header, keys (when the kind has them) and heads (both ASCII JSON arrays, see
 * `asciiJson`), then each body as stored (plain lines or sealed segments). Also where each body starts,
 * and the heads' CRC-32 written in the header (when there are keys).
 */
function assemble(
  format: PartitionFormat,
  bucket: number,
  headsJson: Buffer,
  count: number,
  bodies: { stored: Buffer; plainLength: number }[],
  cipher: FileCipher | null,
  keysJson: Buffer | undefined,
) {
  const headsCrc = keysJson ? zlib.crc32(headsJson) : undefined;
  const header = {
    format: format.name,
    bucket,
    count,
    headsEncoding: HEADS_ENCODING,
    ...(keysJson ? { keys: keysJson.length, headsCrc } : {}),
    heads: headsJson.length,
    bodies: bodies.map((b) => b.plainLength),
  };
  const newline = Buffer.from('\n');
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const identity = bucketIdentity(bucket, format);
  let first: Buffer;
  if (!cipher) first = Buffer.concat([headerLine, ...(keysJson ? [keysJson, newline] : []), headsJson, newline]);
  else if (!keysJson)
    first = Buffer.concat([SEALED_MAGIC, cipher.seal(Buffer.concat([headerLine, headsJson, newline]), identity, 'heads')]);
  else
    first = Buffer.concat([
      SEALED_MAGIC,
      cipher.seal(Buffer.concat([headerLine, keysJson, newline]), identity, 'heads'),
      cipher.seal(Buffer.concat([headsJson, newline]), identity, 'head-list'),
    ]);
  const parts: Buffer[] = [first];
  const starts: number[] = [];
  let offset = first.length;
  for (const { stored } of bodies) {
    starts.push(offset);
    parts.push(stored);
    offset += stored.length;
    if (!cipher) {
      parts.push(newline);
      offset += 1;
    }
  }
  return { bytes: Buffer.concat(parts, offset), starts, headsCrc };
}

/** A record's head: every field but the kind's bodies, as JSON. */
function headJson(record: object, format: PartitionFormat): string {
  const fields = record as Record<string, unknown>;
  const head: Record<string, unknown> = {};
  for (const key of Object.keys(record)) if (!format.bodyKeys.includes(key)) head[key] = fields[key];
  return JSON.stringify(head);
}

/** A record's body line: id first, then the body fields in the kind's order (for cases: facts, claims, events, sessions). */
function bodyJson(record: object, format: PartitionFormat): Buffer {
  const fields = record as Record<string, unknown>;
  const body: Record<string, unknown> = { id: fields.id };
  for (const key of format.bodyKeys) body[key] = fields[key];
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** A body as the file stores it: plain, or sealed to the partition. */
function storedBody(plain: Buffer, cipher: FileCipher | null, identity: string) {
  return { stored: cipher ? cipher.seal(plain, identity, 'body') : plain, plainLength: plain.length };
}

/**
 * Serialise a bucket, sealed with `cipher` when the store is encrypted. `previous` is the current file's
 * content (for unloaded bodies, copied byte for byte). Returns the bytes, the heads' CRC-32 written in
 * the header (cases), and a function that moves unloaded bodies' positions to the new file once it is
 * in place.
 */
export function serializeBucket<T extends object = Case>(
  file: string,
  data: BucketData<T>,
  readPrevious: () => Buffer,
  cipher: FileCipher | null = null,
  format = CASE_PARTITIONS,
): { bytes: Buffer; headsCrc: number | undefined; relocate: () => void } {
  const identity = bucketIdentity(data.bucket, format);
  const heads: string[] = [];
  const keys: string[] = [];
  const keyOf = format.keys?.of;
  const bodies: { stored: Buffer; plainLength: number }[] = [];
  let previous: Buffer | undefined;
  const unloaded: [T, number][] = [];
  for (const c of data.cases.values()) {
    heads.push(headJson(c, format));
    if (keyOf) keys.push(JSON.stringify(keyOf(c)));
    const ref = lazyBodies.get(c);
    if (!ref) {
      bodies.push(storedBody(bodyJson(c, format), cipher, identity));
      continue;
    }
    previous ??= readPrevious();
    unloaded.push([c, bodies.length]);
    const stored = previous.subarray(ref.start, ref.end);
    // the same form as the new file (always, except in tests that change a file's form): copied as it is
    if (!!ref.sealed === !!cipher) bodies.push({ stored, plainLength: ref.sealed ? stored.length - SEGMENT_OVERHEAD : stored.length });
    else bodies.push(storedBody(bodyBytes(ref, stored), cipher, identity));
  }
  const { bytes, starts, headsCrc } = assemble(
    format,
    data.bucket,
    asciiJson(`[${heads.join(',')}]`),
    heads.length,
    bodies,
    cipher,
    keyOf ? asciiJson(`[${keys.join(',')}]`) : undefined,
  );
  return {
    bytes,
    headsCrc,
    relocate: () => {
      for (const [c, index] of unloaded) {
        if (!lazyBodies.has(c)) continue;
        const start = starts[index];
        const end = start + bodies[index].stored.length;
        lazyBodies.set(c, { file, start, end, format, ...(cipher ? { sealed: { cipher, identity } } : {}) });
      }
    },
  };
}

/**
 * A case partition with cases added and none replaced, written without parsing its heads: the file's
 * keys, heads and bodies copied byte for byte, the new cases' keys and heads appended to those lines and
 * their bodies after the others. Saving a new case, or importing a batch into a large register, then costs what the new
 * cases cost, not the re-serialising of every head of each partition it touches (most of an import's time
 * at 200,000 cases).
 *
 * `expected` is what the store last read or wrote there: the number of cases and the heads' CRC-32. The
 * heads are checked as parsing would check them (CRC, or their seal) and must be those the store knows:
 * a file damaged, replaced or changed since is CorruptFile, and the save writes nothing.
 *
 * Returns the bytes, the new heads' CRC-32, and how far the old bodies moved (for `moveBodies`).
 */
export function appendToBucket(
  file: string,
  bucket: number,
  cipher: FileCipher | null,
  expected: { count: number; headsCrc: number },
  added: readonly Case[],
): { bytes: Buffer; headsCrc: number; shift: number } {
  const format = CASE_PARTITIONS;
  const fail = corruptIn(file);
  let previous: Buffer;
  try {
    previous = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fail('打开之后文件被删除');
    throw error;
  }
  const layout = layoutOf(file, bufferSource(previous), bucket, format, cipher, fail);
  const { header } = layout;
  if (header.count !== expected.count || header.headsCrc !== expected.headsCrc) fail('打开之后文件被改动');
  // the lines as ASCII JSON without their newlines (as files with keys are written; another encoding converted)
  const ascii = header.encoding === HEADS_ENCODING;
  const oldHeads = ascii ? layout.heads!.subarray(0, layout.heads!.length - 1) : asciiJson(headsText(layout));
  const oldKeys = ascii ? layout.keys!.subarray(0, layout.keys!.length - 1) : asciiJson(keysText(layout)!);
  const heads = appendToArray(
    oldHeads,
    added.map((c) => headJson(c, format)),
  );
  const keys = appendToArray(
    oldKeys,
    added.map((c) => JSON.stringify(storedKey(keyOfCase(c)))),
  );
  const identity = bucketIdentity(bucket, format);
  const bodies = [
    ...layout.bodies.map((range, i) => ({ stored: previous.subarray(range.start, range.end), plainLength: header.bodies[i] })),
    ...added.map((c) => storedBody(bodyJson(c, format), cipher, identity)),
  ];
  const { bytes, starts, headsCrc } = assemble(format, bucket, heads, header.count + added.length, bodies, cipher, keys);
  return { bytes, headsCrc: headsCrc!, shift: header.count === 0 ? 0 : starts[0] - layout.bodies[0].start };
}

/** An ASCII JSON array (`[…]`) with `items` (JSON texts) appended: `[a]` → `[a,b,c]`, `[]` → `[b,c]`. */
function appendToArray(array: Buffer, items: string[]): Buffer {
  const empty = array.length === 2;
  return Buffer.concat([array.subarray(0, array.length - 1), asciiJson(`${empty ? '' : ','}${items.join(',')}]`)]);
}

/** After `appendToBucket` put its file in place: the unloaded bodies of the partition's cases are `shift` bytes further on. */
export function moveBodies(records: Iterable<object>, shift: number): void {
  for (const c of records) {
    const ref = lazyBodies.get(c);
    if (ref) lazyBodies.set(c, { ...ref, start: ref.start + shift, end: ref.end + shift });
  }
}

/**
 * The same bucket in the other form (turning encryption on or off): heads and bodies decrypted with
 * `from` and sealed with `to` (either may be null: plain). Checks the file as it goes.
 */
export function transcodeBucket(
  file: string,
  bytes: Buffer,
  bucket: number,
  buckets: number,
  from: FileCipher | null,
  to: FileCipher | null,
  format = CASE_PARTITIONS,
): Buffer {
  const source = bufferSource(bytes);
  parseBucket(file, source, bucket, buckets, from, format); // the whole check of opening, before anything is rewritten
  const layout = layoutOf(file, source, bucket, format, from, corruptIn(file));
  const identity = bucketIdentity(bucket, format);
  const bodies = layout.bodies.map((range) => {
    const stored = bytes.subarray(range.start, range.end);
    const plain = layout.sealed ? layout.sealed.cipher.open(stored, identity, 'body', file) : stored;
    return { stored: to ? to.seal(plain, identity, 'body') : Buffer.from(plain), plainLength: plain.length };
  });
  const keys = keysText(layout);
  return assemble(
    format,
    bucket,
    asciiJson(headsText(layout)),
    layout.header.count,
    bodies,
    to,
    keys === undefined ? undefined : asciiJson(keys),
  ).bytes;
}
