/**
 * The in-memory search index over the register. Kept in step by the desk after every commit.
 *
 * - One lowercase haystack per case (number, party and agent names, ID numbers, phone numbers, 案由),
 *   fields separated by a control character so that a query never matches across two fields.
 * - Pinyin initials of names (`zs` finds 张三) are computed only when a query could be pinyin
 *   (ASCII letters), and cached per case revision: converting every name at open would cost seconds.
 * - Cases are kept sorted newest first (received date, then 案号 sequence), so a filtered list
 *   comes out in order without sorting the whole register per keystroke.
 */

import { pinyin } from 'pinyin-pro';

import type { DerivedView, Desk, ViewKind } from '../desk';
import type { Case } from '../schema/case';
import type { CaseStatus } from '../schema/codes';
import { CASE_STATUSES, DISPUTE_TYPES, PARTY_ROLES } from '../schema/codes';
import { maskIdNumber } from '../schema/identity';
import { PLAIN_CHARS, searchable } from '../schema/text';

const SEP = '\u0001';
/** A haystack with nothing to clean (nearly all): the separator and plain characters only. */
const PLAIN_HAYSTACK = new RegExp(`^[\\u0001${PLAIN_CHARS}]*$`);

export interface CaseQuery {
  q?: string;
  status?: CaseStatus | CaseStatus[];
  type?: string;
  mediator?: string;
  from?: string;
  to?: string;
  station?: string;
  /** Only written agreements not yet signed (工作台's 协议待签署 queue). */
  unsigned?: boolean;
  offset?: number;
  limit?: number;
}

export interface PartySummary {
  role: string;
  roleLabel: string;
  kind: string;
  name: string;
  idNumberMasked: string;
  phone: string;
}

/** A row of the case list: what lists and `case list` show; ID numbers are masked. */
export interface CaseSummary {
  id: string;
  number: string;
  receivedAt: string;
  status: string;
  statusLabel: string;
  disputeType: string;
  disputeTypeLabel: string;
  summary: string;
  amountFen: number;
  mediators: string[];
  parties: PartySummary[];
  revision: number;
  updatedAt: string;
  centreMark?: { mark: string; reason?: string };
  /** At a centre: the station the case came from, by code and name. */
  station?: string;
  stationName?: string;
  /** The agreement's form and dates, so lists can show 待签署 and deadlines without loading the case. */
  agreement?: { form: string; date: string; effectiveDate?: string; performanceDeadline?: string };
  /** Set when the case could not be shown: why. The row still lists, so the rest of the register does. */
  unreadable?: string;
}

/** Why a case could not be read or shown, in Chinese (the program's own wording, never a stack trace). */
export function unreadableReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /[\u4e00-\u9fff]/.test(message) ? message : `案件数据不完整或格式异常（${message.slice(0, 80)}）`;
}

/**
 * The row of a case that cannot be summarised (damaged data, a field written by a newer version): its
 * id and number as far as they can be read, and why. Shown as such; the rest of the register lists.
 */
export function unreadableSummary(c: Case, reason: string): CaseSummary {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    id: text(c?.id),
    number: text(c?.number) || '（案号无法读取）',
    receivedAt: text(c?.receivedAt),
    status: text(c?.status),
    statusLabel: '无法显示',
    disputeType: '',
    disputeTypeLabel: '',
    summary: `此案件无法显示：${reason}`,
    amountFen: 0,
    mediators: [],
    parties: [],
    revision: typeof c?.revision === 'number' ? c.revision : 0,
    updatedAt: text(c?.updatedAt),
    unreadable: reason,
  };
}

/** The summary, or the placeholder row when the case cannot be shown. */
export function safeSummary(c: Case): CaseSummary {
  try {
    return summarise(c);
  } catch (error) {
    return unreadableSummary(c, unreadableReason(error));
  }
}

export function summarise(c: Case): CaseSummary {
  const row: CaseSummary = {
    id: c.id,
    number: c.number,
    receivedAt: c.receivedAt,
    status: c.status,
    statusLabel: CASE_STATUSES.label(c.status),
    disputeType: c.disputeType,
    disputeTypeLabel: DISPUTE_TYPES.label(c.disputeType),
    summary: c.summary,
    amountFen: c.amountFen,
    mediators: c.mediators,
    parties: c.parties.map((p) => ({
      role: p.role,
      roleLabel: PARTY_ROLES.label(p.role),
      kind: p.kind,
      name: p.name,
      idNumberMasked: maskIdNumber(p.kind === 'person' ? p.idNumber : p.creditCode),
      phone: p.phone ?? '',
    })),
    revision: c.revision,
    updatedAt: c.updatedAt,
  };
  if (c.centreMark) row.centreMark = { mark: c.centreMark.mark, reason: c.centreMark.reason };
  if (c.origin) {
    row.station = c.origin.stationCode;
    row.stationName = c.origin.stationName;
  }
  if (c.agreement) {
    const { form, date, effectiveDate, performanceDeadline } = c.agreement;
    row.agreement = { form, date };
    if (effectiveDate) row.agreement.effectiveDate = effectiveDate;
    if (performanceDeadline) row.agreement.performanceDeadline = performanceDeadline;
  }
  return row;
}

