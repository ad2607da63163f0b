/**
 * Verifying a batch before anything else: zip structure and names, format version, the signature over
 * the canonical manifest (by a trusted station), the exact set of files with their sizes and SHA-256, and
 * every case against the zod model and its own hash chain. Nothing is written.
 *
 * Problems of the batch as a whole (signature, hashes, structure, duplicate ids) refuse the batch.
 * Problems of single cases are returned per case: `verify` reports the batch invalid, `import` applies
 * the good cases and lists the rejected ones with their reasons (they also go back in the receipt).
 */

import { stat } from 'node:fs/promises';
import path from 'node:path';

import type { Desk } from '../desk';
import { DeskError } from '../errors';
import type { CallContext } from '../handler';
import type { Case } from '../schema/case';
import type { Request } from '../schema/request';
import { chainProblemsInThread, checkThreadAvailable, warmCheckThread } from './check-thread';
import { sha256File } from './file-hash';
import {
  BATCH_FORMAT,
  CASES_JSON,
  FORMAT_VERSIONS,
  LIMITS,
  MANIFEST,
  type Manifest,
  ManifestSchema,
  PAYLOAD,
  REQUESTS_JSON,
  SEALED_FORMAT,
  type SealedManifest,
  SealedManifestSchema,
  SIGNATURE,
  SignatureFileSchema,
} from './format';
import {
  caseModelVerdict,
  itemChainProblem,
  type ItemProbe,
  type ItemVerdict,
  type ListKind,
  maySplitSurrogates,
  probeItem,
  requestModelVerdict,
  schemaProblem,
} from './item-check';
import { canonicalBytes, fingerprintOf, parsePublicKeyFile, type PublicKeyFile, readKeys, sameFingerprint, verifyBytes } from './keys';
import { type BatchList, checkListInParts, type ItemReport, PARALLEL_FROM, readListInParts } from './list-check';
import { openSeal } from './seal';
import { type BatchSigner, bindingProblem, signerKey, type TrustedStation } from './trust';
import { batchInvalid, SafeZip } from './zip';

/** One item of a batch's list (a case, or a request) before it is checked: its probes and raw JSON. */
export interface CaseEntry extends ItemProbe {
  index: number;
  raw: unknown;
  /** The list the entry was read from (shared by all its entries). */
  list: EntryList;
}

/** cases.json (or requests.json) as parsed whole, kept for the worker thread to read it again. */
export interface EntryList {
  /** Handed over (and emptied) the first time its entries are checked in the worker. */
  bytes?: Uint8Array;
  /** Whether any string in it may hold half of a surrogate pair (`maySplitSurrogates`), once known. */
  maySplitSurrogates?: boolean;
  /**
   * The chain problem of every item, asked of the checking thread before this thread parsed the list
   * (a big list in shared memory), so that both parse at once; undefined if the thread failed.
   */
  chains?: Promise<(string | null)[] | undefined>;
}

/** `maySplitSurrogates` of the list's bytes, kept; unknown once the bytes are gone: then every item is walked. */
function mayHoldSplitSurrogates(list: EntryList): boolean {
  if (list.maySplitSurrogates === undefined && list.bytes) list.maySplitSurrogates = maySplitSurrogates(list.bytes);
  return list.maySplitSurrogates ?? true;
}

export interface VerifiedBatch {
  file: string;
  fileSha256: string;
  fileBytes: number;
  manifest: Manifest;
  sealed?: { recipientFingerprint: string };
  signer: { fingerprint: string; self: boolean; station?: TrustedStation };
  /**
   * The cases, their bytes checked against the signed manifest but not yet parsed: `listEntries` reads
   * them (refusing a list that is not an array of the announced length with unique ids), `checkCase`
   * checks one (the model and the hash chain). `verify` checks them all, as does the import of a batch the
   * centre has not imported (`entriesCheckedAhead`); importing it again checks only the cases to write.
   */
  cases: BatchList;
  /** The front-desk requests of a version-2 batch (none for version 1), likewise. */
  requests?: BatchList;
}

