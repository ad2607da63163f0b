/**
 * Case partitions ("buckets"): a fixed number of files, each case in the bucket chosen by a hash of its id,
 * so that saving one case rewrites one small file whatever the size of the register.
 *
 * Bucket file (`cases/0017.jsonl`, JSON Lines, UTF-8):
 *   line 1  header  {"format":"mediation-desk.cases","bucket":17,"count":3}
 *   line 2  heads   [ {...case without its bulky fields...}, ... ]        (one JSON array)
 *   line 3… bodies  {"id":"…","facts":"…","claims":"…","events":[…],"sessions":[…]}   (one line per case, same order)
 *
 * Why split heads and bodies: opening must be fast (50,000 cases ≤ 1 s on a 2-core machine), and decoding
 * plus parsing ~250 MB of Chinese JSON takes ~2.5 s there. Heads (everything lists, search and statistics
 * read: number, dates, status, codes, parties, agreement, outcome…) are parsed at open; bodies (facts, claims,
 * the event log, session records: most of the bytes) are parsed on first access. A case object is a plain
 * object whose body fields are own enumerable getters that load the body from its line in the file, so
 * spreading, JSON.stringify, structuredClone and zod all see an ordinary complete case.
 *
 * The body line carries the case id, and loading checks it, so a stale position can never yield another
 * case's data. Rewriting a bucket copies unloaded bodies byte for byte and moves their positions.
 */

import fs from 'node:fs';
import type { Case } from '../schema/case';
import { CorruptFile } from './codec';

export const BUCKET_COUNT = 1024;
export const BUCKET_FORMAT = 'mediation-desk.cases';
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

/** Where an unloaded body lives: byte range of its line in the bucket file. */
interface BodyRef {
  file: string;
  start: number;
  end: number;
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
    body = JSON.parse(buffer.toString('utf8'));
  } catch (error) {
    throw new CorruptFile(ref.file, `案件“${c.number}”的详细内容无法读取：${(error as Error).message}`);
  }
  if (body.id !== c.id) throw new CorruptFile(ref.file, `案件“${c.number}”的详细内容位置不符`);
  lazyBodies.delete(c);
  for (const key of BODY_KEYS) {
    Object.defineProperty(c, key, { value: body[key], writable: true, enumerable: true, configurable: true });
  }
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
  if (typeof h.status !== 'string' || typeof h.receivedAt !== 'string' || typeof h.createdAt !== 'string') return `案件${h.id}缺少状态或日期`;
  if (typeof h.revision !== 'number' || !Array.isArray(h.parties) || !Array.isArray(h.mediators)) return `案件${h.id}的结构不完整`;
  return null;
}

/** Parse a bucket file. Heads are parsed and checked; bodies are located (and shape-checked) but not parsed. */
export function parseBucket(file: string, buffer: Buffer, bucket: number, buckets: number): BucketData {
  const fail = (why: string): never => {
    throw new CorruptFile(file, why);
  };
  const headerEnd = buffer.indexOf(NEWLINE);
  if (headerEnd < 0) fail('文件不完整（缺少文件头）');
  let header: { format?: unknown; bucket?: unknown; count?: unknown };
  try {
    header = JSON.parse(buffer.toString('utf8', 0, headerEnd));
  } catch {
    return fail('文件头无法解析');
  }
  if (header.format !== BUCKET_FORMAT || header.bucket !== bucket || typeof header.count !== 'number') fail('文件头与所在分区不符');
  const count = header.count as number;
  const headsEnd = buffer.indexOf(NEWLINE, headerEnd + 1);
  if (headsEnd < 0) fail('文件不完整（案件列表被截断）');
  let heads: unknown;
  try {
    heads = JSON.parse(buffer.toString('utf8', headerEnd + 1, headsEnd));
  } catch (error) {
    return fail(`案件列表无法解析（${(error as Error).message}）`);
  }
  if (!Array.isArray(heads) || heads.length !== count) fail(`案件数与文件头不符（应为${count}件）`);
  const list = heads as Case[];
  const cases = new Map<string, Case>();
  let start = headsEnd + 1;
  for (let i = 0; i < count; i++) {
    const problem = headProblem(list[i], bucket, buckets);
    if (problem) fail(problem);
    const end = buffer.indexOf(NEWLINE, start);
    if (end < 0) fail(`文件不完整（第${i + 1}件案件的详细内容被截断）`);
    // a body line is `{"id":"<id>",…}`: check its opening and closing bytes without decoding it
    if (buffer[start] !== 0x7b || buffer[end - 1] !== 0x7d) fail(`第${i + 1}件案件的详细内容格式不符`);
    const c = list[i];
    if (cases.has(c.id)) fail(`案件${c.id}重复`);
    Object.defineProperties(c, BODY_DESCRIPTORS);
    lazyBodies.set(c, { file, start, end });
    cases.set(c.id, c);
    start = end + 1;
  }
  if (start !== buffer.length) fail('文件末尾有多余内容');
  return { bucket, cases };
}

/**
 * Serialise a bucket. `previous` is the current file's content (for unloaded bodies, copied byte for byte).
 * Returns the bytes and a function that moves unloaded bodies' positions to the new file once it is in place.
 */
export function serializeBucket(file: string, data: BucketData, readPrevious: () => Buffer): { bytes: Buffer; relocate: () => void } {
  const heads: string[] = [];
  const bodies: Buffer[] = [];
  let previous: Buffer | undefined;
  const unloaded: [Case, number][] = [];
  for (const c of data.cases.values()) {
    const head: Record<string, unknown> = {};
    for (const key of Object.keys(c)) if (!BODY_SET.has(key)) head[key] = (c as unknown as Record<string, unknown>)[key];
    heads.push(JSON.stringify(head));
    const ref = lazyBodies.get(c);
    if (ref) {
      previous ??= readPrevious();
      unloaded.push([c, bodies.length]);
      bodies.push(previous.subarray(ref.start, ref.end));
    } else {
      const body = { id: c.id, facts: c.facts, claims: c.claims, events: c.events, sessions: c.sessions };
      bodies.push(Buffer.from(JSON.stringify(body), 'utf8'));
    }
  }
  const head = Buffer.from(`${JSON.stringify({ format: BUCKET_FORMAT, bucket: data.bucket, count: heads.length })}\n[${heads.join(',')}]\n`, 'utf8');
  const parts: Buffer[] = [head];
  const starts: number[] = [];
  let offset = head.length;
  const newline = Buffer.from('\n');
  for (const body of bodies) {
    starts.push(offset);
    parts.push(body, newline);
    offset += body.length + 1;
  }
  const bytes = Buffer.concat(parts, offset);
  return {
    bytes,
    relocate: () => {
      for (const [c, index] of unloaded) {
        if (lazyBodies.has(c)) lazyBodies.set(c, { file, start: starts[index], end: starts[index] + bodies[index].length });
      }
    },
  };
}
