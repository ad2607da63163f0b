/**
 * Repeat-dispute and duplicate-party check. An in-memory index from identifying keys of parties to
 * the (case, party) pairs that carry them:
 *
 *   id:<type>:<number>   居民身份证 (normalised to 18 characters) or another ID document number
 *   cc:<code>            统一社会信用代码
 *   np:<name>|<phone>    the same name with the same phone number
 *   na:<name>|<address>  the same name with the same address (whitespace ignored)
 *   ph:<phone>           the phone number alone: front-desk visitors only (a returning caller is
 *                        recognised by the number before the name is typed; for parties of cases a
 *                        shared family phone would flag strangers, so cases are not filed under it)
 *
 * The front desk's requests are filed in the same index under their visitor (`RequestPosting`), so
 * that the desk recognises a returning visitor with the same keys the intake check uses.
 *
 * The desk keeps it in step on every commit (`put`), like the search index; it is built lazily on the
 * first check, so opening a large register costs nothing until someone asks. Lookups are a handful of
 * map reads, whatever the size of the register.
 */

import { caseIndex } from '../cases/search';
import type { DerivedView, Desk, ViewKind } from '../desk';
import type { Case, Party } from '../schema/case';
import { CASE_STATUSES, PARTY_ROLES } from '../schema/codes';
import { maskIdNumber, normaliseCode, normalisePhone, normaliseResidentId } from '../schema/identity';
import type { Request } from '../schema/request';
import { cleanLine } from '../schema/text';
import type { RecordKind, StoredRecord } from '../store/types';
import { nextTurn } from '../turns';
import { finishedOn } from './stats';

export type MatchReason = 'id-number' | 'credit-code' | 'name-phone' | 'name-address' | 'phone';

export const MATCH_REASON_LABELS: Record<MatchReason, string> = {
  'id-number': '身份证件号码相同',
  'credit-code': '统一社会信用代码相同',
  'name-phone': '姓名（名称）和电话相同',
  'name-address': '姓名（名称）和住址相同',
  phone: '电话相同',
};

/** A party as far as the check needs it: a stored party, or a draft typed at intake (all optional). */
export interface PartyProbe {
  id?: string;
  kind?: string;
  name?: string;
  idType?: string;
  idNumber?: string;
  creditCode?: string;
  phone?: string;
  address?: string;
}

export interface Posting {
  caseId: string;
  partyId: string;
}

/** Where postings are looked up: the in-memory index, or what a centre's database returned for a probe's keys. */
export interface PostingLookup {
  lookup(key: string): readonly Posting[];
}

/** A front-desk request filed under its visitor. */
export interface RequestPosting {
  requestId: string;
}

type AnyPosting = Posting | RequestPosting;
const isCasePosting = (p: AnyPosting): p is Posting => 'caseId' in p;
const recordIdOf = (p: AnyPosting) => (isCasePosting(p) ? p.caseId : p.requestId);

const WHITESPACE = /[\s\u3000]/g;
/** Names and addresses compare cleaned (NFC, no invisible characters), whitespace ignored. */
const squash = (text: string | undefined) => (typeof text === 'string' ? cleanLine(text).replace(WHITESPACE, '') : '');
const CANONICAL_CODE = /^[0-9A-Z]+$/;
const CANONICAL_PHONE = /^(?:1\d{10}|0\d{2,3}-\d{7,8}(?:-\d{1,6})?)$/;

/** Stored values are already normalised by the input schemas; only test them, normalise what is not. */
function idKey(type: string, raw: string): string {
  if (typeof raw !== 'string') return '';
  if (type === 'resident-id') return raw.length === 18 && CANONICAL_CODE.test(raw) ? raw : normaliseResidentId(raw);
  return CANONICAL_CODE.test(raw) ? raw : normaliseCode(raw);
}

/**
 * Calls `emit` with each key a party is found under and why it matches (no allocation beyond the keys).
 * `phoneAlone`: also the phone number by itself (front-desk visitors, and probes recognising one).
 */
function eachKey(p: PartyProbe, emit: (key: string, reason: MatchReason) => void, phoneAlone = false): void {
  if (p.kind !== 'organization' && p.idNumber) {
    const type = p.idType ?? 'resident-id';
    const number = idKey(type, p.idNumber);
    if (number) emit(`id:${type}:${number}`, 'id-number');
  }
  if (typeof p.creditCode === 'string' && p.creditCode) {
    const code = CANONICAL_CODE.test(p.creditCode) ? p.creditCode : normaliseCode(p.creditCode);
    if (code) emit(`cc:${code}`, 'credit-code');
  }
  const name = squash(p.name);
  const phone = typeof p.phone === 'string' && p.phone ? (CANONICAL_PHONE.test(p.phone) ? p.phone : normalisePhone(p.phone)) : '';
  if (phoneAlone && phone) emit(`ph:${phone}`, 'phone');
  if (name) {
    if (phone) emit(`np:${name}|${phone}`, 'name-phone');
    const address = squash(p.address);
    if (address) emit(`na:${name}|${address}`, 'name-address');
  }
}

