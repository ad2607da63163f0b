/**
 * Turning encryption on or off for a whole data directory, crash-safe: every data file and every backup
 * is rewritten in the other form as staged temp files (each one checked as on open while it is read), and
 * one journaled commit (journal.ts) renames them all into place together with the new meta.json and
 * keyring. A crash before the journal's commit point leaves the old form (the temps are swept on the next
 * open); after it, the next open finishes the renames: the new form. Never a mix.
 *
 * Runs on a data directory that is not open (the desk closes its store around it) and takes the lock.
 */

import fs from 'node:fs';
import path from 'node:path';

import { DeskError } from '../errors';
import {
  BACKUPS_DIR,
  CASES_DIR,
  DATA_SUBDIRS,
  DOCS_DIR,
  KEYRING_FILE,
  listBackupsIn,
  listDataFiles,
  MANIFEST,
  type Manifest,
  META_FILE,
  readManifest,
  sweepBackups,
  V1_FILE,
} from './backups';
import { transcodeBucket } from './buckets';
import { decodeFile, encodeFile, FileCipher, isSealed, keyCheckOf, keyMatches } from './cipher';
import { CorruptFile, docCodec, DurableAdapter, metaCodec, type MetaFile } from './codec';
import { unwritable } from './fsio';
import { recover, Transaction } from './journal';
import { acquireLock } from './lock';

/** The meta.json `encryption` entry for a data key, or none (plain). */
export function encryptionOf(key: Uint8Array | null): MetaFile['encryption'] {
  return key ? { algorithm: 'AES-256-GCM', keyCheck: keyCheckOf(key) } : undefined;
}

/**
 * One data file (path `rel` inside a data directory or a backup) from the form of `from` to that of `to`
 * (null: plain). Meta and keyring are never encrypted and come back unchanged.
 */
export function transcodeFile(
  rel: string,
  file: string,
  bytes: Buffer,
  buckets: number,
  from: FileCipher | null,
  to: FileCipher | null,
): Buffer {
  const bucket = /^cases\/(\d+)\.jsonl$/.exec(rel);
  if (bucket) return transcodeBucket(file, bytes, Number(bucket[1]), buckets, from, to);
  const doc = new RegExp(`^${DOCS_DIR}/(.+)\\.json$`).exec(rel);
  if (doc) {
    const value = docCodec(doc[1], from).parse(bytes, file);
    return Buffer.from(docCodec(doc[1], to).serialize(value, file).bytes);
  }
  if (rel === V1_FILE) return Buffer.from(encodeFile(to, decodeFile(from, bytes, V1_FILE, file), V1_FILE));
  return bytes;
}

export interface ConvertOptions {
  /** The current data key when the directory is encrypted now; null when it is plain. */
  from: Uint8Array | null;
  /** The data key to encrypt with; null to decrypt everything. */
  to: Uint8Array | null;
  /** A keyring to write in the same commit (it records whether the office is encrypted). */
  keyring?: unknown;
  lockWaitMs?: number;
  /** Files done of all, while staging. */
  progress?(done: number, total: number): void;
}

