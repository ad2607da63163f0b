/**
 * 退回补正: the centre returns an imported case to its station for correction, with its own reason.
 * The case itself is the station's and is never changed at the centre (its log is the station's); the
 * return is the centre's note (store document `returns`). Every receipt the centre issues to that
 * station carries it until the station sends a corrected revision, which closes it.
 *
 * Pure functions over the centre's data, so that a centre kept in PostgreSQL implements the same.
 */

import { z } from 'zod';

import { changedBetween } from '../cases/events';
import { DeskError, notAllowed } from '../errors';
import { type Case, TimestampSchema } from '../schema/case';

export const ReturnSchema = z.strictObject({
  id: z.uuid(),
  caseId: z.string(),
  number: z.string(),
  stationCode: z.string(),
  stationName: z.string(),
  /** The station key the case came with: only that station's receipts carry it. */
  fingerprint: z.string(),
  /** The revision the centre found wanting. */
  revision: z.int().positive(),
  reason: z.string().min(1),
  at: TimestampSchema,
  operator: z.string(),
  status: z.enum(['open', 'closed']),
  /** Receipts that carried it to the station. */
  receipts: z.array(z.string()),
  closed: z.strictObject({ at: TimestampSchema, revision: z.int(), batchId: z.string() }).optional(),
});
export type CaseReturn = z.infer<typeof ReturnSchema>;

export const ReturnsDocSchema = z.strictObject({ returns: z.array(ReturnSchema) });
export type ReturnsDoc = z.infer<typeof ReturnsDocSchema>;

export const RETURN_STATUS_LABELS: Record<CaseReturn['status'], string> = { open: '待站点补正', closed: '已补正' };

export function openReturnOf(doc: ReturnsDoc, caseId: string): CaseReturn | undefined {
  return doc.returns.find((r) => r.caseId === caseId && r.status === 'open');
}

/** A new return of an imported case; refused for a case of this centre or one already returned. */
export function newReturn(doc: ReturnsDoc, c: Case, reason: string, at: string, operator: string, id: string): CaseReturn {
  if (!c.origin) throw notAllowed('只有从站点导入的案件可以退回补正');
  const open = openReturnOf(doc, c.id);
  if (open) throw notAllowed(`案件“${c.number}”已于${open.at.slice(0, 10)}退回补正（${open.reason}），正在等待站点补正`);
  if (!reason.trim()) throw new DeskError('VALIDATION', '理由：请填写退回补正的理由', { field: 'reason' });
  return {
    id,
    caseId: c.id,
    number: c.number,
    stationCode: c.origin.stationCode,
    stationName: c.origin.stationName,
    fingerprint: c.origin.fingerprint,
    revision: c.revision,
    reason: reason.trim(),
    at,
    operator,
    status: 'open',
    receipts: [],
  };
}

/**
 * Returns closed by cases an import writes: a revision after the returned one that changes the case
 * (a receipt applied or a document printed is not a correction). Returns the returns closed.
 */
export function closeCorrected(doc: ReturnsDoc, written: readonly Case[], batchId: string, at: string): CaseReturn[] {
  const byId = new Map(written.map((c) => [c.id, c]));
  const closed: CaseReturn[] = [];
  doc.returns = doc.returns.map((r) => {
    const c = r.status === 'open' ? byId.get(r.caseId) : undefined;
    if (!c || c.revision <= r.revision || !changedBetween(c, r.revision, c.revision)) return r;
    const done: CaseReturn = { ...r, status: 'closed', closed: { at, revision: c.revision, batchId } };
    closed.push(done);
    return done;
  });
  return closed;
}

/** The open returns a receipt to the station with this key carries. */
export function openReturnsFor(doc: ReturnsDoc, sameKey: (fingerprint: string) => boolean): CaseReturn[] {
  return doc.returns.filter((r) => r.status === 'open' && sameKey(r.fingerprint));
}

/** Note that a receipt carried these returns. */
export function noteCarried(doc: ReturnsDoc, carried: readonly CaseReturn[], receiptId: string): void {
  const ids = new Set(carried.map((r) => r.id));
  doc.returns = doc.returns.map((r) => (ids.has(r.id) ? { ...r, receipts: [...r.receipts, receiptId] } : r));
}

/**
 * At the station: a case the centre returned stays in the 退回补正 queue until a corrected revision was
 * exported (exported after the returned revision, with a change of content in between).
 */
export function awaitingCorrection(c: Case, exportedRevision: number | undefined): boolean {
  const mark = c.centreMark;
  if (mark?.mark !== 'returned') return false;
  if (exportedRevision === undefined || exportedRevision <= mark.revision) return true;
  return !changedBetween(c, mark.revision, exportedRevision);
}
