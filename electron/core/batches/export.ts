/**
 * Writing a batch at a station. The file appears complete or not at all: everything is written to a
 * hidden temporary file in the destination folder, flushed to disk, then renamed into place; a failure
 * or a cancellation removes the temporary files. The export log is updated only after the rename.
 */

import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

import yazl from 'yazl';

import type { Desk } from '../desk';
import { DeskError, fsError, notAllowed } from '../errors';
import { checkOutputPath, syncFolder } from '../files';
import type { CallContext } from '../handler';
import type { Case } from '../schema/case';
import { caseJsonSchema, requestJsonSchema } from '../schema/json-schema';
import type { Request } from '../schema/request';
import { withIdentityEntry } from '../settings/identity-log';
import { casesCsv, requestsCsv } from './csv';
import type { DocumentRenderer, RenderedDocument } from './documents';
import { sha256File } from './file-hash';
import {
  BATCH_FORMAT,
  batchFileName,
  CASE_SCHEMA,
  CASES_CSV,
  CASES_JSON,
  type FileEntry,
  FORMAT_VERSION,
  LIMITS,
  MANIFEST,
  type Manifest,
  PAYLOAD,
  REQUEST_SCHEMA,
  REQUESTS_CSV,
  REQUESTS_JSON,
  safeFileName,
  SEALED_FORMAT,
  type SealedManifest,
  type Selection,
  SIGNATURE,
  type SignatureFile,
} from './format';
import {
  canonicalBytes,
  centreKeyChange,
  ensureKeys,
  fingerprintOf,
  type KeysDoc,
  type PublicKeyFile,
  publicKeyFile,
  signBytes,
} from './keys';
import { listBytes } from './list-parts';
import { type ExportRecord, readExportLog, selectCases, selectRequests, withRecord } from './log';
import { startSeal } from './seal';

export interface ExportOptions {
  out: string;
  /** Replace an existing `.zip` named by `out` (`--force`; the save dialog's confirmation). A folder never overwrites: a suffix is added. */
  overwrite?: boolean;
  selection: Selection;
  withDocuments: boolean;
  /** 零上报: a batch of no cases, saying the station has nothing new (only when nothing is pending). */
  zeroReport?: boolean;
  sealTo?: PublicKeyFile;
  /** How PDFs are made (the documents module, in worker threads for big batches). */
  documents?: DocumentRenderer;
}

export interface ExportResult {
  file: string;
  fileName: string;
  batchId: string;
  sequence: number;
  cases: number;
  /** Front-desk requests in the batch. */
  requests: number;
  formatVersion: number;
  documents: number;
  sha256: string;
  bytes: number;
  period: { from: string; to: string };
  selection: Selection;
  sealed: boolean;
  recipientFingerprint?: string;
  /** At a station sealing for a centre not recorded before (its key is now used to check receipts). */
  centreKeyRecorded?: boolean;
}

const cancelled = () => new DeskError('CANCELLED', '已取消导出，未生成批次文件');

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Counts and hashes what flows through. */
class Digest extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

