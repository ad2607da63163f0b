/**
 * The register of requests as a view of the desk (`REQUEST_INDEX`): every request newest first, with a
 * lowercase haystack per request (登记编号, the visitor's name, phone and ID number, the matter, the back
 * office, the linked case's 案号), filled on first use and kept in step by every commit. Lists and
 * searches are one pass over an array: at 500,000 requests (a centre's year) a query with text takes
 * tens of milliseconds. Rows for lists carry masked ID numbers only.
 */

import type { DerivedView, Desk, ViewKind } from '../desk';
import { BUSINESS_TYPES, REQUEST_CHANNELS, REQUEST_HANDLINGS, REQUEST_STATES, SATISFACTION } from '../schema/codes';
import { maskIdNumber } from '../schema/identity';
import type { Request } from '../schema/request';
import type { RecordKind, Store, StoredRecord } from '../store/types';
import { type DeadlineKind, openDeadline } from './deadlines';
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

interface Entry {
  r: Request;
  haystack: string;
  /** `2026-11-23T09:05` as 202611230905 (a date alone as its midnight): numeric sort keys are much faster. */
  at: number;
}

export function atKey(receivedAt: string): number {
  const digits = receivedAt.replace(/\D/g, '');
  return Number(digits.padEnd(12, '0'));
}

function entryOf(r: Request): Entry {
  return { r, haystack: haystackOf(r), at: atKey(r.receivedAt) };
}

/** Newest first: received time, then 登记编号 (a total order, so positions are stable). */
function newerFirst(a: Entry, b: Entry): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.r.number < b.r.number ? 1 : a.r.number > b.r.number ? -1 : 0;
}

const asSet = (value: string | string[] | undefined) => (value === undefined ? undefined : new Set(Array.isArray(value) ? value : [value]));

export const REQUEST_INDEX: ViewKind<RequestIndex> = { name: '来访登记检索索引', create: () => new RequestIndex() };

/** The desk's register of requests (read and indexed on first use). */
export function requestIndex(desk: Desk): RequestIndex {
  return desk.view(REQUEST_INDEX);
}

export class RequestIndex implements DerivedView {
  private entries = new Map<string, Entry>();
  private ordered: Entry[] = [];

  rebuild(_cases: unknown, store: Store): void {
    this.entries.clear();
    const all: Entry[] = [];
    for (const r of store.allRecords<Request>('requests')) {
      const entry = entryOf(r);
      this.entries.set(r.id, entry);
      all.push(entry);
    }
    all.sort(newerFirst);
    this.ordered = all;
  }

  put(): void {
    // cases are not indexed here
  }

  putRecord(kind: RecordKind, record: StoredRecord): void {
    if (kind !== 'requests') return;
    const r = record as Request;
    const previous = this.entries.get(r.id);
    if (previous) this.ordered.splice(this.positionOf(previous), 1);
    const entry = entryOf(r);
    this.entries.set(r.id, entry);
    this.ordered.splice(this.insertionPoint(entry), 0, entry);
  }

  get size(): number {
    return this.ordered.length;
  }

  get(id: string): Request | undefined {
    return this.entries.get(id)?.r;
  }

  /** Every request, newest first. */
  *all(): IterableIterator<Request> {
    for (const e of this.ordered) yield e.r;
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
    const keep = (r: Request) => {
      if (!urgent && (total < offset || matched.length >= limit)) {
        total++;
        return;
      }
      matched.push(r);
      total++;
    };
    for (const { r, haystack } of this.ordered) {
      if (types && !types.has(r.businessType)) continue;
      if (states && !states.has(r.state)) continue;
      if (query.channel && r.channel !== query.channel) continue;
      if (query.handling && r.handling !== query.handling) continue;
      if (query.from && r.receivedAt.slice(0, 10) < query.from) continue;
      if (query.to && r.receivedAt.slice(0, 10) > query.to) continue;
      if (query.station && r.origin?.stationCode !== query.station) continue;
      if (query.toNotify && !(r.state === 'fed-back' && !r.notified)) continue;
      if (urgent && (r.origin || !dueOf(r))) continue;
      if (q && !haystack.includes(q)) continue;
      keep(r);
    }
    if (!urgent) return { total, items: matched };
    // Most urgent first: the open limit's due day, then the older registration (time, then number).
    const key = new Map(matched.map((r) => [r, `${dueOf(r)}|${r.receivedAt.padEnd(16, ' ')}|${r.number}`]));
    matched.sort((a, b) => (key.get(a)! < key.get(b)! ? -1 : key.get(a)! > key.get(b)! ? 1 : 0));
    return { total, items: matched.slice(offset, offset + limit) };
  }

  private insertionPoint(entry: Entry): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (newerFirst(this.ordered[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private positionOf(entry: Entry): number {
    const at = this.insertionPoint(entry);
    return this.ordered[at] === entry ? at : this.ordered.indexOf(entry);
  }
}