/** The keys a party is found under, each with why it matches (`phoneAlone` for front-desk visitors). */
export function partyKeys(p: PartyProbe, phoneAlone = false): { key: string; reason: MatchReason }[] {
  const keys: { key: string; reason: MatchReason }[] = [];
  eachKey(p, (key, reason) => keys.push({ key, reason }), phoneAlone);
  return keys;
}

/** A request's visitor as a party probe. */
export function visitorProbe(r: Pick<Request, 'visitor'>): PartyProbe {
  const v = r.visitor;
  return { kind: 'person', name: v.name, idType: v.idType, idNumber: v.idNumber, phone: v.phone, address: v.address };
}

/**
 * Most keys belong to one party only, so a key maps to a single posting, and to an array only once a
 * second party shares it: at 200,000 cases that saves about a million small arrays.
 */
type Slot = AnyPosting | AnyPosting[];

const NO_REQUESTS = (): Iterable<Request> => [];

/**
 * The desk's party index, built on first use (in slices, without blocking other calls) and kept in
 * step by its commits. At a station it also files the front desk's visitors; a centre, which registers
 * no one, leaves its hundreds of thousands of imported requests out.
 */
export async function partyIndexOf(desk: Desk): Promise<PartyIndex> {
  const station = desk.maybeSettings()?.role !== 'centre';
  const view = desk.view(PARTY_INDEX);
  // the cases' heads parsed in slices first (opening read only their keys), so the build never holds the event loop for seconds
  if (!view.built) await desk.store.parseAllCases();
  return view.ensureAsync(
    desk.store,
    () => caseIndex(desk).all(),
    undefined,
    station ? () => desk.store.allRecords<Request>('requests') : NO_REQUESTS,
  );
}

/**
 * The duplicate-party index as a view of the desk. It is built lazily and in slices (`ensureAsync`),
 * so the view's `rebuild` only forgets what it held; the next check builds it again.
 */
export const PARTY_INDEX: ViewKind<PartyIndex> = { name: '当事人查重索引', create: () => new PartyIndex() };

export class PartyIndex implements DerivedView, PostingLookup {
  private postings = new Map<string, Slot>();
  /** The keys each case (or request: ids are UUIDs, never shared) is filed under, to take them out again. */
  private keysByCase = new Map<string, string[]>();
  /** Whether requests are filed (a station's front desk); set by the build. */
  private filesRequests = false;
  /** What the index was built from (the desk's store): a different store (after a restore) means rebuild. */
  private builtFor: unknown = undefined;

  get built(): boolean {
    return this.builtFor !== undefined;
  }

  private building: Promise<void> | undefined;
  /** Cases and requests committed while a build is running: applied when it ends. */
  private pending: Map<string, { case: Case } | { request: Request }> | undefined;

  /** Forget everything (after a restore): the next `ensure` builds from the register again. */
  rebuild(): void {
    this.builtFor = undefined;
    this.postings.clear();
    this.keysByCase.clear();
    this.unreadable.clear();
  }

  /** Build from `cases` (and `requests`) at once unless already built for this `source` (tests, small registers). */
  ensure(source: unknown, cases: () => Iterable<Case>, requests: () => Iterable<Request> = NO_REQUESTS): this {
    if (this.builtFor === source) return this;
    this.postings.clear();
    this.keysByCase.clear();
    this.filesRequests = requests !== NO_REQUESTS;
    this.unreadable.clear();
    for (const c of cases()) this.add(c);
    for (const r of requests()) this.addRequest(r);
    this.builtFor = source;
    return this;
  }

  /**
   * The same, in slices that yield to the event loop: at 200,000 cases a build takes seconds, and in
   * the desktop app the core shares the main process with every other call. Concurrent callers wait
   * for the same build; commits made meanwhile are applied when it ends.
   */
  async ensureAsync(
    source: unknown,
    cases: () => readonly Case[],
    slice = 5_000,
    requests: () => Iterable<Request> = NO_REQUESTS,
  ): Promise<this> {
    if (this.builtFor === source && !this.building) return this;
    this.building ??= (async () => {
      this.filesRequests = requests !== NO_REQUESTS;
      const snapshot: ({ case: Case } | { request: Request })[] = cases().map((c) => ({ case: c }));
      for (const r of requests()) snapshot.push({ request: r });
      this.builtFor = undefined;
      this.pending = new Map();
      this.postings.clear();
      this.keysByCase.clear();
      this.unreadable.clear();
      try {
        for (let i = 0; i < snapshot.length; i += slice) {
          const end = Math.min(snapshot.length, i + slice);
          for (let j = i; j < end; j++) this.addEither(snapshot[j]);
          if (end < snapshot.length) await nextTurn();
        }
        this.builtFor = source;
        const late = this.pending;
        this.pending = undefined;
        for (const item of late.values()) {
          if ('case' in item) this.put([item.case]);
          else this.putRecord('requests', item.request);
        }
      } finally {
        this.pending = undefined;
        this.building = undefined;
      }
    })();
    await this.building;
    return this;
  }