export interface VerifySummary {
  ok: boolean;
  file: string;
  sha256: string;
  batchId: string;
  station: Manifest['station'];
  fingerprint: string;
  createdAt: string;
  sealed: boolean;
  cases: number;
  /** Front-desk requests (format version 2). */
  requests: number;
  formatVersion: number;
  files: number;
  invalidCases: ItemReport[];
  invalidRequests: ItemReport[];
}

function checkCancelled(context: CallContext): void {
  if (context.signal?.aborted) throw new DeskError('CANCELLED', '已取消，未做任何更改');
}

function parseJson(data: Buffer, name: string): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    throw batchInvalid(`批次文件中的“${name}”不是有效的 JSON`);
  }
}

/** Format and version first, so an unknown version says so instead of listing schema errors. */
function manifestKind(raw: unknown): 'plain' | 'sealed' {
  const probe = raw as { format?: unknown; formatVersion?: unknown } | null;
  const format = probe && typeof probe === 'object' ? probe.format : undefined;
  if (format !== BATCH_FORMAT && format !== SEALED_FORMAT)
    throw batchInvalid('不是人民调解工作台的批次文件（清单 manifest.json 的格式标识不符）');
  if (!(FORMAT_VERSIONS as readonly unknown[]).includes(probe!.formatVersion)) {
    throw batchInvalid(
      `批次格式版本为“${String(probe!.formatVersion)}”，本软件只认识版本 ${FORMAT_VERSIONS.join('、')}：请升级软件后再导入（批次未导入，其中任何内容都没有丢弃）`,
    );
  }
  return format === SEALED_FORMAT ? 'sealed' : 'plain';
}

/** What a manifest says about its signer (both kinds of manifest carry it). */
type SignerClaim = BatchSigner & { fingerprint: string };

async function checkSignature(desk: Desk, zip: SafeZip, manifestRaw: unknown, claim: SignerClaim) {
  const fingerprint = claim.fingerprint;
  const sigInfo = zip.entries.get(SIGNATURE);
  if (!sigInfo) throw batchInvalid('批次文件没有签名（缺少 manifest.sig），无法确认来源，已拒绝');
  const sigParsed = SignatureFileSchema.safeParse(parseJson((await zip.readBuffer(SIGNATURE, 64 * 1024)).data, SIGNATURE));
  if (!sigParsed.success) throw batchInvalid(`签名文件 manifest.sig 格式不正确：${schemaProblem(sigParsed.error)}`);
  if (!sameFingerprint(sigParsed.data.fingerprint, fingerprint))
    throw batchInvalid(`签名文件的指纹（${sigParsed.data.fingerprint}）与清单中的指纹（${fingerprint}）不一致，已拒绝`);
  const signer = await signerKey(desk, fingerprint, claim);
  if (!verifyBytes(signer.signingKey, canonicalBytes(manifestRaw), sigParsed.data.signature)) {
    throw batchInvalid(`签名校验失败（指纹 ${fingerprint}）：清单在签名之后被改动过，或签名不是该站点的，已拒绝`);
  }
  return { fingerprint: fingerprintOf(signer.signingKey), self: signer.self, station: signer.station };
}

/** The exact set of files: nothing listed may be missing, nothing present may be unlisted. */
function checkFileSet(zip: SafeZip, files: readonly { path: string; size: number }[]): void {
  const listed = new Set<string>();
  for (const f of files) {
    if (listed.has(f.path)) throw batchInvalid(`清单中“${f.path}”列了两次，已拒绝`);
    listed.add(f.path);
    const entry = zip.entries.get(f.path);
    if (!entry) throw batchInvalid(`清单中列出的文件“${f.path}”在批次文件中不存在，批次不完整，已拒绝`);
    if (entry.size !== f.size) throw batchInvalid(`“${f.path}”的大小（${entry.size} 字节）与清单（${f.size} 字节）不符，已拒绝`);
  }
  for (const name of zip.entries.keys()) {
    if (name !== MANIFEST && name !== SIGNATURE && !listed.has(name))
      throw batchInvalid(`批次文件中的“${name}”不在清单中，来源不明，已拒绝`);
  }
}

