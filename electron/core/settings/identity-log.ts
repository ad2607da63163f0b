/**
 * The identity log (store document `identityLog`): every change to who this installation is and whom it
 * trusts, with when, who and why. A station's change of code, the centre key recorded or replaced at a
 * station; a station trusted, re-coded or revoked at a centre. These change which row a case is counted
 * in and whose receipts are believed, so none of them happens silently: each is a deliberate act, written
 * in the same commit as the change itself.
 */

import { z } from 'zod';

import type { Desk } from '../desk';
import { TimestampSchema } from '../schema/case';

export const IDENTITY_ACTIONS = {
  'station-code-changed': '本站站点代码变更',
  'centre-key-recorded': '登记中心公钥',
  'centre-key-replaced': '更换中心公钥',
  'sealed-to-other-centre': '加密发给另一中心',
  'station-trusted': '登记站点公钥',
  'station-recoded': '站点代码或名称变更（中心确认）',
  'station-revoked': '吊销站点公钥',
} as const;
export type IdentityAction = keyof typeof IDENTITY_ACTIONS;

const IdentityEntrySchema = z.strictObject({
  at: TimestampSchema,
  operator: z.string(),
  action: z.enum(Object.keys(IDENTITY_ACTIONS) as [IdentityAction, ...IdentityAction[]]),
  details: z.record(z.string(), z.unknown()),
});
export type IdentityEntry = z.infer<typeof IdentityEntrySchema>;

const IdentityLogSchema = z.strictObject({ entries: z.array(IdentityEntrySchema) });
export type IdentityLog = z.infer<typeof IdentityLogSchema>;

export function identityLog(desk: Desk): IdentityLog {
  const raw = desk.store.getDoc<unknown>('identityLog');
  return raw === undefined ? { entries: [] } : IdentityLogSchema.parse(raw);
}

/** The log with one more entry, for the caller to commit together with the change it records. */
export function withIdentityEntry(desk: Desk, action: IdentityAction, details: Record<string, unknown>): IdentityLog {
  const log = identityLog(desk);
  return { entries: [...log.entries, { at: desk.nowIso(), operator: desk.operator(), action, details }] };
}

/** Entries for people: newest first, with the action's Chinese name. */
export function identityHistory(desk: Desk): (IdentityEntry & { label: string })[] {
  return [...identityLog(desk).entries].reverse().map((e) => ({ ...e, label: IDENTITY_ACTIONS[e.action] }));
}
