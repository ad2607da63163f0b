/**
 * Backups: `<dataDir>/backups/<name>/` holds copies of every data file plus `backup.json` (what, when, how
 * many cases). A backup is built in `backups/.tmp-<name>/`, fsynced, and renamed into place, so a listed
 * backup is always complete. Files are copied (not hard-linked): a backup must survive damage to the
 * blocks of the live file it was taken from.
 *
 * The files are copied as they are: a backup of an encrypted register is encrypted with the same data
 * key (its meta.json says so), and carries a copy of the keyring, so the backup folder alone can be
 * opened again with an operator's password or the recovery code.
 */

import fs from 'node:fs';
import path from 'node:path';

import { DeskError, type ErrorAction, notFound } from '../errors';
import { bucketFileName, bufferSource, parseBucket } from './buckets';
import { decodeFile, FileCipher, isSealed, keyMatches } from './cipher';
import { CorruptFile, docCodec, metaCodec, type MetaFile } from './codec';
import { copyFileSyncedAsync, fsyncDir, mkdirp, removeQuietly, renameSync, TEMP_PATTERN, writeFileSynced } from './fsio';
import type { BackupInfo } from './types';

export const BACKUPS_DIR = 'backups';
export const META_FILE = 'meta.json';
export const KEYRING_FILE = 'keyring.json';
export const V1_FILE = 'db.json';
export const CASES_DIR = 'cases';
export const DOCS_DIR = 'docs';
/** The folders of data files, swept of temps after a crash. */
export const DATA_SUBDIRS = [CASES_DIR, DOCS_DIR] as const;
export const MANIFEST = 'backup.json';

export interface Manifest extends BackupInfo {
  format: 'mediation-desk.backup';
  /** Creation order within this data directory: breaks ties between backups made in the same second. */
  order?: number;
  schemaVersion: number;
  files: { path: string; bytes: number }[];
}

/** The data files of a data directory, relative paths with `/`: meta, keyring, the v1 file, documents, case partitions. */
export function listDataFiles(dataDir: string): string[] {
  const files: string[] = [];
  for (const single of [META_FILE, KEYRING_FILE, V1_FILE]) if (fs.existsSync(path.join(dataDir, single))) files.push(single);
  for (const dir of [DOCS_DIR, CASES_DIR]) {
    const full = path.join(dataDir, dir);
    if (!fs.existsSync(full)) continue;
    for (const name of fs.readdirSync(full).sort()) {
      if (TEMP_PATTERN.test(name)) continue;
      if (fs.statSync(path.join(full, name)).isFile()) files.push(`${dir}/${name}`);
    }
  }
  return files;
}

/**
 * Whether a relative path names a data file a backup may hold: meta.json, the keyring, the v1 file, a document, a
 * case partition. A restore writes only such paths (a backup from elsewhere cannot name another place).
 */
