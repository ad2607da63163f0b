/**
 * The register of requests as a view of the desk (`REQUEST_INDEX`): every request newest first, with a
 * lowercase haystack per request (登记编号, the visitor's name, phone and ID number, the matter, the back
 * office, the linked case's 案号), filled on first use and kept in step by every commit. Lists and
 * searches are one pass over an array: at 500,000 requests (a centre's year) a query with text takes
 * tens of milliseconds. Rows for lists carry masked ID numbers only.
 */

import type { DerivedView, Desk, ViewKind } from '../desk';
import { dayKey } from '../oversight/stats';
import { BUSINESS_TYPES, REQUEST_CHANNELS, REQUEST_HANDLINGS, REQUEST_STATES, SATISFACTION } from '../schema/codes';
import { maskIdNumber } from '../schema/identity';
import type { Request } from '../schema/request';
import type { RecordKind, Store, StoredRecord } from '../store/types';
import { type DeadlineKind, openDeadline } from './deadlines';
import { interned } from './interned';
import { type RequestFacts, requestFacts } from './stats';
import { pendingCallback } from './workflow';

const SEP = '\u0001';

export interface RequestQuery {
  q?: string;
  type?: string | string[];
  state?: string | string[];
  channel?: string;
  handling?: string;
  /** Received on or after this day (YYYY-MM-DD). */
  from?: string;
  /** Received on or before this day. */
  to?: string;
  /** At a centre: only this station's requests. */
  station?: string;
  /** Only requests waiting on a handling time limit (to route, answer, feed back), most urgent first. */
  due?: boolean;
  /** Only requests whose 不满意 follow-up still waits for its call-back, most urgent first. */
  callbacks?: boolean;
  /** Only requests fed back but not yet told to the visitor. */
  toNotify?: boolean;
  offset?: number;
  limit?: number;
}

/** A row of the request list: what lists and `request list` show; ID numbers are masked. */
export interface RequestSummary {
  id: string;
  number: string;
  receivedAt: string;
  channel: string;
  channelLabel: string;
  businessType: string;
  businessTypeLabel: string;
  handling: string;
  handlingLabel: string;
  state: string;
  stateLabel: string;
  visitor: { name: string; idNumberMasked: string; idDeclined: boolean; phone: string; groupSize: number };
  /** The matter, shortened for a list row. */
  matter: string;
  firstResponder: string;
  office?: string;
  /** The time limit the request waits on, if any. */
  due?: { kind: DeadlineKind; date: string };
  notified: boolean;
  /** The latest follow-up's rating. */
  satisfaction?: string;
  satisfactionLabel?: string;
  mediationCase?: { id: string; number: string };
  station?: string;
  centreMark?: { mark: string; reason?: string };
  revision: number;
  updatedAt: string;
}

export function summariseRequest(r: Request): RequestSummary {
  const due = openDeadline(r);
  const last = r.followUps.at(-1);
  const row: RequestSummary = {
    id: r.id,
    number: r.number,
    receivedAt: r.receivedAt,
    channel: r.channel,
    channelLabel: REQUEST_CHANNELS.label(r.channel),
    businessType: r.businessType,
    businessTypeLabel: BUSINESS_TYPES.label(r.businessType),
    handling: r.handling,
    handlingLabel: REQUEST_HANDLINGS.label(r.handling),
    state: r.state,
    stateLabel: REQUEST_STATES.label(r.state),
    visitor: {
      name: r.visitor.name,
      idNumberMasked: maskIdNumber(r.visitor.idNumber),
      idDeclined: r.visitor.idDeclined === true,
      phone: r.visitor.phone ?? '',
      groupSize: r.visitor.groupSize,
    },
    matter: r.matter.length > 60 ? `${r.matter.slice(0, 60)}…` : r.matter,
    firstResponder: r.firstResponder,
    notified: r.notified !== undefined,
    revision: r.revision,
    updatedAt: r.updatedAt,
  };
  if (r.routing) row.office = r.routing.office;
  if (due) row.due = { kind: due.kind, date: due.due };
  if (last) {
    row.satisfaction = last.satisfaction;
    row.satisfactionLabel = SATISFACTION.label(last.satisfaction);
  }
  if (r.mediationCase) row.mediationCase = { id: r.mediationCase.id, number: r.mediationCase.number };
  if (r.origin) row.station = r.origin.stationCode;
  if (r.centreMark) row.centreMark = { mark: r.centreMark.mark, reason: r.centreMark.reason };
  return row;
}

export function haystackOf(r: Request): string {
  const v = r.visitor;
  const parts = [r.number, v.name, r.matter];
  if (v.phone) parts.push(v.phone, v.phone.replace(/-/g, ''));
  if (v.idNumber) parts.push(v.idNumber);
  if (r.routing) parts.push(r.routing.office);
  if (r.mediationCase) parts.push(r.mediationCase.number);
  return parts.join(SEP).toLowerCase();
}