/** What a query is looked for in: lowercase, one field after another (also a centre's database keeps it: database/cases.ts). */
export function haystackOf(c: Case): string {
  const parts: string[] = [c.number, c.summary];
  for (const p of c.parties) {
    parts.push(p.name);
    if (p.phone) parts.push(p.phone, p.phone.replace(/-/g, ''));
    if (p.kind === 'person' && p.idNumber) parts.push(p.idNumber);
    if (p.kind === 'organization') {
      if (p.creditCode) parts.push(p.creditCode);
      if (p.representative) parts.push(p.representative);
    }
    if (p.agent) parts.push(p.agent.name, p.agent.phone ?? '');
  }
  const joined = parts.join(SEP);
  // Search compares cleaned text (NFC, no zero-width or control characters) on both sides.
  return PLAIN_HAYSTACK.test(joined) ? joined.toLowerCase() : parts.map(searchable).join(SEP);
}

/**
 * Pinyin of one character as [initial, full], cached: a register has a few thousand distinct
 * characters in its names, so converting per character (not per name) makes the first pinyin
 * search over 50,000 cases take milliseconds instead of seconds. The first character of a person's
 * name is read as a surname (单 → shan, 曾 → zeng).
 */
const pinyinCache = new Map<string, readonly [string, string]>();

function pinyinOfChar(ch: string, asSurname: boolean): readonly [string, string] {
  const key = asSurname ? `^${ch}` : ch;
  let hit = pinyinCache.get(key);
  if (!hit) {
    const full = pinyin(ch, { toneType: 'none', surname: asSurname ? 'head' : 'off' }).toLowerCase();
    // the first code point, not the first UTF-16 unit: a rare character pinyin-pro leaves as it is (𠮷) is a surrogate pair
    hit = [[...full][0] ?? '', full];
    pinyinCache.set(key, hit);
  }
  return hit;
}

function pinyinOfName(name: string, person: boolean): string {
  let initials = '';
  let full = '';
  let first = true;
  for (const ch of name) {
    const [initial, whole] = pinyinOfChar(ch, person && first);
    initials += initial;
    full += whole;
    first = false;
  }
  return `${initials}${SEP}${full}`;
}

/** The pinyin (initials, then full) of every party's and agent's name, for letter-only queries. */
export function pinyinOf(c: Case): string {
  const names: string[] = [];
  try {
    for (const p of c.parties) {
      names.push(pinyinOfName(String(p.name ?? ''), p.kind === 'person'));
      if (p.agent) names.push(pinyinOfName(String(p.agent.name ?? ''), true));
    }
  } catch {
    // damaged parties: the case is still found by its other fields
  }
  return names.join(SEP);
}

interface Entry {
  c: Case;
  haystack: string;
  pinyin?: string;
  /** Sort keys as numbers: comparing strings made sorting 200,000 cases at open take most of a second. */
  day: number;
  created: number;
  /** The case could not be indexed (damaged data): why. It still lists, matched by its number only. */
  broken?: string;
}

function entryOf(c: Case): Entry {
  try {
    const r = c.receivedAt;
    const day = Number(r.slice(0, 4)) * 10_000 + Number(r.slice(5, 7)) * 100 + Number(r.slice(8, 10));
    return { c, haystack: haystackOf(c), day: day || 0, created: Date.parse(c.createdAt) || 0 };
  } catch (error) {
    return { c, haystack: typeof c?.number === 'string' ? searchable(c.number) : '', day: 0, created: 0, broken: unreadableReason(error) };
  }
}

/** Newest first: received date, then creation time, then id (a total order, so positions are stable). */
function newerFirst(a: Entry, b: Entry): number {
  if (a.day !== b.day) return b.day - a.day;
  if (a.created !== b.created) return b.created - a.created;
  return a.c.id < b.c.id ? 1 : a.c.id > b.c.id ? -1 : 0;
}

/** The search index as a view of the desk: filled from the register on first use, kept in step by every commit. */
export const CASE_INDEX: ViewKind<CaseIndex> = { name: '案件检索索引', create: () => new CaseIndex() };

