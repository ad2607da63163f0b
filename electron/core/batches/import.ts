/**
 * The centre's import: verified first (./verify.ts), then idempotent and atomic.
 *
 * - A case not seen before is new; a case seen before is replaced only by a higher revision; an equal
 *   revision is unchanged; a lower one is skipped (an older batch after a newer one) and reported.
 * - A case already imported from another station's key is rejected (one station cannot overwrite
 *   another's cases). Cases failing the model or their hash chain are rejected with the reason.
 * - Everything accepted is written in ONE commit of the register together with the ledger entry (one
 *   store commit, or one database transaction at a centre on PostgreSQL), so a crash or a lost
 *   connection leaves the register exactly as before. Importing the same batch again writes nothing;
 *   two imports of one batch at once (two centre PCs) are serialised: one writes, the other finds
 *   every case unchanged.
 * - A version-2 batch's front-desk requests go through the same rules (`triage`) in the same commit.
 *   A centre on PostgreSQL keeps no requests: it refuses such a batch before writing anything.
 * - Imported cases carry `origin` and are read-only at the centre (the workflow refuses actions on them).
 * - A receipt signed by the centre lists every case's result, for the station to apply.
 */

import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import { closeCorrected, noteCarried, openReturnsFor, ReturnsDocSchema } from '../centre/returns';
import type { Desk } from '../desk';
import { DeskError, notAllowed } from '../errors';
import type { CallContext } from '../handler';
import { type ExistingCase, type ImportWrite, registerOf } from '../register';
import { type Case, TimestampSchema } from '../schema/case';
import type { Request } from '../schema/request';
import { RECEIPT_FORMAT, RECEIPT_FORMAT_VERSION } from './format';
import type { ItemVerdict } from './item-check';
import { ensureKeys, sameFingerprint } from './keys';
import { type Receipt, type ReceiptCase, receiptIssuer, signReceipt } from './receipt';
import { type CaseEntry, checkCase, checkCases, checkRequest, checkRequests, entriesCheckedAhead, listEntries, readBatch } from './verify';

const ImportRecordSchema = z.strictObject({
  batchId: z.string(),
  /** The station's batch sequence number (recorded since the centre's overview). */
  sequence: z.int().positive().optional(),
  fileSha256: z.string(),
  stationCode: z.string(),
  stationName: z.string(),
  fingerprint: z.string(),
  createdAt: TimestampSchema,
  importedAt: TimestampSchema,
  sealed: z.boolean(),
  caseCount: z.int(),
  new: z.int(),
  updated: z.int(),
  unchanged: z.int(),
  skipped: z.int(),
  rejected: z.array(z.strictObject({ id: z.string().optional(), number: z.string().optional(), reason: z.string() })),
  /** Version-2 batches: what became of their requests. */
  requests: z
    .strictObject({
      count: z.int(),
      new: z.int(),
      updated: z.int(),
      unchanged: z.int(),
      skipped: z.int(),
      rejected: z.array(z.strictObject({ id: z.string().optional(), number: z.string().optional(), reason: z.string() })),
    })
    .optional(),
  /** The receipt issued for this import (records written before receipts were kept have none). */
  receiptId: z.string().optional(),
  /** Who imported it (the signed-in operator); absent in records from before operators signed in. */
  operator: z.string().optional(),
});
export type ImportRecord = z.infer<typeof ImportRecordSchema>;

/** The centre's import ledger, oldest first. */
export async function importRecords(desk: Desk): Promise<ImportRecord[]> {
  return z.array(ImportRecordSchema).parse(await registerOf(desk).ledger());
}

const LedgerNameSchema = ImportRecordSchema.pick({ stationCode: true, stationName: true });

/**
 * The station code and name of the ledger's entries, oldest first, as far as the newest entry of each
 * code (what centre/records.ts `stationNames` keeps): every statistics report asks for them, and a
 * province's ledger holds tens of thousands of entries (reading all of them cost 100-150 ms a report).
 */
export async function ledgerStationNames(desk: Desk): Promise<z.infer<typeof LedgerNameSchema>[]> {
  return z.array(LedgerNameSchema).parse(await registerOf(desk).ledgerStationNames());
}

