/** The hash-chain half of checking a case, usable in the main thread and in ./chain-worker.ts. */

import { verifyLog } from '../cases/events';
import type { CaseEvent } from '../schema/case';

/** Null when the events form an unbroken chain; the reason otherwise. Malformed logs are left to the model check. */
export function chainProblem(events: unknown): string | null {
  if (!Array.isArray(events)) return null;
  try {
    const log = verifyLog(events as CaseEvent[]);
    return log.ok ? null : `操作记录的哈希链断裂：${log.problem}`;
  } catch {
    return '操作记录无法校验（格式不正确）';
  }
}
