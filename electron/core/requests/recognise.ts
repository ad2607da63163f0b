/**
 * Recognising a returning visitor at the desk: the visitor as typed so far (phone, ID number, name,
 * address) looked up in the duplicate-party index (oversight/duplicates.ts), the same index the case
 * intake checks. Earlier requests match by ID number, by the phone number alone (a caller gives the
 * number first), or by name with phone or address; cases match as the intake check matches parties.
 */

import type { Desk } from '../desk';
import {
  findMatches,
  type LinksDoc,
  MATCH_REASON_LABELS,
  type MatchReason,
  partyIndexOf,
  partyKeys,
  type PartyProbe,
} from '../oversight/duplicates';
import { BUSINESS_TYPES, REQUEST_STATES } from '../schema/codes';
import { maskIdNumber } from '../schema/identity';
import type { Request } from '../schema/request';
import { summariseRequest } from './search';

export interface EarlierRequest {
  id: string;
  number: string;
  receivedAt: string;
  businessTypeLabel: string;
  stateLabel: string;
  matter: string;
  visitor: { name: string; phone: string; idNumberMasked: string; idDeclined: boolean; address: string };
  reasons: MatchReason[];
  reasonLabels: string[];
}

/** How many earlier requests and cases are listed (newest first); the counts cover all. */
const SHOWN = 10;

export async function recogniseVisitor(desk: Desk, probe: PartyProbe, excludeRequestId?: string) {
  const index = await partyIndexOf(desk);
  const found = new Map<string, MatchReason[]>();
  for (const { key, reason } of partyKeys({ ...probe, kind: 'person' }, true)) {
    for (const posting of index.lookupRequests(key)) {
      if (posting.requestId === excludeRequestId) continue;
      const reasons = found.get(posting.requestId) ?? [];
      if (!reasons.includes(reason)) reasons.push(reason);
      found.set(posting.requestId, reasons);
    }
  }
  const requests: EarlierRequest[] = [];
  for (const [id, reasons] of found) {
    const r = desk.store.getRecord<Request>('requests', id);
    if (!r) continue;
    const row = summariseRequest(r);
    requests.push({
      id: r.id,
      number: r.number,
      receivedAt: r.receivedAt,
      businessTypeLabel: BUSINESS_TYPES.label(r.businessType),
      stateLabel: REQUEST_STATES.label(r.state),
      matter: row.matter,
      visitor: {
        name: r.visitor.name,
        phone: r.visitor.phone ?? '',
        idNumberMasked: maskIdNumber(r.visitor.idNumber),
        idDeclined: r.visitor.idDeclined === true,
        address: r.visitor.address ?? '',
      },
      reasons,
      reasonLabels: reasons.map((reason) => MATCH_REASON_LABELS[reason]),
    });
  }
  requests.sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
  const links = desk.store.getDoc<LinksDoc>('links') ?? { pairs: [] };
  const cases = findMatches(index, (id) => desk.store.getCase(id), { ...probe, kind: 'person' }, {}, links);
  return { requestCount: requests.length, requests: requests.slice(0, SHOWN), caseCount: cases.length, cases: cases.slice(0, SHOWN) };
}
