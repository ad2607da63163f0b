/**
 * A front-desk request as the centre's database holds it (database/requests.ts): the queried columns,
 * derived with the embedded index's own functions (requests/search.ts), so both registers filter, order
 * and search alike.
 */

import type { RequestRow } from '../database/requests';
import { notAllowed } from '../errors';
import { atKey, haystackOf } from '../requests/search';
import { requestFacts } from '../requests/stats';
import type { Request } from '../schema/request';

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
    // what the table reads, as the embedded index keeps it: a year's table reads these, not the documents
    tableFields: requestFacts(r),
    doc: r,
  };
}
