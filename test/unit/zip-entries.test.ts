/**
 * Reading an entry of an untrusted zip (../../electron/core/zip.ts): the reader inflates entries itself
 * (in large chunks, not yauzl's 16 KB ones), so it must refuse, in the same words, what yauzl's own
 * inflating stream refused: an entry longer or shorter than its central-directory size, and damaged data.
 */

import { deflateRawSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { DeskError } from '../../electron/core/errors';
import { SafeZip, type ZipKind } from '../../electron/core/zip';
import { zipBuffer } from '../integration/batches-support';

const KIND: ZipKind = {
  noun: '批次文件',
  refuse: (message) => new DeskError('BATCH_INVALID', message),
  limits: { entries: 10, entryBytes: 1 << 30, totalBytes: 1 << 30, ratio: 1000, ratioMinBytes: 1 << 20 },
};

/** A text that compresses (deflate) and is long enough for several inflate chunks. */
const DATA = Buffer.from(Array.from({ length: 60_000 }, (_, i) => `第${i}件，调解协议书；`).join('\n'));

/** The zip with the central directory's uncompressed size of its one entry changed to `size`. */
function withStatedSize(zip: Buffer, size: number): Buffer {
  const patched = Buffer.from(zip);
  const at = patched.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  patched.writeUInt32LE(size, at + 24);
  return patched;
}

async function readAll(zip: Buffer): Promise<{ data: Buffer; sha256: string } | DeskError> {
  const opened = await SafeZip.open(zip, KIND);
  try {
    return await opened.readBuffer('cases.json', 1 << 30);
  } catch (error) {
    return error as DeskError;
  } finally {
    opened.close();
  }
}

describe('zip: reading an entry', () => {
  it('reads a deflated entry whole, over many chunks', async () => {
    const zip = await zipBuffer([{ name: 'cases.json', data: DATA }]);
    const read = await readAll(zip);
    expect(read).not.toBeInstanceOf(DeskError);
    expect((read as { data: Buffer }).data.equals(DATA)).toBe(true);
  });

  it('refuses an entry that inflates to more than its stated size (a bomb)', async () => {
    const zip = withStatedSize(await zipBuffer([{ name: 'cases.json', data: DATA }]), DATA.length - 1);
    const error = await readAll(zip);
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).message).toBe('批次文件中有条目解压后超过了它声明的大小（疑似“压缩炸弹”，或文件被改动），已拒绝');
  });

  it('refuses an entry that inflates to less than its stated size (truncated)', async () => {
    const zip = withStatedSize(await zipBuffer([{ name: 'cases.json', data: DATA }]), DATA.length + 1);
    const error = await readAll(zip);
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).message).toBe('不是有效的批次文件：zip 结构不完整（文件可能在复制时被截断），或根本不是 zip 文件');
  });

  it('refuses damaged compressed data', async () => {
    const zip = await zipBuffer([{ name: 'cases.json', data: DATA }]);
    // the compressed stream starts right after the local header (30 bytes and the name); break its first block
    const start = 30 + 'cases.json'.length;
    expect(zip.subarray(start, start + 8).equals(deflateRawSync(DATA).subarray(0, 8))).toBe(true);
    const damaged = Buffer.from(zip);
    damaged[start] = 0xff;
    const error = await readAll(damaged);
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).message).toMatch(/^批次文件中的数据已损坏：invalid block type$/);
  });
});
