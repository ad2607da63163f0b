/**
 * A case's keys: what the register's list and search filter on, and what the store needs to find a case
 * (id, 案号), without the case itself.
 *
 * Why a separate, compact form: making every case head a live object was most of the cost of opening
 * the embedded register (JSON parsing and the garbage collector copying 50,000 heads into the old
 * generation: ~2 s of ~2.5 s at 50,000). Each partition file carries its cases' keys in a line of its
 * own (store/buckets.ts), written from the same heads in the same save, so they are never stale or
 * torn from what they describe; opening reads the keys and builds the search index from them, and a
 * partition's heads are parsed when one of its cases is first asked for.
 *
 * The keys are stored as arrays (one per case, fields in the order of `KEY_FIELDS`): an array of
 * strings is parsed faster and holds less than an object with the same names repeated.
 */

import type { Case } from './case';
import { PLAIN_CHARS, searchable } from './text';

/** Fields of a haystack are separated by a control character, so that a query never matches across two fields. */
export const HAYSTACK_SEP = '\u0001';
/** A haystack with nothing to clean (nearly all): the separator and plain characters only. */
const PLAIN_HAYSTACK = new RegExp(`^[\\u0001${PLAIN_CHARS}]*$`);

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
  const joined = parts.join(HAYSTACK_SEP);
  // Search compares cleaned text (NFC, no zero-width or control characters) on both sides.
  return PLAIN_HAYSTACK.test(joined) ? joined.toLowerCase() : parts.map(searchable).join(HAYSTACK_SEP);
}

/** Why a case could not be read or shown, in Chinese (the program's own wording, never a stack trace). */
export function unreadableReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /[\u4e00-\u9fff]/.test(message) ? message : `案件数据不完整或格式异常（${message.slice(0, 80)}）`;
}

export interface CaseKey {
  id: string;
  number: string;
  receivedAt: string;
  createdAt: string;
  /** The time of the last event (reminders' clock check reads the newest). */
  updatedAt: string;
  status: string;
  disputeType: string;
  mediators: string[];
  /** At a centre: the code of the station the case came from. */
  station?: string;
  /** A written agreement not yet signed (工作台's 协议待签署 queue). */
  unsigned: boolean;
  haystack: string;
  /** The case could not be indexed (damaged data): why. It still lists, matched by its number only. */
  broken?: string;
}

/** The keys of a case; a damaged case gets keys that list it as such (its number, and why). */
export function caseKeyOf(c: Case): CaseKey {
  try {
    const key: CaseKey = {
      id: c.id,
      number: c.number,
      receivedAt: c.receivedAt,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      status: c.status,
      disputeType: c.disputeType,
      mediators: c.mediators,
      unsigned: c.agreement?.form === 'written' && !c.agreement.effectiveDate,
      haystack: haystackOf(c),
    };
    if (c.origin) key.station = c.origin.stationCode;
    return key;
  } catch (error) {
    return brokenKey(c, unreadableReason(error));
  }
}

function brokenKey(c: Case, reason: string): CaseKey {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    id: text(c?.id),
    number: text(c?.number),
    receivedAt: text(c?.receivedAt),
    createdAt: text(c?.createdAt),
    updatedAt: text(c?.updatedAt),
    status: text(c?.status),
    disputeType: '',
    mediators: [],
    unsigned: false,
    haystack: typeof c?.number === 'string' ? searchable(c.number) : '',
    broken: reason,
  };
}

/** The stored form: [id, number, receivedAt, createdAt, updatedAt, status, disputeType, mediators, station, unsigned, haystack, broken]. */
export type StoredCaseKey = [string, string, string, string, string, string, string, string[], string, 0 | 1, string, string];

export function storedKey(k: CaseKey): StoredCaseKey {
  return [
    k.id,
    k.number,
    k.receivedAt,
    k.createdAt,
    k.updatedAt,
    k.status,
    k.disputeType,
    k.mediators,
    k.station ?? '',
    k.unsigned ? 1 : 0,
    k.haystack,
    k.broken ?? '',
  ];
}

/** A stored key read back, or why it is not one (the partition is then damaged). */
export function keyFromStored(raw: unknown): CaseKey | string {
  if (!Array.isArray(raw) || raw.length !== 12) return '索引项格式不符';
  const [id, number, receivedAt, createdAt, updatedAt, status, disputeType, mediators, station, unsigned, haystack, broken] =
    raw as unknown[];
  for (const text of [id, number, receivedAt, createdAt, updatedAt, status, disputeType, station, haystack, broken]) {
    if (typeof text !== 'string') return '索引项格式不符';
  }
  if (!Array.isArray(mediators) || !mediators.every((m) => typeof m === 'string') || (unsigned !== 0 && unsigned !== 1))
    return '索引项格式不符';
  const key: CaseKey = {
    id: id as string,
    number: number as string,
    receivedAt: receivedAt as string,
    createdAt: createdAt as string,
    updatedAt: updatedAt as string,
    status: status as string,
    disputeType: disputeType as string,
    mediators: mediators as string[],
    unsigned: unsigned === 1,
    haystack: haystack as string,
  };
  if (station) key.station = station as string;
  if (broken) key.broken = broken as string;
  return key;
}
