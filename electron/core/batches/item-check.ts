/**
 * Checking one item of a batch's list (a case of cases.json, a request of requests.json) against the zod
 * model and its own hash chain. Pure: used by the main thread (verify.ts) and by the checking thread
 * (./check-worker.ts), so both judge an item by the same rules and word its problem the same way.
 */

import { verifyLog } from '../cases/events';
import { fieldLabel } from '../errors';
import { type Case, type CaseEvent, CaseSchema } from '../schema/case';
import { type Request, RequestSchema } from '../schema/request';
import { formatPath } from '../validate';
import { type ListPart, partText } from './list-parts';

/** The lists a batch carries: cases.json, and requests.json from format version 2. */
export type ListKind = 'cases' | 'requests';

/** What checking an item found: the record as the model made it when the item passed, else the problem. */
export interface ItemVerdict<T extends Case | Request = Case | Request> {
  record?: T;
  problem?: string;
}

/** What is read of an item before it is checked (cheap probes of the raw JSON). */
export interface ItemProbe {
  id?: string;
  number?: string;
  revision?: number;
  /** Hash of the last event, to tell an equal revision with different content. */
  lastHash?: string;
}

export function probeItem(item: unknown): ItemProbe {
  const probe = (item && typeof item === 'object' ? item : {}) as { id?: unknown; number?: unknown; revision?: unknown; events?: unknown };
  const events = Array.isArray(probe.events) ? (probe.events as { hash?: unknown }[]) : [];
  const lastHash = events.length ? events[events.length - 1]?.hash : undefined;
  return {
    id: typeof probe.id === 'string' ? probe.id : undefined,
    number: typeof probe.number === 'string' ? probe.number : undefined,
    revision: typeof probe.revision === 'number' ? probe.revision : undefined,
    lastHash: typeof lastHash === 'string' ? lastHash : undefined,
  };
}

