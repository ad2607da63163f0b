/**
 * Case partitions ("buckets"): a fixed number of files, each case in the bucket chosen by a hash of its id,
 * so that saving one case rewrites one small file whatever the size of the register.
 *
 * Bucket file (`cases/0017.jsonl`, JSON Lines):
 *   line 1  header  {"format":"mediation-desk.cases","bucket":17,"count":3,"headsEncoding":"ascii","heads":BYTES,"bodies":[BYTES,…]}
 *   line 2  heads   [ {...case without its bulky fields...}, ... ]        (one JSON array, pure ASCII: \uXXXX escapes)
 *   line 3… bodies  {"id":"…","facts":"…","claims":"…","events":[…],"sessions":[…]}   (UTF-8, one line per case, same order)
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
 * Encrypted (cipher.ts), the same content is sealed in segments: `MDSEAL1\n`, then the header and heads
 * lines as one segment, then one segment per body (in the same order, each without its newline). The
 * header still gives the plain lengths, from which the size of the file and every body segment's place
 * follow; a body segment is bound to the file (`cases/0017.jsonl`) and checked against its case id, so
 * unloaded bodies are still copied byte for byte when the bucket is rewritten.
 */

import fs from 'node:fs';

import { DeskError, type ErrorAction } from '../errors';
import type { Case } from '../schema/case';
import { type FileCipher, isSealed, SEALED_MAGIC, SEGMENT_OVERHEAD, segmentLengthAt } from './cipher';
import { CorruptFile } from './corrupt';

export const BUCKET_COUNT = 1024;
export const BUCKET_FORMAT = 'mediation-desk.cases';
/** How new heads lines are written, and how each encoding a file may carry is decoded (older files: UTF-16LE). */
const HEADS_ENCODING = 'ascii';
const HEADS_DECODING = { ascii: 'latin1', 'utf-16le': 'utf16le' } as const satisfies Record<string, BufferEncoding>;
type HeadsEncoding = keyof typeof HEADS_DECODING;
export const BODY_KEYS = ['facts', 'claims', 'events', 'sessions'] as const;
type BodyKey = (typeof BODY_KEYS)[number];
const BODY_SET = new Set<string>(BODY_KEYS);

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
export function bucketIdentity(bucket: number): string {
  return `cases/${bucketFileName(bucket)}`;
}

/** Where an unloaded body lives: byte range of its line (or sealed segment) in the bucket file. */
interface BodyRef {
  file: string;
  start: number;
  end: number;
  /** Set when the range is a sealed segment of the partition with this identity. */
  sealed?: { cipher: FileCipher; identity: string };
}

/** A body's JSON bytes from its stored form (plain line or sealed segment). */
function bodyBytes(ref: BodyRef, stored: Buffer): Buffer {
  return ref.sealed ? ref.sealed.cipher.open(stored, ref.sealed.identity, 'body', ref.file) : stored;
}

const lazyBodies = new WeakMap<object, BodyRef>();

function loadBody(c: Case): void {
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
    throw bodyCorrupt(ref.file, c, `无法读取：${(error as Error).message}`);
  }
  if (body.id !== c.id) throw bodyCorrupt(ref.file, c, '内容与案件不符');
  lazyBodies.delete(c);
  for (const key of BODY_KEYS) {
    Object.defineProperty(c, key, { value: body[key], writable: true, enumerable: true, configurable: true });
  }
}

/** Found after open, when a body is first read: STORE_CORRUPT for the caller, naming the file; nothing is written. */
function bodyCorrupt(file: string, c: Case, why: string): DeskError {
  return new DeskError(
    'STORE_CORRUPT',
    `数据文件“${file}”中案件“${c.number}”的详细内容已损坏（${why}）。文件没有被修改；可以从备份恢复。`,
    {
      details: { file, caseId: c.id, backup: null, action: { kind: 'restore-backup' } satisfies ErrorAction },
    },
  );
}

const BODY_DESCRIPTORS: PropertyDescriptorMap = Object.fromEntries(
  BODY_KEYS.map((key) => [
    key,
    {
      enumerable: true,
      configurable: true,
      get(this: Case) {
        loadBody(this);
        return (this as unknown as Record<BodyKey, unknown>)[key];
      },
      set(this: Case, value: unknown) {
        loadBody(this);
        Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
      },
    },
  ]),
);

