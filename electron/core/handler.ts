/**
 * The handler mechanism: a handler is a zod input schema plus a function of the desk. The table of
 * handlers (./api.ts) is the whole API; IPC, the loopback harness, the command line and the tests all
 * go through `callHandler`, which validates the input before any handler code runs.
 */

import type { z } from 'zod';

import type { Desk } from './desk';
import { DeskError, shownKey } from './errors';
import { checkInputSize, parseOrThrow } from './validate';

/** What a door can pass along with a call. */
export interface CallContext {
  /** Progress of long operations (exports, imports): `done` of `total`, with a short Chinese label. */
  progress?(done: number, total: number, label?: string): void;
  /** Cancellation of long operations: a cancelled call writes nothing and fails with CANCELLED. */
  signal?: AbortSignal;
}

export interface Handler<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S;
  /** One line in Chinese: what the call does (shown in the harness index and docs). */
  summary: string;
  run(desk: Desk, input: z.output<S>, context: CallContext): R | Promise<R>;
}

export function handler<S extends z.ZodType, R>(input: S, summary: string, run: Handler<S, R>['run']): Handler<S, R> {
  return { input, summary, run };
}

export type HandlerTable = Record<string, Handler>;

export type HandlerInput<H> = H extends Handler<infer S, unknown> ? z.input<S> : never;
export type HandlerResult<H> = H extends Handler<z.ZodType, infer R> ? Awaited<R> : never;

/** Validate (size first, then the schema), then run. Unknown names and invalid or oversized input never reach a handler. */
export async function callHandler(
  table: HandlerTable,
  desk: Desk,
  name: string,
  rawInput: unknown,
  context: CallContext = {},
): Promise<unknown> {
  if (!Object.hasOwn(table, name)) throw new DeskError('NOT_FOUND', `没有名为“${shownKey(name)}”的操作`);
  const entry = table[name];
  checkInputSize(rawInput);
  const input = parseOrThrow(entry.input, rawInput ?? {});
  return entry.run(desk, input, context);
}