  /** Keep in step with committed cases; nothing to do before the first build. */
  put(cases: readonly Case[]): void {
    for (const c of cases) {
      if (this.pending) this.pending.set(c.id, { case: c });
      else if (this.built) {
        this.remove(c.id);
        this.add(c);
      }
    }
  }

  /** Keep in step with a committed request (its visitor); nothing to do before the first build. */
  putRecord(kind: RecordKind, record: StoredRecord): void {
    if (kind !== 'requests' || !this.filesRequests) return;
    const r = record as Request;
    if (this.pending) {
      this.pending.set(r.id, { request: r });
      return;
    }
    if (!this.built) return;
    this.remove(r.id);
    this.addRequest(r);
  }

  /** The parties of cases filed under `key`. */
  lookup(key: string): readonly Posting[] {
    return this.postingsAt(key).filter(isCasePosting);
  }

  /** The requests whose visitor is filed under `key`. */
  lookupRequests(key: string): readonly RequestPosting[] {
    return this.postingsAt(key).filter((p): p is RequestPosting => !isCasePosting(p));
  }

  private postingsAt(key: string): readonly AnyPosting[] {
    const slot = this.postings.get(key);
    return slot === undefined ? [] : Array.isArray(slot) ? slot : [slot];
  }

  /** Cases whose parties could not be read (damaged data), with why: left out of the index, reported by the checks. */
  readonly unreadable = new Map<string, string>();

  private file(key: string, posting: AnyPosting): void {
    const slot = this.postings.get(key);
    if (slot === undefined) this.postings.set(key, posting);
    else if (Array.isArray(slot)) slot.push(posting);
    else this.postings.set(key, [slot, posting]);
  }

  private addEither(item: { case: Case } | { request: Request }): void {
    if ('case' in item) this.add(item.case);
    else this.addRequest(item.request);
  }

  private add(c: Case): void {
    const keys: string[] = [];
    let parties: { id: string; key: string }[] = [];
    try {
      for (const p of c.parties) eachKey(p, (key) => parties.push({ id: p.id, key }));
    } catch (error) {
      // One damaged case must not stop the check for the whole register: it is left out and reported.
      parties = [];
      this.unreadable.set(c.id, error instanceof Error ? error.message : String(error));
    }
    for (const { id, key } of parties) {
      this.file(key, { caseId: c.id, partyId: id });
      keys.push(key);
    }
    this.keysByCase.set(c.id, keys);
  }

  private addRequest(r: Request): void {
    const keys: string[] = [];
    try {
      eachKey(visitorProbe(r), (key) => keys.push(key), true);
    } catch {
      // A damaged request is left out: recognising a returning visitor is a hint, and it must not stop
      // the duplicate check of the cases built in the same pass.
      keys.length = 0;
    }
    const posting: RequestPosting = { requestId: r.id };
    for (const key of keys) this.file(key, posting);
    this.keysByCase.set(r.id, keys);
  }

  /** Forget a case's or a request's keys (ids are UUIDs: the two never collide). */
  private remove(id: string): void {
    for (const key of this.keysByCase.get(id) ?? []) {
      const kept = this.postingsAt(key).filter((x) => recordIdOf(x) !== id);
      if (kept.length === 0) this.postings.delete(key);
      else this.postings.set(key, kept.length === 1 ? kept[0] : kept);
    }
    this.keysByCase.delete(id);
    this.unreadable.delete(id);
  }
}

/** A case the check could not read or show, and why. */
export interface UnreadableCase {
  caseId: string;
  number: string;
  reason: string;
}

/** A "same person" link the user confirmed between two parties of two cases (doc `links`). */
export interface PartyRef {
  caseId: string;
  partyId: string;
}
export interface PartyLink {
  a: PartyRef;
  b: PartyRef;
  at: string;
  operator: string;
}
export interface LinksDoc {
  pairs: PartyLink[];
}

const sameRef = (x: PartyRef, y: PartyRef) => x.caseId === y.caseId && x.partyId === y.partyId;

export function isLinked(links: LinksDoc | undefined, x: PartyRef, y: PartyRef): boolean {
  return (links?.pairs ?? []).some((l) => (sameRef(l.a, x) && sameRef(l.b, y)) || (sameRef(l.a, y) && sameRef(l.b, x)));
}