export function isLoaded(c: Case): boolean {
  return !lazyBodies.has(c);
}

/** Load every unloaded body (e.g. before handing cases to a backup or an export that reads everything). */
export function loadAll(cases: Iterable<Case>): void {
  for (const c of cases) loadBody(c);
}

export interface BucketData {
  bucket: number;
  cases: Map<string, Case>;
}

const NEWLINE = 0x0a;

/** A light structural check of a head: enough that lists, search and the index never meet a non-case. */
function headProblem(head: unknown, bucket: number, buckets: number): string | null {
  if (!head || typeof head !== 'object' || Array.isArray(head)) return '不是案件对象';
  const h = head as Record<string, unknown>;
  if (typeof h.id !== 'string' || h.id.length < 8) return '缺少案件编号（id）';
  if (bucketOf(h.id, buckets) !== bucket) return `案件${h.id}不应在此分区`;
  if (typeof h.number !== 'string') return `案件${h.id}缺少案号`;
  if (typeof h.status !== 'string' || typeof h.receivedAt !== 'string' || typeof h.createdAt !== 'string')
    return `案件${h.id}缺少状态或日期`;
  if (typeof h.revision !== 'number' || !Array.isArray(h.parties) || !Array.isArray(h.mediators)) return `案件${h.id}的结构不完整`;
  return null;
}

/** Random access to a file's bytes: the live store reads only what it needs; backups check a whole buffer. */
export interface ByteSource {
  size: number;
  read(start: number, end: number): Buffer;
}

export function bufferSource(buffer: Buffer): ByteSource {
  return { size: buffer.length, read: (start, end) => buffer.subarray(start, end) };
}

/** Read a bucket file through a file descriptor: header and heads only. Missing file: null. */
export function readBucketFile(file: string, bucket: number, buckets: number, cipher: FileCipher | null = null): BucketData | null {
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
    return parseBucket(file, source, bucket, buckets, cipher);
  } finally {
    fs.closeSync(fd);
  }
}

interface BucketHeader {
  count: number;
  heads: number;
  bodies: number[];
  encoding: HeadsEncoding;
}

/** Where the parts of a bucket file are: the heads (JSON, in the header's encoding) and each body's stored range. */
interface Layout {
  header: BucketHeader;
  heads: Buffer;
  bodies: { start: number; end: number }[];
  sealed?: { cipher: FileCipher; identity: string };
}

type Fail = (why: string) => never;

function parseHeader(text: string, bucket: number, fail: Fail): BucketHeader {
  let header: { format?: unknown; bucket?: unknown; count?: unknown; headsEncoding?: unknown; heads?: unknown; bodies?: unknown };
  try {
    header = JSON.parse(text);
  } catch {
    return fail('文件头无法解析');
  }
  if (header.format !== BUCKET_FORMAT || header.bucket !== bucket) fail('文件头与所在分区不符');
  if (typeof header.headsEncoding !== 'string' || !Object.hasOwn(HEADS_DECODING, header.headsEncoding)) fail('不支持的编码');
  const { count, heads, bodies } = header;
  if (typeof count !== 'number' || typeof heads !== 'number' || !Array.isArray(bodies) || bodies.length !== count) fail('文件头不完整');
  for (const length of bodies as unknown[]) {
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 2) fail('文件头中的长度无效');
  }
  return { count: count as number, heads: heads as number, bodies: bodies as number[], encoding: header.headsEncoding as HeadsEncoding };
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

function plainLayout(source: ByteSource, bucket: number, fail: Fail): Layout {
  let first = source.read(0, Math.min(source.size, 64 * 1024));
  let headerEnd = first.indexOf(NEWLINE);
  if (headerEnd < 0 && first.length < source.size) {
    first = source.read(0, source.size);
    headerEnd = first.indexOf(NEWLINE);
  }
  if (headerEnd < 0) fail('文件不完整（缺少文件头）');
  const header = parseHeader(first.toString('utf8', 0, headerEnd), bucket, fail);
  const headsStart = headerEnd + 1;
  const headsEnd = headsStart + header.heads;
  const { ranges, end } = bodyRanges(header.bodies, headsEnd + 1, (length) => length + 1);
  if (source.size !== end) fail(`文件大小与文件头不符（应为${end}字节，实为${source.size}字节），文件可能被截断`);
  const heads = headsEnd + 1 <= first.length ? first.subarray(headsStart, headsEnd + 1) : source.read(headsStart, headsEnd + 1);
  return { header, heads, bodies: ranges };
}

