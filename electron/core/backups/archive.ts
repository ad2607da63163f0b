/**
 * Backups to a folder or a USB stick: one archive file of a consistent backup, and its restore.
 *
 * Plain archive (a zip any tool opens):
 *   manifest.json     format, office, time, case count, every data file with its size and SHA-256
 *   data/<file>       the data directory's files (meta.json, docs/…, cases/…), byte for byte
 * Encrypted archive (with a passphrase):
 *   manifest.json     the same description without the file list, the scrypt parameters, the IV and a
 *                     passphrase check value; the SHA-256 of payload.bin
 *   payload.bin       the plain archive encrypted with AES-256-GCM, the 16-byte tag appended; the
 *                     manifest's description is bound to it as associated data
 *
 * Export reads a snapshot fixed inside the store's write queue (saves go on meanwhile) and writes the
 * file beside its destination, flushed, then renamed: it appears complete or not at all. Import unpacks
 * into a hidden folder under `backups/`, checks every file's size and hash and every data file as the
 * store would read it, and only then restores it exactly like `backup restore` (the current data kept
 * first as an undo). A wrong passphrase or a damaged archive is refused with nothing changed.
 */

import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import yazl from 'yazl';
import { z } from 'zod';

import { canonicalJson } from '../canonical';
import type { Desk } from '../desk';
import { DeskError } from '../errors';
import { checkOutputPath } from '../files';
import type { CallContext } from '../handler';
import { TimestampSchema } from '../schema/case';
import { OFFICE_ROLES } from '../schema/codes';
import { BACKUPS_DIR, describeBackupFolder, isDataFilePath } from '../store/backups';
import { fsyncDir, removeQuietly } from '../store/fsio';
import type { BackupInfo, DataSnapshot } from '../store/types';
import { SafeZip, type ZipKind } from '../zip';
import { checkPassphraseStrength, deriveKeys, KdfSchema, newKdf, passphraseMatches } from './passphrase';

export const ARCHIVE_FORMAT = 'mediation-desk-backup-archive';
const ARCHIVE_VERSION = 1;
const MANIFEST = 'manifest.json';
const PAYLOAD = 'payload.bin';
const DATA = 'data/';
const TAG_BYTES = 16;

const archiveInvalid = (message: string) => new DeskError('VALIDATION', message, { field: 'file' });

const ARCHIVE_ZIP: ZipKind = {
  noun: '备份文件',
  refuse: archiveInvalid,
  limits: { entries: 5_000, entryBytes: 4 * 1024 ** 3, totalBytes: 16 * 1024 ** 3, ratio: 200, ratioMinBytes: 1024 * 1024 },
};

