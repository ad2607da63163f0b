/**
 * The store's file primitives: durable writes (temp file, fsync, rename, fsync of the folder) and the
 * mapping of operating-system errors to clear Chinese messages.
 *
 * Everything here is synchronous on purpose: a commit's renames and the update of the in-memory state
 * that follows them must happen without another task running in between (see journal.ts), and the
 * files are small (one partition, one document), so blocking for a few milliseconds is the cheaper choice.
 */

import fs from 'node:fs';
import path from 'node:path';

import { describeFsCause, DeskError } from '../errors';

export type IoOp = 'write' | 'fsync' | 'rename' | 'unlink' | 'mkdir' | 'copy';

/**
 * Test hook: called before each write-side operation; throwing from it simulates a full disk,
 * a read-only folder and the like. Never set outside tests.
 */
export const storeFaults: { hook?: (op: IoOp, file: string) => void } = {};

function fault(op: IoOp, file: string): void {
  storeFaults.hook?.(op, file);
}

let tempCounter = 0;

/** A temp name beside the target: same folder, so the rename stays on one filesystem and is atomic. */
export function tempNameFor(target: string): string {
  return `${target}.tmp-${process.pid}-${Date.now().toString(36)}-${(tempCounter++).toString(36)}`;
}

export const TEMP_PATTERN = /\.tmp-\d+-[0-9a-z]+-[0-9a-z]+$/;

/** Write `data` to a new file and fsync it. On failure the partial file is removed and the error thrown. */
export function writeFileSynced(file: string, data: string | Uint8Array): void {
  fault('write', file);
  const fd = fs.openSync(file, 'w', 0o644);
  try {
    writeAll(fd, data);
    fault('fsync', file);
    fs.fsyncSync(fd);
  } catch (error) {
    closeQuietly(fd);
    removeQuietly(file);
    throw error;
  }
  fs.closeSync(fd);
}

function writeAll(fd: number, data: string | Uint8Array): void {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < buffer.length) offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
}

/**
 * Write `data` to a new file without waiting for the disk: the caller makes it durable later
 * (`fsyncFile`, `fsyncFileAsync`) before anything depends on it. On failure the partial file is removed.
 */
export function writeFileUnsynced(file: string, data: string | Uint8Array): void {
  fault('write', file);
  const fd = fs.openSync(file, 'w', 0o644);
  try {
    writeAll(fd, data);
  } catch (error) {
    closeQuietly(fd);
    removeQuietly(file);
    throw error;
  }
  fs.closeSync(fd);
}

/** fsync a file written earlier (fsync reaches every written page of the file, whichever descriptor wrote it). */
export function fsyncFile(file: string): void {
  fault('fsync', file);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    closeQuietly(fd);
  }
}

/** `fsyncFile` without blocking the event loop: several run at once on libuv's threads. */
export async function fsyncFileAsync(file: string): Promise<void> {
  fault('fsync', file);
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * fsync a folder so that renames and new names in it survive a power cut (POSIX). Windows cannot open a
 * folder for fsync; NTFS journals its metadata, so there the rename itself is what we rely on.
 */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  fault('fsync', dir);
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch (error) {
    if (DIR_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) return;
    throw error;
  }
  try {
    fs.fsyncSync(fd);
  } catch (error) {
    // some network and FUSE filesystems cannot fsync a folder; the rename is then all we can rely on
    if (!DIR_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    fs.closeSync(fd);
  }
}

const DIR_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EISDIR', 'EBADF']);

export function renameSync(from: string, to: string): void {
  fault('rename', to);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (error) {
      // Windows: a virus scanner or the search indexer briefly holding the target makes the rename fail
      // with EPERM/EBUSY; retry for up to ~1 s before giving up (what graceful-fs does, synchronously).
      const code = (error as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 40 || !(code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
}

export function unlinkIfExists(file: string): boolean {
  fault('unlink', file);
  try {
    fs.unlinkSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export function mkdirp(dir: string): void {
  fault('mkdir', dir);
  fs.mkdirSync(dir, { recursive: true });
}

/** Copy a file and fsync the copy. */
export function copyFileSynced(from: string, to: string): number {
  fault('copy', to);
  fs.copyFileSync(from, to);
  const fd = fs.openSync(to, 'r+');
  try {
    fs.fsyncSync(fd);
    return fs.fstatSync(fd).size;
  } finally {
    fs.closeSync(fd);
  }
}

/** Copy a file and fsync the copy, without blocking the event loop (backups of a large register take seconds). */
export async function copyFileSyncedAsync(from: string, to: string): Promise<number> {
  fault('copy', to);
  await fs.promises.copyFile(from, to);
  const handle = await fs.promises.open(to, 'r+');
  try {
    await handle.sync();
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** Write a file atomically and durably: temp file, fsync, rename over, fsync the folder. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temp = tempNameFor(file);
  writeFileSynced(temp, data);
  try {
    renameSync(temp, file);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
  fsyncDir(path.dirname(file));
}

export function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // already closed or invalid: nothing to release
  }
}

export function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true, recursive: true });
  } catch {
    // best effort: a leftover temp file is swept on the next open
  }
}

export function exists(file: string): boolean {
  return fs.existsSync(file);
}

/** A failed write as STORE_UNWRITABLE, naming the place and the cause; DeskErrors pass through. */
export function unwritable(error: unknown, where: string): DeskError {
  if (error instanceof DeskError) return error;
  return new DeskError(
    'STORE_UNWRITABLE',
    `无法保存数据：${describeFsCause(error, 'write')}。写入位置：${where}。本次修改没有保存，已保存的数据没有改变。`,
    { cause: error, details: { path: where, code: (error as NodeJS.ErrnoException)?.code } },
  );
}

/** Opening failed on the operating system's side (no permission to read, disk error): nothing was changed. */
export function unopenable(error: unknown, where: string): DeskError {
  if (error instanceof DeskError) return error;
  return new DeskError('STORE_UNWRITABLE', `无法打开数据目录“${where}”：${describeFsCause(error, 'read')}。没有修改任何文件。`, {
    cause: error,
    details: { path: where, code: (error as NodeJS.ErrnoException)?.code },
  });
}