export interface ImportSummary {
  batchId: string;
  file: string;
  station: { code: string; name: string; fingerprint: string };
  sealed: boolean;
  /** This batch had been imported before (nothing new was written). */
  alreadyImported: boolean;
  new: number;
  updated: number;
  unchanged: number;
  skipped: { id: string; number: string; revision: number; centreRevision: number; reason: string }[];
  rejected: { id?: string; number?: string; reason: string }[];
  /** The same for the front desk's requests (format version 2; zeros for a batch of cases only). */
  requests: {
    new: number;
    updated: number;
    unchanged: number;
    skipped: ImportSummary['skipped'];
    rejected: ImportSummary['rejected'];
  };
  /** 退回补正: returns this batch's corrected revisions closed, and how many stay open (carried in the receipt). */
  returnsClosed: { id: string; number: string }[];
  returnsOpen: number;
  /** The signed receipt for the station; written to `receiptOut` when given (importing again re-issues it). */
  receipt: { receiptId: string; file?: string; error?: string };
  /** With `perCase`: every case of the batch and what happened to it. */
  cases?: ImportedCaseResult[];
  /** With `perCase`: the same for requests. */
  requestResults?: ImportedCaseResult[];
}

export interface ImportOptions {
  receiptOut?: string;
  /** Replace an existing receipt file (`--force`; the save dialog's confirmation). */
  overwrite?: boolean;
  /** List every case with its result in `cases`. */
  perCase?: boolean;
}

export interface ImportedCaseResult {
  id?: string;
  number?: string;
  revision?: number;
  result: 'new' | 'updated' | 'unchanged' | 'skipped' | 'rejected';
  reason?: string;
}