export function isDataFilePath(rel: string): boolean {
  return (
    rel === META_FILE ||
    rel === KEYRING_FILE ||
    rel === V1_FILE ||
    /^docs\/[A-Za-z][A-Za-z0-9_-]{0,63}\.json$/.test(rel) ||
    /^cases\/\d{4,}\.jsonl$/.test(rel)
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-23T10-15-02_manual` in local time; a suffix keeps names unique within one second. */
function backupName(dataDir: string, kind: BackupInfo['kind'], at: Date): string {
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
  const base = `${stamp}_${kind}`;
  const taken = (name: string) =>
    fs.existsSync(path.join(dataDir, BACKUPS_DIR, name)) || fs.existsSync(path.join(dataDir, BACKUPS_DIR, `.tmp-${name}`));
  let name = base;
  for (let i = 2; taken(name); i++) name = `${base}-${i}`;
  return name;
}

/** A backup whose file set is fixed (hard links or copies in its staging folder) but not yet complete. */
export interface PendingBackup {
  dataDir: string;
  name: string;
  staging: string;
  info: BackupInfo;
  order: number;
  schemaVersion: number;
  /** Relative paths; `linked` ones still share their blocks with the live file and are copied by `finishBackup`. */
  files: { path: string; linked: boolean }[];
}

const lastOrder = new Map<string, number>();

/**
 * Step 1, while no write can run (the caller holds the store's queue): fix the backup's content. Each data
 * file is hard-linked into the staging folder, which takes milliseconds whatever the register's size:
 * the store never changes a file in place (every write renames a new file over the old one), so a
 * linked file keeps exactly this moment's content. Where links are not possible (FAT/exFAT USB disks),
 * the file is copied here instead.
 */
export async function snapshotBackup(
  dataDir: string,
  kind: BackupInfo['kind'],
  at: Date,
  caseCount: number,
  schemaVersion: number,
): Promise<PendingBackup> {
  const backupsDir = path.join(dataDir, BACKUPS_DIR);
  mkdirp(backupsDir);
  const name = backupName(dataDir, kind, at);
  const staging = path.join(backupsDir, `.tmp-${name}`);
  const order = Math.max(lastOrder.get(dataDir) ?? 0, ...readManifests(dataDir).map((m) => m.order ?? 0)) + 1;
  lastOrder.set(dataDir, order);
  try {
    mkdirp(staging);
    const files: PendingBackup['files'] = [];
    const dirs = new Set<string>([staging]);
    let canLink = true;
    for (const rel of listDataFiles(dataDir)) {
      const target = path.join(staging, rel);
      if (!dirs.has(path.dirname(target))) {
        mkdirp(path.dirname(target));
        dirs.add(path.dirname(target));
      }
      if (canLink) {
        try {
          fs.linkSync(path.join(dataDir, rel), target);
          files.push({ path: rel, linked: true });
          continue;
        } catch {
          canLink = false;
        }
      }
      await copyFileSyncedAsync(path.join(dataDir, rel), target);
      files.push({ path: rel, linked: false });
    }
    const info: BackupInfo = { name, kind, createdAt: at.toISOString(), caseCount, bytes: 0 };
    return { dataDir, name, staging, info, order, schemaVersion, files };
  } catch (error) {
    removeQuietly(staging);
    throw error;
  }
}

/**
 * Step 2, while saves go on: give every linked file its own copy (a backup must survive damage to the
 * blocks of the live file), fsync, write backup.json, and rename the folder into place.
 */
export async function finishBackup(pending: PendingBackup): Promise<BackupInfo> {
  const { dataDir, staging, name } = pending;
  const backupsDir = path.join(dataDir, BACKUPS_DIR);
  try {
    const files: Manifest['files'] = [];
    const dirs = new Set<string>([staging]);
    for (const file of pending.files) {
      const target = path.join(staging, file.path);
      dirs.add(path.dirname(target));
      if (file.linked) {
        const copy = `${target}.copy`;
        await copyFileSyncedAsync(target, copy);
        renameSync(copy, target);
      }
      files.push({ path: file.path, bytes: fs.statSync(target).size });
    }
    const info: BackupInfo = { ...pending.info, bytes: files.reduce((sum, f) => sum + f.bytes, 0) };
    const manifest: Manifest = {
      format: 'mediation-desk.backup',
      ...info,
      order: pending.order,
      schemaVersion: pending.schemaVersion,
      files,
    };
    writeFileSynced(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
    for (const dir of dirs) fsyncDir(dir);
    renameSync(staging, path.join(backupsDir, name));
    fsyncDir(backupsDir);
    return info;
  } catch (error) {
    removeQuietly(staging);
    throw error;
  }
}

/** Both steps at once, for callers that hold the lock with no store open (migration, restore). */
export async function createBackupFromFiles(
  dataDir: string,
  kind: BackupInfo['kind'],
  at: Date,
  caseCount: number,
  schemaVersion: number,
): Promise<BackupInfo> {
  return finishBackup(await snapshotBackup(dataDir, kind, at, caseCount, schemaVersion));
}

/** The backup.json of a folder of data files put together elsewhere (an unpacked archive), so that it is checked and restored like a backup. */
export function describeBackupFolder(dir: string, info: BackupInfo, schemaVersion: number, files: { path: string; bytes: number }[]): void {
  const manifest: Manifest = { format: 'mediation-desk.backup', ...info, schemaVersion, files };
  writeFileSynced(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
}

export function readManifest(dir: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
    return manifest.format === 'mediation-desk.backup' && Array.isArray(manifest.files) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

const infoOf = (m: Manifest): BackupInfo => ({
  name: m.name,
  kind: m.kind,
  createdAt: m.createdAt,
  caseCount: m.caseCount,
  bytes: m.bytes,
});

function readManifests(dataDir: string): Manifest[] {
  const backupsDir = path.join(dataDir, BACKUPS_DIR);
  if (!fs.existsSync(backupsDir)) return [];
  const found: Manifest[] = [];
  for (const name of fs.readdirSync(backupsDir)) {
    if (name.startsWith('.')) continue;
    const manifest = readManifest(path.join(backupsDir, name));
    if (manifest && manifest.name === name) found.push(manifest);
  }
  return found;
}

/** Every complete backup, newest first. */
export function listBackupsIn(dataDir: string): BackupInfo[] {
  return readManifests(dataDir)
    .sort((a, b) => (a.createdAt === b.createdAt ? (b.order ?? 0) - (a.order ?? 0) : a.createdAt < b.createdAt ? 1 : -1))
    .map(infoOf);
}

/** Remove half-built or half-deleted backups left by a crash. */
export function sweepBackups(dataDir: string): void {
  const backupsDir = path.join(dataDir, BACKUPS_DIR);
  if (!fs.existsSync(backupsDir)) return;
  for (const name of fs.readdirSync(backupsDir))
    if (name.startsWith('.tmp-') || name.startsWith('.del-')) removeQuietly(path.join(backupsDir, name));
}

/** Delete a backup: renamed aside first, so it disappears from the list at once even if the removal is interrupted. */
export function deleteBackup(dataDir: string, name: string): void {
  const backupsDir = path.join(dataDir, BACKUPS_DIR);
  const aside = path.join(backupsDir, `.del-${name}`);
  renameSync(path.join(backupsDir, name), aside);
  fsyncDir(backupsDir);
  removeQuietly(aside);
}

export interface CheckedBackup {
  info: BackupInfo;
  dir: string;
  schemaVersion: number;
  files: string[];
  /** The backup's meta.json (absent in a schema-version-1 backup): its layout and whether it is encrypted. */
  meta: MetaFile | undefined;
  /** The counters document held by the backup, if it could be read. */
  counters: Record<string, number> | undefined;
}

/**
 * Read every file of a backup and check it as on open; throws CorruptFile (or NOT_FOUND) otherwise.
 * An encrypted backup's files are decrypted with `key`; without it only their sizes and form are checked.
 */
export function checkBackup(dataDir: string, name: string, key: Uint8Array | null = null): CheckedBackup {
  if (!name || name.includes('/') || name.includes('\\') || name.startsWith('.')) throw notFound(`找不到备份“${name}”`);
  const dir = path.join(dataDir, BACKUPS_DIR, name);
  if (!fs.existsSync(dir)) throw notFound(`找不到备份“${name}”（可用“backup list”查看全部备份）`);
  return checkBackupDir(dir, key);
}

/** The same for a backup folder anywhere (an unpacked archive). */
export function checkBackupDir(dir: string, key: Uint8Array | null = null): CheckedBackup {
  const manifest = readManifest(dir);
  if (!manifest) throw new CorruptFile(path.join(dir, MANIFEST), '备份说明文件缺失或已损坏');
  let counters: Record<string, number> | undefined;
  let meta: MetaFile | undefined;
  const metaEntry = manifest.files.find((f) => f.path === META_FILE);
  if (metaEntry) meta = metaCodec.parse(readChecked(dir, metaEntry), path.join(dir, META_FILE));
  const buckets = meta?.layout.buckets ?? 0;
  let cipher: FileCipher | null = null;
  if (meta?.encryption && key) {
    if (!keyMatches(key, meta.encryption.keyCheck)) {
      // not damage: another office's (or another set-up's) data key, which this office cannot open
      throw new DeskError(
        'NOT_ALLOWED',
        '这份备份是用另一把数据密钥加密的（另一个机构，或重新设置过的本机构），不能恢复到本机构的数据中：请在新的空数据文件夹中恢复它，再用它原来的操作员密码或恢复码登录。当前数据没有改变。',
      );
    }
    cipher = new FileCipher(key);
  }
  /** Encrypted and no key: the content cannot be checked, only that it is in encrypted form. */
  const unreadable = !!meta?.encryption && !cipher;
  for (const entry of manifest.files) {
    const file = path.join(dir, entry.path);
    if (!isDataFilePath(entry.path)) throw new CorruptFile(file, '不是人民调解工作台的数据文件');
    const buffer = readChecked(dir, entry);
    if (entry.path === KEYRING_FILE) {
      docCodec('keyring', null, KEYRING_FILE).parse(buffer, file);
    } else if (unreadable && entry.path !== META_FILE) {
      if (!isSealed(buffer)) throw new CorruptFile(file, '备份已加密，但这个文件没有加密');
    } else if (entry.path === V1_FILE) {
      counters = readV1(decodeFile(cipher, buffer, V1_FILE, file), file).counters;
    } else if (entry.path.startsWith(`${DOCS_DIR}/`)) {
      const docName = entry.path.slice(DOCS_DIR.length + 1).replace(/\.json$/, '');
      const doc = docCodec(docName, cipher).parse(buffer, file);
      if (docName === 'counters') counters = doc.value as Record<string, number>;
    } else if (entry.path.startsWith(`${CASES_DIR}/`)) {
      const bucket = Number(/^cases\/(\d+)\.jsonl$/.exec(entry.path)?.[1] ?? NaN);
      if (!Number.isInteger(bucket) || !buckets || entry.path !== `${CASES_DIR}/${bucketFileName(bucket)}`)
        throw new CorruptFile(file, '不是有效的案件分区文件');
      parseBucket(file, bufferSource(buffer), bucket, buckets, cipher);
    }
  }
  return {
    info: infoOf(manifest),
    dir,
    schemaVersion: manifest.schemaVersion,
    files: manifest.files.map((f) => f.path),
    meta,
    counters,
  };
}

function readChecked(dir: string, entry: { path: string; bytes: number }): Buffer {
  const file = path.join(dir, entry.path);
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch {
    throw new CorruptFile(file, '备份中的文件缺失');
  }
  if (buffer.length !== entry.bytes) throw new CorruptFile(file, `大小与备份记录不符（应为${entry.bytes}字节，现为${buffer.length}字节）`);
  return buffer;
}

/** The newest backup that passes `checkBackup`, for the STORE_CORRUPT message. */
export function newestGoodBackup(dataDir: string, cipherKey: Uint8Array | null = null): BackupInfo | undefined {
  for (const info of listBackupsIn(dataDir)) {
    try {
      checkBackup(dataDir, info.name, cipherKey);
      return info;
    } catch {
      // try the next older one
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- schema version 1 (one lowdb file)

export interface V1Data {
  schemaVersion: 1;
  settings?: unknown;
  counters?: Record<string, number>;
  cases: unknown[];
  [doc: string]: unknown;
}

export function readV1(buffer: Buffer, file: string): V1Data {
  let data: V1Data;
  try {
    data = JSON.parse(buffer.toString('utf8')) as V1Data;
  } catch (error) {
    throw new CorruptFile(file, buffer.length === 0 ? '文件为空' : `不是有效的JSON（${(error as Error).message}）`);
  }
  if (!data || typeof data !== 'object' || data.schemaVersion !== 1 || !Array.isArray(data.cases))
    throw new CorruptFile(file, '不是第1版数据文件的格式');
  return data;
}

export function storeCorrupt(dataDir: string, error: CorruptFile, key: Uint8Array | null = null): DeskError {
  const backup = newestGoodBackup(dataDir, key);
  const offer = backup
    ? `最新的完好备份是“${backup.name}”（${backup.createdAt.replace('T', ' ').slice(0, 19)}，${backup.caseCount}件案件），管理员可以从它恢复（恢复前会自动备份当前文件）。`
    : '没有找到可用的备份。';
  return new DeskError(
    'STORE_CORRUPT',
    `数据文件“${error.file}”已损坏或不完整（${error.reason}）。为保护数据，程序没有修改任何文件。${offer}`,
    {
      cause: error,
      details: {
        file: error.file,
        reason: error.reason,
        backup: backup?.name ?? null,
        action: { kind: 'restore-backup', ...(backup ? { backup: backup.name } : {}) } satisfies ErrorAction,
      },
    },
  );
}