async function flushToDisk(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Where the batch goes: `--out x.zip` is the file; anything else is a folder (made when missing). Both
 * through the output guard: never inside a data directory or a backup, never over a file unless confirmed.
 */
async function destination(desk: Desk, out: string, defaultName: string, overwrite: boolean): Promise<{ dir: string; file: string }> {
  const absolute = path.resolve(out);
  const existing = await stat(absolute).catch(() => undefined);
  if (existing?.isDirectory() || (!existing && !/\.zip$/i.test(absolute))) {
    await checkOutputPath(out, desk.outputRules({ field: 'out', folder: true }));
    await mkdir(absolute, { recursive: true }).catch((error: unknown) => {
      throw fsError(error, out, 'folder', { field: 'out' });
    });
    let file = path.join(absolute, defaultName);
    // Never overwrite another batch by accident when a folder is given: add a suffix instead.
    for (let n = 2; await stat(file).catch(() => undefined); n++) file = path.join(absolute, defaultName.replace(/\.zip$/, `-${n}.zip`));
    return { dir: absolute, file };
  }
  return { dir: path.dirname(absolute), file: await checkOutputPath(out, desk.outputRules({ field: 'out', overwrite })) };
}

/**
 * The received days the batch covers: the selected range, or the span of its cases' and requests' days;
 * a zero report (no days) covers the month so far.
 */
export function periodOf(days: readonly string[], selection: Selection, today: string): { from: string; to: string } {
  if (selection.kind === 'range') return { from: selection.from, to: selection.to };
  if (days.length === 0) return { from: `${today.slice(0, 7)}-01`, to: today };
  let from = days[0];
  let to = from;
  for (const day of days) {
    if (day < from) from = day;
    if (day > to) to = day;
  }
  return { from, to };
}

/** The received days of cases and requests (a request's `receivedAt` may carry a time). */
export const receivedDays = (cases: readonly Case[], requests: readonly Request[]): string[] => [
  ...cases.map((c) => c.receivedAt),
  ...requests.map((r) => r.receivedAt.slice(0, 10)),
];

/** Unique, file-system-safe folder names for cases' documents (two 案号 may sanitise alike). */
export function documentFolders(cases: readonly Case[]): Map<string, string> {
  const used = new Set<string>();
  const folders = new Map<string, string>();
  for (const c of cases) {
    let name = safeFileName(c.number, c.id.slice(0, 8));
    if (used.has(name)) name = `${name}_${c.id.slice(0, 8)}`;
    used.add(name);
    folders.set(c.id, name);
  }
  return folders;
}

interface PlainParts {
  manifest: Omit<Manifest, 'files'>;
  cases: readonly Case[];
  /** Written (with their CSV and schema) only in a version-2 batch. */
  requests: readonly Request[];
  documents?: AsyncIterable<RenderedDocument & { caseId: string }>;
  folders: Map<string, string>;
}

/**
 * zlib's fastest level for the lists: deflating 10,000 cases' `cases.json` (49 MB) and `cases.csv` took
 * 1.3–1.8 s at the default level 6 and 0.5–0.75 s at level 1, for a file a quarter larger (13.4 MB
 * against 10.8 MB); the export waited on it. A batch goes on a USB stick or an upload, where 2–3 MB more
 * per 10,000 cases costs nothing anyone notices, and the reader inflates either as fast.
 */
const LIST_COMPRESSION = zlib.constants.Z_BEST_SPEED;

/**
 * Stream the plain batch zip into `sink` (a file, or the sealing cipher). Files are hashed as they are
 * added; the manifest and its signature go in last.
 */
async function writePlainZip(
  parts: PlainParts,
  keys: KeysDoc,
  sink: NodeJS.WritableStream[],
  context: CallContext,
  onDocument: () => void,
): Promise<Manifest> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(parts.manifest.createdAt);
  const files: FileEntry[] = [];
  const add = (name: string, data: Buffer, compress = true) => {
    files.push({ path: name, size: data.length, sha256: sha256(data) });
    zip.addBuffer(data, name, { mtime, compress, compressionLevel: compress ? LIST_COMPRESSION : 0 });
  };
  const output = zip.outputStream as unknown as Readable;
  const written: Promise<void> = (pipeline as unknown as (...args: unknown[]) => Promise<void>)(output, ...sink, {
    signal: context.signal,
  });
  // If the pipeline fails early (disk full), stop feeding it.
  let failure: unknown;
  written.catch((error: unknown) => {
    failure = error;
  });
  try {
    add(CASES_JSON, listBytes(parts.cases));
    add(CASES_CSV, casesCsv(parts.cases));
    add(CASE_SCHEMA, Buffer.from(JSON.stringify(caseJsonSchema(), null, 2), 'utf8'));
    if (parts.manifest.formatVersion >= 2) {
      add(REQUESTS_JSON, listBytes(parts.requests));
      add(REQUESTS_CSV, requestsCsv(parts.requests));
      add(REQUEST_SCHEMA, Buffer.from(JSON.stringify(requestJsonSchema(), null, 2), 'utf8'));
    }
    if (parts.documents) {
      for await (const doc of parts.documents) {
        if (context.signal?.aborted) throw cancelled();
        if (failure) throw failure;
        add(`documents/${parts.folders.get(doc.caseId)}/${safeFileName(doc.name)}.pdf`, doc.data, false);
        onDocument();
      }
    }
    const manifest: Manifest = { ...parts.manifest, files };
    const signature: SignatureFile = {
      algorithm: 'Ed25519',
      fingerprint: manifest.fingerprint,
      signature: signBytes(keys, canonicalBytes(manifest)),
    };
    // The manifest and its signature are the only entries the manifest does not list.
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2), 'utf8'), MANIFEST, { mtime });
    zip.addBuffer(Buffer.from(JSON.stringify(signature, null, 2), 'utf8'), SIGNATURE, { mtime });
    zip.end();
    await written;
    return manifest;
  } catch (error) {
    output.destroy();
    await written.catch(() => undefined);
    throw error;
  }
}