const FileEntrySchema = z.strictObject({
  path: z.string().min(1),
  size: z.int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What both manifests say of the backup: whose, when, how much; no personal data. */
const description = {
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_VERSION),
  createdAt: TimestampSchema,
  office: z.strictObject({ name: z.string(), stationCode: z.string(), role: z.enum(OFFICE_ROLES.codes) }),
  caseCount: z.int().nonnegative(),
  schemaVersion: z.int().positive(),
};

const PlainManifestSchema = z.strictObject({ ...description, encrypted: z.literal(false), files: z.array(FileEntrySchema) });
type PlainManifest = z.infer<typeof PlainManifestSchema>;

const SealedManifestSchema = z.strictObject({
  ...description,
  encrypted: z.literal(true),
  kdf: KdfSchema,
  cipher: z.strictObject({ algorithm: z.literal('aes-256-gcm'), iv: z.string().min(16) }),
  passphraseCheck: z.string().min(1),
  payload: FileEntrySchema,
});
type SealedManifest = z.infer<typeof SealedManifestSchema>;

/** The manifest's description, authenticated with the payload (a swapped manifest fails to decrypt). */
function associatedData(m: SealedManifest): Buffer {
  const { payload: _payload, passphraseCheck: _check, ...bound } = m;
  return Buffer.from(canonicalJson(bound) ?? '', 'utf8');
}

// ---------------------------------------------------------------- export

export interface ArchiveResult {
  file: string;
  fileName: string;
  bytes: number;
  sha256: string;
  caseCount: number;
  encrypted: boolean;
  createdAt: string;
}

/** The last archive written off the PC (store document `backupExports`). */
export interface BackupExportsDoc {
  last?: { at: string; fileName: string; bytes: number; caseCount: number; encrypted: boolean };
}

const pad = (n: number) => String(n).padStart(2, '0');

function defaultName(stationCode: string, at: Date): string {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `人民调解工作台备份_${stationCode}_${stamp}.zip`;
}

/** `--out x.zip` is the file; an existing folder (a USB stick's root) gets a dated name inside it. */
async function destination(out: string, name: string): Promise<string> {
  const absolute = path.resolve(out);
  const existing = await stat(absolute).catch(() => undefined);
  if (existing?.isDirectory()) return path.join(absolute, name);
  if (!/\.zip$/i.test(absolute))
    throw new DeskError('VALIDATION', `保存位置：“${out}”不是已有的文件夹，也不是 .zip 文件名`, { field: 'out' });
  if (!(await stat(path.dirname(absolute)).catch(() => undefined))?.isDirectory())
    throw new DeskError('VALIDATION', `保存位置：文件夹“${path.dirname(absolute)}”不存在（U盘是否已插好？）`, { field: 'out' });
  return absolute;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

type Description = Omit<PlainManifest, 'encrypted' | 'files'>;

function describe(snapshot: DataSnapshot, desk: Desk): Description {
  const settings = desk.settings();
  return {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_VERSION,
    createdAt: snapshot.createdAt,
    office: { name: settings.name, stationCode: settings.stationCode, role: settings.role },
    caseCount: snapshot.caseCount,
    schemaVersion: snapshot.schemaVersion,
  };
}

/** The plain archive of a snapshot, streamed into `sinks`; returns its manifest. */
async function writePlain(
  snapshot: DataSnapshot,
  desc: Description,
  sinks: NodeJS.WritableStream[],
  context: CallContext,
): Promise<PlainManifest> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(snapshot.createdAt);
  const output = zip.outputStream as unknown as Readable;
  const written = (pipeline as unknown as (...args: unknown[]) => Promise<void>)(output, ...sinks, { signal: context.signal });
  let failure: unknown;
  written.catch((error: unknown) => {
    failure = error;
  });
  try {
    const files: PlainManifest['files'] = [];
    for (const [i, rel] of snapshot.files.entries()) {
      if (failure) throw failure;
      if (context.signal?.aborted) throw cancelled();
      // One data file at a time (a partition is small): hashed and added as it is.
      const data = await readFile(path.join(snapshot.dir, rel));
      files.push({ path: rel, size: data.length, sha256: sha256(data) });
      zip.addBuffer(data, `${DATA}${rel}`, { mtime });
      context.progress?.(i + 1, snapshot.files.length + 1, '写入备份文件');
    }
    const manifest: PlainManifest = { ...desc, encrypted: false, files };
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 1), 'utf8'), MANIFEST, { mtime });
    zip.end();
    await written;
    return manifest;
  } catch (error) {
    output.destroy();
    await written.catch(() => undefined);
    throw error;
  }
}

const cancelled = () => new DeskError('CANCELLED', '已取消备份，未生成备份文件');

