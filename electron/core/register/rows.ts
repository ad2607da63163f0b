/**
 * A case as a centre's database keeps it (database/cases.ts): the columns the statistics, the list and
 * the duplicate check read, derived with the very functions the embedded store's views use
 * (`finishedOn`, `performedOn`, `haystackOf`, `pinyinOf`, `partyKeys`), so both answer alike.
 */

import { createHash } from 'node:crypto';

import { pinyinOf } from '../cases/search';
import { bigramsOf, type CaseRow } from '../database/cases';
import { notAllowed } from '../errors';
import { partyKeys } from '../oversight/duplicates';
import { finishedOn, performedOn } from '../oversight/stats';
import type { Case } from '../schema/case';
import { haystackOf } from '../schema/case-keys';

/** A fingerprint as stored and compared: upper case, no separators (batches/keys.ts `sameFingerprint`). */
export function normalFingerprint(fingerprint: string): string {
  return fingerprint.toUpperCase().replace(/[^A-Z2-7]/g, '');
}

/** The stored form of a duplicate-check key: the first 16 bytes of its SHA-256, hex. No ID number is kept in clear. */
export function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest().subarray(0, 16).toString('hex');
}

const squashSpaces = (text: string) => text.replace(/[\s\u3000]/g, '');

export function caseRow(c: Case): CaseRow {
  if (!c.origin) throw notAllowed(`案件“${c.number}”没有导入来源：中心的数据库只保存站点上报的案件`);
  const agreement = c.agreement;
  const outcome = c.outcome;
  const ruling = c.confirmation?.result;
  const haystack = haystackOf(c);
  const pinyin = pinyinOf(c);
  return {
    id: c.id,
    number: c.number,
    stationCode: c.origin.stationCode,
    stationName: c.origin.stationName,
    fingerprint: c.origin.fingerprint,
    revision: c.revision,
    lastHash: c.events.at(-1)?.hash ?? null,
    status: c.status,
    disputeType: c.disputeType,
    source: c.source,
    mediators: c.mediators,
    receivedAt: c.receivedAt,
    createdMs: Date.parse(c.createdAt),
    updatedAt: c.updatedAt,
    amountFen: c.amountFen,
    people: c.peopleInvolved,
    declined: outcome?.kind === 'declined',
    agreementForm: agreement?.form ?? null,
    agreementDate: agreement?.date ?? null,
    effectiveDate: agreement?.effectiveDate ?? null,
    failedAt: outcome?.kind === 'failed' ? outcome.date : null,
    withdrawnAt: outcome?.kind === 'withdrawn' ? outcome.date : null,
    finishedAt: finishedOn(c) ?? null,
    confirmationAppliedAt: c.confirmation?.appliedAt ?? null,
    confirmedAt: ruling?.result === 'confirmed' ? ruling.date : null,
    performedAt: performedOn(c) ?? null,
    doc: c,
    haystack,
    pinyin,
    bigrams: bigramsOf(haystack, pinyin),
    parties: c.parties.map((p) => ({ partyId: p.id, name: squashSpaces(p.name), keys: partyKeys(p).map((k) => keyHash(k.key)) })),
  };
}