const LIST_FILE: Record<ListKind, string> = { cases: CASES_JSON, requests: REQUESTS_JSON };
const LIST_NOUN: Record<ListKind, string> = { cases: '案件', requests: '来访登记' };

/**
 * A list of the batch parsed whole, with the batch-level checks: an array of the announced length, no id
 * twice (BATCH_INVALID otherwise). `chainsAhead`: ask the checking thread for every item's chain now,
 * for a list whose items will mostly be checked; without it, `checkCases` asks for those it is given.
 */
export function listEntries(batchList: BatchList, { chainsAhead }: { chainsAhead: boolean }): CaseEntry[] {
  const file = LIST_FILE[batchList.kind];
  const noun = LIST_NOUN[batchList.kind];
  const list: EntryList = { bytes: batchList.bytes };
  // The thread reads shared memory where it lies: it parses the list and checks every chain while this
  // thread parses it and checks the model (it would otherwise start only once this thread has parsed).
  if (chainsAhead && batchList.count >= PARALLEL_FROM && batchList.bytes.buffer instanceof SharedArrayBuffer && checkThreadAvailable()) {
    const all = Array.from({ length: batchList.count }, (_, i) => i);
    list.chains = chainProblemsInThread(batchList.bytes, all).catch(() => undefined);
  }
  const raw = parseJson(batchList.bytes, file);
  if (!Array.isArray(raw)) throw batchInvalid(`${file} 应为${noun}数组`);
  if (raw.length !== batchList.count) throw batchInvalid(`${file} 中有 ${raw.length} 件${noun}，清单写的是 ${batchList.count} 件，已拒绝`);
  const seen = new Map<string, number>();
  return raw.map((item: unknown, index): CaseEntry => {
    const probe = probeItem(item);
    if (probe.id !== undefined) {
      if (seen.has(probe.id))
        throw batchInvalid(`批次中${noun}ID“${probe.id}”重复出现（第${seen.get(probe.id)! + 1}件和第${index + 1}件），已拒绝`);
      seen.set(probe.id, index);
    }
    return { index, ...probe, raw: item, list };
  });
}

/**
 * The entries of a list with the verdict of each, every item checked ahead in parts on two threads
 * (`readListInParts`): for the import of a batch the centre has not imported, whose items it will mostly
 * write. Null when the list is not read in parts: `listEntries` then reads it whole (and words any
 * problem of the list as a whole). `T`: the records of the list's kind (cases.json's are cases).
 */
export async function entriesCheckedAhead<T extends Case | Request>(
  batchList: BatchList,
  context: CallContext,
): Promise<{ entries: CaseEntry[]; verdicts: Map<CaseEntry, ItemVerdict<T>> } | null> {
  const label = `校验${LIST_NOUN[batchList.kind]}`;
  const read = await readListInParts(batchList, (done, total) => {
    checkCancelled(context);
    context.progress?.(done, total, label);
  });
  if (!read) return null;
  // the bytes stay with the list read in parts: a late check (rare) walks every string of its item
  const list: EntryList = {};
  const verdicts = new Map<CaseEntry, ItemVerdict<T>>();
  const entries = read.map(({ probe, raw, verdict }, index): CaseEntry => {
    const entry = { index, ...probe, raw, list };
    verdicts.set(entry, verdict as ItemVerdict<T>);
    return entry;
  });
  return { entries, verdicts };
}

const modelVerdict = (entry: CaseEntry): ItemVerdict<Case> => caseModelVerdict(entry.raw, mayHoldSplitSurrogates(entry.list));
const requestVerdict = (entry: CaseEntry): ItemVerdict<Request> => requestModelVerdict(entry.raw);

