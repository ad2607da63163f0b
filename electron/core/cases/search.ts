/**
 * The in-memory search index over the register. Kept in step by the desk after every commit.
 *
 * - Built from the cases' keys (../schema/case-keys.ts: id, 案号, dates, codes, and one lowercase
 *   haystack of number, party and agent names, ID numbers, phone numbers, 案由), which the store reads
 *   at open without parsing the cases' heads; a case itself is fetched from the store only when a list
 *   shows it (its partition's heads parsed then, if they were not).
 * - Pinyin initials of names (`zs` finds 张三) are computed only when a query could be pinyin
 *   (ASCII letters), and cached per case revision: converting every name at open would cost seconds.
 * - Cases are kept sorted newest first (received date, then 案号 sequence), so a filtered list
 *   comes out in order without sorting the whole register per keystroke.
 */

import { pinyin } from 'pinyin-pro';

import type { DerivedView, Desk, ViewKind } from '../desk';
import type { Case } from '../schema/case';
import { type CaseKey, caseKeyOf, HAYSTACK_SEP, unreadableReason } from '../schema/case-keys';
import type { CaseStatus } from '../schema/codes';
import { CASE_STATUSES, DISPUTE_TYPES, PARTY_ROLES } from '../schema/codes';
import { maskIdNumber } from '../schema/identity';
import { searchable } from '../schema/text';
import type { Store } from '../store/types';

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
  return `${initials}${HAYSTACK_SEP}${full}`;
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
  return names.join(HAYSTACK_SEP);
}

/** What the index holds of a case: its keys' fields (not the key object: the warm-up drops those). */
interface Entry {
  id: string;
  number: string;
  receivedAt: string;
  status: string;
  disputeType: string;
  mediators: readonly string[];
  station?: string;
  unsigned: boolean;
  haystack: string;
  /** The case could not be indexed (damaged data): it still lists, matched by its number only. */
  broken: boolean;
  pinyin?: string;
  /** Sort keys as numbers: comparing strings made sorting 200,000 cases at open take most of a second. */
  day: number;
  created: number;
}

function entryOf(k: CaseKey): Entry {
  const r = k.receivedAt;
  const day = Number(r.slice(0, 4)) * 10_000 + Number(r.slice(5, 7)) * 100 + Number(r.slice(8, 10));
  const entry: Entry = {
    id: k.id,
    number: k.number,
    receivedAt: k.receivedAt,
    status: k.status,
    disputeType: k.disputeType,
    mediators: k.mediators,
    unsigned: k.unsigned,
    haystack: k.haystack,
    broken: k.broken !== undefined,
    day: day || 0,
    created: Date.parse(k.createdAt) || 0,
  };
  if (k.station !== undefined) entry.station = k.station;
  return entry;
}

