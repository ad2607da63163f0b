/**
 * What the workflow's steps and corrections share: the shape of a change to a case, the refusal with
 * the action's name, the date checks, and the old → new record that every correction writes to the log.
 */

import { isDeepStrictEqual } from 'node:util';

import { DeskError } from '../errors';
import { ACTION_LABELS, type Case, type CaseAction } from '../schema/case';

export interface WorkflowContext {
  today: string;
  court: string;
  newId(): string;
}

export interface Transition {
  change: Partial<Case>;
  /** What the event log records for this action. */
  details: Record<string, unknown>;
}

export function refuse(action: CaseAction, why: string): never {
  throw new DeskError('NOT_ALLOWED', `不能${ACTION_LABELS[action]}：${why}`);
}

export function notBefore(action: CaseAction, date: string, earliest: string | undefined, what: string): void {
  if (earliest && date < earliest) refuse(action, `日期${date}早于${what}（${earliest}）`);
}

/** Optional fields are left out rather than stored as undefined (strict schemas and JSON agree). */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** One corrected field as the log keeps it: the value before and after (null for none). */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

/**
 * The fields of `patch` whose value differs from `current`, as `{field: {from, to}}`; an undefined
 * value in `patch` means "not given", null means "remove".
 */
export function fieldChanges<T extends object>(current: T, patch: { [K in keyof T]?: T[K] | null }): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const before = (current as Record<string, unknown>)[key];
    const after = value === null ? undefined : value;
    if (isDeepStrictEqual(before ?? null, after ?? null)) continue;
    changes[key] = { from: before ?? null, to: after ?? null };
  }
  return changes;
}

/** `current` with the changed fields applied (removed ones dropped). */
export function applyChanges<T extends object>(current: T, changes: Record<string, FieldChange>): T {
  const next = { ...current } as Record<string, unknown>;
  for (const [key, { to }] of Object.entries(changes)) {
    if (to === null) delete next[key];
    else next[key] = to;
  }
  return next as T;
}