/** One case against the zod model and its own hash chain. */
export function checkCase(entry: CaseEntry): ItemVerdict<Case> {
  const verdict = modelVerdict(entry);
  if (!verdict.record) return verdict;
  const chain = itemChainProblem(verdict.record);
  return chain ? { problem: chain } : verdict;
}

/** One request against the model and its own hash chain (the import's late check, as `checkCase`). */
export function checkRequest(entry: CaseEntry): ItemVerdict<Request> {
  const verdict = requestVerdict(entry);
  if (!verdict.record) return verdict;
  const chain = itemChainProblem(verdict.record);
  return chain ? { problem: chain } : verdict;
}

/** Every request of a batch against the model and its own hash chain (in two threads for big batches). */
export function checkRequests(entries: readonly CaseEntry[]): Promise<ItemVerdict<Request>[]> {
  return checkEntries(entries, requestVerdict);
}

/**
 * Every case checked, as `checkCase` would; for big batches the hash chains are checked in a worker
 * thread while this thread checks the model, so the two halves use two cores.
 */
export function checkCases(entries: readonly CaseEntry[]): Promise<ItemVerdict<Case>[]> {
  return checkEntries(entries, modelVerdict);
}

/** The model check of each entry and the chain check of its events, the latter in a worker for big batches. */
async function checkEntries<T extends Case | Request>(
  entries: readonly CaseEntry[],
  model: (entry: CaseEntry) => ItemVerdict<T>,
): Promise<ItemVerdict<T>[]> {
  const passed = (verdict: ItemVerdict<T>) => verdict.record !== undefined;
  const inMainThread = (entry: CaseEntry) => itemChainProblem(entry.raw);
  if (entries.length < PARALLEL_FROM || !checkThreadAvailable()) {
    return entries.map((entry) => {
      const verdict = model(entry);
      if (!passed(verdict)) return verdict;
      const chain = inMainThread(entry);
      return chain ? { problem: chain } : verdict;
    });
  }
  // The worker parses the list itself, from its bytes, rather than receiving a clone of every log.
  const list = entries[0].list;
  mayHoldSplitSurrogates(list);
  const bytes = list.bytes;
  list.bytes = undefined;
  const asked = list.chains;
  list.chains = undefined;
  const chains = asked
    ? asked.then((all) => all && entries.map((e) => all[e.index]))
    : bytes
      ? chainProblemsInThread(
          bytes,
          entries.map((e) => e.index),
        ).catch(() => undefined)
      : undefined;
  const models = entries.map(model);
  // a thread that failed to start or died (or the list checked a second time): the same check here, slower
  const problems = (await chains) ?? entries.map((entry, i) => (passed(models[i]) ? inMainThread(entry) : null));
  return models.map((verdict, i) => (passed(verdict) && problems[i] ? { problem: problems[i] } : verdict));
}

