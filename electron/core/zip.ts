/**
 * Reading untrusted zip files safely. A batch or a backup archive arrives from a USB stick or a shared
 * folder, so the reader assumes the worst: paths that climb out (`../../x`) or are absolute, entries that
 * lie about their size, absurd totals, encrypted or duplicate entries. Every refusal is the kind's own
 * error (BATCH_INVALID for a batch) with a Chinese message naming the file kind; nothing is ever
 * extracted to disk by the reader itself.
 */

import { createHash } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

import yauzl from 'yauzl';

import { DeskError } from './errors';

/** Caps on what an archive may expand to: far above real files, far below what would exhaust a PC. */
export interface ZipLimits {
  entries: number;
  entryBytes: number;
  totalBytes: number;
  /** Deflate cannot do better than ~1032:1; real JSON reaches ~20:1. A higher ratio on a big entry is a bomb. */
  ratio: number;
  ratioMinBytes: number;
}

/** What kind of file is read: its name in messages, the error it is refused with, its limits. */
export interface ZipKind {
  /** `批次文件`, `备份文件`. */
  noun: string;
  refuse(message: string): DeskError;
  limits: ZipLimits;
}

/** yauzl's English errors, told in Chinese. */
function zipError(error: unknown, kind: ZipKind): DeskError {
  if (error instanceof DeskError) return error;
  const { noun, refuse } = kind;
  const message = error instanceof Error ? error.message : String(error);
  if (/end of central directory record signature not found|not enough bytes|unexpected EOF|file data overflows/i.test(message)) {
    return refuse(`不是有效的${noun}：zip 结构不完整（文件可能在复制时被截断），或根本不是 zip 文件`);
  }
  if (/invalid relative path|absolute path|invalid characters in fileName|backslash/i.test(message)) {
    return refuse(`${noun}中有不安全的文件路径，已拒绝：${message.replace(/^.*?:\s*/, '')}`);
  }
  if (/too many bytes/i.test(message)) {
    return refuse(`${noun}中有条目解压后超过了它声明的大小（疑似“压缩炸弹”，或文件被改动），已拒绝`);
  }
  if (/too few bytes|compressed|inflat|invalid (stored|distance|code|block)|unexpected end|incorrect header/i.test(message)) {
    return refuse(`${noun}中的数据已损坏：${message}`);
  }
  return refuse(`${noun}无法读取（zip 已损坏）：${message}`);
}

/** zlib's output chunks when inflating an entry: its size, within these bounds. */
const INFLATE_CHUNK_MIN = 16 * 1024;
const INFLATE_CHUNK_MAX = 1024 * 1024;

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  size: number;
}

/** A name we accept: relative, forward slashes, no `.`/`..` segments, no drive letters or control characters. */
export function unsafeNameProblem(name: string): string | null {
  if (name.length === 0) return '空文件名';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return `绝对路径“${name}”`;
  if (name.includes('\\')) return `含反斜杠的路径“${name}”`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return `含控制字符的路径“${JSON.stringify(name)}”`;
  if (name.split('/').some((segment) => segment === '..' || segment === '.')) return `越出目录的路径“${name}”`;
  return null;
}