export function schemaProblem(error: { issues: readonly { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const where = formatPath(issue.path);
  return `${where ? `${fieldLabel(where)}（${where}）：` : ''}${issue.message}`;
}

/**
 * Whether a string of a list may hold half of a surrogate pair, judged from its UTF-8 bytes. Decoding
 * never yields one, so only a `\uDxxx` escape can, or (conservatively) a character beyond the BMP, whose
 * UTF-8 starts with 0xF0–0xF4. Both are found in milliseconds; without either, no item needs to be walked.
 */
export function maySplitSurrogates(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return b.includes('\\ud') || b.includes('\\uD') || [0xf0, 0xf1, 0xf2, 0xf3, 0xf4].some((byte) => b.includes(byte));
}

const LONE_SURROGATE = /\p{Surrogate}/u;

/** Whether a string anywhere in the value holds half of a surrogate pair: text UTF-8, and so no database, can store. */
function hasBrokenText(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (value && typeof value === 'object') for (const child of Object.values(value)) if (hasBrokenText(child)) return true;
  return false;
}

/** Where that string is (only looked for once one is known to exist). */
function brokenTextAt(value: unknown, at: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? at : null;
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = brokenTextAt(child, [...at, Array.isArray(value) ? Number(key) : key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The model half of checking a case: the zod schema, no `origin` (only stations report), no broken
 * text (walked only when `maySplit`, see `maySplitSurrogates`).
 */
export function caseModelVerdict(raw: unknown, maySplit: boolean): ItemVerdict<Case> {
  const parsed = CaseSchema.safeParse(raw);
  if (!parsed.success) return { problem: `不符合案件数据格式（${schemaProblem(parsed.error)}）` };
  if (maySplit && hasBrokenText(parsed.data)) {
    const where = formatPath(brokenTextAt(parsed.data) ?? []);
    return { problem: `${fieldLabel(where)}（${where}）含有无效的字符（不成对的 UTF-16 代理项），无法保存` };
  }
  if (parsed.data.origin) return { problem: '案件带有导入来源信息，只能由站点上报本站的案件' };
  return { record: parsed.data };
}

/** The model half of checking a request: the zod schema, and no `origin` (only stations report). */
export function requestModelVerdict(raw: unknown): ItemVerdict<Request> {
  const parsed = RequestSchema.safeParse(raw);
  if (!parsed.success) return { problem: `不符合来访登记数据格式（${schemaProblem(parsed.error)}）` };
  if (parsed.data.origin) return { problem: '来访登记带有导入来源信息，只能由站点上报本站的登记' };
  return { record: parsed.data };
}

/** The hash-chain half, on the raw item: null when its events form an unbroken chain (a malformed log is left to the model check). */
export function itemChainProblem(raw: unknown): string | null {
  const events = raw && typeof raw === 'object' ? (raw as { events?: unknown }).events : undefined;
  if (!Array.isArray(events)) return null;
  try {
    const log = verifyLog(events as CaseEvent[]);
    return log.ok ? null : `操作记录的哈希链断裂：${log.problem}`;
  } catch {
    return '操作记录无法校验（格式不正确）';
  }
}

/** The whole check of one item: the model first, then the chain of a model-valid item. */
export function itemVerdict(kind: ListKind, raw: unknown, maySplit: boolean): ItemVerdict {
  const verdict: ItemVerdict = kind === 'cases' ? caseModelVerdict(raw, maySplit) : requestModelVerdict(raw);
  if (!verdict.record) return verdict;
  const chain = itemChainProblem(raw);
  return chain ? { problem: chain } : verdict;
}

/** `itemVerdict`'s problem; null when the item passes. */
export function itemProblem(kind: ListKind, raw: unknown, maySplit: boolean): string | null {
  return itemVerdict(kind, raw, maySplit).problem ?? null;
}

/**
 * Whether two JSON values are the same: the same members (in any order) with the same values. What
 * tells that the model changed nothing of an item (it cleans text: a trailing space, a decomposed
 * character), so that the item as parsed can be stored for the record the model made of it.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * The items checked `rounds` times, the findings forgotten: what a thread does ahead of its first batch,
 * so that the batch does not run the checks cold (./warm.ts). Both ways of walking strings are run.
 */
export function warmChecks(items: readonly unknown[], kind: ListKind, rounds: number): void {
  for (let round = 0; round < rounds; round++) for (const item of items) itemProblem(kind, item, round % 2 === 0);
}

/** What checking a part of a list (list-parts.ts) found, item by item in the part's order. */
export interface PartCheck {
  probes: ItemProbe[];
  /** Null where the item passed. */
  problems: (string | null)[];
  /** When asked (for the import): whether the model's record of an item that passed is the item as parsed (`sameJson`). */
  asParsed?: boolean[];
}

/**
 * The items of a part of a list (the text of `partText`), or null when the part is not a non-empty JSON
 * array (the list is then read whole). Non-empty: an empty part would hide a stray comma between its
 * neighbours (list-parts.ts).
 */
export function partItems(text: string): unknown[] | null {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    return null;
  }
  return Array.isArray(items) && items.length > 0 ? items : null;
}

/** The items of a part of a list, each with its verdict; null when `partItems` refuses the part. */
export function readPart(list: Uint8Array, part: ListPart, kind: ListKind): { items: unknown[]; verdicts: ItemVerdict[] } | null {
  const items = partItems(partText(list, part));
  if (!items) return null;
  const maySplit = maySplitSurrogates(list.subarray(part.start, part.end));
  return { items, verdicts: items.map((item) => itemVerdict(kind, item, maySplit)) };
}

/** Every item of a part of a list checked (`asParsed` told when asked), or null when `partItems` refuses the part. */
export function checkPart(list: Uint8Array, part: ListPart, kind: ListKind, asParsed = false): PartCheck | null {
  const read = readPart(list, part, kind);
  if (!read) return null;
  const { items, verdicts } = read;
  return {
    probes: items.map(probeItem),
    problems: verdicts.map((v) => v.problem ?? null),
    ...(asParsed ? { asParsed: verdicts.map((v, i) => v.record !== undefined && sameJson(v.record, items[i])) } : {}),
  };
}