async function verifyPlain(desk: Desk, zip: SafeZip, manifestRaw: unknown, context: CallContext, expectedSigner?: string) {
  const parsed = ManifestSchema.safeParse(manifestRaw);
  if (!parsed.success) throw batchInvalid(`清单 manifest.json 格式不正确：${schemaProblem(parsed.error)}`);
  const manifest = parsed.data;
  if (expectedSigner !== undefined && !sameFingerprint(manifest.fingerprint, expectedSigner)) {
    throw batchInvalid('加密批次内外的签名指纹不一致，已拒绝');
  }
  const signer = await checkSignature(desk, zip, manifestRaw, manifest);
  const mismatch = signer.station ? bindingProblem(manifest.station, signer.station) : null;
  if (mismatch) throw batchInvalid(mismatch);
  if (manifest.caseCount > LIMITS.cases) {
    throw batchInvalid(`批次中有 ${manifest.caseCount} 件案件，超过每批上限 ${LIMITS.cases} 件，已拒绝；请站点按日期范围分批导出`);
  }
  if ((manifest.requestCount ?? 0) > LIMITS.cases) {
    throw batchInvalid(`批次中有 ${manifest.requestCount} 件来访登记，超过每批上限 ${LIMITS.cases} 件，已拒绝；请站点按日期范围分批导出`);
  }
  checkFileSet(zip, manifest.files);
  // the chain-checking thread starts up while the batch is read
  if (Math.max(manifest.caseCount, manifest.requestCount ?? 0) >= PARALLEL_FROM) warmCheckThread();
  if (!manifest.files.some((f) => f.path === CASES_JSON)) throw batchInvalid('清单中没有 cases.json，已拒绝');
  const withRequests = manifest.formatVersion >= 2;
  if (withRequests && !manifest.files.some((f) => f.path === REQUESTS_JSON))
    throw batchInvalid('清单中没有 requests.json（来访登记），已拒绝');
  if (!withRequests && manifest.files.some((f) => f.path === REQUESTS_JSON))
    throw batchInvalid('第1版批次不应含有 requests.json（来访登记），已拒绝');
  const data = new Map<string, Buffer>();
  for (const [i, file] of manifest.files.entries()) {
    checkCancelled(context);
    context.progress?.(i, manifest.files.length, '校验文件');
    const list = file.path === CASES_JSON || file.path === REQUESTS_JSON;
    if (list && file.size > LIMITS.casesJsonBytes) {
      throw batchInvalid(
        `${file.path} 过大（${file.size} 字节），超过上限 ${LIMITS.casesJsonBytes} 字节，已拒绝；请站点按日期范围分批导出`,
      );
    }
    // A list is written as it is inflated into memory the checking thread can read too (no copy to make
    // later); `read` refuses an entry longer than the manifest's size before it is handed a chunk.
    const bytes = list ? Buffer.from(new SharedArrayBuffer(file.size)) : undefined;
    let at = 0;
    const { sha256 } = await zip.read(
      file.path,
      file.size,
      bytes
        ? (chunk) => {
            bytes.set(chunk, at);
            at += chunk.length;
          }
        : undefined,
    );
    if (sha256 !== file.sha256) throw batchInvalid(`“${file.path}”的内容与清单中的 SHA-256 不符（文件在签名后被改动），已拒绝`);
    if (bytes) data.set(file.path, bytes);
  }
  context.progress?.(manifest.files.length, manifest.files.length, '校验案件');
  const cases: BatchList = { kind: 'cases', bytes: data.get(CASES_JSON)!, count: manifest.caseCount };
  const requests: BatchList | undefined = withRequests
    ? { kind: 'requests', bytes: data.get(REQUESTS_JSON)!, count: manifest.requestCount ?? 0 }
    : undefined;
  return { manifest, signer, cases, requests };
}

/** The absolute path of an existing batch file (NOT_FOUND, or VALIDATION for a folder). */
async function batchPath(file: string): Promise<string> {
  const absolute = path.resolve(file);
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new DeskError('NOT_FOUND', `找不到批次文件“${file}”`) : error;
  });
  if (info.isDirectory()) throw new DeskError('VALIDATION', `“${file}”是文件夹，不是批次文件`);
  return absolute;
}

async function readManifest(zip: SafeZip): Promise<unknown> {
  if (!zip.entries.has(MANIFEST)) throw batchInvalid('批次文件中没有清单（manifest.json），不是批次文件或不完整，已拒绝');
  return parseJson((await zip.readBuffer(MANIFEST, LIMITS.manifestBytes)).data, MANIFEST);
}

/**
 * The station's public key a batch carries, checked: the manifest names it, its fingerprint is the
 * signer's, the manifest's signature verifies with it, and its sealing key is signed by it. What the
 * centre trusts when it registers a station from the refusal of its first batch. Nothing is written.
 */
