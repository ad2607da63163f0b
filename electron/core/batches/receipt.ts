/**
 * Receipts: the centre's signed answer to a batch, per case accepted / skipped / rejected (with reason),
 * plus every case the centre returned for correction (退回补正, `returned`, with the centre's reason);
 * also issued on demand (`receipt issue`, ../centre/receipts.ts). Applied at the station, a receipt
 * marks cases 已接收 or 退回. A receipt is one JSON file
 * `{receipt, signature}`; the signature covers the canonical receipt. All marks of one receipt are
 * written in one commit.
 */

import path from 'node:path';

import { z } from 'zod';

import { withEvent } from '../cases/events';
import type { Desk } from '../desk';
import { DeskError, type ErrorAction, notAllowed } from '../errors';
import { readUserFile } from '../files';
import { parseJsonText } from '../json';
import { LIMITS } from '../limits';
import { type Case, CaseSchema, type CentreMarkRecord, TimestampSchema } from '../schema/case';
import type { Settings } from '../schema/settings';
import { FORMAT_VERSION, RECEIPT_FORMAT, type SignatureFile, SignatureFileSchema } from './format';
import {
  canonicalBytes,
  ensureKeys,
  fingerprintOf,
  parsePublicKeyFile,
  publicKeyFile,
  PublicKeyFileSchema,
  rememberCentreKey,
  sameFingerprint,
  signBytes,
  verifyBytes,
} from './keys';

export const ReceiptCaseSchema = z.strictObject({
  id: z.string(),
  number: z.string().optional(),
  revision: z.int().optional(),
  /** `returned`: the centre asks the station to correct the case (退回补正). */
  result: z.enum(['accepted', 'skipped', 'rejected', 'returned']),
  reason: z.string().optional(),
});
export type ReceiptCase = z.infer<typeof ReceiptCaseSchema>;