export class SafeZip {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly entries: ReadonlyMap<string, ZipEntryInfo>,
    private readonly raw: ReadonlyMap<string, yauzl.Entry>,
    private readonly kind: ZipKind,
  ) {}

  /** Open and check the central directory: names, duplicates, declared sizes, totals. */
  static async open(source: string | Buffer, kind: ZipKind): Promise<SafeZip> {
    const { noun, refuse, limits } = kind;
    const options: yauzl.Options = {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: true,
    };
    let zip: yauzl.ZipFile;
    try {
      zip = typeof source === 'string' ? await yauzl.openPromise(source, options) : await yauzl.fromBufferPromise(source, options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DeskError('NOT_FOUND', `找不到文件“${String(source)}”`);
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new DeskError('VALIDATION', `“${String(source)}”是文件夹，不是${noun}`);
      throw zipError(error, kind);
    }
    try {
      if (zip.entryCount > limits.entries) throw refuse(`${noun}中的条目过多（${zip.entryCount}个），已拒绝`);
      const entries = new Map<string, ZipEntryInfo>();
      const raw = new Map<string, yauzl.Entry>();
      let total = 0;
      await new Promise<void>((resolve, reject) => {
        zip.on('error', (error) => reject(zipError(error, kind)));
        zip.on('end', () => resolve());
        zip.on('entry', (entry: yauzl.Entry) => {
          try {
            const name = entry.fileName;
            const problem = unsafeNameProblem(name);
            if (problem) throw refuse(`${noun}中有不安全的文件路径，已拒绝：${problem}`);
            if (entries.has(name)) throw refuse(`${noun}中“${name}”出现了两次，已拒绝`);
            if (entry.isEncrypted()) throw refuse(`${noun}中的“${name}”使用了 zip 密码加密，无法校验`);
            if (entry.uncompressedSize > limits.entryBytes)
              throw refuse(`${noun}中的“${name}”声称解压后有 ${entry.uncompressedSize} 字节，超过上限，已拒绝`);
            if (
              entry.uncompressedSize >= limits.ratioMinBytes &&
              entry.uncompressedSize > Math.max(1, entry.compressedSize) * limits.ratio
            ) {
              throw refuse(
                `${noun}中的“${name}”压缩比异常（${entry.compressedSize} 字节解压为 ${entry.uncompressedSize} 字节），疑似“压缩炸弹”，已拒绝`,
              );
            }
            total += entry.uncompressedSize;
            if (total > limits.totalBytes) throw refuse(`${noun}解压后的总大小超过上限，疑似“压缩炸弹”，已拒绝`);
            if (!name.endsWith('/')) {
              entries.set(name, { name, compressedSize: entry.compressedSize, size: entry.uncompressedSize });
              raw.set(name, entry);
            }
            zip.readEntry();
          } catch (error) {
            reject(error);
          }
        });
        zip.readEntry();
      });
      return new SafeZip(zip, entries, raw, kind);
    } catch (error) {
      zip.close();
      throw zipError(error, kind);
    }
  }

  /**
   * Stream one entry through `onChunk`, counting bytes as they are inflated: more than `expectedSize`
   * (a lying header that slipped past yauzl) stops at once. Returns the SHA-256 and the true size.
   */
  async read(name: string, expectedSize: number, onChunk?: (chunk: Buffer) => void): Promise<{ sha256: string; size: number }> {
    const entry = this.raw.get(name);
    const { noun, refuse } = this.kind;
    if (!entry) throw refuse(`${noun}中缺少“${name}”`);
    let stream: Readable;
    try {
      stream = await this.openInflated(entry);
    } catch (error) {
      throw zipError(error, this.kind);
    }
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > entry.uncompressedSize)
          throw new Error(`too many bytes in the stream. expected ${entry.uncompressedSize}. got at least ${size}`);
        if (size > expectedSize) {
          stream.destroy();
          throw refuse(`${noun}中的“${name}”解压后超过了清单所列的大小（${expectedSize} 字节），疑似“压缩炸弹”或被改动，已拒绝`);
        }
        hash.update(chunk);
        onChunk?.(chunk);
      }
      // yauzl's own words for an entry longer or shorter than its header says, so it is refused as before
      if (size < entry.uncompressedSize)
        throw new Error(`not enough bytes in the stream. expected ${entry.uncompressedSize}. got only ${size}`);
    } catch (error) {
      throw zipError(error, this.kind);
    }
    return { sha256: hash.digest('hex'), size };
  }

  /**
   * The entry's bytes, inflated here rather than by yauzl: yauzl inflates in zlib's default 16 KB
   * output chunks, one trip to the thread pool each (3,000 for a 49 MB cases.json, most of a second of
   * waiting); up to 1 MB chunks make that a few dozen. The size checks yauzl made are made by `read`.
   */
  private async openInflated(entry: yauzl.Entry): Promise<Readable> {
    if (entry.compressionMethod !== 8) return this.zip.openReadStreamPromise(entry);
    const raw = await this.zip.openReadStreamPromise(entry, { decompress: false });
    const chunkSize = Math.min(INFLATE_CHUNK_MAX, Math.max(INFLATE_CHUNK_MIN, entry.uncompressedSize));
    // pipeline passes a read error on to the inflated stream (and stops reading when it is destroyed)
    return pipeline(raw, createInflateRaw({ chunkSize }), () => undefined);
  }

  /** The whole entry in memory (for the manifest and cases.json), capped. */
  async readBuffer(name: string, maxBytes: number): Promise<{ data: Buffer; sha256: string }> {
    const info = this.entries.get(name);
    const { noun, refuse } = this.kind;
    if (!info) throw refuse(`${noun}中缺少“${name}”`);
    if (info.size > maxBytes) throw refuse(`${noun}中的“${name}”过大（${info.size} 字节），已拒绝`);
    const chunks: Buffer[] = [];
    const { sha256 } = await this.read(name, Math.min(info.size, maxBytes), (chunk) => chunks.push(chunk));
    return { data: Buffer.concat(chunks), sha256 };
  }

  close(): void {
    this.zip.close();
  }
}