export async function importBatch(
  desk: Desk,
  file: string,
  options: ImportOptions = {},
  context: CallContext = {},
): Promise<ImportSummary> {
  const settings = desk.settings();
  if (settings.role !== 'centre') throw notAllowed('导入批次在公共法律服务中心进行；本机设置为调解站点（可用 verify 检查批次）');
  const keys = await ensureKeys(desk);
  const batch = await readBatch(desk, file, context);
  const register = registerOf(desk);
  // A batch imported before comes back unchanged, as a rule: its records are compared by revision and
  // last hash, and only those still to be written are checked (about a second of the other core for
  // 10,000 cases, for nothing). Another's records are mostly new: all are checked ahead, a big list in
  // parts on both threads, while this thread parses it.
  const ahead = !(await register.batchImported(batch.manifest.batchId));
  const casesAhead = ahead ? await entriesCheckedAhead<Case>(batch.cases, context) : null;
  const requestsAhead = ahead && batch.requests ? await entriesCheckedAhead<Request>(batch.requests, context) : null;
  const entries = casesAhead?.entries ?? listEntries(batch.cases, { chainsAhead: ahead });
  const requestEntries = requestsAhead?.entries ?? (batch.requests ? listEntries(batch.requests, { chainsAhead: ahead }) : []);
  if (batch.signer.self || !batch.signer.station) throw new DeskError('BATCH_INVALID', '这是本机自己签名的批次，不是站点上报的批次');
  const { manifest } = batch;
  const fingerprint = batch.signer.fingerprint;
  const importedAt = desk.nowIso();
  // Counted under the code and name the signing key was trusted with (verify.ts refused any other code).
  const bound = batch.signer.station;
  const origin = {
    stationCode: bound.stationCode,
    stationName: bound.name,
    fingerprint,
    batchId: manifest.batchId,
    importedAt,
  };

  const summary: ImportSummary = {
    batchId: manifest.batchId,
    file: batch.file,
    station: { code: bound.stationCode, name: bound.name, fingerprint },
    sealed: batch.sealed !== undefined,
    alreadyImported: false,
    new: 0,
    updated: 0,
    unchanged: 0,
    skipped: [],
    rejected: [],
    requests: { new: 0, updated: 0, unchanged: 0, skipped: [], rejected: [] },
    returnsClosed: [],
    returnsOpen: 0,
    receipt: { receiptId: randomUUID() },
  };
  const receiptId = summary.receipt.receiptId;
  // Records that will not be written need no per-record check: the centre keeps what it already verified.
  // The others are checked together first (in two threads for big batches), outside the transaction.
  const ids = idsOf(entries);
  const requestIds = idsOf(requestEntries);
  const before = await register.existingCases(ids);
  const requestsBefore = await register.existingRequests(requestIds);
  const caseVerdicts = casesAhead?.verdicts ?? (await checkedFirst(entries, before, fingerprint, checkCases));
  const requestVerdicts = requestsAhead?.verdicts ?? (await checkedFirst(requestEntries, requestsBefore, fingerprint, checkRequests));

  const signed = await register.importBatch(
    { batchId: manifest.batchId, fingerprint, ids, requestIds },
    (state): ImportWrite<SignedReceipt> => {
      // Decided on the state inside the import's transaction: another PC may have imported since the first look.
      const cases = triage(entries, state.existing, {
        noun: '案件',
        fingerprint,
        verdict: (entry) => caseVerdicts.get(entry) ?? checkCase(entry),
      });
      const requests = triage(requestEntries, state.existingRequests, {
        noun: '来访登记',
        fingerprint,
        verdict: (entry) => requestVerdicts.get(entry) ?? checkRequest(entry),
      });
      Object.assign(summary, cases.counts, { requests: requests.counts, returnsClosed: [], returnsOpen: 0 });
      const receiptCases = cases.receipt;
      const toWrite = cases.accepted.map((c) => ({ ...c, origin }));
      const requestsToWrite = requests.accepted.map((r) => ({ ...r, origin }));
      summary.alreadyImported = state.alreadyImported;
      if (options.perCase) {
        summary.cases = cases.results;
        summary.requestResults = requests.results;
      }
      if (context.signal?.aborted) throw new DeskError('CANCELLED', '已取消导入，中心数据未作任何更改');

      // 退回补正: a corrected revision closes the return; every return still open goes back in this receipt.
      const returns = { returns: ReturnsDocSchema.shape.returns.parse(state.returns) };
      const closed = closeCorrected(returns, toWrite, manifest.batchId, importedAt);
      const open = openReturnsFor(returns, (f) => sameFingerprint(f, fingerprint));
      const stillReturned = new Map(open.map((r) => [r.caseId, r]));
      for (let i = 0; i < receiptCases.length; i++) {
        const r = stillReturned.get(receiptCases[i].id);
        if (r && receiptCases[i].result === 'accepted')
          receiptCases[i] = { ...receiptCases[i], revision: r.revision, result: 'returned', reason: r.reason };
      }
      for (const r of open) {
        if (!receiptCases.some((e) => e.id === r.caseId))
          receiptCases.push({ id: r.caseId, number: r.number, revision: r.revision, result: 'returned', reason: r.reason });
      }
      noteCarried(returns, open, receiptId);
      summary.returnsClosed = closed.map((r) => ({ id: r.caseId, number: r.number }));
      summary.returnsOpen = open.length;
      const touched = new Set([...closed, ...open].map((r) => r.id));
      const changedReturns = returns.returns.filter((r) => touched.has(r.id));

      const receipt: Receipt = {
        format: RECEIPT_FORMAT,
        formatVersion: RECEIPT_FORMAT_VERSION,
        receiptId,
        batchId: manifest.batchId,
        issuedAt: importedAt,
        station: { code: bound.stationCode, name: bound.name, fingerprint },
        ...receiptIssuer(keys, settings),
        cases: receiptCases,
        // Only for a batch that carried requests: a station that does not know requests gets the receipt it knows.
        ...(manifest.formatVersion >= 2 ? { requests: requests.receipt } : {}),
      };
      const result = signReceipt(keys, receipt);
      // A batch imported again with nothing new adds no ledger entry; the returns it carried are still noted.
      if (toWrite.length === 0 && requestsToWrite.length === 0 && state.alreadyImported)
        return { cases: [], returns: changedReturns, result };
      const record: ImportRecord = {
        batchId: manifest.batchId,
        sequence: manifest.sequence,
        fileSha256: batch.fileSha256,
        stationCode: bound.stationCode,
        stationName: bound.name,
        fingerprint,
        createdAt: manifest.createdAt,
        importedAt,
        sealed: summary.sealed,
        caseCount: manifest.caseCount,
        new: summary.new,
        updated: summary.updated,
        unchanged: summary.unchanged,
        skipped: summary.skipped.length,
        rejected: summary.rejected,
        ...(manifest.formatVersion >= 2
          ? {
              requests: {
                count: manifest.requestCount ?? 0,
                new: summary.requests.new,
                updated: summary.requests.updated,
                unchanged: summary.requests.unchanged,
                skipped: summary.requests.skipped.length,
                rejected: summary.requests.rejected,
              },
            }
          : {}),
        receiptId,
        operator: desk.operator(),
      };
      context.progress?.(0, 1, '写入中心案件库');
      return {
        cases: toWrite,
        requests: requestsToWrite,
        ledger: {
          record,
          batchId: manifest.batchId,
          stationCode: bound.stationCode,
          sequence: manifest.sequence,
          fileSha256: batch.fileSha256,
          importedAt,
          receiptId,
          receipt: result,
        },
        returns: changedReturns,
        result,
      };
    },
  );
  context.progress?.(1, 1, '完成');

  if (options.receiptOut) {
    // The import is already committed: a receipt that cannot be written (read-only USB stick) is
    // reported, not thrown; importing again with another receipt path re-issues it and changes nothing.
    try {
      summary.receipt.file = await desk.writeOutput(options.receiptOut, `${JSON.stringify(signed, null, 2)}\n`, {
        overwrite: options.overwrite,
        field: 'receiptOut',
      });
    } catch (error) {
      summary.receipt.error = `${(error as Error).message}。案件已导入；可再次导入同一批次并指定其他回执位置，以重新生成回执`;
    }
  }
  return summary;
}