export const ReceiptSchema = z.strictObject({
  format: z.literal(RECEIPT_FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  receiptId: z.uuid(),
  batchId: z.string(),
  issuedAt: TimestampSchema,
  station: z.strictObject({ code: z.string(), name: z.string(), fingerprint: z.string() }),
  centre: z.strictObject({ name: z.string(), organization: z.string(), fingerprint: z.string() }),
  /** The centre's public-key file: a station without it can register it from the receipt (after a phone check). */
  centreKey: PublicKeyFileSchema.optional(),
  cases: z.array(ReceiptCaseSchema),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/**
 * Who issues a receipt: the centre's name and fingerprint, and its public-key file, so that a station
 * that has not registered the centre yet can do so from the receipt after reading the fingerprint back
 * by phone. Every receipt carries it (an import's and one issued on demand).
 */
export function receiptIssuer(keys: Parameters<typeof publicKeyFile>[0], settings: Settings): Pick<Receipt, 'centre' | 'centreKey'> {
  const { name, organization, role, stationCode } = settings;
  return {
    centre: { name, organization, fingerprint: fingerprintOf(keys.signing.publicKey) },
    centreKey: publicKeyFile(keys, { role, stationCode, name, organization }),
  };
}

export const ReceiptFileSchema = z.strictObject({ receipt: z.unknown(), signature: SignatureFileSchema });

export function signReceipt(keys: Parameters<typeof signBytes>[0], receipt: Receipt): { receipt: Receipt; signature: SignatureFile } {
  return {
    receipt,
    signature: { algorithm: 'Ed25519', fingerprint: receipt.centre.fingerprint, signature: signBytes(keys, canonicalBytes(receipt)) },
  };
}

// ---------------------------------------------------------------- applying at the station

const ReceiptsDocSchema = z.strictObject({
  applied: z.array(
    z.strictObject({
      receiptId: z.string(),
      batchId: z.string(),
      issuedAt: TimestampSchema,
      appliedAt: TimestampSchema,
      centreFingerprint: z.string(),
      received: z.int(),
      returned: z.int(),
    }),
  ),
});
type ReceiptsDoc = z.infer<typeof ReceiptsDocSchema>;

export interface ApplyReceiptResult {
  receiptId: string;
  batchId: string;
  centre: string;
  received: number;
  returned: number;
  unchanged: number;
  /** Marks for an older revision than one already applied: not applied. */
  stale: number;
  /** Ids in the receipt that this station does not have. */
  unknown: string[];
  returnedCases: { id: string; number: string; reason?: string }[];
}

const invalidReceipt = (message: string) => new DeskError('BATCH_INVALID', message);

async function readReceiptFile(file: string): Promise<unknown> {
  const bytes = await readUserFile(file, { what: '回执文件', maxBytes: LIMITS.receiptFileBytes, field: 'file' });
  try {
    return parseJsonText(bytes.toString('utf8'), `回执文件“${path.basename(file)}”`);
  } catch (error) {
    throw invalidReceipt(`${(error as Error).message}（不是有效的回执文件）`);
  }
}

/**
 * On the first receipt, before the station has the centre's key: the key the receipt carries, once
 * the user has read its fingerprint back to the centre by phone (`trustCentre`). Without a carried key
 * or without the confirmation, NOT_ALLOWED with the step to take.
 */
function offeredCentreKey(receipt: Receipt, trustCentre: string | undefined) {
  if (!receipt.centreKey) {
    throw new DeskError('NOT_ALLOWED', '尚未登记中心的公钥，无法核对这份回执：请先登记中心的公钥，再应用回执', {
      details: { action: { kind: 'import-centre-key' } satisfies ErrorAction },
    });
  }
  const key = parsePublicKeyFile(receipt.centreKey, '回执中附带的中心公钥');
  if (!trustCentre || !sameFingerprint(trustCentre, key.fingerprint)) {
    const action: ErrorAction = { kind: 'confirm-centre-key', centre: { name: key.name, fingerprint: key.fingerprint } };
    throw new DeskError(
      'NOT_ALLOWED',
      trustCentre
        ? `核对的指纹（${trustCentre}）与回执中中心公钥的指纹（${key.fingerprint}）不一致，没有登记，回执未应用`
        : `尚未登记中心的公钥。这份回执附带了“${key.name}”的公钥，指纹 ${key.fingerprint}：请先与中心电话核对这个指纹，核对无误后登记，再应用回执`,
      { details: { action } },
    );
  }
  return key;
}

export async function applyReceipt(desk: Desk, file: string, trustCentre?: string): Promise<ApplyReceiptResult> {
  const settings = desk.settings();
  if (settings.role !== 'station') throw notAllowed('回执在调解站点应用；本机设置为公共法律服务中心');
  const raw = ReceiptFileSchema.safeParse(await readReceiptFile(file));
  if (!raw.success) throw invalidReceipt('不是有效的回执文件（缺少回执内容或签名）');
  const parsed = ReceiptSchema.safeParse(raw.data.receipt);
  if (!parsed.success) throw invalidReceipt('回执内容格式不正确');
  const keys = await ensureKeys(desk);
  const centre = keys.centre ?? offeredCentreKey(parsed.data, trustCentre);
  if (
    !sameFingerprint(raw.data.signature.fingerprint, centre.fingerprint) ||
    !verifyBytes(centre.signingKey, canonicalBytes(raw.data.receipt), raw.data.signature.signature)
  ) {
    throw invalidReceipt(
      `回执签名校验失败：回执不是${keys.centre ? '已登记的' : '附带公钥的'}中心（指纹 ${centre.fingerprint}）签发的，或签发后被改动（回执上的指纹 ${raw.data.signature.fingerprint}）`,
    );
  }
  // A key the receipt carried is registered only now, after the signature checked out with it.
  if (!keys.centre) await rememberCentreKey(desk, centre);
  const receipt = parsed.data;
  const own = fingerprintOf(keys.signing.publicKey);
  if (!sameFingerprint(receipt.station.fingerprint, own)) {
    throw notAllowed(`这份回执是发给另一个站点的（${receipt.station.name}，指纹 ${receipt.station.fingerprint}），本站指纹为 ${own}`);
  }

  const result: ApplyReceiptResult = {
    receiptId: receipt.receiptId,
    batchId: receipt.batchId,
    centre: receipt.centre.name,
    received: 0,
    returned: 0,
    unchanged: 0,
    stale: 0,
    unknown: [],
    returnedCases: [],
  };
  const marked: Case[] = [];
  const at = desk.nowIso();
  const operator = desk.operator();
  for (const entry of receipt.cases) {
    const current = desk.store.getCase(entry.id);
    if (!current) {
      result.unknown.push(entry.id);
      continue;
    }
    const mark: CentreMarkRecord = {
      mark: entry.result === 'rejected' || entry.result === 'returned' ? 'returned' : 'received',
      at: receipt.issuedAt,
      batchId: receipt.batchId,
      revision: entry.revision ?? current.revision,
      ...(entry.reason ? { reason: entry.reason } : {}),
    };
    const previous = current.centreMark;
    if (previous && previous.batchId === mark.batchId && previous.revision === mark.revision && previous.mark === mark.mark) {
      result.unchanged++;
      continue;
    }
    if (previous && (previous.revision > mark.revision || (previous.revision === mark.revision && previous.at > mark.at))) {
      result.stale++;
      continue;
    }
    // The same event `recordCaseEvent` would append, but all marks of a receipt go in one commit: a
    // receipt is applied entirely or not at all, and 10,000 single commits would take minutes.
    const next = withEvent(current, { centreMark: mark }, 'centre-receipt', { receiptId: receipt.receiptId, ...mark }, operator, at);
    const valid = CaseSchema.safeParse(next);
    if (!valid.success)
      throw new DeskError('INTERNAL', `案件“${current.number}”应用回执后数据不完整（${valid.error.issues[0].message}），回执未应用`);
    marked.push(next);
    if (mark.mark === 'returned') {
      result.returned++;
      result.returnedCases.push({ id: current.id, number: current.number, ...(mark.reason ? { reason: mark.reason } : {}) });
    } else result.received++;
  }
  const doc: ReceiptsDoc = readReceiptsDoc(desk);
  const seen = doc.applied.some((a) => a.receiptId === receipt.receiptId);
  if (!seen) {
    doc.applied.push({
      receiptId: receipt.receiptId,
      batchId: receipt.batchId,
      issuedAt: receipt.issuedAt,
      appliedAt: at,
      centreFingerprint: centre.fingerprint,
      received: result.received,
      returned: result.returned,
    });
  }
  if (marked.length || !seen) await desk.commit({ cases: marked, docs: { receipts: doc } });
  return result;
}

function readReceiptsDoc(desk: Desk): ReceiptsDoc {
  const raw = desk.store.getDoc<unknown>('receipts');
  return raw === undefined ? { applied: [] } : ReceiptsDocSchema.parse(raw);
}

/** Receipts applied at this station, newest first. */
export function appliedReceipts(desk: Desk): ReceiptsDoc['applied'] {
  return [...readReceiptsDoc(desk).applied].reverse();
}