export async function offeredStationKey(file: string): Promise<PublicKeyFile> {
  const zip = await SafeZip.open(await batchPath(file));
  try {
    const manifestRaw = await readManifest(zip);
    const parsed =
      manifestKind(manifestRaw) === 'plain' ? ManifestSchema.safeParse(manifestRaw) : SealedManifestSchema.safeParse(manifestRaw);
    if (!parsed.success) throw batchInvalid(`清单 manifest.json 格式不正确：${schemaProblem(parsed.error)}`);
    const { publicKey, fingerprint } = parsed.data;
    if (!publicKey) throw new DeskError('NOT_FOUND', '这个批次没有附带站点的公钥（由较早版本导出）：请站点导出公钥文件，交来登记');
    const key = parsePublicKeyFile(publicKey, '批次中附带的站点公钥');
    if (!sameFingerprint(key.fingerprint, fingerprint)) throw batchInvalid('批次附带的公钥与批次的签名指纹不符，已拒绝');
    const sigInfo = zip.entries.has(SIGNATURE) ? await zip.readBuffer(SIGNATURE, 64 * 1024) : undefined;
    const signature = sigInfo ? SignatureFileSchema.safeParse(parseJson(sigInfo.data, SIGNATURE)) : undefined;
    if (!signature?.success || !verifyBytes(key.signingKey, canonicalBytes(manifestRaw), signature.data.signature)) {
      throw batchInvalid('批次清单的签名与附带的公钥不符（清单在签名后被改动过），已拒绝');
    }
    return key;
  } finally {
    zip.close();
  }
}

/** Read and verify a batch file; BATCH_INVALID on any problem of the batch as a whole. */
export async function readBatch(desk: Desk, file: string, context: CallContext = {}): Promise<VerifiedBatch> {
  const absolute = await batchPath(file);
  const { sha256: fileSha256, bytes: fileBytes } = await sha256File(absolute);
  const zip = await SafeZip.open(absolute);
  try {
    const manifestRaw = await readManifest(zip);
    if (manifestKind(manifestRaw) === 'plain') {
      const result = await verifyPlain(desk, zip, manifestRaw, context);
      return { file: absolute, fileSha256, fileBytes, ...result };
    }
    return { file: absolute, fileSha256, fileBytes, ...(await verifySealed(desk, zip, manifestRaw, context)) };
  } finally {
    zip.close();
  }
}

async function verifySealed(desk: Desk, zip: SafeZip, manifestRaw: unknown, context: CallContext) {
  const parsed = SealedManifestSchema.safeParse(manifestRaw);
  if (!parsed.success) throw batchInvalid(`加密批次的清单格式不正确：${schemaProblem(parsed.error)}`);
  const outer: SealedManifest = parsed.data;
  const keys = await readKeys(desk);
  const ownFingerprint = keys ? fingerprintOf(keys.signing.publicKey) : undefined;
  if (desk.maybeSettings()?.role === 'station') {
    throw batchInvalid(
      `这是加密发给中心（指纹 ${outer.seal.recipientFingerprint}）的批次，只有收件中心能打开和校验；本站可在上报记录中核对它的 SHA-256`,
    );
  }
  if (!ownFingerprint || !sameFingerprint(outer.seal.recipientFingerprint, ownFingerprint)) {
    throw batchInvalid(
      `这是加密发给另一个中心的批次（收件中心指纹 ${outer.seal.recipientFingerprint}），本机${ownFingerprint ? `（指纹 ${ownFingerprint}）` : ''}无法打开；请站点用本中心的公钥重新导出`,
    );
  }
  await checkSignature(desk, zip, manifestRaw, outer);
  checkFileSet(zip, outer.files);
  const payloadEntry = outer.files[0];
  if (payloadEntry.path !== PAYLOAD) throw batchInvalid(`加密批次中应只有 ${PAYLOAD}`);
  if (payloadEntry.size > LIMITS.sealedPayloadBytes) throw batchInvalid('加密批次过大，已拒绝');
  checkCancelled(context);
  const { data, sha256 } = await zip.readBuffer(PAYLOAD, LIMITS.sealedPayloadBytes);
  if (sha256 !== payloadEntry.sha256) throw batchInvalid('加密内容与清单中的 SHA-256 不符（文件被改动），已拒绝');
  const inner = await SafeZip.open(openSeal(keys!, outer.seal, outer.batchId, data));
  try {
    if (!inner.entries.has(MANIFEST)) throw batchInvalid('加密批次内没有清单，已拒绝');
    const innerRaw = parseJson((await inner.readBuffer(MANIFEST, LIMITS.manifestBytes)).data, MANIFEST);
    if (manifestKind(innerRaw) !== 'plain') throw batchInvalid('加密批次内的格式不正确');
    const result = await verifyPlain(desk, inner, innerRaw, context, outer.fingerprint);
    const sealed = result.manifest;
    if (
      sealed.batchId !== outer.batchId ||
      sealed.caseCount !== outer.caseCount ||
      sealed.formatVersion !== outer.formatVersion ||
      sealed.requestCount !== outer.requestCount
    ) {
      throw batchInvalid('加密批次内外的批次编号、格式版本、案件数或来访登记数不一致，已拒绝');
    }
    return { ...result, sealed: { recipientFingerprint: outer.seal.recipientFingerprint } };
  } finally {
    inner.close();
  }
}