export interface DuplicateMatch {
  caseId: string;
  caseNumber: string;
  status: string;
  statusLabel: string;
  receivedAt: string;
  /** The agreement or outcome date, when the case was finished. */
  finishedAt?: string;
  closedAt?: string;
  summary: string;
  station?: string;
  stationName?: string;
  party: { id: string; name: string; role: string; roleLabel: string; idNumberMasked: string; phone: string };
  reasons: MatchReason[];
  reasonLabels: string[];
  /**
   * The same ID number under another name (or the same name and phone/address under another ID number):
   * most likely one person typed wrongly once, not two people. Said so, to check and correct.
   */
  probableTypo?: 'name' | 'id-number';
  typoLabel?: string;
  /** The user has said these are the same person. */
  linked: boolean;
}

export const TYPO_LABELS: Record<NonNullable<DuplicateMatch['probableTypo']>, string> = {
  name: '证件号码相同而姓名不同：很可能是同一人，某一处姓名录入有误，请核对更正',
  'id-number': '姓名和电话或住址相同而证件号码不同：很可能是同一人，某一处证件号码录入有误，请核对更正',
};

/** Why a match looks like a typo rather than two people, if it does. */
export function probableTypo(probe: PartyProbe, other: Party, reasons: readonly MatchReason[]): DuplicateMatch['probableTypo'] {
  const byNumber = reasons.includes('id-number') || reasons.includes('credit-code');
  if (byNumber && squash(probe.name) && squash(probe.name) !== squash(other.name)) return 'name';
  if (byNumber || other.kind !== 'person' || probe.kind === 'organization' || !probe.idNumber || !other.idNumber) return undefined;
  const type = probe.idType ?? 'resident-id';
  if (type !== other.idType) return undefined;
  return idKey(type, probe.idNumber) !== idKey(other.idType, other.idNumber) ? 'id-number' : undefined;
}

function describe(c: Case, p: Party, reasons: MatchReason[], linked: boolean, typo: DuplicateMatch['probableTypo']): DuplicateMatch {
  const match: DuplicateMatch = {
    caseId: c.id,
    caseNumber: c.number,
    status: c.status,
    statusLabel: CASE_STATUSES.label(c.status),
    receivedAt: c.receivedAt,
    summary: c.summary,
    party: {
      id: p.id,
      name: p.name,
      role: p.role,
      roleLabel: PARTY_ROLES.label(p.role),
      idNumberMasked: maskIdNumber(p.kind === 'person' ? p.idNumber : p.creditCode),
      phone: p.phone ?? '',
    },
    reasons,
    reasonLabels: reasons.map((r) => MATCH_REASON_LABELS[r]),
    linked,
  };
  if (typo) {
    match.probableTypo = typo;
    match.typoLabel = TYPO_LABELS[typo];
  }
  const finished = finishedOn(c);
  if (finished) match.finishedAt = finished;
  if (c.closedAt) match.closedAt = c.closedAt;
  if (c.origin) {
    match.station = c.origin.stationCode;
    match.stationName = c.origin.stationName;
  }
  return match;
}

/**
 * Other cases' parties matching `probe`, newest case first. `self` (the probe's own case and party,
 * when it is a stored party) is left out, as are other parties of the same case.
 */
export function findMatches(
  index: PostingLookup,
  getCase: (id: string) => Case | undefined,
  probe: PartyProbe,
  self: { caseId?: string; partyId?: string },
  links: LinksDoc | undefined,
  unreadable?: UnreadableCase[],
): DuplicateMatch[] {
  const found = new Map<string, { caseId: string; partyId: string; reasons: MatchReason[] }>();
  for (const { key, reason } of partyKeys(probe)) {
    for (const post of index.lookup(key)) {
      if (post.caseId === self.caseId) continue;
      const id = `${post.caseId}/${post.partyId}`;
      const entry = found.get(id) ?? { ...post, reasons: [] };
      if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
      found.set(id, entry);
    }
  }
  const out: DuplicateMatch[] = [];
  for (const hit of found.values()) {
    const c = getCase(hit.caseId);
    try {
      const p = c?.parties.find((x) => x.id === hit.partyId);
      if (!c || !p) continue;
      const linked = self.caseId && self.partyId ? isLinked(links, { caseId: self.caseId, partyId: self.partyId }, hit) : false;
      out.push(describe(c, p, hit.reasons, linked, probableTypo(probe, p, hit.reasons)));
    } catch (error) {
      // A matching case that cannot be shown is reported, and the other matches still are.
      unreadable?.push({
        caseId: hit.caseId,
        number: typeof c?.number === 'string' ? c.number : '',
        reason: String((error as Error)?.message ?? error),
      });
    }
  }
  out.sort((a, b) => (a.receivedAt !== b.receivedAt ? (a.receivedAt < b.receivedAt ? 1 : -1) : a.caseNumber < b.caseNumber ? 1 : -1));
  return out;
}
