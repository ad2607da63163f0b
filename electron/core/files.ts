/**
 * Files a person names: inputs they hand in (a `--json` file, a key file, a receipt) and outputs they
 * choose (a PDF, a spreadsheet, a batch, a receipt, a key file). The one gate every door goes through.
 *
 * Outputs (`checkOutputPath`, `writeOutputFile`):
 * - never inside a data directory (this one or any other: a folder with `meta.json` and `cases/`), a
 *   backup folder (`backup.json`), or the folders the desk declares protected (its data directory, the
 *   shipped templates and fonts). Symbolic links are followed first, so a link into the data directory
 *   is caught too. Only the store writes there.
 * - never over an existing file unless the person confirmed it (`--force` on the command line; in the
 *   app the save dialog or the question 覆盖已有文件？, and the screen passes its answer as `overwrite`).
 *   The refusal says neither: it carries the step (`confirm-overwrite`), which each door words its own way.
 * - written whole or not at all: a hidden temporary file beside the target, flushed, then renamed.
 * Every refusal is a VALIDATION DeskError naming the path (exit 2); a disk that refuses is mapped by
 * `fsError` (errors.ts).
 *
 * Inputs (`readUserFile`, `readUserJson`): size-checked before reading, errors mapped the same way.
 */

import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import { DeskError, type ErrorAction, fsError, invalid } from './errors';
import { parseJsonText } from './json';
import { formatBytes, LIMITS } from './limits';

// ---------------------------------------------------------------- inputs

export interface ReadOptions {
  /** What the file is, for messages: `公钥文件`, `回执文件`. */
  what: string;
  maxBytes: number;
  field?: string;
}

/** A file's bytes, after checking it is a file of at most `maxBytes`. */
export async function readUserFile(file: string, options: ReadOptions): Promise<Buffer> {
  const target = checkPathText(file, options.field);
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    throw fsError(error, file, 'read', { field: options.field, what: options.what });
  }
  if (info.isDirectory()) throw pathProblem(options.field, `“${file}”是一个文件夹，请指定其中的${options.what}`);
  if (info.size > options.maxBytes) {
    throw pathProblem(options.field, `${options.what}“${file}”过大（${formatBytes(info.size)}），上限为 ${formatBytes(options.maxBytes)}`);
  }
  try {
    return await readFile(target);
  } catch (error) {
    throw fsError(error, file, 'read', { field: options.field, what: options.what });
  }
}

/** A JSON file a person wrote or was given: size-checked, parsed with Chinese errors, duplicate keys refused. */
export async function readUserJson(file: string, options: ReadOptions): Promise<unknown> {
  const text = (await readUserFile(file, options)).toString('utf8');
  return parseJsonText(text, `${options.what}“${path.basename(file)}”`, { field: options.field });
}

// ---------------------------------------------------------------- outputs

/** A folder no output may land in, with what to call it in the refusal. */
export interface ProtectedDir {
  path: string;
  label: string;
}

export interface OutputOptions {
  /** Folders outputs must stay out of (the desk's data directory, the shipped resources); most specific first. */
  protectedDirs: readonly ProtectedDir[];
  /** The person confirmed replacing an existing file (`--force`; the save dialog's own question). */
  overwrite?: boolean;
  /** The input field that named the path, for the message and the form. */
  field?: string;
  /** The output is a folder to write into (a batch export), not a file. */
  folder?: boolean;
}

function pathProblem(field: string | undefined, message: string, details?: Record<string, unknown>): DeskError {
  return field ? invalid(field, message, details) : new DeskError('VALIDATION', message, { details });
}

/** An output refused only because a file is there: the app may ask "覆盖吗？" and call again with `overwrite`. */
export function isExistingFileRefusal(error: unknown): boolean {
  return error instanceof DeskError && (error.details as { exists?: unknown } | undefined)?.exists === true;
}

function checkPathText(target: unknown, field: string | undefined): string {
  if (typeof target !== 'string' || target.trim() === '') throw pathProblem(field, '请指定文件位置');
  if (target.length > LIMITS.pathChars) throw pathProblem(field, `路径过长（超过${LIMITS.pathChars}个字符）`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(target)) throw pathProblem(field, '路径中含有控制字符，已拒绝');
  return path.resolve(target);
}

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const comparable = (p: string) => (caseInsensitive ? p.toLowerCase() : p);