/** The desk's search index (made on first use). */
export function caseIndex(desk: Desk): CaseIndex {
  return desk.view(CASE_INDEX);
}

export class CaseIndex implements DerivedView {
  private entries = new Map<string, Entry>();
  private numbers = new Map<string, string>();
  /** Cases newest first, and their entries at the same positions (the search loop reads both, no lookups). */
  private ordered: Case[] = [];
  private orderedEntries: Entry[] = [];

  rebuild(cases: Iterable<Case>): void {
    this.entries.clear();
    this.numbers.clear();
    const all: Entry[] = [];
    for (const c of cases) {
      const entry = entryOf(c);
      this.entries.set(c.id, entry);
      this.numbers.set(c.number, c.id);
      all.push(entry);
    }
    all.sort(newerFirst);
    this.orderedEntries = all;
    this.ordered = all.map((e) => e.c);
  }

  byNumber(number: string): Case | undefined {
    const id = this.numbers.get(number.trim());
    return id === undefined ? undefined : this.entries.get(id)?.c;
  }

  hasNumber(number: string): boolean {
    return this.numbers.has(number);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Every indexed case, newest first. */
  all(): readonly Case[] {
    return this.ordered;
  }

  put(c: Case): void {
    const previous = this.entries.get(c.id);
    if (previous) {
      this.numbers.delete(previous.c.number);
      const at = this.positionOf(previous);
      this.ordered.splice(at, 1);
      this.orderedEntries.splice(at, 1);
    }
    const entry = entryOf(c);
    this.entries.set(c.id, entry);
    this.numbers.set(c.number, c.id);
    const at = this.insertionPoint(entry);
    this.ordered.splice(at, 0, c);
    this.orderedEntries.splice(at, 0, entry);
  }

  /**
   * Compute the pinyin of every case in small slices on unref'd timers, so that the first `zs` typed
   * in the register answers at once. For long-lived doors (desktop, harness): the event loop stays
   * responsive between slices, and a short-lived process (the CLI) is not kept alive by it.
   */
  warmPinyin(slice = 2_000): void {
    let next = 0;
    const step = () => {
      const entries = this.orderedEntries;
      const end = Math.min(entries.length, next + slice);
      for (; next < end; next++) if (!entries[next].broken) entries[next].pinyin ??= pinyinOf(entries[next].c);
      if (next < entries.length) setTimeout(step, 0).unref();
    };
    setTimeout(step, 0).unref();
  }

  /** Cases matching the query, newest first, with the total before paging. */
  search(query: CaseQuery): { total: number; items: Case[] } {
    const q = query.q === undefined ? '' : searchable(query.q);
    const statuses = query.status === undefined ? undefined : new Set(Array.isArray(query.status) ? query.status : [query.status]);
    const mightBePinyin = /^[a-z]+$/.test(q);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    const items: Case[] = [];
    let total = 0;
    const ordered = this.orderedEntries;
    for (let i = 0; i < ordered.length; i++) {
      const entry = ordered[i];
      const c = entry.c;
      if (entry.broken) {
        // Listed as such while nothing but the text is asked for, so it is seen rather than lost.
        if (statuses || query.type || query.from || query.to || query.mediator || query.station || query.unsigned) continue;
        if (q && !entry.haystack.includes(q)) continue;
        if (total >= offset && items.length < limit) items.push(c);
        total++;
        continue;
      }
      if (statuses && !statuses.has(c.status)) continue;
      if (query.type && c.disputeType !== query.type) continue;
      if (query.from && c.receivedAt < query.from) continue;
      if (query.to && c.receivedAt > query.to) continue;
      if (query.mediator && !c.mediators.includes(query.mediator)) continue;
      if (query.station && c.origin?.stationCode !== query.station) continue;
      if (query.unsigned && !(c.agreement?.form === 'written' && !c.agreement.effectiveDate)) continue;
      if (q) {
        if (!entry.haystack.includes(q)) {
          if (!mightBePinyin) continue;
          entry.pinyin ??= pinyinOf(c);
          if (!entry.pinyin.includes(q)) continue;
        }
      }
      if (total >= offset && items.length < limit) items.push(c);
      total++;
    }
    return { total, items };
  }

  private insertionPoint(entry: Entry): number {
    let lo = 0;
    let hi = this.orderedEntries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (newerFirst(this.orderedEntries[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private positionOf(entry: Entry): number {
    const at = this.insertionPoint(entry);
    return this.orderedEntries[at] === entry ? at : this.orderedEntries.indexOf(entry);
  }
}
