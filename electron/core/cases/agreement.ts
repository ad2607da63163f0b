/**
 * The agreement as it stands: the signed original is never rewritten, so what is in force is the
 * original plus its signed 补充协议 in order. Reminders, documents and registers read it from here.
 */

import type { Case, Supplement } from '../schema/case';

/** The 补充协议 that have been signed, in order. */
export function signedSupplements(c: Case): Supplement[] {
  return (c.supplements ?? []).filter((s) => s.effectiveDate !== undefined);
}

/** The 补充协议 waiting for signatures, if any (there is at most one). */
export function pendingSupplement(c: Case): Supplement | undefined {
  return (c.supplements ?? []).find((s) => s.effectiveDate === undefined);
}

/** The performance deadline in force: the latest signed 补充协议 that sets one, else the agreement's. */
export function performanceDeadlineOf(c: Case): string | undefined {
  const changed = signedSupplements(c).findLast((s) => s.performanceDeadline !== undefined);
  return changed?.performanceDeadline ?? c.agreement?.performanceDeadline;
}