/** `child` is `parent` or lies under it. */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(comparable(parent), comparable(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/** The path with every symbolic link resolved, also when its last parts do not exist yet. */
async function realPathOf(absolute: string): Promise<string> {
  const tail: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await realpath(current), ...tail.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      tail.push(path.basename(current));
      current = parent;
    }
  }
}

/** What makes a folder a register or a backup, whoever's it is. */
async function markedFolder(dir: string): Promise<string | null> {
  if (await exists(path.join(dir, 'backup.json'))) return '备份文件夹';
  if ((await exists(path.join(dir, 'meta.json'))) && ((await exists(path.join(dir, 'cases'))) || (await exists(path.join(dir, 'docs'))))) {
    return '数据目录';
  }
  if ((await exists(path.join(dir, 'db.json'))) && (await exists(path.join(dir, 'lock')))) return '数据目录';
  return null;
}

async function protectedPlace(real: string, options: OutputOptions): Promise<{ dir: string; label: string } | null> {
  for (const guarded of options.protectedDirs) {
    const dir = await realPathOf(path.resolve(guarded.path));
    if (isInside(real, dir)) return { dir: guarded.path, label: guarded.label };
  }
  for (let dir = options.folder ? real : path.dirname(real); ; dir = path.dirname(dir)) {
    const label = await markedFolder(dir);
    if (label) return { dir, label };
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The absolute path to write, or a refusal naming it: inside a protected folder, an existing file without
 * `overwrite`, a folder where a file is expected (or the reverse). Nothing is created.
 */
export async function checkOutputPath(target: string, options: OutputOptions): Promise<string> {
  const absolute = checkPathText(target, options.field);
  const real = await realPathOf(absolute);
  const place = await protectedPlace(real, options);
  if (place) {
    const why = place.label.startsWith('程序') ? '那里是程序本身的文件' : '那里的文件只能由程序自己保存，写入别的内容会损坏数据';
    throw pathProblem(
      options.field,
      `不能写入“${target}”：该位置在${place.label}“${place.dir}”之内，${why}。请选择其他位置（如“文档”文件夹或U盘）`,
      { path: absolute, protected: place.dir },
    );
  }
  const existing = await lstat(absolute).catch(() => undefined);
  if (!existing) return absolute;
  const info = existing.isSymbolicLink() ? await stat(absolute).catch(() => undefined) : existing;
  if (options.folder) {
    if (info && !info.isDirectory()) throw pathProblem(options.field, `“${target}”是一个文件，不是文件夹`);
    return absolute;
  }
  if (info?.isDirectory()) throw pathProblem(options.field, `“${target}”是一个文件夹，请指定文件名（如 ${path.join(target, '文件名')}）`);
  if (info && !info.isFile()) throw pathProblem(options.field, `“${target}”不是普通文件，不能写入`);
  if (!options.overwrite) {
    throw pathProblem(
      options.field,
      `文件“${target}”已存在，没有覆盖。请换一个文件名，或确认覆盖`,
      // each door says how to confirm: the command line's --force, the workbench's question 覆盖吗？
      { path: absolute, exists: true, action: { kind: 'confirm-overwrite' } satisfies ErrorAction },
    );
  }
  return absolute;
}

/** Flush a folder's entries (the rename) to disk; Windows cannot open a folder for this, and does not need it. */
export async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort: some file systems (network shares, FAT on USB sticks) cannot sync a folder
  }
}

/** A name beside `file` for writing it whole first. Hidden, and recognisable as ours if left behind. */
export function partialNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID().slice(0, 8)}.partial`);
}

/**
 * Write a user-chosen output whole or not at all, after `checkOutputPath`. Returns the absolute path.
 * The existing-file check is repeated just before the rename, so a file that appeared meanwhile is kept.
 */
export async function writeOutputFile(target: string, data: string | Uint8Array, options: OutputOptions): Promise<string> {
  const absolute = await checkOutputPath(target, { ...options, folder: false });
  const temp = partialNameFor(absolute);
  try {
    const handle = await open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!options.overwrite && (await lstat(absolute).catch(() => undefined))) {
      throw Object.assign(new Error('exists'), { code: 'EEXIST', path: absolute });
    }
    await rename(temp, absolute);
  } catch (error) {
    await rm(temp, { force: true });
    throw fsError(error, target, 'write', { field: options.field });
  }
  await syncFolder(path.dirname(absolute));
  return absolute;
}
