/**
 * One writer per data directory: `<dataDir>/lock`, created with O_EXCL, holding the owner's pid, host
 * name and start time.
 *
 * Why not proper-lockfile: it decides staleness by the lock's mtime (the owner refreshes it every few
 * seconds), so after a crash or a power cut the next start would wait out the stale period, and a
 * long-blocked owner could lose its lock. Here a lock is stale exactly when its owner is gone: same host
 * and no process with that pid. Such a lock is taken over at once. A lock from another host (a data
 * directory on a network share) is never taken over automatically.
 */

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DeskError } from '../errors';

export const LOCK_FILE = 'lock';

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  token: string;
  app?: string;
}

export interface HeldLock {
  file: string;
  token: string;
  release(): void;
}

const held = new Map<string, string>(); // lock file → token, released on process exit
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [file, token] of held) releaseFile(file, token);
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && typeof info.hostname === 'string' ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A lock file without a readable owner was created but never written: its owner died between the two
 * (a SIGKILL or a power cut in that instant) or is writing it right now. It is judged stale once this old.
 */
const UNWRITTEN_STALE_MS = 5_000;

/** When the unwritten lock `file` may be judged stale; 0 when it is gone already. */
function unwrittenStaleAt(file: string): number {
  try {
    return fs.statSync(file).mtimeMs + UNWRITTEN_STALE_MS;
  } catch {
    return 0;
  }
}

/** Whether the lock file may be taken over: its owner is dead, or it has been unreadable for a while. */
function isStale(file: string, info: LockInfo | undefined): boolean {
  if (!info) return Date.now() > unwrittenStaleAt(file);
  if (info.hostname !== os.hostname()) return false;
  // our own pid: stale only if none of our open stores holds it (a pid reused after a restart)
  if (info.pid === process.pid) return ![...held.values()].includes(info.token);
  return !processAlive(info.pid);
}

function tryCreate(file: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, JSON.stringify(info));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function describeOwner(info: LockInfo | undefined): string {
  if (!info) return '另一个程序';
  const started = info.startedAt ? `，${info.startedAt.replace('T', ' ').slice(0, 19)}启动` : '';
  const where = info.hostname === os.hostname() ? '本机' : `计算机“${info.hostname}”上`;
  return `${where}的另一个人民调解工作台或命令行（进程号${info.pid}${started}）`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Take the lock of `dataDir`, waiting up to `waitMs` for another owner; STORE_LOCKED after that. */
export async function acquireLock(dataDir: string, waitMs: number): Promise<HeldLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const token = randomUUID();
  const info: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), token, app: 'mediation-desk' };
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryCreate(file, info)) break;
    const owner = readLock(file);
    if (isStale(file, owner)) {
      // Take over: remove only if the file is still the stale one we examined.
      const again = readLock(file);
      if (again?.token === owner?.token) {
        try {
          fs.unlinkSync(file);
        } catch {
          // someone else removed it first; just retry
        }
      }
      continue;
    }
    // An unwritten lock is waited out even past waitMs: refusing would blame a dead owner, for a few seconds at most.
    const giveUpAt = owner ? deadline : Math.max(deadline, unwrittenStaleAt(file) + 50);
    if (Date.now() >= giveUpAt) {
      throw new DeskError(
        'STORE_LOCKED',
        `数据目录“${dataDir}”正被${describeOwner(owner)}使用。请先关闭它再试；同一数据目录同时只能由一个程序写入。`,
        { details: { dataDir, owner } },
      );
    }
    await sleep(Math.min(100, Math.max(10, giveUpAt - Date.now())));
  }
  held.set(file, token);
  installExitHook();
  return {
    file,
    token,
    release: () => {
      held.delete(file);
      releaseFile(file, token);
    },
  };
}

function releaseFile(file: string, token: string): void {
  const info = readLock(file);
  if (info?.token !== token) return; // not ours (anymore): leave it
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}