function sealedLayout(source: ByteSource, bucket: number, cipher: FileCipher, file: string, fail: Fail): Layout {
  const identity = bucketIdentity(bucket);
  const first = source.read(0, Math.min(source.size, 64 * 1024));
  const plainLength = segmentLengthAt(first, SEALED_MAGIC.length);
  if (plainLength < 0) fail('文件不完整（缺少文件头）');
  const headEnd = SEALED_MAGIC.length + SEGMENT_OVERHEAD + plainLength;
  if (headEnd > source.size) fail('文件不完整（文件头被截断）');
  const segment = headEnd <= first.length ? first.subarray(SEALED_MAGIC.length, headEnd) : source.read(SEALED_MAGIC.length, headEnd);
  const head = cipher.open(segment, identity, 'heads', file);
  const headerEnd = head.indexOf(NEWLINE);
  if (headerEnd < 0) fail('文件不完整（缺少文件头）');
  const header = parseHeader(head.toString('utf8', 0, headerEnd), bucket, fail);
  if (head.length !== headerEnd + 1 + header.heads + 1) fail('案件列表的长度与文件头不符');
  const { ranges, end } = bodyRanges(header.bodies, headEnd, (length) => length + SEGMENT_OVERHEAD);
  if (source.size !== end) fail(`文件大小与文件头不符（应为${end}字节，实为${source.size}字节），文件可能被截断`);
  return {
    header,
    heads: head.subarray(headerEnd + 1),
    bodies: ranges.map((r) => ({ start: r.start, end: r.start + (r.end - r.start) + SEGMENT_OVERHEAD })),
    sealed: { cipher, identity },
  };
}

function layoutOf(file: string, source: ByteSource, bucket: number, cipher: FileCipher | null, fail: Fail): Layout {
  if (source.size === 0) fail('文件为空');
  const sealed = isSealed(source.read(0, SEALED_MAGIC.length));
  if (cipher && !sealed) fail('文件没有加密，而本数据目录已开启加密（文件可能被替换）');
  if (!cipher && sealed) fail('文件已加密，而本数据目录没有开启加密');
  return cipher ? sealedLayout(source, bucket, cipher, file, fail) : plainLayout(source, bucket, fail);
}

/**
 * Parse a bucket file (sealed with `cipher` when the store is encrypted). Heads are parsed and checked;
 * bodies are located by the header's lengths, not read.
 */
export function parseBucket(
  file: string,
  source: ByteSource,
  bucket: number,
  buckets: number,
  cipher: FileCipher | null = null,
): BucketData {
  const fail = (why: string): never => {
    throw new CorruptFile(file, why);
  };
  const layout = layoutOf(file, source, bucket, cipher, fail);
  const { count } = layout.header;
  const headsBytes = layout.heads;
  if (headsBytes[headsBytes.length - 1] !== NEWLINE) fail('案件列表的结尾不符');
  let heads: unknown;
  try {
    heads = JSON.parse(headsText(layout));
  } catch (error) {
    return fail(`案件列表无法解析（${(error as Error).message}）`);
  }
  if (!Array.isArray(heads) || heads.length !== count) fail(`案件数与文件头不符（应为${count}件）`);
  const list = heads as Case[];
  const cases = new Map<string, Case>();
  for (let i = 0; i < list.length; i++) {
    const problem = headProblem(list[i], bucket, buckets);
    if (problem) fail(problem);
    const c = list[i];
    if (cases.has(c.id)) fail(`案件${c.id}重复`);
    Object.defineProperties(c, BODY_DESCRIPTORS);
    lazyBodies.set(c, { file, ...layout.bodies[i], ...(layout.sealed ? { sealed: layout.sealed } : {}) });
    cases.set(c.id, c);
  }
  return { bucket, cases };
}

/** The number of cases a bucket file holds, from its header alone (for the counts of backups). */
export function bucketCaseCount(file: string, bytes: Buffer, bucket: number, cipher: FileCipher | null): number {
  return layoutOf(file, bufferSource(bytes), bucket, cipher, (why) => {
    throw new CorruptFile(file, why);
  }).header.count;
}

