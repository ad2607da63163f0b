/**
 * Atomic multi-file commits: a write-ahead journal of renames.
 *
 * 1. Stage: every new file content is written to a temp file beside its target and fsynced. The fsyncs
 *    run in the background, several at once (`durable()` waits for them): a commit touching a thousand
 *    partitions would otherwise wait for the disk a thousand times in a row. `commit` fsyncs, there and
 *    then, any staged file not yet known to be durable, so no journal is ever written before every file
 *    it names is on disk. A failure here (disk full, read-only…) removes the temps: nothing on disk changed.
 * 2. Commit point: `journal.json` lists the renames (temp → target) and deletions. It is itself written
 *    atomically (temp, fsync, rename, fsync of the folder), so after a crash it is either absent (the commit
 *    never happened: the temps are swept) or complete (the commit happened: the renames are replayed).
 * 3. Apply: renames, fsync of the folders, deletions, then the journal is removed (and the folder fsynced,
 *    so that a stale journal can never resurface after a later commit).
 *
 * Renames allocate no data blocks, so once the journal is durable the commit is decided; the staged
 * temps already hold every byte. A commit touching exactly one file needs no journal: its rename is atomic.
 */

import fs from 'node:fs';
import path from 'node:path';

import { DeskError } from '../errors';
import {
  fsyncDir,
  fsyncFile,
  fsyncFileAsync,
  mkdirp,
  removeQuietly,
  renameSync,
  TEMP_PATTERN,
  tempNameFor,
  unlinkIfExists,
  writeFileAtomic,
  writeFileUnsynced,
} from './fsio';

export const JOURNAL_FILE = 'journal.json';

interface JournalData {
  format: 'mediation-desk.journal';
  version: 1;
  /** [temp, target], relative to the data directory. */
  renames: [string, string][];
  /** Files to remove, relative to the data directory. */
  deletes: string[];
}

interface Staged {
  temp: string;
  target: string;
  onApplied?: () => void;
  /** Its content is on disk (fsynced). */
  durable: boolean;
  /** Settles when its background fsync has run (or was never needed). */
  settled: Promise<void>;
  failure?: unknown;
}

/** Background fsyncs in flight at once: enough to keep a disk's queue busy, few enough to leave libuv's threads to others. */
const SYNCS_IN_FLIGHT = 8;

export class Transaction {
  private readonly staged: Staged[] = [];
  private readonly deletes: string[] = [];
  private finished = false;
  /** Staged files waiting for a free fsync slot. */
  private readonly syncQueue: (() => void)[] = [];
  private syncsRunning = 0;

  constructor(readonly root: string) {}

  /**
   * Write a new version of `target` (absolute path) to a temp file, whose fsync starts in the background;
   * `onApplied` runs once it is in place.
   */
  stage(target: string, data: string | Uint8Array, onApplied?: () => void): void {
    const temp = tempNameFor(target);
    writeFileUnsynced(temp, data);
    const staged: Staged = { temp, target, onApplied, durable: false, settled: Promise.resolve() };
    staged.settled = new Promise<void>((settle) => this.whenSlotFree(() => void this.syncInBackground(staged).finally(settle)));
    this.staged.push(staged);
  }

  /** Stage an existing file (already written and synced elsewhere) to be renamed onto `target`. */
  stageExisting(temp: string, target: string): void {
    this.staged.push({ temp, target, durable: true, settled: Promise.resolve() });
  }

  /**
   * Wait until every staged file is on disk. Resolves to the first failure (which file, what error) once
   * every fsync has settled, so that `abort` never races a running one; undefined when all are durable.
   */
  async durable(): Promise<{ file: string; error: unknown } | undefined> {
    await Promise.all(this.staged.map((s) => s.settled));
    const failed = this.staged.find((s) => s.failure !== undefined);
    return failed ? { file: failed.target, error: failed.failure } : undefined;
  }

  private whenSlotFree(start: () => void): void {
    if (this.syncsRunning < SYNCS_IN_FLIGHT) {
      this.syncsRunning++;
      start();
    } else this.syncQueue.push(start);
  }

  private async syncInBackground(staged: Staged): Promise<void> {
    try {
      // an aborted or already committed transaction needs no more background work
      if (!this.finished) {
        await fsyncFileAsync(staged.temp);
        staged.durable = true;
      }
    } catch (error) {
      staged.failure = error;
    } finally {
      this.syncsRunning--;
      const next = this.syncQueue.shift();
      if (next) {
        this.syncsRunning++;
        next();
      }
    }
  }

  remove(target: string): void {
    this.deletes.push(target);
  }

  get size(): number {
    return this.staged.length + this.deletes.length;
  }

