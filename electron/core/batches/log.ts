/**
 * The station's export log (store document `exportLog`): every batch written, with the revision of each
 * case in it, so that "pending" means "new or changed since it was last exported". Re-exporting is always
 * allowed; the log only grows.
 */

import { z } from 'zod';

import type { Desk } from '../desk';
import type { Case } from '../schema/case';
import { TimestampSchema } from '../schema/case';
import { type Selection, SelectionSchema } from './format';

export const ExportRecordSchema = z.strictObject({
  batchId: z.string(),
  sequence: z.int().positive(),
  fileName: z.string(),
  createdAt: TimestampSchema,
  selection: SelectionSchema,
  withDocuments: z.boolean(),
  sealedTo: z.string().optional(),
  caseCount: z.int().nonnegative(),
  documentCount: z.int().nonnegative(),
  sha256: z.string(),
  bytes: z.int().nonnegative(),
  /** Who exported it (the signed-in operator); absent in records from before operators signed in. */
  operator: z.string().optional(),
  /** id → revision exported. */
  cases: z.record(z.string(), z.int()),
});
export type ExportRecord = z.infer<typeof ExportRecordSchema>;

export const ExportLogSchema = z.strictObject({
  sequence: z.int().nonnegative(),
  /** id → highest revision ever exported (what "pending" compares against). */
  exported: z.record(z.string(), z.int()),
  batches: z.array(ExportRecordSchema),
});
export type ExportLog = z.infer<typeof ExportLogSchema>;

/** This station has exported at least one batch (to a centre, under its current settings). */
export function hasReported(desk: Desk): boolean {
  return readExportLog(desk).batches.length > 0;
}

export function readExportLog(desk: Desk): ExportLog {
  const raw = desk.store.getDoc<unknown>('exportLog');
  return raw === undefined ? { sequence: 0, exported: {}, batches: [] } : ExportLogSchema.parse(raw);
}

/** Event types that do not make a case pending again: the centre's own receipt coming back. */
const NOT_A_CHANGE = new Set(['centre-receipt']);

/** New, or changed since its last export (events after the exported revision other than receipts). */
export function isPending(c: Case, exported: Readonly<Record<string, number>>): boolean {
  const last = exported[c.id];
  if (last === undefined) return true;
  if (c.revision <= last) return false;
  // revision n is reached by the n-th event, so events[last…] are the ones added since.
  return c.events.slice(last).some((e) => !NOT_A_CHANGE.has(e.type));
}

/** One collator for the whole sort: `localeCompare` per comparison builds one each time. */
const byNumber = new Intl.Collator('zh-CN', { numeric: true }).compare;

export function selectCases(all: Iterable<Case>, selection: Selection, log: ExportLog): Case[] {
  const chosen: Case[] = [];
  for (const c of all) {
    if (c.origin) continue;
    if (selection.kind === 'range' && (c.receivedAt < selection.from || c.receivedAt > selection.to)) continue;
    if (selection.kind === 'pending' && !isPending(c, log.exported)) continue;
    chosen.push(c);
  }
  return chosen.sort((a, b) => (a.receivedAt === b.receivedAt ? byNumber(a.number, b.number) : a.receivedAt < b.receivedAt ? -1 : 1));
}

export function withRecord(log: ExportLog, record: ExportRecord): ExportLog {
  const exported = { ...log.exported };
  for (const [id, revision] of Object.entries(record.cases)) exported[id] = Math.max(exported[id] ?? 0, revision);
  return { sequence: Math.max(log.sequence, record.sequence), exported, batches: [...log.batches, record] };
}