async function flush(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function sha256OfFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const handle = await open(file, 'r');
  try {
    for await (const chunk of handle.createReadStream() as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
  return { sha256: hash.digest('hex'), size };
}

/** Write an archive of this moment's data to `out` (a .zip file, or a folder such as a USB stick). */
export async function exportBackupArchive(
  desk: Desk,
  options: { out: string; passphrase?: string; overwrite?: boolean },
  context: CallContext = {},
): Promise<ArchiveResult> {
  const settings = desk.settings();
  if (options.passphrase !== undefined) checkPassphraseStrength(options.passphrase);
  // The one output guard: never inside the data or program folders, never over a file unless confirmed.
  const file = await checkOutputPath(
    await destination(options.out, defaultName(settings.stationCode, desk.clock.now())),
    desk.outputRules({ field: 'out', overwrite: options.overwrite }),
  );
  const dir = path.dirname(file);
  const tag = `${randomUUID().slice(0, 8)}.partial`;
  const temp = path.join(dir, `.${path.basename(file)}.${tag}`);
  const payloadTemp = `${temp}.payload`;
  try {
    const manifest = await desk.store.withSnapshot(async (snapshot): Promise<PlainManifest | SealedManifest> => {
      const desc = describe(snapshot, desk);
      if (options.passphrase === undefined) return writePlain(snapshot, desc, [createWriteStream(temp)], context);
      const kdf = newKdf();
      const keys = await deriveKeys(options.passphrase, kdf);
      const iv = randomBytes(12);
      const sealed: SealedManifest = {
        ...desc,
        encrypted: true,
        kdf,
        cipher: { algorithm: 'aes-256-gcm', iv: iv.toString('base64') },
        passphraseCheck: keys.check,
        payload: { path: PAYLOAD, size: 0, sha256: '0'.repeat(64) },
      };
      const cipher = createCipheriv('aes-256-gcm', keys.key, iv);
      cipher.setAAD(associatedData(sealed));
      await writePlain(snapshot, desc, [cipher, createWriteStream(payloadTemp)], context);
      // The GCM tag is known only after final(): appended to the payload file afterwards.
      const handle = await open(payloadTemp, 'a');
      try {
        await handle.write(cipher.getAuthTag());
      } finally {
        await handle.close();
      }
      const payload = await sha256OfFile(payloadTemp);
      sealed.payload = { path: PAYLOAD, size: payload.size, sha256: payload.sha256 };
      const outer = new yazl.ZipFile();
      const mtime = new Date(snapshot.createdAt);
      outer.addBuffer(Buffer.from(JSON.stringify(sealed, null, 1), 'utf8'), MANIFEST, { mtime });
      outer.addFile(payloadTemp, PAYLOAD, { mtime, compress: false });
      outer.end();
      await pipeline(outer.outputStream, createWriteStream(temp), { signal: context.signal });
      return sealed;
    });
    await flush(temp);
    await rename(temp, file);
    fsyncDir(dir);
    await rm(payloadTemp, { force: true });
    const written = await sha256OfFile(file);
    const result: ArchiveResult = {
      file,
      fileName: path.basename(file),
      bytes: written.size,
      sha256: written.sha256,
      caseCount: manifest.caseCount,
      encrypted: manifest.encrypted,
      createdAt: manifest.createdAt,
    };
    const doc: BackupExportsDoc = {
      last: { at: desk.nowIso(), fileName: result.fileName, bytes: result.bytes, caseCount: result.caseCount, encrypted: result.encrypted },
    };
    await desk.commit({ docs: { backupExports: doc } });
    return result;
  } catch (error) {
    await rm(temp, { force: true });
    await rm(payloadTemp, { force: true });
    if (context.signal?.aborted || (error as Error)?.name === 'AbortError') throw cancelled();
    if (error instanceof DeskError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOSPC'
        ? '空间已满'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? '没有写入权限（U盘是否写保护？）'
          : (error as Error).message;
    throw new DeskError('STORE_UNWRITABLE', `无法写入“${dir}”：${why}。未生成备份文件，数据没有改变`, { cause: error });
  }
}

// ---------------------------------------------------------------- import

export interface ArchiveInfo {
  file: string;
  encrypted: boolean;
  createdAt: string;
  office: PlainManifest['office'];
  caseCount: number;
}

function parseManifest(raw: Buffer): PlainManifest | SealedManifest {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw archiveInvalid('备份文件的说明（manifest.json）不是有效的 JSON，文件已损坏');
  }
  const probe = json as { format?: unknown; formatVersion?: unknown; encrypted?: unknown } | null;
  if (!probe || probe.format !== ARCHIVE_FORMAT) throw archiveInvalid('不是人民调解工作台的备份文件（说明文件的格式标识不符）');
  if (probe.formatVersion !== ARCHIVE_VERSION)
    throw archiveInvalid(`备份文件格式版本为“${String(probe.formatVersion)}”，本软件只认识版本 ${ARCHIVE_VERSION}：请升级软件后再恢复`);
  const parsed = (probe.encrypted === true ? SealedManifestSchema : PlainManifestSchema).safeParse(json);
  if (!parsed.success) throw archiveInvalid(`备份文件的说明不完整（${parsed.error.issues[0].message}），文件已损坏`);
  return parsed.data;
}

async function readManifestOf(zip: SafeZip): Promise<PlainManifest | SealedManifest> {
  return parseManifest((await zip.readBuffer(MANIFEST, 16 * 1024 * 1024)).data);
}

async function openArchive(file: string): Promise<SafeZip> {
  const absolute = path.resolve(file);
  return SafeZip.open(absolute, ARCHIVE_ZIP);
}

/** What an archive says of itself (to show before asking for the passphrase). */
export async function inspectBackupArchive(file: string): Promise<ArchiveInfo> {
  const zip = await openArchive(file);
  try {
    const m = await readManifestOf(zip);
    return { file: path.resolve(file), encrypted: m.encrypted, createdAt: m.createdAt, office: m.office, caseCount: m.caseCount };
  } finally {
    zip.close();
  }
}

/** Decrypt the payload to `target`, checking its hash and GCM tag; throws with nothing left behind. */
async function decryptPayload(zip: SafeZip, manifest: SealedManifest, key: Buffer, target: string): Promise<void> {
  const { size, sha256: expected } = manifest.payload;
  if (size < TAG_BYTES) throw archiveInvalid('备份文件已损坏：加密内容不完整');
  const info = zip.entries.get(PAYLOAD);
  if (!info || info.size !== size) throw archiveInvalid('备份文件已损坏：加密内容缺失或大小不符');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(manifest.cipher.iv, 'base64'));
  decipher.setAAD(associatedData(manifest));
  const out = await open(target, 'w');
  const tag = Buffer.alloc(TAG_BYTES);
  let seen = 0;
  let writing = Promise.resolve();
  try {
    const { sha256: actual } = await zip.read(PAYLOAD, size, (chunk) => {
      const cipherEnd = size - TAG_BYTES;
      const body = chunk.subarray(0, Math.max(0, Math.min(chunk.length, cipherEnd - seen)));
      const rest = chunk.subarray(body.length);
      if (rest.length) rest.copy(tag, seen + body.length - cipherEnd);
      seen += chunk.length;
      if (body.length) {
        const plain = decipher.update(body);
        writing = writing.then(() => out.write(plain).then(() => undefined));
      }
    });
    await writing;
    if (actual !== expected) throw archiveInvalid('备份文件已损坏：加密内容的校验值（SHA-256）与说明不符（文件可能在复制时损坏）');
    decipher.setAuthTag(tag);
    try {
      await out.write(decipher.final());
    } catch {
      throw archiveInvalid('备份文件已损坏或被改动：解密后的内容未通过校验');
    }
  } finally {
    await out.close();
  }
}

/**
 * Unpack an archive into a hidden folder under `<dataDir>/backups/`, every file checked against the
 * manifest. Returns the folder, ready for `restoreBackupFolder`; on any failure nothing is left behind.
 */
export async function unpackBackupArchive(dataDir: string, file: string, passphrase?: string): Promise<{ dir: string; info: ArchiveInfo }> {
  const outer = await openArchive(file);
  const staging = path.join(path.resolve(dataDir), BACKUPS_DIR, `.tmp-import-${randomUUID().slice(0, 8)}`);
  let inner: SafeZip | undefined;
  try {
    const manifest = await readManifestOf(outer);
    await mkdir(staging, { recursive: true });
    let plain: PlainManifest;
    if (manifest.encrypted) {
      if (!passphrase) {
        throw new DeskError('VALIDATION', '口令：这个备份文件已用口令加密，请输入备份时设定的口令', {
          field: 'passphrase',
          details: { encrypted: true },
        });
      }
      const keys = await deriveKeys(passphrase, manifest.kdf);
      if (!passphraseMatches(keys, manifest.passphraseCheck)) {
        throw new DeskError('VALIDATION', '口令：口令不正确，备份文件未打开，数据没有改变', {
          field: 'passphrase',
          details: { encrypted: true },
        });
      }
      const payload = path.join(staging, 'archive.zip');
      await decryptPayload(outer, manifest, keys.key, payload);
      inner = await SafeZip.open(payload, ARCHIVE_ZIP);
      const innerManifest = await readManifestOf(inner);
      if (innerManifest.encrypted || innerManifest.createdAt !== manifest.createdAt)
        throw archiveInvalid('备份文件已损坏：加密内容与说明不符');
      plain = innerManifest;
    } else plain = manifest;
    const zip = inner ?? outer;
    await unpackFiles(zip, plain, staging);
    if (inner) {
      inner.close();
      inner = undefined;
      await rm(path.join(staging, 'archive.zip'), { force: true });
    }
    const info: BackupInfo = {
      name: path.basename(staging),
      kind: 'imported',
      createdAt: plain.createdAt,
      caseCount: plain.caseCount,
      bytes: plain.files.reduce((sum, f) => sum + f.size, 0),
    };
    describeBackupFolder(
      staging,
      info,
      plain.schemaVersion,
      plain.files.map((f) => ({ path: f.path, bytes: f.size })),
    );
    return {
      dir: staging,
      info: {
        file: path.resolve(file),
        encrypted: manifest.encrypted,
        createdAt: plain.createdAt,
        office: plain.office,
        caseCount: plain.caseCount,
      },
    };
  } catch (error) {
    inner?.close();
    removeQuietly(staging);
    throw error;
  } finally {
    outer.close();
  }
}

/** Every listed data file, streamed to the folder with its size and hash checked; nothing unlisted. */
async function unpackFiles(zip: SafeZip, manifest: PlainManifest, staging: string): Promise<void> {
  const listed = new Set(manifest.files.map((f) => `${DATA}${f.path}`));
  for (const name of zip.entries.keys()) {
    if (name !== MANIFEST && !listed.has(name)) throw archiveInvalid(`备份文件中有说明里没有列出的“${name}”，已拒绝`);
  }
  for (const entry of manifest.files) {
    if (!isDataFilePath(entry.path)) throw archiveInvalid(`备份文件列出了不属于数据目录的“${entry.path}”，已拒绝`);
    const target = path.join(staging, entry.path);
    await mkdir(path.dirname(target), { recursive: true });
    const out = await open(target, 'w');
    let writing = Promise.resolve();
    try {
      const { sha256: actual, size } = await zip.read(`${DATA}${entry.path}`, entry.size, (chunk) => {
        const copy = Buffer.from(chunk);
        writing = writing.then(() => out.write(copy).then(() => undefined));
      });
      await writing;
      if (size !== entry.size || actual !== entry.sha256)
        throw archiveInvalid(`备份文件已损坏：“${entry.path}”的大小或校验值（SHA-256）与说明不符`);
    } finally {
      await out.close();
    }
  }
}
