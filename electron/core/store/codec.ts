/**
 * The lowdb adapter of the store: one instance per file, reads validate, writes are staged into a
 * `Transaction` (temp file + fsync; the transaction renames and fsyncs folders, see journal.ts).
 *
 * lowdb's own JSONFile adapter renames a temp file but never fsyncs the file or the folder, and
 * JSONFilePreset switches to memory under NODE_ENV=test; neither is used here.
 */

import fs from 'node:fs';

import type { Adapter } from 'lowdb';

import { decodeFile, encodeFile, type FileCipher } from './cipher';
import { CorruptFile } from './corrupt';
import type { Transaction } from './journal';

export { CorruptFile } from './corrupt';

export interface Codec<T> {
  /** Parse and validate; throw CorruptFile (or anything, wrapped as such) when the content is not acceptable. */
  parse(buffer: Buffer, file: string): T;
  /** Read the file itself (e.g. only the parts needed); null when it does not exist. Default: read it whole and `parse`. */
  read?(): T | null;
  /** Bytes for `data`, and an optional step to run once the new file is in place. */
  serialize(data: T, file: string): { bytes: string | Uint8Array; applied?: () => void };
}

export class DurableAdapter<T> implements Adapter<T> {
  /** The transaction that the next `write` stages into; set by the store around each write. */
  tx: Transaction | undefined;
  /** Runs once the staged file is in place (the store sets the Low's data there: memory follows disk). */
  afterApply: (() => void) | undefined;

  constructor(
    readonly file: string,
    private readonly codec: Codec<T>,
  ) {}

  async read(): Promise<T | null> {
    return this.readSync();
  }

  readSync(): T | null {
    if (this.codec.read) {
      try {
        return this.codec.read();
      } catch (error) {
        if (error instanceof CorruptFile) throw error;
        if ((error as NodeJS.ErrnoException).code) throw error;
        throw new CorruptFile(this.file, (error as Error).message);
      }
    }
    let buffer: Buffer;
    try {
      buffer = fs.readFileSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return this.codec.parse(buffer, this.file);
    } catch (error) {
      if (error instanceof CorruptFile) throw error;
      throw new CorruptFile(this.file, (error as Error).message);
    }
  }

  async write(data: T): Promise<void> {
    const tx = this.tx;
    if (!tx) throw new Error(`write outside a transaction: ${this.file}`);
    const { bytes, applied } = this.codec.serialize(data, this.file);
    const afterApply = this.afterApply;
    tx.stage(this.file, bytes, () => {
      applied?.();
      afterApply?.();
    });
  }
}

/**
 * A small JSON document: `{"doc": name, "value": …}` (the name guards against a file copied to the wrong
 * place), sealed with the data key when the store is encrypted (`identity`: its path in the data directory).
 */
export function docCodec(name: string, cipher: FileCipher | null = null, identity = docIdentity(name)): Codec<{ value: unknown }> {
  return {
    parse(buffer, file) {
      const bytes = decodeFile(cipher, buffer, identity, file);
      let parsed: unknown;
      try {
        parsed = JSON.parse(bytes.toString('utf8'));
      } catch (error) {
        throw new CorruptFile(file, bytes.length === 0 ? '文件为空' : `不是有效的JSON（${(error as Error).message}）`);
      }
      const doc = parsed as { doc?: unknown; value?: unknown };
      if (!doc || typeof doc !== 'object' || doc.doc !== name || !('value' in doc)) throw new CorruptFile(file, '文件内容与文档名称不符');
      return { value: doc.value };
    },
    serialize(data) {
      return { bytes: encodeFile(cipher, Buffer.from(`${JSON.stringify({ doc: name, value: data.value }, null, 1)}\n`, 'utf8'), identity) };
    },
  };
}

/** Where a named document lives, relative to the data directory (and inside a backup). */
export function docIdentity(name: string): string {
  return `docs/${name}.json`;
}

export interface MetaFile {
  format: 'mediation-desk.data';
  schemaVersion: number;
  layout: { kind: 'hash-buckets'; buckets: number; hash: 'fnv1a-32'; casesDir: string; docsDir: string };
  createdAt: string;
  migratedFrom?: number;
  /** Present when the data files are encrypted (cipher.ts); `keyCheck` proves a candidate data key. */
  encryption?: { algorithm: 'AES-256-GCM'; keyCheck: string };
}

export const metaCodec: Codec<MetaFile> = {
  parse(buffer, file) {
    let meta: MetaFile;
    try {
      meta = JSON.parse(buffer.toString('utf8')) as MetaFile;
    } catch (error) {
      throw new CorruptFile(file, buffer.length === 0 ? '文件为空' : `不是有效的JSON（${(error as Error).message}）`);
    }
    if (meta?.format !== 'mediation-desk.data' || typeof meta.schemaVersion !== 'number')
      throw new CorruptFile(file, '不是人民调解工作台的数据说明文件');
    if (
      meta.schemaVersion === 2 &&
      (meta.layout?.kind !== 'hash-buckets' || !Number.isInteger(meta.layout.buckets) || meta.layout.buckets < 1)
    ) {
      throw new CorruptFile(file, '数据布局说明不完整');
    }
    if (meta.encryption !== undefined && (meta.encryption?.algorithm !== 'AES-256-GCM' || typeof meta.encryption.keyCheck !== 'string'))
      throw new CorruptFile(file, '加密说明不完整');
    return meta;
  },
  serialize(meta) {
    return { bytes: `${JSON.stringify(meta, null, 2)}\n` };
  },
};