export async function convertEncryption(dataDir: string, options: ConvertOptions): Promise<{ files: number; backups: number }> {
  const root = path.resolve(dataDir);
  const lock = await acquireLock(root, options.lockWaitMs ?? 2000);
  try {
    recover(root, [...DATA_SUBDIRS, ...backupSubdirs(root)]);
    sweepBackups(root);
    const metaFile = path.join(root, META_FILE);
    const meta = new DurableAdapter(metaFile, metaCodec).readSync();
    if (!meta) throw new CorruptFile(metaFile, '数据说明文件缺失');
    if (meta.encryption ? !options.from || !keyMatches(options.from, meta.encryption.keyCheck) : options.from) {
      throw new DeskError('NOT_ALLOWED', meta.encryption ? '数据已加密，但给出的密钥与数据不符' : '数据没有加密');
    }
    const from = options.from ? new FileCipher(options.from) : null;
    const to = options.to ? new FileCipher(options.to) : null;
    const tx = new Transaction(root);
    let files = 0;
    let converted = 0;
    try {
      const backups = listBackupsIn(root)
        .map((info) => ({ dir: path.join(root, BACKUPS_DIR, info.name), manifest: readManifest(path.join(root, BACKUPS_DIR, info.name))! }))
        .filter((b) => b.manifest);
      const live = listDataFiles(root).filter((rel) => rel !== META_FILE && rel !== KEYRING_FILE);
      const total = live.length + backups.reduce((n, b) => n + b.manifest.files.length, 0);
      const step = () => options.progress?.(++files, total);

      for (const rel of live) {
        const file = path.join(root, rel);
        tx.stage(file, transcodeFile(rel, file, fs.readFileSync(file), meta.layout.buckets, from, to));
        step();
      }
      for (const { dir, manifest } of backups) if (stageBackup(tx, dir, manifest, options, from, to, step)) converted++;
      tx.stage(metaFile, metaCodec.serialize(withEncryption(meta, options.to), metaFile).bytes);
      if (options.keyring !== undefined) {
        tx.stage(path.join(root, KEYRING_FILE), docCodec('keyring', null, KEYRING_FILE).serialize({ value: options.keyring }, '').bytes);
      }
    } catch (error) {
      tx.abort();
      throw error;
    }
    tx.commit();
    return { files, backups: converted };
  } catch (error) {
    if (error instanceof CorruptFile) {
      throw new DeskError('STORE_CORRUPT', `数据文件“${error.file}”已损坏（${error.reason}），没有改变加密设置，也没有修改任何文件。`, {
        details: { file: error.file },
      });
    }
    if (error instanceof DeskError) throw error;
    throw unwritable(error, root);
  } finally {
    lock.release();
  }
}

function withEncryption(meta: MetaFile, key: Uint8Array | null): MetaFile {
  const { encryption: _old, ...rest } = meta;
  const encryption = encryptionOf(key);
  return encryption ? { ...rest, encryption } : rest;
}

/** A backup in the other form: its files, its meta.json, and its manifest's sizes. Returns whether anything changed. */
function stageBackup(
  tx: Transaction,
  dir: string,
  manifest: Manifest,
  options: ConvertOptions,
  from: FileCipher | null,
  to: FileCipher | null,
  step: () => void,
): boolean {
  const metaPath = path.join(dir, META_FILE);
  const meta = manifest.files.some((f) => f.path === META_FILE) ? metaCodec.parse(fs.readFileSync(metaPath), metaPath) : undefined;
  if (meta?.encryption && (!options.from || !keyMatches(options.from, meta.encryption.keyCheck))) {
    throw new CorruptFile(metaPath, '备份的数据密钥与本机构的不符');
  }
  const files: Manifest['files'] = [];
  let changed = false;
  for (const entry of manifest.files) {
    const file = path.join(dir, entry.path);
    const bytes = fs.readFileSync(file);
    if (bytes.length !== entry.bytes) throw new CorruptFile(file, `大小与备份记录不符（应为${entry.bytes}字节，现为${bytes.length}字节）`);
    let next: Buffer = bytes;
    if (entry.path === META_FILE && meta) {
      next = Buffer.from(metaCodec.serialize(withEncryption(meta, options.to), file).bytes);
    } else {
      // a schema-version-1 backup (before-migration) has no meta.json: its db.json says its own form
      const sealed = meta ? meta.encryption !== undefined : isSealed(bytes);
      if (sealed !== (to !== null)) next = transcodeFile(entry.path, file, bytes, meta?.layout.buckets ?? 0, sealed ? from : null, to);
    }
    if (!next.equals(bytes)) {
      tx.stage(file, next);
      changed = true;
    }
    files.push({ path: entry.path, bytes: next.length });
    step();
  }
  if (changed) {
    const updated: Manifest = { ...manifest, files, bytes: files.reduce((sum, f) => sum + f.bytes, 0) };
    tx.stage(path.join(dir, MANIFEST), `${JSON.stringify(updated, null, 1)}\n`);
  }
  return changed;
}

/** The folders that may hold temps of a conversion: every backup and its case and document folders. */
export function backupSubdirs(root: string): string[] {
  const backupsDir = path.join(root, BACKUPS_DIR);
  if (!fs.existsSync(backupsDir)) return [];
  return fs
    .readdirSync(backupsDir)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => [name, `${name}/${CASES_DIR}`, `${name}/${DOCS_DIR}`].map((rel) => `${BACKUPS_DIR}/${rel}`));
}