  /**
   * Apply everything. Synchronous from the commit point on, so that the in-memory callbacks run right
   * after the renames with no other task in between. Throws (and removes the temps) only before the
   * commit point; after it, a failure leaves a complete journal that `recover` finishes.
   */
  commit(): { journaled: boolean; applyError?: unknown } {
    if (this.finished) throw new Error('transaction already finished');
    this.finished = true;
    if (this.staged.length === 0 && this.deletes.length === 0) return { journaled: false };
    try {
      this.makeDurable();
    } catch (error) {
      this.abort();
      throw error;
    }

    if (this.staged.length === 1 && this.deletes.length === 0) {
      const only = this.staged[0];
      try {
        renameSync(only.temp, only.target);
      } catch (error) {
        removeQuietly(only.temp);
        throw error;
      }
      only.onApplied?.();
      try {
        fsyncDir(path.dirname(only.target));
      } catch (applyError) {
        // the new content is complete (fsynced) and in place; only the folder's durability is in doubt
        return { journaled: false, applyError };
      }
      return { journaled: false };
    }

    const journal: JournalData = {
      format: 'mediation-desk.journal',
      version: 1,
      renames: this.staged.map((s) => [this.rel(s.temp), this.rel(s.target)]),
      deletes: this.deletes.map((d) => this.rel(d)),
    };
    try {
      writeFileAtomic(path.join(this.root, JOURNAL_FILE), JSON.stringify(journal));
    } catch (error) {
      this.abort();
      throw error;
    }
    // Commit point passed: the change is durable. Apply; on failure the journal stays for `recover`.
    try {
      applyJournal(this.root, journal);
    } catch (applyError) {
      for (const s of this.staged) s.onApplied?.();
      return { journaled: true, applyError };
    }
    for (const s of this.staged) s.onApplied?.();
    return { journaled: true };
  }

  /**
   * The order that makes a crash safe: every staged file durable before its rename (single file) or the
   * journal (several). What the background fsyncs have not confirmed is fsynced here, and a background
   * failure is thrown.
   */
  private makeDurable(): void {
    for (const s of this.staged) {
      if (s.failure !== undefined) throw s.failure;
      if (!s.durable) {
        fsyncFile(s.temp);
        s.durable = true;
      }
    }
  }

  /** Remove the staged temps: nothing was committed. */
  abort(): void {
    this.finished = true;
    for (const s of this.staged) removeQuietly(s.temp);
  }

  private rel(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }
}

function applyJournal(root: string, journal: JournalData): void {
  const dirs = new Set<string>();
  for (const [temp, target] of journal.renames) {
    const from = path.join(root, temp);
    const to = path.join(root, target);
    if (fs.existsSync(from)) {
      mkdirp(path.dirname(to));
      renameSync(from, to);
    }
    // a missing temp was renamed before a crash: its target already holds the new content
    dirs.add(path.dirname(to));
  }
  for (const dir of dirs) fsyncDir(dir);
  const deleteDirs = new Set<string>();
  for (const target of journal.deletes) {
    const file = path.join(root, target);
    if (fs.existsSync(file)) {
      if (fs.statSync(file).isDirectory()) fs.rmSync(file, { recursive: true, force: true });
      else unlinkIfExists(file);
    }
    deleteDirs.add(path.dirname(file));
  }
  for (const dir of deleteDirs) fsyncDir(dir);
  unlinkIfExists(path.join(root, JOURNAL_FILE));
  fsyncDir(root);
}

/**
 * After a crash: finish a complete journal, then sweep temps of commits that never reached their commit
 * point. Returns whether a journal was replayed.
 */
export function recover(root: string, subdirs: readonly string[]): boolean {
  const journalFile = path.join(root, JOURNAL_FILE);
  let replayed = false;
  if (fs.existsSync(journalFile)) {
    const text = fs.readFileSync(journalFile, 'utf8');
    let journal: JournalData;
    try {
      journal = JSON.parse(text) as JournalData;
      if (journal.format !== 'mediation-desk.journal' || !Array.isArray(journal.renames) || !Array.isArray(journal.deletes)) {
        throw new Error('格式不符');
      }
    } catch (error) {
      // Written by rename of a synced temp, so it cannot be torn by a crash: this is outside damage.
      throw new DeskError('STORE_CORRUPT', `数据文件“${journalFile}”（提交日志）已损坏：${(error as Error).message}`, {
        details: { file: journalFile },
      });
    }
    applyJournal(root, journal);
    replayed = true;
  }
  for (const dir of [root, ...subdirs.map((d) => path.join(root, d))]) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) if (TEMP_PATTERN.test(name)) removeQuietly(path.join(dir, name));
  }
  return replayed;
}
