/**
 * Logging to `<user data>/logs/main.log` with electron-log: rotated at 2 MB, the last five archives
 * kept (`main.1.log` newest … `main.5.log`), every message masked first (./log-mask.ts).
 */

import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

import type { MainLogger } from 'electron-log';

import { maskingHook } from './log-mask';

export const LOG_MAX_BYTES = 2 * 1024 * 1024;
export const LOG_ARCHIVES = 5;

/** main.log → main.1.log, main.1.log → main.2.log, …; the oldest is removed. */
export function rotateLogFile(current: string, keep = LOG_ARCHIVES): void {
  const { dir, name, ext } = path.parse(current);
  const archive = (n: number) => path.join(dir, `${name}.${n}${ext}`);
  if (existsSync(archive(keep))) rmSync(archive(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) if (existsSync(archive(n))) renameSync(archive(n), archive(n + 1));
  renameSync(current, archive(1));
}

export function logFilePath(userDataDir: string): string {
  return path.join(userDataDir, 'logs', 'main.log');
}

export function configureLogging(log: MainLogger, userDataDir: string): MainLogger {
  log.hooks.push((message) => maskingHook(message));
  const file = log.transports.file;
  file.level = 'info';
  file.maxSize = LOG_MAX_BYTES;
  file.resolvePathFn = () => logFilePath(userDataDir);
  file.archiveLogFn = (oldLog) => {
    try {
      rotateLogFile(oldLog.path);
    } catch {
      // A locked file (antivirus on Windows): keep the newest quarter rather than grow without bound.
      (oldLog as unknown as { crop(bytesAfter: number): void }).crop(Math.round(LOG_MAX_BYTES / 4));
    }
  };
  // The console is for development; it gets the same masked messages.
  log.transports.console.level = process.env.NODE_ENV === 'development' ? 'debug' : 'warn';
  log.errorHandler.startCatching({ showDialog: false });
  return log;
}
