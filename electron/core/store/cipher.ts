/**
 * Encryption at rest: AES-256-GCM (node:crypto) under the office's data key. The store's codecs call
 * these functions; nothing above the store knows whether a file is encrypted.
 *
 * A sealed file starts with the 8 bytes `MDSEAL1\n` and holds one or more segments:
 *
 *   u32 (big-endian) plain length n | 12-byte random nonce | n bytes ciphertext | 16-byte tag
 *
 * Each segment's associated data names the file's identity (its path inside the data directory, e.g.
 * `cases/0017.jsonl`, the same inside a backup) and the segment's part, so a file moved or copied over
 * another, or a segment spliced from elsewhere, fails authentication. Small documents are one segment;
 * a case partition is its header and heads, then one segment per case body (see buckets.ts), so that
 * opening decrypts only what it parses today and a body is decrypted when it is first read.
 *
 * Random 96-bit nonces under one key are safe for about 2^32 segments (NIST SP 800-38D); an office writes
 * a few per save, a few million over its life.
 */

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { CorruptFile } from './corrupt';

export const SEALED_MAGIC = Buffer.from('MDSEAL1\n', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const LENGTH_BYTES = 4;
/** Bytes a segment adds to its plain content. */
export const SEGMENT_OVERHEAD = LENGTH_BYTES + NONCE_BYTES + TAG_BYTES;
export const DATA_KEY_BYTES = 32;
/** The longest segment: a u32 length; far above any real partition. */
const MAX_SEGMENT = 0xffff_ffff;

/** What a segment is, inside its file: bound into the associated data. */
export type SegmentPart = 'doc' | 'heads' | 'head-list' | 'body' | 'check' | 'wrap';

function associatedData(identity: string, part: SegmentPart): Buffer {
  return Buffer.from(`mediation-desk.sealed.v1\u0000${identity}\u0000${part}`, 'utf8');
}

/** The office's data key in use. Holds a private copy of the key. */
export class FileCipher {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== DATA_KEY_BYTES) throw new Error(`data key must be ${DATA_KEY_BYTES} bytes`);
    this.key = Buffer.from(key);
  }

  /** One segment (length, nonce, ciphertext, tag) for `plain`. */
  seal(plain: Uint8Array, identity: string, part: SegmentPart): Buffer {
    if (plain.length > MAX_SEGMENT) throw new Error('segment too large');
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(associatedData(identity, part));
    const out = Buffer.allocUnsafe(SEGMENT_OVERHEAD + plain.length);
    out.writeUInt32BE(plain.length, 0);
    nonce.copy(out, LENGTH_BYTES);
    const body = cipher.update(plain);
    body.copy(out, LENGTH_BYTES + NONCE_BYTES);
    const rest = cipher.final();
    rest.copy(out, LENGTH_BYTES + NONCE_BYTES + body.length);
    cipher.getAuthTag().copy(out, LENGTH_BYTES + NONCE_BYTES + plain.length);
    return out;
  }

  /** The plain content of a whole segment; CorruptFile when it fails authentication. */
  open(segment: Buffer, identity: string, part: SegmentPart, file: string): Buffer {
    if (segment.length < SEGMENT_OVERHEAD || segment.readUInt32BE(0) !== segment.length - SEGMENT_OVERHEAD) {
      throw new CorruptFile(file, '加密内容不完整（文件可能被截断）');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, segment.subarray(LENGTH_BYTES, LENGTH_BYTES + NONCE_BYTES));
    decipher.setAAD(associatedData(identity, part));
    decipher.setAuthTag(segment.subarray(segment.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(segment.subarray(LENGTH_BYTES + NONCE_BYTES, segment.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new CorruptFile(file, '加密内容未通过校验：文件被改动、与其他文件调换，或不属于本机构的数据');
    }
  }
}

/** Plain length of the segment starting at `offset`, or -1 when the bytes there cannot hold one. */
export function segmentLengthAt(buffer: Buffer, offset: number): number {
  if (buffer.length < offset + LENGTH_BYTES) return -1;
  return buffer.readUInt32BE(offset);
}

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= SEALED_MAGIC.length && SEALED_MAGIC.equals(Buffer.from(bytes.buffer, bytes.byteOffset, SEALED_MAGIC.length));
}

/** A small file (a document): the magic and one segment. */
export function sealWhole(cipher: FileCipher, plain: Uint8Array, identity: string): Buffer {
  return Buffer.concat([SEALED_MAGIC, cipher.seal(plain, identity, 'doc')]);
}

export function openWhole(cipher: FileCipher, bytes: Buffer, identity: string, file: string): Buffer {
  if (!isSealed(bytes)) throw new CorruptFile(file, '文件没有加密，而本数据目录已开启加密（文件可能被替换）');
  return cipher.open(bytes.subarray(SEALED_MAGIC.length), identity, 'doc', file);
}

/**
 * The bytes a file holds for `plain` under the store's current form: sealed with `cipher`, or plain.
 * Reading checks the form matches, so a plain file slipped into an encrypted directory is refused.
 */
export function encodeFile(cipher: FileCipher | null, plain: Uint8Array, identity: string): Uint8Array {
  return cipher ? sealWhole(cipher, plain, identity) : plain;
}

export function decodeFile(cipher: FileCipher | null, bytes: Buffer, identity: string, file: string): Buffer {
  if (cipher) return openWhole(cipher, bytes, identity, file);
  if (isSealed(bytes)) throw new CorruptFile(file, '文件已加密，而本数据目录没有开启加密（请用“加密设置”检查）');
  return bytes;
}

const CHECK_TEXT = Buffer.from('mediation-desk data key check', 'utf8');

/** A sealed known text: proves a candidate data key without reading a data file. */
export function keyCheckOf(key: Uint8Array): string {
  return new FileCipher(key).seal(CHECK_TEXT, 'key-check', 'check').toString('base64');
}

export function keyMatches(key: Uint8Array, check: string): boolean {
  try {
    return new FileCipher(key).open(Buffer.from(check, 'base64'), 'key-check', 'check', 'key-check').equals(CHECK_TEXT);
  } catch {
    return false;
  }
}

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}
