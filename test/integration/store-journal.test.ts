/**
 * The journal's durability order with background fsyncs: every staged file is on disk before the journal
 * (the commit point) names it, whether the caller waited for the background fsyncs or not, and a failed
 * background fsync refuses the commit with nothing changed on disk.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { DeskError } from '../../electron/core/errors';
import { openStore, storeFaults } from '../../electron/core/store';
import { TEMP_PATTERN } from '../../electron/core/store/fsio';
import { JOURNAL_FILE, Transaction } from '../../electron/core/store/journal';
import { generateCases } from '../support/generate-cases';

const roots: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-journal-test-'));
  roots.push(dir);
  return dir;
}

afterEach(() => {
  storeFaults.hook = undefined;
});
afterAll(() => {
  for (const dir of roots) fs.rmSync(dir, { recursive: true, force: true });
});

interface Op {
  op: string;
  file: string;
  /** Recorded while `commit()` ran (synchronously), not while staging. */
  inCommit: boolean;
}

/** Stage `count` files in a fresh folder, recording every write-side operation. */
function stagedTransaction(count: number) {
  const root = tempDir();
  const ops: Op[] = [];
  const state = { inCommit: false };
  storeFaults.hook = (op, file) => void ops.push({ op, file: path.basename(file), inCommit: state.inCommit });
  const tx = new Transaction(root);
  for (let i = 0; i < count; i++) tx.stage(path.join(root, `part-${i}.json`), `{"n":${i}}`);
  const temps = ops.filter((o) => o.op === 'write').map((o) => o.file);
  const commit = () => {
    state.inCommit = true;
    try {
      return tx.commit();
    } finally {
      state.inCommit = false;
    }
  };
  return { root, ops, tx, temps, commit };
}

/** Index of the first write of the journal's temp file: the start of the commit point. */
const journalWrite = (ops: Op[]) => ops.findIndex((o) => o.op === 'write' && o.file.startsWith(JOURNAL_FILE));

describe('journal: every staged file is durable before the commit point', () => {
  it('fsyncs, before writing the journal, every staged file whose background fsync has not finished', () => {
    const { root, ops, temps, commit } = stagedTransaction(30);
    // No turn of the event loop since staging: none of the background fsyncs can have completed.
    expect(commit()).toEqual({ journaled: true });
    const commitPoint = journalWrite(ops);
    expect(commitPoint).toBeGreaterThan(0);
    const syncedInCommit = ops.slice(0, commitPoint).filter((o) => o.op === 'fsync' && o.inCommit);
    expect(new Set(syncedInCommit.map((o) => o.file))).toEqual(new Set(temps));
    // renames of the data files only after the journal
    const firstDataRename = ops.findIndex((o) => o.op === 'rename' && o.file.startsWith('part-'));
    expect(firstDataRename).toBeGreaterThan(commitPoint);
    expect(fs.readFileSync(path.join(root, 'part-29.json'), 'utf8')).toBe('{"n":29}');
    expect(fs.existsSync(path.join(root, JOURNAL_FILE))).toBe(false);
  });

  it('after durable(), the commit writes the journal without fsyncing the files again', async () => {
    const { ops, tx, temps, commit } = stagedTransaction(30);
    expect(await tx.durable()).toBeUndefined();
    const background = ops.filter((o) => o.op === 'fsync' && !o.inCommit).map((o) => o.file);
    expect(new Set(background)).toEqual(new Set(temps));
    commit();
    expect(ops.filter((o) => o.op === 'fsync' && o.inCommit && TEMP_PATTERN.test(o.file) && o.file.startsWith('part-'))).toEqual([]);
    expect(journalWrite(ops)).toBeGreaterThan(ops.findLastIndex((o) => o.op === 'fsync' && o.file.startsWith('part-')));
  });

  it('a failed background fsync refuses the store commit, names the file and leaves the data directory as it was', async () => {
    const dir = tempDir();
    const store = await openStore({ dataDir: dir, dailyBackup: false });
    try {
      const cases = generateCases(60, { seed: 41 });
      await store.commit({ cases: cases.slice(0, 30), docs: { counters: { '2026': 30 } } });
      const files = (d: string) => fs.readdirSync(d, { recursive: true, encoding: 'utf8' }).sort();
      const before = files(dir);
      let fsyncs = 0;
      storeFaults.hook = (op, file) => {
        if (op === 'fsync' && file.includes(`${path.sep}cases${path.sep}`) && ++fsyncs === 7)
          throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      };
      const error = await store.commit({ cases: cases.slice(30), docs: { counters: { '2026': 60 } } }).catch((e: unknown) => e);
      storeFaults.hook = undefined;
      expect(error).toBeInstanceOf(DeskError);
      expect((error as DeskError).code).toBe('STORE_UNWRITABLE');
      expect((error as DeskError).message).toContain(`${path.sep}cases${path.sep}`);
      expect(files(dir)).toEqual(before);
      expect(store.caseCount()).toBe(30);
      expect(store.getDoc('counters')).toEqual({ '2026': 30 });

      await store.commit({ cases: cases.slice(30), docs: { counters: { '2026': 60 } } });
      expect(store.caseCount()).toBe(60);
    } finally {
      await store.close();
    }
  });
});
