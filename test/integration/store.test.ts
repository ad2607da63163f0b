/**
 * The real store on real temp directories: round trip, corrupt files, full disk, second writer,
 * stale locks, restore and undo, migration from schema version 1, journal replay, rolling backups.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { DeskError } from '../../electron/core/errors';
import type { Case } from '../../electron/core/schema/case';
import { caseKeyOf } from '../../electron/core/schema/case-keys';
import { openStore, restoreBackup, storeFaults } from '../../electron/core/store';
import { bucketFileName, bucketOf, isLoaded, serializeBucket } from '../../electron/core/store/buckets';
import type { Store } from '../../electron/core/store/types';
import { generateCases } from '../support/generate-cases';
import { crashAtCases } from '../support/store-crash-at';

const repoRoot = path.resolve(__dirname, '..', '..');
const roots: string[] = [];
const open: Store[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-test-'));
  roots.push(dir);
  return dir;
}

async function openTracked(dataDir: string, extra: Partial<Parameters<typeof openStore>[0]> = {}): Promise<Store> {
  const store = await openStore({ dataDir, dailyBackup: false, ...extra });
  open.push(store);
  return store;
}

async function closeAll(): Promise<void> {
  while (open.length) await open.pop()!.close();
}

/** A register of `cases` written in a new data directory, then opened again (its partitions not yet parsed). */
async function reopenedWith(cases: Case[]): Promise<{ dir: string; store: Store }> {
  const dir = tempDir();
  const writer = await openTracked(dir);
  await writer.commit({ cases });
  await closeAll();
  return { dir, store: await openTracked(dir) };
}