/**
 * Every item of a list checked: in parts on two threads when it is big and written one item per line
 * (list-check.ts), else parsed whole (which also words any batch-level problem of the list).
 */
async function listProblems(list: BatchList | undefined, context: CallContext): Promise<ItemReport[]> {
  if (!list) return [];
  const label = `校验${LIST_NOUN[list.kind]}`;
  const inParts = await checkListInParts(list, (done, total) => {
    checkCancelled(context);
    context.progress?.(done, total, label);
  });
  if (inParts) return inParts;
  const entries = listEntries(list, { chainsAhead: true });
  const verdicts = await (list.kind === 'cases' ? checkCases(entries) : checkRequests(entries));
  return entries.flatMap(({ index, id, number }, i) => {
    const problem = verdicts[i].problem;
    return problem ? [{ index, id, number, problem }] : [];
  });
}

async function summariseVerification(batch: VerifiedBatch, context: CallContext = {}): Promise<VerifySummary> {
  const invalidCases = await listProblems(batch.cases, context);
  const invalidRequests = await listProblems(batch.requests, context);
  return {
    ok: invalidCases.length === 0 && invalidRequests.length === 0,
    file: batch.file,
    sha256: batch.fileSha256,
    batchId: batch.manifest.batchId,
    station: batch.manifest.station,
    fingerprint: batch.signer.fingerprint,
    createdAt: batch.manifest.createdAt,
    sealed: batch.sealed !== undefined,
    cases: batch.cases.count,
    requests: batch.requests?.count ?? 0,
    formatVersion: batch.manifest.formatVersion,
    files: batch.manifest.files.length,
    invalidCases,
    invalidRequests,
  };
}

/** `verify FILE`: the summary when everything holds, else BATCH_INVALID naming the first bad cases. */
export async function verifyBatchFile(desk: Desk, file: string, context: CallContext = {}): Promise<VerifySummary> {
  const summary = await summariseVerification(await readBatch(desk, file, context), context);
  if (!summary.ok) {
    const describe = (list: VerifySummary['invalidCases'], noun: string) =>
      list.length === 0
        ? []
        : [
            `批次中有 ${list.length} 件${noun}未通过校验：${list
              .slice(0, 3)
              .map((c) => `第${c.index + 1}件${c.number ? `（${c.number}）` : ''}${c.problem}`)
              .join('；')}${list.length > 3 ? '……' : ''}`,
          ];
    throw new DeskError(
      'BATCH_INVALID',
      [...describe(summary.invalidCases, '案件'), ...describe(summary.invalidRequests, '来访登记')].join('。'),
      {
        details: summary,
      },
    );
  }
  return summary;
}