/** Newest first: received date, then creation time, then id (a total order, so positions are stable). */
function newerFirst(a: Entry, b: Entry): number {
  if (a.day !== b.day) return b.day - a.day;
  if (a.created !== b.created) return b.created - a.created;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Above this many cases in one commit, the index merges them into its list instead of splicing each in. */
const SPLICED_AT_MOST = 64;

/** Two lists, each newest first, as one. */
function mergeNewerFirst(a: readonly Entry[], b: readonly Entry[]): Entry[] {
  const merged: Entry[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) merged[k++] = newerFirst(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) merged[k++] = a[i++];
  while (j < b.length) merged[k++] = b[j++];
  return merged;
}

/** Where the index gets a case it shows: the store (or, for a benchmark's baseline, a map). */
export type CaseSource = Pick<Store, 'getCase' | 'parseAllCases'>;

/** The search index as a view of the desk: filled from the register on first use, kept in step by every commit. */
export const CASE_INDEX: ViewKind<CaseIndex> = { name: '案件检索索引', create: () => new CaseIndex() };

/** The desk's search index (made on first use). */
export function caseIndex(desk: Desk): CaseIndex {
  return desk.view(CASE_INDEX);
}

export class CaseIndex implements DerivedView {
  private entries = new Map<string, Entry>();
  private numbers = new Map<string, string>();
  /** Entries newest first. */
  private ordered: Entry[] = [];
  /** `all()`'s answer, until the next change. */
  private cases: Case[] | undefined;
  private source: CaseSource = { getCase: () => undefined, parseAllCases: async () => undefined };

  rebuild(store: Store): void {
    this.load(store.caseKeys(), store);
  }

  /** Fill the index from keys; `source` gives the case of a key when it is shown. */
  load(keys: Iterable<CaseKey>, source: CaseSource): void {
    this.source = source;
    this.entries.clear();
    this.numbers.clear();
    this.cases = undefined;
    const all: Entry[] = [];
    for (const key of keys) {
      const entry = entryOf(key);
      this.entries.set(key.id, entry);
      this.numbers.set(key.number, key.id);
      all.push(entry);
    }
    all.sort(newerFirst);
    this.ordered = all;
  }

  byNumber(number: string): Case | undefined {
    const id = this.numbers.get(number.trim());
    return id === undefined ? undefined : this.caseOf(id);
  }

  hasNumber(number: string): boolean {
    return this.numbers.has(number);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Every indexed case, newest first (every case's head is parsed for it: statistics, reminders and 查重 read them all). */
  all(): readonly Case[] {
    this.cases ??= this.ordered.map((e) => this.caseOf(e.id));
    return this.cases;
  }

  /**
   * The cases a commit has just written (new or replaced). A save's few are spliced into the list; an
   * import's thousands are merged with it in one pass (spliced one by one into 200,000 entries, 10,000
   * cases took 3.6 s of moving the list, measured).
   */
  put(cases: readonly Case[]): void {
    const fresh = new Map<string, Entry>();
    for (const c of cases) fresh.set(c.id, entryOf(caseKeyOf(c)));
    const gone = new Set<Entry>();
    for (const [id, entry] of fresh) {
      const previous = this.entries.get(id);
      if (previous) {
        this.numbers.delete(previous.number);
        gone.add(previous);
      }
      this.entries.set(id, entry);
      this.numbers.set(entry.number, id);
    }
    if (fresh.size <= SPLICED_AT_MOST) {
      for (const previous of gone) this.ordered.splice(this.positionOf(previous), 1);
      for (const entry of fresh.values()) this.ordered.splice(this.insertionPoint(entry), 0, entry);
    } else {
      const kept = gone.size === 0 ? this.ordered : this.ordered.filter((e) => !gone.has(e));
      this.ordered = mergeNewerFirst(kept, [...fresh.values()].sort(newerFirst));
    }
    this.cases = undefined;
  }

  /**
   * Make the register ready for everything after sign-in, in small slices between turns of the event
   * loop: parse every case's head (statistics, reminders and 查重 read them all), then, newest first,
   * make each entry again from its case, with its pinyin (so that the first `zs` typed answers at once).
   * Made again because the keys come from the partitions in storage order: entries and search texts
   * made in list order lie in memory as a text search reads them (a search over 200,000 cases took
   * 100–220 ms with them where the partitions' parsing left them, 12–15 ms in order, measured), and
   * their strings are then the cases' own, not a second copy. For long-lived doors (desktop, harness): the event loop stays responsive between
   * slices, and a short-lived process (the CLI) is not kept alive by the timers. Resolves when done (or
   * when a damaged partition stops it: that is reported when a list or a case needs the partition).
   */
  async warm(slice = 2_000): Promise<void> {
    try {
      await this.source.parseAllCases();
    } catch {
      return;
    }
    for (let next = 0; next < this.ordered.length;) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0).unref());
      const entries = this.ordered;
      const end = Math.min(entries.length, next + slice);
      for (; next < end; next++) {
        const c = this.caseOf(entries[next].id);
        const entry = entryOf(caseKeyOf(c));
        if (!entry.broken) entry.pinyin = pinyinOf(c);
        entries[next] = entry;
        this.entries.set(entry.id, entry);
      }
    }
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
    const ordered = this.ordered;
    for (let i = 0; i < ordered.length; i++) {
      const entry = ordered[i];
      if (entry.broken) {
        // Listed as such while nothing but the text is asked for, so it is seen rather than lost.
        if (statuses || query.type || query.from || query.to || query.mediator || query.station || query.unsigned) continue;
        if (q && !entry.haystack.includes(q)) continue;
        if (total >= offset && items.length < limit) items.push(this.caseOf(entry.id));
        total++;
        continue;
      }
      if (statuses && !statuses.has(entry.status as CaseStatus)) continue;
      if (query.type && entry.disputeType !== query.type) continue;
      if (query.from && entry.receivedAt < query.from) continue;
      if (query.to && entry.receivedAt > query.to) continue;
      if (query.mediator && !entry.mediators.includes(query.mediator)) continue;
      if (query.station && entry.station !== query.station) continue;
      if (query.unsigned && !entry.unsigned) continue;
      if (q) {
        if (!entry.haystack.includes(q)) {
          if (!mightBePinyin) continue;
          entry.pinyin ??= pinyinOf(this.caseOf(entry.id));
          if (!entry.pinyin.includes(q)) continue;
        }
      }
      if (total >= offset && items.length < limit) items.push(this.caseOf(entry.id));
      total++;
    }
    return { total, items };
  }

  /** The case of an indexed id: the index and the store change together (desk.commit), so it is there. */
  private caseOf(id: string): Case {
    const c = this.source.getCase(id);
    if (!c) throw new Error(`案件检索索引与数据不一致：找不到案件 ${id}`);
    return c;
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
