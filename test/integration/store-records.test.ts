/**
 * Record partition sets on a real data directory: requests stored beside cases in the same atomic
 * commit, read on first use, backed up and restored with everything else; a version-2 directory is
 * upgraded by rewriting meta.json only; a damaged request partition fails the calls that need it, not
 * the opening of the register.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { DeskError } from '../../electron/core/errors';
import { openStore, restoreBackup, storeFaults } from '../../electron/core/store';
import { bucketFileName, bucketOf, isLoaded } from '../../electron/core/store/buckets';
import type { Store, StoredRecord } from '../../electron/core/store/types';
import { generateCases } from '../support/generate-cases';

const roots: string[] = [];
const open: Store[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-records-'));
  roots.push(dir);
  return dir;
}

async function openTracked(dataDir: string): Promise<Store> {
  const store = await openStore({ dataDir, dailyBackup: false });
  open.push(store);
  return store;
}

async function closeAll(): Promise<void> {
  while (open.length) await open.pop()!.close();
}

afterEach(async () => {
  storeFaults.hook = undefined;
  await closeAll();
});
afterAll(() => {
  for (const dir of roots) fs.rmSync(dir, { recursive: true, force: true });
});

interface TestRecord extends StoredRecord {
  state: string;
  receivedAt: string;
  createdAt: string;
  matter: string;
  events: { seq: number; note: string }[];
}

function record(i: number, revision = 1): TestRecord {
  return {
    id: `0000000${i % 10}-1111-4222-8333-${String(i).padStart(12, '0')}`,
    number: `511702-001-2026-${String(i).padStart(6, '0')}`,
    revision,
    state: 'registered',
    receivedAt: '2026-11-23T09:00',
    createdAt: '2026-11-23T01:00:00.000Z',
    matter: `第${i}位来访人咨询拖欠工资问题`,
    events: Array.from({ length: revision }, (_, seq) => ({ seq, note: `第${seq + 1}条记录` })),
  };
}

describe('record partition sets', () => {
  it('commits records with cases and documents atomically and reads them back after reopening, bodies on demand', async () => {
    const dir = tempDir();
    let store = await openTracked(dir);
    const records = Array.from({ length: 200 }, (_, i) => record(i));
    const cases = generateCases(5, { seed: 3 });
    await store.commit({ cases, records: { requests: records }, docs: { counters: { 'request:2026': 200 } } });
    expect(store.recordCount('requests')).toBe(200);
    await closeAll();

    store = await openTracked(dir);
    expect(store.caseCount()).toBe(5);
    const first = store.getRecord<TestRecord>('requests', records[0].id)!;
    expect(first.number).toBe(records[0].number);
    expect(isLoaded(first)).toBe(false);
    expect(first.events).toEqual(records[0].events);
    expect(store.getRecordByNumber<TestRecord>('requests', ` ${records[7].number} `)?.id).toBe(records[7].id);
    expect([...store.allRecords('requests')].length).toBe(200);
    const file = path.join(dir, 'requests', bucketFileName(bucketOf(records[0].id)));
    expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toContain('"format":"mediation-desk.requests"');

    // a replaced record keeps one entry and its number index follows a renumbering
    await store.commit({ records: { requests: [{ ...record(0, 2), number: 'X-1' }] } });
    expect(store.recordCount('requests')).toBe(200);
    expect(store.getRecordByNumber('requests', records[0].number)).toBeUndefined();
    expect(store.getRecordByNumber<TestRecord>('requests', 'X-1')?.revision).toBe(2);
  });

  it('refuses, writing nothing, to write a request partition whose file appeared after the partitions were read', async () => {
    const dir = tempDir();
    const store = await openTracked(dir);
    await store.commit({ records: { requests: [record(1)] } });
    const newcomer = record(2);
    expect(bucketOf(newcomer.id)).not.toBe(bucketOf(record(1).id));
    const appeared = path.join(dir, 'requests', bucketFileName(bucketOf(newcomer.id)));
    expect(fs.existsSync(appeared)).toBe(false);
    // the same partition from another data directory, copied in by hand while the program runs
    const elsewhere = tempDir();
    const other = await openTracked(elsewhere);
    const copied: TestRecord = { ...newcomer, matter: '另一台电脑上登记的' };
    await other.commit({ records: { requests: [copied] } });
    fs.copyFileSync(path.join(elsewhere, 'requests', bucketFileName(bucketOf(newcomer.id))), appeared);
    const files = () => new Map(fs.readdirSync(path.join(dir, 'requests')).map((f) => [f, fs.readFileSync(path.join(dir, 'requests', f))]));
    const before = files();
    const error = await store.commit({ records: { requests: [newcomer] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).code).toBe('STORE_CORRUPT');
    expect((error as DeskError).message).toContain(appeared);
    expect((error as DeskError).message).toContain('之后才出现');
    expect(files()).toEqual(before);
    expect(store.recordCount('requests')).toBe(1);
    // the partition it read goes on being written; the next open reads the file that appeared
    await store.commit({ records: { requests: [record(1, 2)] } });
    await closeAll();
    const reopened = await openTracked(dir);
    expect(reopened.getRecord<TestRecord>('requests', newcomer.id)?.matter).toBe('另一台电脑上登记的');
    expect(reopened.getRecord<TestRecord>('requests', record(1).id)?.revision).toBe(2);
  });

  it('refuses a record without id, number or revision and writes nothing', async () => {
    const store = await openTracked(tempDir());
    const bad = { ...record(1), number: undefined } as unknown as StoredRecord;
    await expect(store.commit({ records: { requests: [record(2), bad] }, docs: { counters: { x: 1 } } })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'records.requests[1]',
    });
    expect(store.recordCount('requests')).toBe(0);
    expect(store.getDoc('counters')).toBeUndefined();
  });

  it('a failed write leaves records on disk and in memory unchanged', async () => {
    const dir = tempDir();
    const store = await openTracked(dir);
    await store.commit({ records: { requests: [record(1)] } });
    storeFaults.hook = (op, file) => {
      if (op === 'write' && file.includes(`${path.sep}requests${path.sep}`)) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    };
    const error = await store
      .commit({ records: { requests: [record(1, 2), record(2)] }, cases: generateCases(1, { seed: 5 }) })
      .catch((e) => e);
    expect(error).toBeInstanceOf(DeskError);
    storeFaults.hook = undefined;
    expect(store.getRecord<TestRecord>('requests', record(1).id)?.revision).toBe(1);
    expect(store.recordCount('requests')).toBe(1);
    expect(store.caseCount()).toBe(0);
  });

  it('opens a register whose request partition is damaged, and fails only the calls that read requests', async () => {
    const dir = tempDir();
    let store = await openTracked(dir);
    await store.commit({ records: { requests: [record(1)] }, cases: generateCases(2, { seed: 9 }) });
    await closeAll();
    const file = path.join(dir, 'requests', bucketFileName(bucketOf(record(1).id)));
    fs.truncateSync(file, fs.statSync(file).size - 10);
    store = await openTracked(dir);
    expect(store.caseCount()).toBe(2);
    const failure = (() => {
      try {
        store.recordCount('requests');
      } catch (error) {
        return error as DeskError;
      }
    })();
    expect(failure).toMatchObject({ code: 'STORE_CORRUPT' });
    expect(failure!.message).toContain(file);
    await expect(store.commit({ records: { requests: [record(2)] } })).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    expect(fs.statSync(file).size).toBeGreaterThan(0);
  });

  it('upgrades a version-2 directory by rewriting meta.json only', async () => {
    const dir = tempDir();
    let store = await openTracked(dir);
    await store.commit({ cases: generateCases(3, { seed: 4 }) });
    await closeAll();
    const metaFile = path.join(dir, 'meta.json');
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    delete meta.layout.records;
    fs.writeFileSync(metaFile, JSON.stringify({ ...meta, schemaVersion: 2 }));
    fs.rmSync(path.join(dir, 'requests'), { recursive: true });
    const before = fs.readdirSync(path.join(dir, 'cases')).map((f) => fs.statSync(path.join(dir, 'cases', f)).mtimeMs);

    store = await openTracked(dir);
    expect(store.schemaVersion).toBe(3);
    expect(store.caseCount()).toBe(3);
    expect(JSON.parse(fs.readFileSync(metaFile, 'utf8'))).toMatchObject({
      schemaVersion: 3,
      migratedFrom: 2,
      layout: { records: { requests: { dir: 'requests', buckets: 1024 } } },
    });
    expect(fs.readdirSync(path.join(dir, 'cases')).map((f) => fs.statSync(path.join(dir, 'cases', f)).mtimeMs)).toEqual(before);
    await store.commit({ records: { requests: [record(4)] } });
    expect(store.recordCount('requests')).toBe(1);
  });

  it('backs up requests and restores them; a damaged request partition in a backup is refused', async () => {
    const dir = tempDir();
    const store = await openTracked(dir);
    await store.commit({ records: { requests: [record(1), record(2)] } });
    const backup = await store.createBackup('manual');
    await store.commit({ records: { requests: [record(3)] } });
    await closeAll();

    const { undo } = await restoreBackup(dir, backup.name);
    let reopened = await openTracked(dir);
    expect(reopened.recordCount('requests')).toBe(2);
    await closeAll();
    await restoreBackup(dir, undo.name);
    reopened = await openTracked(dir);
    expect(reopened.recordCount('requests')).toBe(3);
    await closeAll();

    const inBackup = path.join(dir, 'backups', backup.name, 'requests', bucketFileName(bucketOf(record(1).id)));
    const bytes = fs.readFileSync(inBackup);
    bytes[12] ^= 0x01; // inside the header line: only the record partition check can notice
    fs.writeFileSync(inBackup, bytes);
    await expect(restoreBackup(dir, backup.name)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });
});
