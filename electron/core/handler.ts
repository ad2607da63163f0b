/**
 * The handler mechanism: a handler is a zod input schema plus a function of the desk, and the roles
 * allowed to call it. The table of handlers (./api.ts) is the whole API; IPC, the loopback harness, the
 * command line and the tests all go through `callHandler`, which checks who is signed in and validates
 * the input before any handler code runs. Role checks happen here, once, never inside a handler.
 */

import { z } from 'zod';

import type { Desk } from './desk';
import { DeskError, notSignedIn, shownKey } from './errors';
import { OPERATOR_ROLES, type OperatorRole } from './schema/codes';
import { allows, roleNames } from './schema/operators';
import { callScope, type Session } from './session';
import { checkInputSize, parseOrThrow } from './validate';

/**
 * An input's `overwrite`: the person confirmed replacing an existing file at `out` (`--force`, their yes to
 * the screen's 覆盖吗？, or the save dialog's own question). Without it, an existing file is refused.
 */
export const Overwrite = z.boolean().optional();

/** What a door can pass along with a call. */
export interface CallContext {
  /** Progress of long operations (exports, imports): `done` of `total`, with a short Chinese label. */
  progress?(done: number, total: number, label?: string): void;
  /** Cancellation of long operations: a cancelled call writes nothing and fails with CANCELLED. */
  signal?: AbortSignal;
  /** Who is signed in at this door; the desk's own session when a door has only one seat. */
  session?: Session;
}

/**
 * Who may call an entry: anyone at the door (`public`: signing in, recovery), any signed-in operator,
 * or only these roles. A function decides from the validated input and the desk (e.g. which case action),
 * and may name what is refused more exactly than the entry's summary (`what`: 记录调解).
 */
export type Access = 'public' | 'signed-in' | readonly OperatorRole[] | { roles: readonly OperatorRole[]; what: string };
/** Method syntax: parameters compare bivariantly, so entries with specific inputs fit the table's type. */
interface AccessDecision<I> {
  decide(input: I, desk: Desk): Access;
}
export type AccessRule<I> = Access | AccessDecision<I>['decide'];

export interface Handler<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S;
  /** One line in Chinese: what the call does (shown in the harness index, docs and refusals). */
  summary: string;
  access: AccessRule<z.output<S>>;
  run(desk: Desk, input: z.output<S>, context: CallContext & { session: Session }): R | Promise<R>;
}

export function handler<S extends z.ZodType, R>(
  input: S,
  summary: string,
  run: Handler<S, R>['run'],
  access: AccessRule<z.output<S>> = 'signed-in',
): Handler<S, R> {
  return { input, summary, access, run };
}

export type HandlerTable = Record<string, Handler>;

export type HandlerInput<H> = H extends Handler<infer S, unknown> ? z.input<S> : never;
export type HandlerResult<H> = H extends Handler<z.ZodType, infer R> ? Awaited<R> : never;

/** NOT_SIGNED_IN or FORBIDDEN (naming the role needed) unless the session's operator may call. */
function requireAccess(access: Access, session: Session, summary: string): void {
  if (access === 'public') return;
  const operator = session.active();
  if (!operator) throw notSignedIn(session.state().state === 'locked' ? '工作台已锁定，请输入密码解锁' : undefined);
  session.touch();
  if (access === 'signed-in') return;
  const { roles, what } = 'roles' in access ? access : { roles: access, what: summary };
  if (!allows(roles, operator.role)) {
    throw new DeskError(
      'FORBIDDEN',
      `“${what}”需要${roleNames(roles)}权限；当前操作员“${operator.name}”是${OPERATOR_ROLES.label(operator.role)}`,
      { details: { needed: roles, role: operator.role } },
    );
  }
}

/**
 * Check who is signed in, then validate (size first, then the schema), then run. Unknown names, refused
 * calls and invalid or oversized input never reach a handler.
 */
export async function callHandler(
  table: HandlerTable,
  desk: Desk,
  name: string,
  rawInput: unknown,
  context: CallContext = {},
): Promise<unknown> {
  if (!Object.hasOwn(table, name)) throw new DeskError('NOT_FOUND', `没有名为“${shownKey(name)}”的操作`);
  const entry = table[name];
  const session = context.session ?? desk.session;
  if (typeof entry.access !== 'function') requireAccess(entry.access, session, entry.summary);
  checkInputSize(rawInput);
  const input = parseOrThrow(entry.input, rawInput ?? {});
  if (typeof entry.access === 'function') requireAccess(entry.access(input, desk), session, entry.summary);
  return callScope.run(session, () => entry.run(desk, input, { ...context, session }));
}