/** The heads line's JSON text (without its newline). */
function headsText(layout: Layout): string {
  return layout.heads.toString(HEADS_DECODING[layout.header.encoding], 0, layout.heads.length - 1);
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

/** The bytes of a bucket: header and heads, then each body as stored (plain lines or sealed segments). */
function assemble(
  bucket: number,
  headsArray: string,
  count: number,
  bodies: { stored: Buffer; plainLength: number }[],
  cipher: FileCipher | null,
) {
  const headsJson = asciiJson(headsArray);
  const header = {
    format: BUCKET_FORMAT,
    bucket,
    count,
    headsEncoding: HEADS_ENCODING,
    heads: headsJson.length,
    bodies: bodies.map((b) => b.plainLength),
  };
  const head = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), headsJson, Buffer.from('\n')]);
  const first = cipher ? Buffer.concat([SEALED_MAGIC, cipher.seal(head, bucketIdentity(bucket), 'heads')]) : head;
  const parts: Buffer[] = [first];
  const starts: number[] = [];
  let offset = first.length;
  const newline = Buffer.from('\n');
  for (const { stored } of bodies) {
    starts.push(offset);
    parts.push(stored);
    offset += stored.length;
    if (!cipher) {
      parts.push(newline);
      offset += 1;
    }
  }
  return { bytes: Buffer.concat(parts, offset), starts };
}

/**
 * Serialise a bucket, sealed with `cipher` when the store is encrypted. `previous` is the current file's
 * content (for unloaded bodies, copied byte for byte). Returns the bytes and a function that moves
 * unloaded bodies' positions to the new file once it is in place.
 */
export function serializeBucket(
  file: string,
  data: BucketData,
  readPrevious: () => Buffer,
  cipher: FileCipher | null = null,
): { bytes: Buffer; relocate: () => void } {
  const identity = bucketIdentity(data.bucket);
  const heads: string[] = [];
  const bodies: { stored: Buffer; plainLength: number }[] = [];
  let previous: Buffer | undefined;
  const unloaded: [Case, number][] = [];
  for (const c of data.cases.values()) {
    const head: Record<string, unknown> = {};
    for (const key of Object.keys(c)) if (!BODY_SET.has(key)) head[key] = (c as unknown as Record<string, unknown>)[key];
    heads.push(JSON.stringify(head));
    const ref = lazyBodies.get(c);
    let plain: Buffer | undefined;
    if (ref) {
      previous ??= readPrevious();
      unloaded.push([c, bodies.length]);
      const stored = previous.subarray(ref.start, ref.end);
      // the same form as the new file (always, except in tests that change a file's form): copied as it is
      if (!!ref.sealed === !!cipher) {
        bodies.push({ stored, plainLength: ref.sealed ? stored.length - SEGMENT_OVERHEAD : stored.length });
        continue;
      }
      plain = bodyBytes(ref, stored);
    } else {
      plain = Buffer.from(JSON.stringify({ id: c.id, facts: c.facts, claims: c.claims, events: c.events, sessions: c.sessions }), 'utf8');
    }
    bodies.push({ stored: cipher ? cipher.seal(plain, identity, 'body') : plain, plainLength: plain.length });
  }
  const { bytes, starts } = assemble(data.bucket, `[${heads.join(',')}]`, heads.length, bodies, cipher);
  return {
    bytes,
    relocate: () => {
      for (const [c, index] of unloaded) {
        if (!lazyBodies.has(c)) continue;
        const start = starts[index];
        const end = start + bodies[index].stored.length;
        lazyBodies.set(c, { file, start, end, ...(cipher ? { sealed: { cipher, identity } } : {}) });
      }
    },
  };
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
): Buffer {
  const source = bufferSource(bytes);
  parseBucket(file, source, bucket, buckets, from); // the whole check of opening, before anything is rewritten
  const layout = layoutOf(file, source, bucket, from, (why) => {
    throw new CorruptFile(file, why);
  });
  const identity = bucketIdentity(bucket);
  const bodies = layout.bodies.map((range) => {
    const stored = bytes.subarray(range.start, range.end);
    const plain = layout.sealed ? layout.sealed.cipher.open(stored, identity, 'body', file) : stored;
    return { stored: to ? to.seal(plain, identity, 'body') : Buffer.from(plain), plainLength: plain.length };
  });
  return assemble(bucket, headsText(layout), layout.header.count, bodies, to).bytes;
}
