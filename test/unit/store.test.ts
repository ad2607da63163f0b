/**
 * The store's parts in isolation: partition format and lazy bodies, journal recovery, counters merge,
 * lock staleness, and the case generator that benchmarks and other tests rely on.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { verifyLog } from '../../electron/core/cases/events';
import { DeskError } from '../../electron/core/errors';
import { type Case, CaseSchema } from '../../electron/core/schema/case';
import { type CaseKey, caseKeyOf } from '../../electron/core/schema/case-keys';
import { residentIdProblem } from '../../electron/core/schema/identity';
import { maxCounters } from '../../electron/core/store';
import {
  appendToBucket,
  bucketOf,
  bufferSource,
  isLoaded,
  moveBodies,
  parseBucket,
  readBucketFile,
  readBucketKeys,
  serializeBucket,
} from '../../electron/core/store/buckets';
import { FileCipher, SEALED_MAGIC, SEGMENT_OVERHEAD } from '../../electron/core/store/cipher';
import { CorruptFile } from '../../electron/core/store/codec';
import { JOURNAL_FILE, recover, Transaction } from '../../electron/core/store/journal';
import { acquireLock } from '../../electron/core/store/lock';
import { countersOf, generateCases } from '../support/generate-cases';

const roots: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-unit-'));
  roots.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of roots) fs.rmSync(dir, { recursive: true, force: true });
});

const plain = (c: Case) => ({ ...c });

function writeBucket(dir: string, bucket: number, cases: Case[], buckets = 4): string {
  const file = path.join(dir, `${bucket}.jsonl`);
  const { bytes } = serializeBucket(file, { bucket, cases: new Map(cases.map((c) => [c.id, c])) }, () => Buffer.alloc(0));
  fs.writeFileSync(file, bytes);
  expect(cases.every((c) => bucketOf(c.id, buckets) === bucket)).toBe(true);
  return file;
}

describe('partitions', () => {
  const cases = generateCases(400, { seed: 5 });
  const inBucket = (b: number) => cases.filter((c) => bucketOf(c.id, 4) === b);

  it('spreads ids evenly and always puts an id in the same bucket', () => {
    const counts = new Array(1024).fill(0);
    for (const c of generateCases(5000, { seed: 6 })) counts[bucketOf(c.id)]++;
    expect(Math.max(...counts)).toBeLessThan(20); // mean ~4.9
    expect(counts.filter((n) => n === 0).length).toBeLessThan(30);
    expect(bucketOf(cases[0].id)).toBe(bucketOf(`${cases[0].id}`));
  });

  it('round-trips cases; bodies are read only on first access and equal the originals', () => {
    const dir = tempDir();
    const file = writeBucket(dir, 1, inBucket(1));
    const data = readBucketFile(file, 1, 4)!;
    expect(data.cases.size).toBe(inBucket(1).length);
    for (const c of inBucket(1)) {
      const read = data.cases.get(c.id)!;
      expect(isLoaded(read)).toBe(false);
      expect(read.parties).toEqual(c.parties); // head fields need no body
      expect(isLoaded(read)).toBe(false);
      expect(isDeepStrictEqual(plain(read), c)).toBe(true);
      expect(isLoaded(read)).toBe(true);
      expect(JSON.parse(JSON.stringify(read))).toEqual(c);
    }
  });

  it('writes the heads line as pure ASCII and still reads partitions whose heads are UTF-16LE (older files)', () => {
    const dir = tempDir();
    const own = inBucket(3);
    // characters outside the BMP (a surrogate pair) and rare CJK survive the \uXXXX escapes
    own[0] = { ...own[0], parties: own[0].parties.map((p, i) => (i === 0 ? { ...p, name: '𠮷野家𪚥' } : p)) };
    const file = writeBucket(dir, 3, own);
    const bytes = fs.readFileSync(file);
    const headerEnd = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.toString('utf8', 0, headerEnd)) as { headsEncoding: string; keys: number; heads: number };
    expect(header.headsEncoding).toBe('ascii');
    const keys = bytes.subarray(headerEnd + 1, headerEnd + 1 + header.keys);
    const headsStart = headerEnd + 1 + header.keys + 1;
    const heads = bytes.subarray(headsStart, headsStart + header.heads);
    expect(keys.every((byte) => byte < 0x80)).toBe(true);
    expect(heads.every((byte) => byte < 0x80)).toBe(true);
    expect(readBucketFile(file, 3, 4)!.cases.get(own[0].id)!.parties[0].name).toBe('𠮷野家𪚥');

    // the same partition as an earlier format wrote it: no keys line, heads in UTF-16LE
    const oldHeads = Buffer.from(
      heads.toString('latin1').replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'utf16le',
    );
    const { keys: _keys, headsCrc: _crc, ...olderHeader } = JSON.parse(bytes.toString('utf8', 0, headerEnd)) as Record<string, unknown>;
    const oldHeader = Buffer.from(`${JSON.stringify({ ...olderHeader, headsEncoding: 'utf-16le', heads: oldHeads.length })}\n`);
    const old = Buffer.concat([oldHeader, oldHeads, bytes.subarray(headsStart + header.heads)]);
    const data = parseBucket(file, bufferSource(old), 3, 4);
    fs.writeFileSync(file, old); // bodies are read from the file on first access
    for (const c of own) expect(isDeepStrictEqual(plain(data.cases.get(c.id)!), c)).toBe(true);
    expect(() =>
      parseBucket(
        file,
        bufferSource(Buffer.concat([Buffer.from(oldHeader.toString().replace('utf-16le', 'utf-32')), old.subarray(oldHeader.length)])),
        3,
        4,
      ),
    ).toThrow(/不支持的编码/);
  });

  it('carries the cases’ keys in a line of their own: opening reads them alone, damage to the heads is found when they are parsed', () => {
    const dir = tempDir();
    const own = inBucket(1);
    const file = writeBucket(dir, 1, own);
    const opened = readBucketKeys(file, 1, 4);
    expect(opened && 'keys' in opened).toBe(true);
    const { keys } = opened as { keys: CaseKey[] };
    expect(keys).toEqual(own.map(caseKeyOf)); // what the index would compute from the cases themselves
    expect(keys.every((k) => k.haystack.length > 0 && !k.broken)).toBe(true);

    const bytes = fs.readFileSync(file);
    const headerEnd = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.toString('utf8', 0, headerEnd)) as { keys: number; heads: number };
    const headsStart = headerEnd + 1 + header.keys + 1;
    // one byte of the heads line changed (still valid JSON: a digit of a date): the keys still open (the
    // heads are not read then), and the CRC finds it when the heads are parsed
    const damaged = Buffer.from(bytes);
    const digit = damaged.indexOf(Buffer.from('"receivedAt":"20'), headsStart) + 15;
    expect(digit).toBeGreaterThan(headsStart + 15);
    damaged[digit] = damaged[digit] === 0x31 ? 0x32 : 0x31;
    fs.writeFileSync(file, damaged);
    expect(readBucketKeys(file, 1, 4)).toMatchObject({ keys });
    expect(() => readBucketFile(file, 1, 4)).toThrow(/校验值不符/);

    // keys that do not describe the heads beside them (another partition's line, or an edit): refused
    const other = fs.readFileSync(writeBucket(tempDir(), 1, own.slice().reverse()));
    const otherEnd = other.indexOf(0x0a);
    const swapped = Buffer.concat([
      bytes.subarray(0, headerEnd + 1),
      other.subarray(otherEnd + 1, otherEnd + 1 + header.keys + 1),
      bytes.subarray(headsStart),
    ]);
    fs.writeFileSync(file, swapped);
    expect(readBucketKeys(file, 1, 4)).toMatchObject({ keys: expect.any(Array) }); // well-formed on its own
    expect(() => readBucketFile(file, 1, 4)).toThrow(/与索引项不符/);
    // a key of another partition, or malformed: refused at open
    const foreign = Buffer.from(bytes.toString('latin1').replace(`["${own[0].id}"`, `["${inBucket(2)[0].id}"`), 'latin1');
    expect(() => parseBucket(file, bufferSource(foreign), 1, 4)).toThrow(CorruptFile);
    fs.writeFileSync(file, foreign);
    expect(() => readBucketKeys(file, 1, 4)).toThrow(/不应在此分区/);

    // a file from before keys (no keys line): parsed whole at open, as it always was
    const { keys: _keys, headsCrc: _crc, ...older } = JSON.parse(bytes.toString('utf8', 0, headerEnd)) as Record<string, unknown>;
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(older)}\n`), bytes.subarray(headsStart)]));
    const old = readBucketKeys(file, 1, 4);
    expect(old && 'data' in old && old.data.cases.size).toBe(own.length);
  });

  it('seals keys and heads as segments of their own: keys open without the heads, a swapped or edited heads segment is refused', () => {
    const dir = tempDir();
    const own = inBucket(2);
    const cipher = new FileCipher(Buffer.alloc(32, 7));
    const file = path.join(dir, '2.jsonl');
    const sealed = (list: Case[]) =>
      serializeBucket(file, { bucket: 2, cases: new Map(list.map((c) => [c.id, c])) }, () => Buffer.alloc(0), cipher).bytes;
    const bytes = sealed(own);
    fs.writeFileSync(file, bytes);
    expect(readBucketKeys(file, 2, 4, cipher)).toMatchObject({ keys: own.map(caseKeyOf) });
    for (const c of own) expect(isDeepStrictEqual(plain(readBucketFile(file, 2, 4, cipher)!.cases.get(c.id)!), c)).toBe(true);

    // the heads segment of the same partition written in another order (same length): it opens, but is not these keys' heads
    const reordered = sealed(own.slice().reverse());
    const keysEnd = SEALED_MAGIC.length + SEGMENT_OVERHEAD + bytes.readUInt32BE(SEALED_MAGIC.length);
    const listEnd = keysEnd + SEGMENT_OVERHEAD + bytes.readUInt32BE(keysEnd);
    expect(reordered.readUInt32BE(keysEnd)).toBe(bytes.readUInt32BE(keysEnd));
    fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, keysEnd), reordered.subarray(keysEnd, listEnd), bytes.subarray(listEnd)]));
    expect(readBucketKeys(file, 2, 4, cipher)).toMatchObject({ keys: own.map(caseKeyOf) });
    expect(() => readBucketFile(file, 2, 4, cipher)).toThrow(/校验值不符/); // the header's CRC-32 of the heads it was written with
    // one byte of the sealed heads changed: its tag does not verify
    const edited = Buffer.from(bytes);
    edited[listEnd - 20] ^= 1;
    fs.writeFileSync(file, edited);
    expect(() => readBucketFile(file, 2, 4, cipher)).toThrow(CorruptFile);
  });

  it('appends new cases without parsing the heads: the same bytes as writing the partition anew, bodies of cases in memory moved', () => {
    const own = inBucket(3);
    const [old, added] = [own.slice(0, -4), own.slice(-4)];
    const dir = tempDir();
    const file = writeBucket(dir, 3, old);
    const inMemory = readBucketFile(file, 3, 4)!; // parsed, bodies not loaded: they point into the old file
    const opened = readBucketKeys(file, 3, 4) as { keys: CaseKey[]; headsCrc: number };
    const { bytes, headsCrc, shift } = appendToBucket(file, 3, null, { count: old.length, headsCrc: opened.headsCrc }, added);
    const whole = serializeBucket(file, { bucket: 3, cases: new Map(own.map((c) => [c.id, c])) }, () => Buffer.alloc(0));
    expect(bytes.equals(whole.bytes)).toBe(true); // byte for byte what rewriting every head would give
    expect(headsCrc).toBe(whole.headsCrc);
    expect(shift).toBeGreaterThan(0); // the keys and heads lines grew
    fs.writeFileSync(file, bytes);
    moveBodies(inMemory.cases.values(), shift);
    for (const c of old) expect(isDeepStrictEqual(plain(inMemory.cases.get(c.id)!), c)).toBe(true);
    const reread = readBucketFile(file, 3, 4)!;
    expect([...reread.cases.keys()]).toEqual(own.map((c) => c.id));
    for (const c of own) expect(isDeepStrictEqual(plain(reread.cases.get(c.id)!), c)).toBe(true);

    // sealed: the same content (new nonces), the heads' seal checked before anything is copied
    const cipher = new FileCipher(Buffer.alloc(32, 9));
    const sealedFile = path.join(dir, 'sealed.jsonl');
    fs.writeFileSync(
      sealedFile,
      serializeBucket(sealedFile, { bucket: 3, cases: new Map(old.map((c) => [c.id, c])) }, () => Buffer.alloc(0), cipher).bytes,
    );
    const sealedOpen = readBucketKeys(sealedFile, 3, 4, cipher) as { keys: CaseKey[]; headsCrc: number };
    const appended = appendToBucket(sealedFile, 3, cipher, { count: old.length, headsCrc: sealedOpen.headsCrc }, added);
    fs.writeFileSync(sealedFile, appended.bytes);
    const sealedRead = readBucketFile(sealedFile, 3, 4, cipher)!;
    for (const c of own) expect(isDeepStrictEqual(plain(sealedRead.cases.get(c.id)!), c)).toBe(true);
    expect((readBucketKeys(sealedFile, 3, 4, cipher) as { keys: CaseKey[] }).keys).toEqual(own.map(caseKeyOf));
  });

  it('refuses to append to a partition whose heads are damaged or not the ones the store read', () => {
    const own = inBucket(0);
    const dir = tempDir();
    const file = writeBucket(dir, 0, own.slice(0, -1));
    const { headsCrc } = readBucketKeys(file, 0, 4) as { headsCrc: number };
    const expected = { count: own.length - 1, headsCrc };
    const append =
      (e = expected) =>
      () =>
        appendToBucket(file, 0, null, e, own.slice(-1));
    expect(append({ ...expected, count: expected.count + 1 })).toThrow(/打开之后文件被改动/);
    expect(append({ ...expected, headsCrc: (headsCrc + 1) >>> 0 })).toThrow(/打开之后文件被改动/);
    // one digit of a date in the heads changed (valid JSON still): the CRC finds it before anything is copied
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(Buffer.from('"receivedAt":"20')) + 15;
    const damaged = Buffer.from(bytes);
    damaged[at] = damaged[at] === 0x31 ? 0x32 : 0x31;
    fs.writeFileSync(file, damaged);
    expect(append()).toThrow(/校验值不符/);
    fs.rmSync(file);
    expect(append()).toThrow(/打开之后文件被删除/);
    expect(append()).toThrow(CorruptFile);
  });

  it('detects truncation anywhere, a wrong bucket, and a body that belongs to another case', () => {
    const dir = tempDir();
    const file = writeBucket(dir, 2, inBucket(2));
    const bytes = fs.readFileSync(file);
    for (const cut of [10, Math.floor(bytes.length / 3), bytes.length - 1]) {
      expect(() => parseBucket(file, bufferSource(bytes.subarray(0, cut)), 2, 4)).toThrow(CorruptFile);
    }
    expect(() => parseBucket(file, bufferSource(bytes), 3, 4)).toThrow(/分区/);
    expect(() => parseBucket(file, bufferSource(Buffer.alloc(0)), 2, 4)).toThrow(/为空/);

    // swap two bodies of equal length position: the id check refuses to hand out another case's data
    const data = readBucketFile(file, 2, 4)!;
    const [a] = [...data.cases.values()];
    const damaged = Buffer.from(bytes);
    const bodyAt = damaged.lastIndexOf(Buffer.from(`{"id":"${a.id}"`, 'utf8')); // the body line (UTF-8, after the heads)
    expect(bodyAt).toBeGreaterThan(0);
    damaged[bodyAt + 8] = a.id[0] === 'a' ? 0x62 : 0x61; // one character of the id in the body
    fs.writeFileSync(file, damaged);
    const reread = readBucketFile(file, 2, 4)!;
    expect(() => reread.cases.get(a.id)!.events).toThrow(
      expect.objectContaining({ code: 'STORE_CORRUPT', details: expect.objectContaining({ file }) }),
    );
  });

  it('rewriting copies unloaded bodies byte for byte and moves their positions', () => {
    const dir = tempDir();
    const own = inBucket(0);
    const file = writeBucket(dir, 0, own);
    const data = readBucketFile(file, 0, 4)!;
    const changed = { ...data.cases.get(own[0].id)!, facts: '新的情况。'.repeat(100) };
    const next = new Map(data.cases);
    next.set(changed.id, changed);
    const { bytes, relocate } = serializeBucket(file, { bucket: 0, cases: next }, () => fs.readFileSync(file));
    fs.writeFileSync(file, bytes);
    relocate();
    for (const c of own.slice(1)) {
      const kept = next.get(c.id)!;
      expect(isLoaded(kept)).toBe(false);
      expect(isDeepStrictEqual(plain(kept), c)).toBe(true);
    }
    expect(readBucketFile(file, 0, 4)!.cases.get(changed.id)!.facts).toBe(changed.facts);
  });
});

describe('journal', () => {
  it('replays a complete journal left by a crash and sweeps temps of an unfinished commit', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'docs'));
    fs.writeFileSync(path.join(root, 'docs', 'a.json'), 'old a');
    fs.writeFileSync(path.join(root, 'docs', 'b.json'), 'old b');
    fs.writeFileSync(path.join(root, 'docs', 'gone.json'), 'to delete');
    // as if the commit reached its commit point and one rename had happened
    fs.writeFileSync(path.join(root, 'docs', 'a.json'), 'new a');
    fs.writeFileSync(path.join(root, 'docs', 'b.json.tmp-1-a-b'), 'new b');
    fs.writeFileSync(
      path.join(root, JOURNAL_FILE),
      JSON.stringify({
        format: 'mediation-desk.journal',
        version: 1,
        renames: [
          ['docs/a.json.tmp-1-a-a', 'docs/a.json'],
          ['docs/b.json.tmp-1-a-b', 'docs/b.json'],
        ],
        deletes: ['docs/gone.json'],
      }),
    );
    fs.writeFileSync(path.join(root, 'docs', 'c.json.tmp-2-x-y'), 'never committed');
    expect(recover(root, ['docs'])).toBe(true);
    expect(fs.readdirSync(path.join(root, 'docs')).sort()).toEqual(['a.json', 'b.json']);
    expect(fs.readFileSync(path.join(root, 'docs', 'b.json'), 'utf8')).toBe('new b');
    expect(fs.existsSync(path.join(root, JOURNAL_FILE))).toBe(false);
    expect(recover(root, ['docs'])).toBe(false);
  });

  it('refuses a damaged journal as STORE_CORRUPT instead of guessing', () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, JOURNAL_FILE), '{"format":"mediation-desk.jour');
    expect(() => recover(root, [])).toThrow(DeskError);
    expect(fs.existsSync(path.join(root, JOURNAL_FILE))).toBe(true);
  });

  it('a transaction writes no journal for one file and one for several', () => {
    const root = tempDir();
    const single = new Transaction(root);
    single.stage(path.join(root, 'x.json'), 'x');
    expect(single.commit().journaled).toBe(false);
    const multi = new Transaction(root);
    multi.stage(path.join(root, 'x.json'), 'x2');
    multi.stage(path.join(root, 'y.json'), 'y');
    expect(multi.commit().journaled).toBe(true);
    expect(fs.readdirSync(root).sort()).toEqual(['x.json', 'y.json']);
  });
});

describe('counters across a restore', () => {
  it('takes the element-wise maximum', () => {
    expect(maxCounters({ '2025': 9, '2026': 3 }, { '2026': 5, '2027': 1 })).toEqual({ '2025': 9, '2026': 5, '2027': 1 });
    expect(maxCounters(undefined, { '2026': 2 })).toEqual({ '2026': 2 });
    expect(maxCounters(undefined, undefined)).toBeUndefined();
  });
});

describe('lock', () => {
  it('takes over a lock file that was created but never written: at once when old, after waiting it out (past waitMs) when fresh', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'lock');
    fs.writeFileSync(file, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    let lock = await acquireLock(dir, 100);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(file)).toBe(false);

    // its owner killed between creating and writing it 4.6 s ago: judged stale 0.4 s from now, past the 100 ms asked
    fs.writeFileSync(file, '');
    const created = new Date(Date.now() - 4_600);
    fs.utimesSync(file, created, created);
    const started = Date.now();
    lock = await acquireLock(dir, 100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('refuses a fresh unwritten lock whose owner then writes it: a live owner', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'lock');
    fs.writeFileSync(file, '');
    // pid 1 is alive on every Unix host
    const owner = { pid: 1, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 'writing' };
    setTimeout(() => fs.writeFileSync(file, JSON.stringify(owner)), 50);
    const started = Date.now();
    const error = await acquireLock(dir, 100).catch((e: unknown) => e);
    expect((error as DeskError).code).toBe('STORE_LOCKED');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).token).toBe('writing');
  });

  it('takes over the lock of a dead process at once', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'lock'),
      JSON.stringify({ pid: 2 ** 22 + 17, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 'x' }),
    );
    const started = Date.now();
    const lock = await acquireLock(dir, 5000);
    expect(Date.now() - started).toBeLessThan(500);
    lock.release();
  });
});

describe('generated cases', () => {
  const cases = generateCases(600, { seed: 9 });

  it('are valid stored cases with valid ID numbers and intact event logs', () => {
    for (const c of cases) {
      const result = CaseSchema.safeParse(c);
      expect(result.success, JSON.stringify(!result.success && result.error.issues[0])).toBe(true);
      expect(verifyLog(c.events).ok).toBe(true);
      expect(c.revision).toBe(c.events.length);
      for (const p of c.parties) if (p.kind === 'person' && p.idNumber) expect(residentIdProblem(p.idNumber, '2026-11-23')).toBeNull();
      expect(c.parties.length).toBeGreaterThanOrEqual(2);
      expect(c.facts.length).toBeGreaterThan(100);
    }
    expect(cases.some((c) => c.agreement)).toBe(true);
  });

  it('are deterministic, honour the status choice, and number per year without gaps', () => {
    expect(generateCases(20, { seed: 9 })).toEqual(cases.slice(0, 20));
    expect(generateCases(20, { seed: 10 })[0].id).not.toBe(cases[0].id);
    const agreed = generateCases(50, { seed: 3, statuses: ['agreed'] });
    expect(new Set(agreed.map((c) => c.status))).toEqual(new Set(['agreed']));
    const counters = countersOf(cases);
    const perYear = new Map<string, number>();
    for (const c of cases) perYear.set(c.receivedAt.slice(0, 4), (perYear.get(c.receivedAt.slice(0, 4)) ?? 0) + 1);
    expect(counters).toEqual(Object.fromEntries(perYear));
    expect(new Set(cases.map((c) => c.number)).size).toBe(cases.length);
  });
});