/**
 * A request as the register scans it. The filtered fields are copied beside the haystack so that a scan of
 * 500,000 entries reads these small objects (made one after another, so close together in memory) and
 * touches a request itself only when it matches.
 */
interface Entry {
  r: Request;
  haystack: string;
  /** `2026-11-23T09:05` as 202611230905 (a date alone as its midnight): numeric sort keys are much faster. */
  at: number;
  /** The day received as 20261123. */
  day: number;
  businessType: string;
  state: string;
  channel: string;
  handling: string;
  station: string | undefined;
  /** What the front-desk table reads, computed on the first report after this version of the request. */
  facts: RequestFacts | undefined;
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` (ReceivedAtSchema) as a number, by arithmetic (no string made per request). */
export function atKey(receivedAt: string): number {
  const digit = (i: number) => receivedAt.charCodeAt(i) - 48;
  const time = receivedAt.length > 10 ? digit(11) * 1000 + digit(12) * 100 + digit(14) * 10 + digit(15) : 0;
  return dayKey(receivedAt) * 10_000 + time;
}

function entryOf(r: Request): Entry {
  const at = atKey(r.receivedAt);
  return {
    r,
    haystack: haystackOf(r),
    at,
    day: Math.floor(at / 10_000),
    businessType: interned(r.businessType),
    state: interned(r.state),
    channel: interned(r.channel),
    handling: interned(r.handling),
    station: r.origin && interned(r.origin.stationCode),
    facts: undefined,
  };
}

/** Oldest first: received time, then 登记编号 (a total order, so positions are stable); lists read it backwards. */
function olderFirst(a: Pick<Entry, 'at' | 'r'>, b: Pick<Entry, 'at' | 'r'>): number {
  if (a.at !== b.at) return a.at - b.at;
  return a.r.number < b.r.number ? -1 : a.r.number > b.r.number ? 1 : 0;
}

const asSet = (value: string | string[] | undefined) => (value === undefined ? undefined : new Set(Array.isArray(value) ? value : [value]));

export const REQUEST_INDEX: ViewKind<RequestIndex> = { name: '来访登记检索索引', create: () => new RequestIndex() };

/** The desk's register of requests (read and indexed on first use). */
export function requestIndex(desk: Desk): RequestIndex {
  return desk.view(REQUEST_INDEX);
}

/** Requests per block of the text search: small enough that an edit redoes little, large enough that a scan is few calls. */
const TEXT_BLOCK = 1024;
/** Between two requests' haystacks in a block's text: no query can hold it (the query is one line of text). */
const BETWEEN = '\u0000';

/** A block's haystacks as one string, and where each request's part starts. */
interface TextBlock {
  text: string;
  starts: number[];
}

export class RequestIndex implements DerivedView {
  private entries = new Map<string, Entry>();
  /**
   * Oldest first, so that a new request (nearly always the newest) is appended and leaves the text blocks
   * before it intact; lists read it from the end.
   */
  private ordered: Entry[] = [];
  /** The text of each block of `ordered` (positions k·TEXT_BLOCK onwards), made on the first search after a change. */
  private blocks: (TextBlock | undefined)[] = [];

  rebuild(store: Store): void {
    // Sorted first, entries made after: a scan then reads the entries (and their haystacks) in the order they
    // lie in memory. Made in the store's order, a scan of 500,000 jumped around the heap and cost a cache
    // miss per entry (about five times slower here).
    const keyed: { r: Request; at: number }[] = [];
    for (const r of store.allRecords<Request>('requests')) keyed.push({ r, at: atKey(r.receivedAt) });
    keyed.sort(olderFirst);
    this.entries.clear();
    this.blocks = [];
    this.ordered = keyed.map(({ r }) => {
      const entry = entryOf(r);
      this.entries.set(r.id, entry);
      return entry;
    });
  }

  put(): void {
    // cases are not indexed here
  }

  putRecord(kind: RecordKind, record: StoredRecord): void {
    if (kind !== 'requests') return;
    const r = record as Request;
    const entry = entryOf(r);
    const previous = this.entries.get(r.id);
    this.entries.set(r.id, entry);
    if (previous) {
      const at = this.positionOf(previous);
      const before = this.ordered[at - 1];
      const after = this.ordered[at + 1];
      if ((!before || olderFirst(before, entry) < 0) && (!after || olderFirst(entry, after) < 0)) {
        // Same place in the order (the usual edit): only its block's text is stale.
        this.ordered[at] = entry;
        this.blocks[Math.floor(at / TEXT_BLOCK)] = undefined;
        return;
      }
      this.ordered.splice(at, 1);
      this.staleFrom(at);
    }
    const at = this.insertionPoint(entry);
    this.ordered.splice(at, 0, entry);
    this.staleFrom(at);
  }

  get size(): number {
    return this.ordered.length;
  }

  get(id: string): Request | undefined {
    return this.entries.get(id)?.r;
  }

  /** Every request, newest first. */
  *all(): IterableIterator<Request> {
    for (let i = this.ordered.length - 1; i >= 0; i--) yield this.ordered[i].r;
  }

  /** What the front-desk table reads of every request (`tallyRequests`), computed once per request version. */
  *facts(): IterableIterator<RequestFacts> {
    for (const e of this.ordered) yield (e.facts ??= requestFacts(e.r));
  }

  search(query: RequestQuery): { total: number; items: Request[] } {
    const q = query.q?.trim().toLowerCase() ?? '';
    const types = asSet(query.type);
    const states = asSet(query.state);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    const matched: Request[] = [];
    let total = 0;
    const urgent = query.due || query.callbacks;
    const dueOf = (r: Request) => (query.due ? openDeadline(r, true)?.due : pendingCallback(r)?.callback?.due);
    const from = query.from ? dayKey(query.from) : 0;
    const to = query.to ? dayKey(query.to) : Number.POSITIVE_INFINITY;
    /** Every filter but the text, on the entry's own fields first (the request is read only when those pass). */
    const consider = (e: Entry) => {
      if (types && !types.has(e.businessType)) return;
      if (states && !states.has(e.state)) return;
      if (query.channel && e.channel !== query.channel) return;
      if (query.handling && e.handling !== query.handling) return;
      if (e.day < from || e.day > to) return;
      if (query.station && e.station !== query.station) return;
      const r = e.r;
      if (query.toNotify && !(r.state === 'fed-back' && !r.notified)) return;
      if (urgent && (r.origin || !dueOf(r))) return;
      if (urgent || (total >= offset && matched.length < limit)) matched.push(r);
      total++;
    };
    if (q && !q.includes(BETWEEN)) this.eachWithText(q, consider);
    else for (let i = this.ordered.length - 1; i >= 0; i--) if (!q || this.ordered[i].haystack.includes(q)) consider(this.ordered[i]);
    if (!urgent) return { total, items: matched };
    // Most urgent first: the open limit's due day, then the older registration (time, then number).
    const key = new Map(matched.map((r) => [r, `${dueOf(r)}|${r.receivedAt.padEnd(16, ' ')}|${r.number}`]));
    matched.sort((a, b) => (key.get(a)! < key.get(b)! ? -1 : key.get(a)! > key.get(b)! ? 1 : 0));
    return { total, items: matched.slice(offset, offset + limit) };
  }

  /**
   * Each entry whose haystack holds `q`, newest first: one `indexOf` run over each block's text instead of one
   * `includes` per request (at 500,000 requests the per-request calls, each reaching a string of its own,
   * were most of a search's time).
   */
  private eachWithText(q: string, visit: (e: Entry) => void): void {
    const hits: number[] = [];
    for (let b = Math.ceil(this.ordered.length / TEXT_BLOCK) - 1; b >= 0; b--) {
      const { text, starts } = this.textBlock(b);
      hits.length = 0;
      let at = text.indexOf(q);
      while (at !== -1) {
        const k = lastStartAtOrBefore(starts, at);
        hits.push(k);
        at = k + 1 < starts.length ? text.indexOf(q, starts[k + 1]) : -1;
      }
      for (let h = hits.length - 1; h >= 0; h--) visit(this.ordered[b * TEXT_BLOCK + hits[h]]);
    }
  }

  private textBlock(b: number): TextBlock {
    let block = this.blocks[b];
    if (block) return block;
    const starts: number[] = [];
    const parts: string[] = [];
    let length = 0;
    for (let i = b * TEXT_BLOCK; i < Math.min(this.ordered.length, (b + 1) * TEXT_BLOCK); i++) {
      starts.push(length);
      parts.push(this.ordered[i].haystack);
      length += this.ordered[i].haystack.length + BETWEEN.length;
    }
    block = { text: parts.join(BETWEEN), starts };
    this.blocks[b] = block;
    return block;
  }

  /** A change at `position` moves every later entry: the text of its block and of every later one is stale. */
  private staleFrom(position: number): void {
    this.blocks.length = Math.min(this.blocks.length, Math.floor(position / TEXT_BLOCK));
  }

  private insertionPoint(entry: Entry): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (olderFirst(this.ordered[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private positionOf(entry: Entry): number {
    const at = this.insertionPoint(entry);
    return this.ordered[at] === entry ? at : this.ordered.indexOf(entry);
  }
}

/** The index of the last start at or before `position` (starts ascending, the first is 0). */
function lastStartAtOrBefore(starts: number[], position: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