type SignedReceipt = ReturnType<typeof signReceipt>;

const idsOf = (entries: readonly CaseEntry[]) => entries.flatMap((entry) => (entry.id === undefined ? [] : [entry.id]));

/** Whether the batch's entry would be written over the centre's copy: new, or a higher revision from the same key. */
function needsWriting(entry: CaseEntry, existing: ExistingCase | undefined, fingerprint: string): boolean {
  return (
    !existing ||
    (existing.origin !== undefined &&
      sameFingerprint(existing.origin.fingerprint, fingerprint) &&
      (entry.revision === undefined || entry.revision > existing.revision))
  );
}

/** The entries that look to be written, checked together before the transaction (the rest are checked late if the state changed). */
async function checkedFirst<T extends Case | Request>(
  entries: readonly CaseEntry[],
  before: ReadonlyMap<string, ExistingCase>,
  fingerprint: string,
  check: (entries: readonly CaseEntry[]) => Promise<ItemVerdict<T>[]>,
): Promise<Map<CaseEntry, ItemVerdict<T>>> {
  const toCheck = entries.filter((entry) => needsWriting(entry, entry.id === undefined ? undefined : before.get(entry.id), fingerprint));
  const checked = new Map<CaseEntry, ItemVerdict<T>>();
  (await check(toCheck)).forEach((verdict, i) => checked.set(toCheck[i], verdict));
  return checked;
}

interface TriageOptions<T extends Case | Request> {
  noun: string;
  fingerprint: string;
  /** The model and hash-chain verdict of an entry that would be written. */
  verdict(entry: CaseEntry): ItemVerdict<T>;
}

/**
 * What becomes of each case (or request) of the batch: new, a higher revision (updated), the same
 * (unchanged), an older one (skipped), or rejected with the reason, as the module comment says.
 */
function triage<T extends Case | Request>(
  entries: readonly CaseEntry[],
  existingById: ReadonlyMap<string, ExistingCase>,
  o: TriageOptions<T>,
) {
  const counts = { new: 0, updated: 0, unchanged: 0, skipped: [] as ImportSummary['skipped'], rejected: [] as ImportSummary['rejected'] };
  const receipt: ReceiptCase[] = [];
  const accepted: T[] = [];
  const results: ImportedCaseResult[] = [];
  for (const entry of entries) {
    const base = { id: entry.id ?? '', number: entry.number, revision: entry.revision };
    const note = (result: ImportedCaseResult['result'], reason?: string) =>
      results.push({ id: entry.id, number: entry.number, revision: entry.revision, result, ...(reason ? { reason } : {}) });
    const reject = (reason: string) => {
      note('rejected', reason);
      counts.rejected.push({ id: entry.id, number: entry.number, reason });
      if (entry.id) receipt.push({ ...base, result: 'rejected', reason });
    };
    const existing = entry.id === undefined ? undefined : existingById.get(entry.id);
    if (existing && (!existing.origin || !sameFingerprint(existing.origin.fingerprint, o.fingerprint))) {
      const owner = existing.origin ? `站点“${existing.origin.stationName}”（指纹 ${existing.origin.fingerprint}）` : '本中心';
      reject(`中心已有同一ID的${o.noun}，来自${owner}，不能由另一站点覆盖`);
      continue;
    }
    if (existing && entry.revision !== undefined && entry.revision <= existing.revision) {
      if (entry.revision < existing.revision) {
        const reason = `中心已有该${o.noun}较新的第${existing.revision}版，本批次中的第${entry.revision}版未导入`;
        counts.skipped.push({
          id: existing.id,
          number: existing.number,
          revision: entry.revision,
          centreRevision: existing.revision,
          reason,
        });
        receipt.push({ ...base, result: 'skipped', reason });
        note('skipped', reason);
      } else if (entry.lastHash !== existing.lastHash) {
        reject(`中心已有该${o.noun}的第${existing.revision}版，但内容与本批次中的同一版本不同`);
      } else {
        counts.unchanged++;
        note('unchanged');
        receipt.push({ ...base, result: 'accepted' });
      }
      continue;
    }
    const verdict = o.verdict(entry);
    if (!verdict.record) {
      reject(verdict.problem!);
      continue;
    }
    if (existing) counts.updated++;
    else counts.new++;
    note(existing ? 'updated' : 'new');
    accepted.push(verdict.record);
    receipt.push({ ...base, result: 'accepted' });
  }
  return { counts, receipt, accepted, results };
}
