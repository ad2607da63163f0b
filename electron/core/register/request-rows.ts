/**
 * A front-desk request as the centre's database holds it (database/requests.ts): the queried columns,
 * derived with the embedded index's own functions (requests/search.ts), so both registers filter, order
 * and search alike.
 */

import type { RequestRow } from '../database/requests';
import { notAllowed } from '../errors';
import { atKey, haystackOf } from '../requests/search';
import type { Request } from '../schema/request';

/**
 * What the front desk's table reads of a request (requests/stats.ts `buildRequestReport`: the received
 * time, the codes it groups by, the visitors, the state; the time limits and when each was kept, as
 * requests/deadlines.ts `deadlinesOf` reads them; the follow-ups' ratings and call-backs; the station):
 * a few hundred bytes kept beside the document, so a year's table at a city centre reads these and not
 * 500,000 documents. The equivalence test compares the table built from these with the embedded
 * centre's built from whole requests, cell by cell: a field the table starts reading shows there.
 */
export function tableFieldsOf(r: Request): Request {
  return {
    receivedAt: r.receivedAt,
    businessType: r.businessType,
    channel: r.channel,
    handling: r.handling,
    state: r.state,
    visitor: { groupSize: r.visitor.groupSize },
    ...(r.routeDue ? { routeDue: r.routeDue } : {}),
    ...(r.answerDue ? { answerDue: r.answerDue } : {}),
    ...(r.answer ? { answer: { date: r.answer.date } } : {}),
    ...(r.routing ? { routing: r.routing } : {}),
    ...(r.feedback ? { feedback: { date: r.feedback.date } } : {}),
    ...(r.mediationCase ? { mediationCase: r.mediationCase } : {}),
    followUps: r.followUps.map((f) => ({ satisfaction: f.satisfaction, ...(f.callback ? { callback: f.callback } : {}) })),
    ...(r.origin ? { origin: { stationCode: r.origin.stationCode, stationName: r.origin.stationName } } : {}),
  } as Request; // only what the table reads
}

export function requestRow(r: Request): RequestRow {
  if (!r.origin) throw notAllowed(`来访登记“${r.number}”没有导入来源：中心的数据库只保存站点上报的来访登记`);
  return {
    id: r.id,
    number: r.number,
    stationCode: r.origin.stationCode,
    stationName: r.origin.stationName,
    fingerprint: r.origin.fingerprint,
    revision: r.revision,
    lastHash: r.events.at(-1)?.hash ?? null,
    receivedDay: r.receivedAt.slice(0, 10),
    receivedKey: atKey(r.receivedAt),
    businessType: r.businessType,
    channel: r.channel,
    handling: r.handling,
    state: r.state,
    notified: r.notified !== undefined,
    haystack: haystackOf(r),
    tableFields: tableFieldsOf(r),
    doc: r,
  };
}