function isAbort(error: unknown): boolean {
  return (error as Error)?.name === 'AbortError' || (error as { code?: string })?.code === 'ABORT_ERR';
}

export async function exportBatch(desk: Desk, options: ExportOptions, context: CallContext = {}): Promise<ExportResult> {
  const settings = desk.settings();
  if (settings.role === 'centre') throw notAllowed('批量上报在调解站点进行；本机设置为公共法律服务中心');
  if (options.selection.kind === 'range' && options.selection.from > options.selection.to) {
    throw new DeskError('VALIDATION', `起始日期（${options.selection.from}）晚于截止日期（${options.selection.to}）`, { field: 'from' });
  }
  if (options.withDocuments && !options.documents) throw notAllowed('本机暂不能生成文书PDF，请不带文书导出');
  const keys = await ensureKeys(desk);
  const log = readExportLog(desk);
  const cases = selectCases(desk.store.allCases(), options.selection, log);
  const requests = selectRequests(desk.store.allRecords<Request>('requests'), options.selection, log);
  if (options.zeroReport) {
    if (options.selection.kind !== 'pending') throw new DeskError('VALIDATION', '零上报只适用于“待上报”', { field: 'zeroReport' });
    if (cases.length) throw notAllowed(`还有${cases.length}件新增或修改过的案件需要上报，不能零上报`);
    if (requests.length) throw notAllowed(`还有${requests.length}件新增或修改过的来访登记需要上报，不能零上报`);
  } else if (cases.length === 0 && requests.length === 0) {
    const what =
      options.selection.kind === 'pending'
        ? '没有新增或修改过的案件和来访登记需要上报（如本月没有案件，可以“零上报”）'
        : '所选范围内没有案件和来访登记';
    throw new DeskError('NOT_FOUND', `${what}，未生成批次文件`);
  }
  if (cases.length > LIMITS.cases || requests.length > LIMITS.cases) {
    const [what, count] = cases.length > LIMITS.cases ? ['案件', cases.length] : ['来访登记', requests.length];
    throw new DeskError(
      'VALIDATION',
      `所选的${what}有 ${count} 件，超过每批上限 ${LIMITS.cases} 件：请用 --from/--to 按受理日期分几批导出`,
      { field: 'selection' },
    );
  }
  // Version 2 only when needed: a batch of cases alone stays readable by a centre not yet upgraded.
  const formatVersion = requests.length > 0 || cases.some((c) => c.request) ? FORMAT_VERSION : 1;
  const batchId = randomUUID();
  const sequence = log.sequence + 1;
  const period = periodOf(receivedDays(cases, requests), options.selection, desk.today());
  const createdAt = desk.nowIso();
  const fingerprint = fingerprintOf(keys.signing.publicKey);
  const { dir, file } = await destination(
    desk,
    options.out,
    batchFileName(settings.stationCode, period, sequence),
    options.overwrite ?? false,
  );
  const tag = `${randomUUID().slice(0, 8)}.partial`;
  const finalTemp = path.join(dir, `.${path.basename(file)}.${tag}`);
  const payloadTemp = path.join(dir, `.${path.basename(file)}.${tag}.payload`);

  const documentCases = options.withDocuments ? cases.filter((c) => options.documents!.applies(c)) : [];
  const documentTotal = documentCases.reduce((n, c) => n + options.documents!.count(c), 0);
  const total = cases.length + requests.length + documentTotal;
  let done = 0;
  context.progress?.(0, total, '整理案件');
  const station = { code: settings.stationCode, name: settings.name, organization: settings.organization };
  // What both the plain manifest and a sealed batch's outer manifest say about the batch.
  const identity = {
    formatVersion: formatVersion as 1 | 2,
    batchId,
    sequence,
    station,
    fingerprint,
    publicKey: publicKeyFile(keys, {
      role: settings.role,
      stationCode: settings.stationCode,
      name: settings.name,
      organization: settings.organization,
    }),
    createdAt,
    caseCount: cases.length,
    ...(formatVersion >= 2 ? { requestCount: requests.length } : {}),
  };
  const parts: PlainParts = {
    manifest: {
      format: BATCH_FORMAT,
      ...identity,
      selection: options.selection,
      withDocuments: options.withDocuments,
      period,
      operator: desk.operator(),
    },
    cases,
    requests,
    folders: documentFolders(documentCases),
    documents: documentCases.length ? options.documents!.render(documentCases, settings, context.signal) : undefined,
  };
  const onDocument = () => context.progress?.(++done, total, '生成文书PDF');

  const outputDigest = new Digest();
  try {
    if (!options.sealTo) {
      done = cases.length + requests.length;
      context.progress?.(done, total, documentTotal ? '生成文书PDF' : '写入批次文件');
      await writePlainZip(parts, keys, [outputDigest, createWriteStream(finalTemp)], context, onDocument);
    } else {
      const { seal, cipher } = startSeal(options.sealTo, batchId);
      done = cases.length + requests.length;
      context.progress?.(done, total, documentTotal ? '生成文书PDF' : '写入并加密批次');
      await writePlainZip(parts, keys, [cipher, createWriteStream(payloadTemp)], context, onDocument);
      // The GCM tag is only known after final(): it is appended to the payload file afterwards.
      const handle = await open(payloadTemp, 'a');
      try {
        await handle.write(cipher.getAuthTag());
      } finally {
        await handle.close();
      }
      const payload = await sha256File(payloadTemp);
      const outer: SealedManifest = {
        format: SEALED_FORMAT,
        ...identity,
        seal,
        files: [{ path: PAYLOAD, size: payload.bytes, sha256: payload.sha256 }],
      };
      const signature: SignatureFile = { algorithm: 'Ed25519', fingerprint, signature: signBytes(keys, canonicalBytes(outer)) };
      const zip = new yazl.ZipFile();
      const mtime = new Date(createdAt);
      zip.addFile(payloadTemp, PAYLOAD, { mtime, compress: false });
      zip.addBuffer(Buffer.from(JSON.stringify(outer, null, 2), 'utf8'), MANIFEST, { mtime });
      zip.addBuffer(Buffer.from(JSON.stringify(signature, null, 2), 'utf8'), SIGNATURE, { mtime });
      zip.end();
      await pipeline(zip.outputStream, outputDigest, createWriteStream(finalTemp), { signal: context.signal });
      await rm(payloadTemp, { force: true });
    }
    if (context.signal?.aborted) throw cancelled();
    await flushToDisk(finalTemp);
    await rename(finalTemp, file);
    await syncFolder(dir);
  } catch (error) {
    await rm(finalTemp, { force: true });
    await rm(payloadTemp, { force: true });
    if (context.signal?.aborted || isAbort(error)) throw cancelled();
    if (error instanceof DeskError) throw error;
    const failure = fsError(error, file, 'write', { field: 'out', what: '批次文件' });
    throw new DeskError(failure.code, `${failure.message}未生成批次文件。`, { field: 'out', cause: error, details: failure.details });
  }

  const sha = outputDigest.hex();
  const record: ExportRecord = {
    batchId,
    sequence,
    fileName: path.basename(file),
    createdAt,
    selection: options.selection,
    withDocuments: options.withDocuments,
    ...(options.sealTo ? { sealedTo: options.sealTo.fingerprint } : {}),
    caseCount: cases.length,
    documentCount: documentTotal,
    sha256: sha,
    bytes: outputDigest.bytes,
    operator: desk.operator(),
    cases: Object.fromEntries(cases.map((c) => [c.id, c.revision])),
    ...(requests.length ? { requestCount: requests.length, requests: Object.fromEntries(requests.map((r) => [r.id, r.revision])) } : {}),
  };
  // The first centre a station seals to becomes its recorded centre; sealing to another one (confirmed by
  // the caller) is logged and leaves the recorded centre as it was.
  const sealedTo = options.sealTo;
  const centre = sealedTo && !keys.centre ? centreKeyChange(desk, keys, sealedTo) : undefined;
  const otherCentre =
    sealedTo && keys.centre && keys.centre.signingKey !== sealedTo.signingKey
      ? withIdentityEntry(desk, 'sealed-to-other-centre', {
          batchId,
          fingerprint: sealedTo.fingerprint,
          name: sealedTo.name,
          recorded: keys.centre.fingerprint,
        })
      : undefined;
  await desk.commit({
    docs: { exportLog: withRecord(log, record), ...centre?.docs, ...(otherCentre ? { identityLog: otherCentre } : {}) },
  });
  const remembered = centre;
  context.progress?.(total, total, '完成');
  return {
    file,
    fileName: path.basename(file),
    batchId,
    sequence,
    cases: cases.length,
    requests: requests.length,
    formatVersion,
    documents: documentTotal,
    sha256: sha,
    bytes: outputDigest.bytes,
    period,
    selection: options.selection,
    sealed: options.sealTo !== undefined,
    ...(options.sealTo ? { recipientFingerprint: options.sealTo.fingerprint } : {}),
    ...(remembered?.changed ? { centreKeyRecorded: true } : {}),
  };
}