afterEach(async () => {
  storeFaults.hook = undefined;
  await closeAll();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => {
  for (const dir of roots) fs.rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    return error as DeskError;
  }
  throw new Error('expected a rejection');
}

const plain = (c: Case | undefined) => (c ? { ...c } : c);

/** Every file under dir (except backups and the lock) with its bytes, to prove nothing on disk changed. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel))) {
      const child = path.join(rel, name);
      if (child === 'backups' || child === 'lock') continue;
      const full = path.join(dir, child);
      if (fs.statSync(full).isDirectory()) walk(child);
      else out.set(child, fs.readFileSync(full));
    }
  };
  walk('');
  return out;
}

function expectSameFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): void {
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true);
}

function spawnTs(script: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test', 'support', script), ...args], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function waitForLine(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(text)) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', () => reject(new Error(`child exited before “${text}”: ${stderr}`)));
  });
}

function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

describe('round trip', () => {
  it('writes cases and documents durably and reads them back, bodies on demand', async () => {
    const dir = tempDir();
    const cases = generateCases(300, { seed: 11 });
    let store = await openTracked(dir);
    expect(store.schemaVersion).toBe(3);
    await store.commit({ cases, docs: { settings: { name: '东城街道人民调解委员会' }, counters: { '2026': 300 } } });
    expect(store.caseCount()).toBe(300);
    await closeAll();

    store = await openTracked(dir);
    expect(store.caseCount()).toBe(300);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'))).toMatchObject({ schemaVersion: 3, layout: { buckets: 1024 } });
    const first = store.getCase(cases[0].id)!;
    expect(isLoaded(first)).toBe(false);
    expect(first.number).toBe(cases[0].number);
    expect(first.events).toEqual(cases[0].events); // loads the body
    expect(isLoaded(first)).toBe(true);
    for (const c of cases) expect(isDeepStrictEqual(plain(store.getCase(c.id)), c)).toBe(true);
    expect([...store.allCases()].length).toBe(300);
    expect(store.getDoc('counters')).toEqual({ '2026': 300 });
    expect(store.getCase('no-such-id')).toBeUndefined();
  });

  it('keeps its own copies: changing an object after commit or a document after getDoc changes nothing', async () => {
    const dir = tempDir();
    const store = await openTracked(dir);
    const [c] = generateCases(1, { seed: 12 });
    await store.commit({ cases: [c], docs: { counters: { '2026': 1 } } });
    c.summary = '被外部修改';
    store.getDoc<Record<string, number>>('counters')!['2026'] = 42;
    expect(store.getCase(c.id)!.summary).not.toBe('被外部修改');
    expect(store.getDoc('counters')).toEqual({ '2026': 1 });
  });

  it('keeps handed-over cases as given (no copy), and writes and reads them back like any other', async () => {
    const dir = tempDir();
    const store = await openTracked(dir);
    const cases = generateCases(3, { seed: 13 });
    await store.commit({ cases, handOver: true });
    expect(store.getCase(cases[0].id)).toBe(cases[0]);
    await store.close();
    const again = await openTracked(dir);
    for (const c of cases) expect(again.getCase(c.id)).toEqual(c);
  });

  it('rewrites a partition keeping the unloaded bodies of its other cases intact', async () => {
    const cases = generateCases(2000, { seed: 13 });
    const opened = await reopenedWith(cases);
    const { dir } = opened;
    let { store } = opened;
    // two cases in the same partition: change one, leave the other unloaded
    const byBucket = new Map<number, Case[]>();
    for (const c of cases) byBucket.set(bucketOf(c.id), [...(byBucket.get(bucketOf(c.id)) ?? []), c]);
    const [a, b, c] = [...byBucket.values()].find((list) => list.length >= 3)!;
    await store.commit({ cases: [{ ...store.getCase(a.id)!, summary: '修改后的案由' }] });
    expect(isLoaded(store.getCase(b.id)!)).toBe(false);
    expect(isDeepStrictEqual(plain(store.getCase(b.id)), b)).toBe(true);
    // a version replaced without being read first stays readable by whoever still holds it
    const heldOld = store.getCase(c.id)!;
    expect(isLoaded(heldOld)).toBe(false);
    const batchReplacement = { ...c, summary: '导入时替换' };
    await store.commit({ cases: [batchReplacement] });
    expect(heldOld.facts).toBe(c.facts);
    expect(store.getCase(c.id)!.summary).toBe('导入时替换');
    await closeAll();
    store = await openTracked(dir);
    expect(store.getCase(a.id)!.summary).toBe('修改后的案由');
    expect(store.getCase(a.id)!.facts).toBe(a.facts);
    expect(isDeepStrictEqual(plain(store.getCase(b.id)), b)).toBe(true);
    expect(isDeepStrictEqual(plain(store.getCase(c.id)), batchReplacement)).toBe(true);
  });
});

describe('opening from the cases\u2019 keys', () => {
  it('builds the search index from the keys, parses a partition\u2019s heads when a case of it is asked for, and lists as before', async () => {
    const { CaseIndex } = await import('../../electron/core/cases/search');
    const dir = tempDir();
    const cases = generateCases(600, { seed: 17 });
    let store = await openTracked(dir);
    await store.commit({ cases });
    const fromCases = new CaseIndex();
    fromCases.rebuild(store); // every partition parsed: keys computed from the cases
    const queries = [
      {},
      { q: cases[5].parties[0].name },
      { q: cases[9].number },
      { status: 'closed' as const },
      { q: '13' },
      { type: cases[3].disputeType },
    ];
    const answers = queries.map((q) => fromCases.search({ ...q, limit: 20 }));
    await closeAll();

    store = await openTracked(dir);
    expect(store.caseCount()).toBe(600);
    expect(store.getCaseByNumber(cases[42].number)?.id).toBe(cases[42].id); // 案号 from the keys
    const keys = [...store.caseKeys()].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(keys).toEqual(cases.map(caseKeyOf).sort((a, b) => (a.id < b.id ? -1 : 1)));
    const fromKeys = new CaseIndex();
    fromKeys.rebuild(store);
    for (const [i, q] of queries.entries()) {
      const { total, items } = fromKeys.search({ ...q, limit: 20 });
      expect(total).toBe(answers[i].total);
      expect(items.map((c) => c.id)).toEqual(answers[i].items.map((c) => c.id));
    }
    expect(fromKeys.all().map((c) => c.id)).toEqual(fromCases.all().map((c) => c.id));

    // a partition changed on disk after the open (nothing of ours writes so): its cases are STORE_CORRUPT
    // when first asked for, naming the file, and nothing is written; the other partitions are not affected
    await closeAll();
    store = await openTracked(dir);
    const victim = cases[0];
    const victimFile = path.join(dir, 'cases', bucketFileName(bucketOf(victim.id)));
    const sameBucket = cases.filter((c) => bucketOf(c.id) === bucketOf(victim.id));
    const other = cases.find((c) => bucketOf(c.id) !== bucketOf(victim.id))!;
    fs.writeFileSync(victimFile, fs.readFileSync(path.join(dir, 'cases', bucketFileName(bucketOf(other.id)))));
    const before = snapshot(dir);
    const error = (() => {
      try {
        store.getCase(victim.id);
      } catch (caught) {
        return caught as DeskError;
      }
      throw new Error('expected STORE_CORRUPT');
    })();
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(victimFile);
    await expect(store.commit({ cases: [{ ...sameBucket[sameBucket.length - 1], summary: '改' }] })).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
    });
    expectSameFiles(before, snapshot(dir));
    expect(isDeepStrictEqual(plain(store.getCase(other.id)), other)).toBe(true);
  });

  it('parses every partition in the background when asked (what the doors do after sign-in)', async () => {
    const cases = generateCases(300, { seed: 23 });
    const { dir, store } = await reopenedWith(cases);
    await store.parseAllCases();
    // every head is in memory now: a partition file replaced on disk afterwards is not read again
    const victim = cases[3];
    fs.writeFileSync(path.join(dir, 'cases', bucketFileName(bucketOf(victim.id))), 'damaged');
    expect(store.getCase(victim.id)!.number).toBe(victim.number);
    expect([...store.allCases()].length).toBe(300);
  });

  it('saves a case of a partition not yet parsed with every other case of it intact', async () => {
    const cases = generateCases(2000, { seed: 19 });
    const opened = await reopenedWith(cases);
    const { dir } = opened;
    let { store } = opened;
    const shared = cases.find((c) => cases.some((d) => d !== c && bucketOf(d.id) === bucketOf(c.id)))!;
    const [a, ...rest] = cases.filter((c) => bucketOf(c.id) === bucketOf(shared.id));
    expect(rest.length).toBeGreaterThan(0);
    await store.commit({ cases: [{ ...a, summary: '修改后的案由' }] });
    await closeAll();
    store = await openTracked(dir);
    expect(store.getCase(a.id)!.summary).toBe('修改后的案由');
    for (const c of rest) expect(isDeepStrictEqual(plain(store.getCase(c.id)), c)).toBe(true);
    expect([...store.caseKeys()].find((k) => k.id === a.id)?.haystack).toContain('修改后的案由');
  });
});

describe('saves that only add cases', () => {
  it('append to partitions opened from keys or parsed, keeping every case and moving the bodies of cases in memory', async () => {
    const cases = generateCases(1200, { seed: 29 });
    const [first, more] = [cases.slice(0, 1000), cases.slice(1000)];
    const opened = await reopenedWith(first);
    const { dir } = opened;
    let { store } = opened;
    // one partition parsed (its cases in memory, bodies unread), the others still keys only
    const intoParsed = more.find((m) => first.some((c) => bucketOf(c.id) === bucketOf(m.id)))!;
    const neighbours = first.filter((c) => bucketOf(c.id) === bucketOf(intoParsed.id));
    const inMemory = neighbours.map((c) => store.getCase(c.id)!);
    expect(inMemory.every((c) => !isLoaded(c))).toBe(true);
    const added = more;
    await store.commit({ cases: added });
    // what the open had not parsed is read from the new files; the parsed partition's bodies from their new places
    for (const [i, c] of inMemory.entries()) expect(isDeepStrictEqual(plain(c), neighbours[i])).toBe(true);
    for (const c of [...first, ...added]) expect(isDeepStrictEqual(plain(store.getCase(c.id)), c)).toBe(true);
    expect(store.caseCount()).toBe(1000 + added.length);
    expect(store.getCaseByNumber(added[3].number)?.id).toBe(added[3].id);
    // then a case replaced in a partition an append wrote (the whole partition written again), and reopened
    await store.commit({ cases: [{ ...added[0], summary: '补录后修改' }] });
    await closeAll();
    store = await openTracked(dir);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const expected = [{ ...added[0], summary: '补录后修改' }, ...first, ...added.slice(1)];
    expect([...store.caseKeys()].sort(byId)).toEqual(expected.map(caseKeyOf).sort(byId));
    for (const c of expected) expect(isDeepStrictEqual(plain(store.getCase(c.id)), c)).toBe(true);
  });

  it('refuse, writing nothing, when the partition changed on disk since the open', async () => {
    const cases = generateCases(400, { seed: 31 });
    const { dir, store } = await reopenedWith(cases.slice(0, 300));
    const victim = cases.slice(300).find((c) => cases.slice(0, 300).some((d) => bucketOf(d.id) === bucketOf(c.id)))!; // its partition has a file
    const victimFile = path.join(dir, 'cases', bucketFileName(bucketOf(victim.id)));
    // a sound file of the same partition, but not the one the store opened (another program's edit, a copy put back)
    const held = cases.slice(0, 300).filter((c) => bucketOf(c.id) === bucketOf(victim.id));
    const edited = new Map(held.map((c, i) => [c.id, i === 0 ? { ...c, summary: '别处改过' } : c]));
    fs.writeFileSync(victimFile, serializeBucket(victimFile, { bucket: bucketOf(victim.id), cases: edited }, () => Buffer.alloc(0)).bytes);
    const before = snapshot(dir);
    const error = await rejection(store.commit({ cases: [victim, cases.find((c) => bucketOf(c.id) !== bucketOf(victim.id))!] }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(victimFile);
    expect(error.message).toContain('打开之后文件被改动');
    expectSameFiles(before, snapshot(dir));
    expect(store.getCase(victim.id)).toBeUndefined();
  });

  it('refuse, writing nothing, when a partition file appeared where the open found none', async () => {
    const cases = generateCases(400, { seed: 33 });
    const { dir, store } = await reopenedWith(cases.slice(0, 20));
    const held = new Set(cases.slice(0, 20).map((c) => bucketOf(c.id)));
    const newcomer = cases.slice(20).find((c) => !held.has(bucketOf(c.id)))!; // its partition had no file
    const appeared = path.join(dir, 'cases', bucketFileName(bucketOf(newcomer.id)));
    expect(fs.existsSync(appeared)).toBe(false);
    // a sound file of that partition, copied in by hand while the program runs (from another PC, a backup)
    const copiedCase = { ...newcomer, summary: '另一台电脑上登记的' };
    const copied = { bucket: bucketOf(newcomer.id), cases: new Map([[newcomer.id, copiedCase]]) };
    fs.writeFileSync(appeared, serializeBucket(appeared, copied, () => Buffer.alloc(0)).bytes);
    const before = snapshot(dir);
    const error = await rejection(store.commit({ cases: [newcomer] }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(appeared);
    expect(error.message).toContain('之后才出现');
    expectSameFiles(before, snapshot(dir));
    // saves elsewhere go on; the next open reads the file that appeared
    const other = cases.slice(20).find((c) => held.has(bucketOf(c.id)))!;
    await store.commit({ cases: [other] });
    await closeAll();
    const reopened = await openTracked(dir);
    expect(reopened.getCase(other.id)?.summary).toBe(other.summary);
    expect(reopened.getCase(newcomer.id)?.summary).toBe('另一台电脑上登记的');
  });

  it('refuse, writing nothing, when a document file appeared where the open found none', async () => {
    const dir = tempDir();
    let store = await openTracked(dir);
    await store.commit({ docs: { counters: { '2026': 1 } } });
    await closeAll();
    store = await openTracked(dir);
    const appeared = path.join(dir, 'docs', 'settings.json');
    expect(fs.existsSync(appeared)).toBe(false);
    // the settings of another data directory, copied in by hand while the program runs
    const elsewhere = tempDir();
    const other = await openTracked(elsewhere);
    await other.commit({ docs: { settings: { name: '另一台电脑上的设置' } } });
    fs.copyFileSync(path.join(elsewhere, 'docs', 'settings.json'), appeared);
    const before = snapshot(dir);
    const error = await rejection(store.commit({ docs: { settings: { name: '本机新填的设置' }, counters: { '2026': 2 } } }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(appeared);
    expect(error.message).toContain('之后才出现');
    expectSameFiles(before, snapshot(dir));
    expect(store.getDoc('counters')).toEqual({ '2026': 1 });
    // a document this store wrote itself is written again as usual; the next open reads the one that appeared
    await store.commit({ docs: { counters: { '2026': 3 } } });
    await closeAll();
    const reopened = await openTracked(dir);
    expect(reopened.getDoc('settings')).toEqual({ name: '另一台电脑上的设置' });
    expect(reopened.getDoc('counters')).toEqual({ '2026': 3 });
  });

  it('keep the search index in the same order as one built anew, for a save’s few cases and an import’s many', async () => {
    const { CaseIndex } = await import('../../electron/core/cases/search');
    const cases = generateCases(700, { seed: 37 });
    const { store } = await reopenedWith(cases.slice(0, 500));
    const index = new CaseIndex();
    index.rebuild(store);
    const ids = (i: InstanceType<typeof CaseIndex>) => i.all().map((c) => c.id);
    for (const change of [
      cases.slice(500, 510), // a few: spliced in
      [...cases.slice(510, 700), { ...cases[3], receivedAt: '2019-01-02' }, { ...cases[4], number: '（2026）改号调字第1号' }], // many, two replaced: merged
    ]) {
      await store.commit({ cases: change });
      index.put(change);
      const fresh = new CaseIndex();
      fresh.rebuild(store);
      expect(ids(index)).toEqual(ids(fresh));
    }
    expect(index.byNumber('（2026）改号调字第1号')?.id).toBe(cases[4].id);
    expect(index.byNumber(cases[4].number)).toBeUndefined();
    expect(index.size).toBe(700);
  });
});

describe('corrupt file on open', () => {
  async function storeWithBackup() {
    const dir = tempDir();
    const cases = generateCases(40, { seed: 21 });
    const store = await openTracked(dir);
    await store.commit({ cases, docs: { counters: { '2026': 40 } } });
    const backup = await store.createBackup('manual');
    await closeAll();
    return { dir, cases, backup };
  }

  it('refuses a truncated partition, leaves it untouched and names the file and the newest good backup', async () => {
    const { dir, cases, backup } = await storeWithBackup();
    const file = path.join(dir, 'cases', bucketFileName(bucketOf(cases[0].id)));
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = snapshot(dir);

    const error = await rejection(openStore({ dataDir: dir, dailyBackup: false }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(file);
    expect(error.message).toContain(backup.name);
    expect(error.details).toMatchObject({ file, backup: backup.name });
    expectSameFiles(before, snapshot(dir));
    // the lock was released: the data directory can be restored at once
    const { restored } = await restoreBackup(dir, backup.name);
    expect(restored.name).toBe(backup.name);
    const store = await openTracked(dir);
    expect(store.caseCount()).toBe(40);
  });

  it('refuses a document that is not valid JSON, and a meta file that is empty', async () => {
    const { dir, backup } = await storeWithBackup();
    const countersFile = path.join(dir, 'docs', 'counters.json');
    fs.writeFileSync(countersFile, '{"doc":"counters","value":{"2026":4');
    let error = await rejection(openStore({ dataDir: dir, dailyBackup: false }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(countersFile);
    expect((error.details as { backup: string }).backup).toBe(backup.name);
    expect(fs.readFileSync(countersFile, 'utf8')).toBe('{"doc":"counters","value":{"2026":4');

    fs.writeFileSync(countersFile, '{"doc":"counters","value":{"2026":40}}');
    fs.writeFileSync(path.join(dir, 'meta.json'), '');
    error = await rejection(openStore({ dataDir: dir, dailyBackup: false }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain('meta.json');
    expect(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')).toBe('');
  });

  it('skips a damaged backup when offering the newest good one', async () => {
    const { dir, cases, backup } = await storeWithBackup();
    const store = await openTracked(dir, { now: () => new Date(Date.now() + 60_000) });
    const newer = await store.createBackup('manual');
    await closeAll();
    const newerFile = path.join(dir, 'backups', newer.name, 'cases', bucketFileName(bucketOf(cases[1].id)));
    fs.appendFileSync(newerFile, 'garbage');
    fs.writeFileSync(path.join(dir, 'docs', 'counters.json'), 'not json');
    const error = await rejection(openStore({ dataDir: dir, dailyBackup: false }));
    expect((error.details as { backup: string }).backup).toBe(backup.name);
  });
});

describe('full disk and read-only folder', () => {
  it('fails the save with STORE_UNWRITABLE naming the cause and file; memory and disk unchanged; store still usable', async () => {
    const dir = tempDir();
    const cases = generateCases(20, { seed: 31 });
    const store = await openTracked(dir);
    await store.commit({ cases, docs: { counters: { '2026': 20 } } });
    const before = snapshot(dir);
    const changed = { ...store.getCase(cases[0].id)!, summary: '不会保存的修改' };
    const other = { ...store.getCase(cases[5].id)!, summary: '也不会保存' };

    storeFaults.hook = (op, file) => {
      if (op === 'write') throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' });
    };
    let error = await rejection(store.commit({ cases: [changed] }));
    expect(error.code).toBe('STORE_UNWRITABLE');
    expect(error.message).toContain('磁盘空间不足');
    expect(error.message).toContain(path.join(dir, 'cases', bucketFileName(bucketOf(changed.id))));

    // a multi-file commit failing on its second file leaves no trace either
    let writes = 0;
    storeFaults.hook = (op) => {
      if (op === 'write' && ++writes === 2) throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
    };
    error = await rejection(store.commit({ cases: [changed, other], docs: { counters: { '2026': 21 } } }));
    expect(error.code).toBe('STORE_UNWRITABLE');
    expect(error.message).toContain('只读');

    // and a failing fsync of the journal (the commit point) too
    storeFaults.hook = (op, file) => {
      if (op === 'fsync' && file.includes('journal.json')) throw Object.assign(new Error('EIO'), { code: 'EIO' });
    };
    error = await rejection(store.commit({ cases: [changed, other] }));
    expect(error.message).toContain('磁盘读写错误');

    storeFaults.hook = undefined;
    expect(store.getCase(changed.id)!.summary).toBe(cases[0].summary);
    expect(store.getCase(other.id)!.summary).toBe(cases[5].summary);
    expect(store.getDoc('counters')).toEqual({ '2026': 20 });
    expectSameFiles(before, snapshot(dir));

    await store.commit({ cases: [changed, other], docs: { counters: { '2026': 21 } } });
    expect(store.getCase(changed.id)!.summary).toBe('不会保存的修改');
    await closeAll();
    const reopened = await openTracked(dir);
    expect(reopened.getCase(other.id)!.summary).toBe('也不会保存');
    expect(reopened.getDoc('counters')).toEqual({ '2026': 21 });
  });

  it('on a really full disk (small tmpfs): the save fails cleanly and works again once space is freed', async (ctx) => {
    // Mounted here, not at collection time, so that a filtered run never leaves a mount behind.
    const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'store-tmpfs-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      fs.rmSync(mountPoint, { recursive: true, force: true });
      // not root or no mount permission: the injected-fault test above still covers the path
      ctx.skip();
      return;
    }
    try {
      await fullDisk(mountPoint);
    } finally {
      await closeAll();
      execFileSync('umount', [mountPoint], { stdio: 'ignore' });
      fs.rmSync(mountPoint, { recursive: true, force: true });
    }
  });

  async function fullDisk(mountPoint: string): Promise<void> {
    const dir = path.join(mountPoint, 'data');
    const cases = generateCases(30, { seed: 32 });
    const store = await openTracked(dir);
    await store.commit({ cases });
    const before = snapshot(dir);
    const filler = path.join(mountPoint, 'filler');
    const fd = fs.openSync(filler, 'w');
    const block = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) fs.writeSync(fd, block);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    try {
      for (;;) fs.writeSync(fd, block.subarray(0, 512));
    } catch {
      // full to the last block
    }
    fs.closeSync(fd);
    const changed = { ...store.getCase(cases[3].id)!, facts: '很长的补充情况。'.repeat(2000) };
    const error = await rejection(store.commit({ cases: [changed] }));
    expect(error.code).toBe('STORE_UNWRITABLE');
    expect(error.message).toContain('磁盘空间不足');
    expectSameFiles(before, snapshot(dir));
    expect(store.getCase(cases[3].id)!.facts).toBe(cases[3].facts);

    fs.rmSync(filler);
    await store.commit({ cases: [changed] });
    await closeAll();
    expect((await openTracked(dir)).getCase(cases[3].id)!.facts).toBe(changed.facts);
  }
});

describe('one writer per data directory', () => {
  it('refuses a second opener in the same process with STORE_LOCKED, and lets it in once the first closes', async () => {
    const dir = tempDir();
    const first = await openStore({ dataDir: dir, dailyBackup: false });
    const error = await rejection(openStore({ dataDir: dir, dailyBackup: false, lockWaitMs: 150 }));
    expect(error.code).toBe('STORE_LOCKED');
    expect(error.message).toContain(String(process.pid));
    expect(error.message).toContain(dir);

    // the same directory under another name (a symbolic link) is the same lock
    const alias = `${dir}-alias`;
    fs.symlinkSync(dir, alias);
    roots.push(alias);
    expect((await rejection(openStore({ dataDir: alias, dailyBackup: false, lockWaitMs: 150 }))).code).toBe('STORE_LOCKED');

    // a waiting opener gets in when the holder closes within lockWaitMs
    setTimeout(() => void first.close(), 200);
    const second = await openTracked(dir, { lockWaitMs: 5000 });
    expect(second.caseCount()).toBe(0);
  });

  it('refuses while another process holds the directory; a SIGKILLed holder’s lock does not block the next start', async () => {
    const dir = tempDir();
    const holder = spawnTs('store-lock-holder.ts', [dir]);
    await waitForLine(holder, 'locked');
    const error = await rejection(openStore({ dataDir: dir, dailyBackup: false, lockWaitMs: 300 }));
    expect(error.code).toBe('STORE_LOCKED');
    expect(error.message).toContain(`进程号${holder.pid}`);
    // restore is refused as well while the directory is in use
    expect((await rejection(restoreBackup(dir, 'whatever', { lockWaitMs: 100 }))).code).toBe('STORE_LOCKED');

    holder.kill('SIGKILL');
    await waitForExit(holder);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'lock'), 'utf8'));
    expect(lock.pid).toBe(holder.pid); // left behind by the killed process
    const started = Date.now();
    const store = await openTracked(dir, { lockWaitMs: 10_000 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'lock'), 'utf8')).pid).toBe(process.pid);
    await store.close();
    expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
  });
});

describe('restore and undo', () => {
  it('restores a backup after snapshotting the current state, keeps the higher counters, and the snapshot undoes it', async () => {
    const dir = tempDir();
    const [a, b, c, d, e] = generateCases(5, { seed: 41 });
    let store = await openTracked(dir);
    await store.commit({ cases: [a, b, c], docs: { counters: { '2025': 7, '2026': 3 } } });
    const backup = await store.createBackup();
    expect(backup).toMatchObject({ kind: 'manual', caseCount: 3 });
    await store.commit({ cases: [d, e], docs: { counters: { '2026': 5 }, settings: { name: '后来设置的' } } });
    await closeAll();

    const { restored, undo } = await restoreBackup(dir, backup.name);
    expect(restored.name).toBe(backup.name);
    expect(undo).toMatchObject({ kind: 'before-restore', caseCount: 5 });
    store = await openTracked(dir);
    expect(store.caseCount()).toBe(3);
    expect(store.getCase(d.id)).toBeUndefined();
    expect(store.getDoc('settings')).toBeUndefined();
    // element-wise maximum: 2025 only in the backup, 2026 higher in the replaced data
    expect(store.getDoc('counters')).toEqual({ '2025': 7, '2026': 5 });
    await closeAll();

    const again = await restoreBackup(dir, undo.name);
    expect(again.undo.kind).toBe('before-restore');
    store = await openTracked(dir);
    expect(store.caseCount()).toBe(5);
    expect(isDeepStrictEqual(plain(store.getCase(e.id)), e)).toBe(true);
    expect(store.getDoc('settings')).toEqual({ name: '后来设置的' });
    expect(store.getDoc('counters')).toEqual({ '2025': 7, '2026': 5 });
    const kinds = (await store.listBackups()).map((x) => x.kind);
    expect(kinds.filter((k) => k === 'before-restore')).toHaveLength(2);
  });

  it('reports an unknown backup as NOT_FOUND and changes nothing', async () => {
    const dir = tempDir();
    const store = await openTracked(dir);
    await store.commit({ cases: generateCases(2, { seed: 42 }) });
    await closeAll();
    const before = snapshot(dir);
    const error = await rejection(restoreBackup(dir, '2020-01-01T00-00-00_manual'));
    expect(error.code).toBe('NOT_FOUND');
    expectSameFiles(before, snapshot(dir));
  });
});

describe('migration from schema version 1', () => {
  function writeV1(dir: string, cases: Case[]) {
    fs.mkdirSync(dir, { recursive: true });
    const v1 = {
      schemaVersion: 1,
      settings: { name: '东城街道人民调解委员会', shortName: '东城' },
      counters: { '2026': cases.length },
      cases,
    };
    fs.writeFileSync(path.join(dir, 'db.json'), JSON.stringify(v1));
    return v1;
  }

  it('backs up db.json, migrates to partitions and documents, and removes the old file', async () => {
    const dir = tempDir();
    const cases = generateCases(50, { seed: 51 });
    const v1 = writeV1(dir, cases);
    const original = fs.readFileSync(path.join(dir, 'db.json'));
    const store = await openTracked(dir);
    expect(store.schemaVersion).toBe(3);
    expect(store.caseCount()).toBe(50);
    for (const c of cases) expect(isDeepStrictEqual(plain(store.getCase(c.id)), c)).toBe(true);
    expect(store.getDoc('settings')).toEqual(v1.settings);
    expect(store.getDoc('counters')).toEqual({ '2026': 50 });
    expect(fs.existsSync(path.join(dir, 'db.json'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')).migratedFrom).toBe(1);
    const [backup] = await store.listBackups();
    expect(backup).toMatchObject({ kind: 'before-migration', caseCount: 50 });
    expect(fs.readFileSync(path.join(dir, 'backups', backup.name, 'db.json')).equals(original)).toBe(true);
  });

  it('refuses a corrupt db.json without touching it', async () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'db.json'), '{"schemaVersion":1,"cases":[{"id":');
    const error = await rejection(openStore({ dataDir: dir, dailyBackup: false }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain('db.json');
    expect(fs.readFileSync(path.join(dir, 'db.json'), 'utf8')).toBe('{"schemaVersion":1,"cases":[{"id":');
    expect(fs.existsSync(path.join(dir, 'meta.json'))).toBe(false);
  });
});

describe('multi-file commit atomicity (journal)', () => {
  async function prepared() {
    const dir = tempDir();
    const store = await openTracked(dir);
    await store.commit({ docs: { counters: { '2026': 1 } } });
    await closeAll();
    return dir;
  }

  async function crashAt(dir: string, point: string) {
    const child = spawnTs('store-crash-at.ts', [dir, point]);
    const { signal } = await waitForExit(child);
    expect(signal).toBe('SIGKILL');
  }

  it('a crash after the journal is written: the commit is replayed in full on open', async () => {
    for (const point of ['after-commit-point', 'mid-apply']) {
      const dir = await prepared();
      await crashAt(dir, point);
      expect(fs.existsSync(path.join(dir, 'journal.json'))).toBe(true);
      const store = await openTracked(dir);
      const expected = crashAtCases();
      expect(new Set(expected.map((c) => bucketOf(c.id))).size).toBe(3);
      for (const c of expected) expect(isDeepStrictEqual(plain(store.getCase(c.id)), c)).toBe(true);
      expect(store.getDoc('counters')).toEqual({ '2026': 99 });
      expect(fs.existsSync(path.join(dir, 'journal.json'))).toBe(false);
      expect(fs.readdirSync(path.join(dir, 'cases')).filter((n) => n.includes('.tmp-'))).toEqual([]);
      await closeAll();
    }
  });

  it('a crash before the journal is in place: nothing of the commit appears, its temp files are swept', async () => {
    const dir = await prepared();
    await crashAt(dir, 'before-commit-point');
    expect(fs.readdirSync(path.join(dir, 'cases')).some((n) => n.includes('.tmp-'))).toBe(true);
    const store = await openTracked(dir);
    expect(store.caseCount()).toBe(0);
    expect(store.getDoc('counters')).toEqual({ '2026': 1 });
    expect(fs.readdirSync(path.join(dir, 'cases')).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('backups while saving', () => {
  it('holds the state at the moment it was asked for while saves go on, in files of its own', async () => {
    const dir = tempDir();
    const cases = generateCases(50, { seed: 62 });
    const store = await openTracked(dir);
    await store.commit({ cases });
    const backupDone = store.createBackup('manual');
    const changed = { ...store.getCase(cases[0].id)!, summary: '备份之后的修改' };
    const [backup] = await Promise.all([backupDone, store.commit({ cases: [changed] })]);
    expect(backup.caseCount).toBe(50);
    const copied = path.join(dir, 'backups', backup.name, 'cases', bucketFileName(bucketOf(cases[0].id)));
    expect(fs.statSync(copied).nlink).toBe(1); // not a hard link to the live file
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.startsWith('.'))).toEqual([]);
    await closeAll();
    await restoreBackup(dir, backup.name);
    const restored = await openTracked(dir);
    expect(restored.getCase(cases[0].id)!.summary).toBe(cases[0].summary);
  });
});

describe('rolling backups', () => {
  it('makes one daily backup per day on open, keeps the last keepDaily, and never removes manual or safety snapshots', async () => {
    const dir = tempDir();
    let day = new Date('2026-03-01T09:00:00');
    const now = () => day;
    let store = await openTracked(dir, { now });
    await store.commit({ cases: generateCases(3, { seed: 61 }) });
    await store.createBackup('manual');
    await closeAll();
    for (let i = 0; i < 5; i++) {
      day = new Date(day.getTime() + 86_400_000);
      await openTracked(dir, { now, dailyBackup: true, keepDaily: 3 });
      await closeAll();
      store = await openTracked(dir, { now, dailyBackup: true, keepDaily: 3 }); // same day: no second one
      const list = await store.listBackups();
      await closeAll();
      expect(list.filter((b) => b.kind === 'daily').length).toBe(Math.min(i + 1, 3));
    }
    store = await openTracked(dir, { now });
    const list = await store.listBackups();
    expect(list.map((b) => b.kind)).toEqual(['daily', 'daily', 'daily', 'manual']);
    expect(list[0].createdAt > list[1].createdAt).toBe(true);
    expect(list[0]).toMatchObject({ caseCount: 3 });
    expect(list[0].bytes).toBeGreaterThan(1000);
    expect(list[0].name).toMatch(/^2026-03-06T09-00-00_daily$/);
  });
});

describe('through the desk', () => {
  it('restores via the backups.restore handler, reopens the store, and never reissues a case number', async () => {
    const { diskDesk } = await import('../support/desk');
    const { caseIndex } = await import('../../electron/core/cases/search');
    const { callHandler } = await import('../../electron/core/handler');
    const { backupHandlers } = await import('../../electron/core/backups/handlers');
    const { addCase } = await import('../../electron/core/cases/service');
    const { CaseInputSchema } = await import('../../electron/core/schema/case');
    const dir = tempDir();
    // an office as set up today: encrypted, its administrator signed in (restoring is the administrator's)
    const desk = await diskDesk({
      dataDir: dir,
      clock: { now: () => new Date('2026-05-10T10:00:00+08:00') },
      settings: { name: '东城街道人民调解委员会', shortName: '东城', operator: '王调解' },
    });
    try {
      expect(desk.store.encrypted).toBe(true);
      // a valid ID number for 张三: the check character is computed, not hard-coded
      const { residentIdCheckChar } = await import('../../electron/core/schema/identity');
      const body = '11010519900101123';
      const parsed = () =>
        CaseInputSchema.parse({
          disputeType: '邻里',
          summary: '排水沟纠纷',
          parties: [
            { role: '申请人', name: '张三', idNumber: body + residentIdCheckChar(body) },
            { role: '被申请人', name: '李四' },
          ],
        });
      const first = await addCase(desk, parsed());
      const backup = (await callHandler(backupHandlers, desk, 'backups.create', {})) as { name: string };
      const second = await addCase(desk, parsed());
      const third = await addCase(desk, parsed());
      expect([first.number, second.number, third.number]).toEqual([
        '（2026）东城调字第1号',
        '（2026）东城调字第2号',
        '（2026）东城调字第3号',
      ]);
      expect(caseIndex(desk).size).toBe(3);

      const result = (await callHandler(backupHandlers, desk, 'backups.restore', { name: backup.name })) as { undo: { name: string } };
      expect(desk.store.caseCount()).toBe(1);
      expect(caseIndex(desk).size).toBe(1);
      const fourth = await addCase(desk, parsed());
      expect(fourth.number).toBe('（2026）东城调字第4号'); // 2 and 3 are never reused

      await callHandler(backupHandlers, desk, 'backups.restore', { name: result.undo.name });
      expect(desk.store.caseCount()).toBe(3);
      const fifth = await addCase(desk, parsed());
      expect(fifth.number).toBe('（2026）东城调字第5号');
      const listed = (await callHandler(backupHandlers, desk, 'backups.list', {})) as { kind: string }[];
      expect(listed.map((b) => b.kind)).toEqual(['before-restore', 'before-restore', 'manual']);
    } finally {
      await desk.close();
    }
  });
});
