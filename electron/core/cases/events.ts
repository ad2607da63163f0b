/**
 * The case's event log: append-only and hash-chained. Each event's hash covers its content and the
 * previous event's hash, so an edited, inserted or deleted event breaks the chain (`case verify-log`,
 * and the centre on import).
 */

import { hash } from 'node:crypto';

import { canonicalJson } from '../canonical';
import type { Case, CaseEvent } from '../schema/case';
import { eventLabel } from './event-text';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Events that record what was done with a case (a document printed, a paper marked signed, the centre's
 * receipt applied) without changing what the case says: they do not count as a correction of it.
 */
export const RECORD_ONLY_EVENTS: ReadonlySet<string> = new Set([
  'centre-receipt',
  'document-generated',
  'dossier-printed',
  'paper-signed',
  'paper-unsigned',
]);

/** Whether the case's content changed between two revisions (revision n is reached by the n-th event). */
export function changedBetween(c: Case, fromRevision: number, toRevision: number): boolean {
  return c.events.slice(fromRevision, toRevision).some((e) => !RECORD_ONLY_EVENTS.has(e.type));
}

export function eventHash(event: Omit<CaseEvent, 'hash'>): string {
  const { seq, type, at, operator, details, prevHash } = event;
  // keys in canonical order already, so that canonicalJson writes this object as it is; the one-shot hash
  // makes no Hash object per event (a centre hashes every event of every case of a batch)
  return hash('sha256', canonicalJson({ at, details, operator, prevHash, seq, type }) ?? '', 'hex');
}

export function makeEvent(
  previous: readonly CaseEvent[],
  type: string,
  details: Record<string, unknown>,
  operator: string,
  at: string,
): CaseEvent {
  const last = previous[previous.length - 1];
  const draft = { seq: previous.length, type, at, operator, details, prevHash: last ? last.hash : GENESIS_HASH };
  return { ...draft, hash: eventHash(draft) };
}

export interface LogVerdict {
  ok: boolean;
  events: number;
  /** The first broken event (its `seq` position) and why, when not ok. */
  brokenAt?: number;
  problem?: string;
}

export function verifyLog(events: readonly CaseEvent[]): LogVerdict {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.seq !== i)
      return {
        ok: false,
        events: events.length,
        brokenAt: i,
        problem: `第${i + 1}条记录的序号为${event.seq}，应为${i}（有记录被删除或插入）`,
      };
    if (event.prevHash !== prevHash)
      return { ok: false, events: events.length, brokenAt: i, problem: `第${i + 1}条记录与前一条记录的链接不符（前面的记录被修改或删除）` };
    if (eventHash(event) !== event.hash)
      return {
        ok: false,
        events: events.length,
        brokenAt: i,
        problem: `第${i + 1}条记录（${eventLabel(event.type)}）的内容与其哈希不符（记录被修改）`,
      };
    prevHash = event.hash;
  }
  return { ok: true, events: events.length };
}

/** What carries a log: a case, or a front-desk request (which keeps its log the same way). */
type Logged = Pick<Case, 'events' | 'revision' | 'updatedAt'>;

/**
 * A new version of the case (or request) with one more event: revision + 1, updatedAt set. Pure: the
 * input is untouched. Every change goes through here, so revision and log never drift apart.
 */
export function withEvent<T extends Logged = Case>(
  current: T,
  change: Partial<T>,
  type: string,
  details: Record<string, unknown>,
  operator: string,
  at: string,
): T {
  const next: T = { ...current, ...change };
  next.events = [...current.events, makeEvent(current.events, type, details, operator, at)];
  next.revision = current.revision + 1;
  next.updatedAt = at;
  return next;
}
