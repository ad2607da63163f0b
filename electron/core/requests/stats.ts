/**
 * The front desk's table (统一受理工作统计表), monthly or yearly, as a pure function over requests: one
 * pass, each request adding to its row and once to the total. The definitions (docs/front-desk.md):
 *
 * - every column counts the requests RECEIVED in the period (by the day of `receivedAt`), as they stand
 *   on the report day `today`: a front-desk table says what became of the period's requests;
 * - received: requests; visitors: people (a group visit counts its number of people);
 * - one column per handling (当场解答 … 告知其他渠道), which add up to `received`;
 * - routed: requests routed to a back office (转办, also those registered for a scheduled answer and
 *   routed later); toMediation: made into a mediation case;
 * - onTime / overdue / pending: by `timelinessOf` (./deadlines.ts): every time limit kept in time /
 *   any kept late or passed unkept / one still open and not yet due; requests without a time limit
 *   (answered on the spot) are in none of them; onTimeRate = onTime / (onTime + overdue);
 * - closed: 已办结; followedUp: with at least one follow-up call; satisfied / basicallySatisfied /
 *   dissatisfied: the latest follow-up's rating; callbacksOpen: a 不满意 still waiting for its call-back;
 *   satisfactionRate = (satisfied + basicallySatisfied) / followedUp.
 */

import type { Period } from '../oversight/period';
import { dayKey } from '../oversight/stats';
import { BUSINESS_TYPES, REQUEST_CHANNELS, REQUEST_HANDLINGS, type RequestHandling } from '../schema/codes';
import type { Request } from '../schema/request';
import { deadlinesOf } from './deadlines';
import { interned, internedOrigin } from './interned';

export type RequestStatsBy = 'type' | 'channel' | 'handling' | 'station';
/** The table's title (file names, the XLSX and the screen). */
export const REQUEST_REPORT_TITLE = '统一受理工作统计表';

export const REQUEST_STATS_BY: readonly RequestStatsBy[] = ['type', 'channel', 'handling', 'station'];
export const REQUEST_STATS_BY_LABELS: Record<RequestStatsBy, string> = {
  type: '业务类型',
  channel: '来访渠道',
  handling: '处理方式',
  station: '站点',
};

const HANDLING_FIELDS = {
  'on-the-spot': 'onTheSpot',
  scheduled: 'scheduled',
  'legal-aid-guidance': 'legalAidGuidance',
  route: 'routeHandling',
  'to-mediation': 'toMediationHandling',
  'other-channel': 'otherChannel',
} as const satisfies Record<RequestHandling, string>;

export interface RequestCounts {
  received: number;
  visitors: number;
  onTheSpot: number;
  scheduled: number;
  legalAidGuidance: number;
  routeHandling: number;
  toMediationHandling: number;
  otherChannel: number;
  routed: number;
  toMediation: number;
  onTime: number;
  overdue: number;
  pending: number;
  onTimeRate: number | null;
  closed: number;
  followedUp: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  satisfactionRate: number | null;
  callbacksOpen: number;
}

export interface RequestStatsRow extends RequestCounts {
  key: string;
  label: string;
}

export interface RequestStatsReport {
  from: string;
  to: string;
  /** The day the table describes the requests as of. */
  asOf: string;
  by: RequestStatsBy;
  rows: RequestStatsRow[];
  total: RequestStatsRow;
}

type Rate = 'onTimeRate' | 'satisfactionRate';

export const isRate = (field: keyof RequestCounts): field is Rate => field === 'onTimeRate' || field === 'satisfactionRate';

/** A cell as every output shows it: a count, a rate in per cent with one decimal, — for no rate. */
export function cellText(row: RequestStatsRow, field: keyof RequestCounts): string {
  const value = row[field];
  if (value === null) return '—';
  return isRate(field) ? (value * 100).toFixed(1) : String(value);
}
type Additive = Exclude<keyof RequestCounts, Rate>;

/** The columns in table order, with their Chinese headings (what the XLSX, CSV, text table and screen show). */
export const REQUEST_STATS_COLUMNS: readonly { field: keyof RequestCounts; label: string; unit: string; group?: string }[] = [
  { field: 'received', label: '登记', unit: '件' },
  { field: 'visitors', label: '来访人次', unit: '人次' },
  { field: 'onTheSpot', label: '当场解答', unit: '件', group: '处理方式' },
  { field: 'scheduled', label: '约期答复', unit: '件', group: '处理方式' },
  { field: 'legalAidGuidance', label: '引导申请法律援助', unit: '件', group: '处理方式' },
  { field: 'routeHandling', label: '转办', unit: '件', group: '处理方式' },
  { field: 'toMediationHandling', label: '转人民调解', unit: '件', group: '处理方式' },
  { field: 'otherChannel', label: '告知其他渠道', unit: '件', group: '处理方式' },
  { field: 'routed', label: '已转办', unit: '件', group: '转办情况' },
  { field: 'toMediation', label: '已转调解', unit: '件', group: '转办情况' },
  { field: 'onTime', label: '按期', unit: '件', group: '办理时限' },
  { field: 'overdue', label: '逾期', unit: '件', group: '办理时限' },
  { field: 'pending', label: '未到期', unit: '件', group: '办理时限' },
  { field: 'onTimeRate', label: '按期率', unit: '%', group: '办理时限' },
  { field: 'closed', label: '已办结', unit: '件' },
  { field: 'followedUp', label: '已回访', unit: '件', group: '回访满意度' },
  { field: 'satisfied', label: '满意', unit: '件', group: '回访满意度' },
  { field: 'basicallySatisfied', label: '基本满意', unit: '件', group: '回访满意度' },
  { field: 'dissatisfied', label: '不满意', unit: '件', group: '回访满意度' },
  { field: 'satisfactionRate', label: '满意率', unit: '%', group: '回访满意度' },
  { field: 'callbacksOpen', label: '不满意待回复', unit: '件' },
];

const ADDITIVE = REQUEST_STATS_COLUMNS.map((c) => c.field).filter((f): f is Additive => f !== 'onTimeRate' && f !== 'satisfactionRate');

function emptyRow(key: string, label: string): RequestStatsRow {
  const row = { key, label, onTimeRate: null, satisfactionRate: null } as RequestStatsRow;
  for (const f of ADDITIVE) row[f] = 0;
  return row;
}

/**
 * What the table reads of a request, as small numbers and its grouping codes: computed once per request
 * version (the register's index keeps them beside each entry), so a report at 500,000 requests is one pass
 * over flat records without touching the requests themselves.
 */
export interface RequestFacts {
  day: number;
  visitors: number;
  businessType: string;
  channel: string;
  handling: RequestHandling;
  /** Where an imported request came from (a station's own requests have none). */
  origin?: { stationCode: string; stationName: string };
  routed: boolean;
  toMediation: boolean;
  closed: boolean;
  followedUp: boolean;
  /** Latest rating: 0 none, 1 满意, 2 基本满意, 3 不满意. */
  rating: 0 | 1 | 2 | 3;
  callbackOpen: boolean;
  hasLimit: boolean;
  /** A limit was kept after its due day. */
  keptLate: boolean;
  /** The earliest due day of a limit still open (0 for none). */
  openDue: number;
}

const RATINGS = { satisfied: 1, 'basically-satisfied': 2, dissatisfied: 3 } as const;

export function requestFacts(r: Request): RequestFacts {
  let keptLate = false;
  let openDue = 0;
  const limits = deadlinesOf(r);
  for (const d of limits) {
    if (d.met) keptLate ||= d.met > d.due;
    else {
      const due = dayKey(d.due);
      if (!openDue || due < openDue) openDue = due;
    }
  }
  const last = r.followUps.at(-1);
  return {
    day: dayKey(r.receivedAt.slice(0, 10)),
    visitors: r.visitor.groupSize,
    businessType: interned(r.businessType),
    channel: interned(r.channel),
    handling: interned(r.handling) as RequestHandling,
    origin: r.origin && internedOrigin(r.origin),
    routed: r.routing !== undefined,
    toMediation: r.mediationCase !== undefined,
    closed: r.state === 'closed',
    followedUp: last !== undefined,
    rating: last ? RATINGS[last.satisfaction] : 0,
    callbackOpen: r.followUps.some((f) => f.callback && !f.callback.date),
    hasLimit: limits.length > 0,
    keptLate,
    openDue,
  };
}

/**
 * Adds one request to a row (each named column counted directly: the table's hot loop at 500,000 requests).
 * A centre's database counts by the same rules, written again in SQL: migration 0007's
 * `request_contributions` (what each request adds) and database/requests.ts `REQUEST_SUMS` (逾期 or
 * 未到期 on the report day); the equivalence test compares both centres cell by cell.
 */
function count(row: RequestCounts, k: RequestFacts, today: number): void {
  row.received++;
  row.visitors += k.visitors;
  row[HANDLING_FIELDS[k.handling]]++;
  if (k.routed) row.routed++;
  if (k.toMediation) row.toMediation++;
  if (k.hasLimit) {
    if (k.keptLate || (k.openDue && today > k.openDue)) row.overdue++;
    else if (k.openDue) row.pending++;
    else row.onTime++;
  }
  if (k.closed) row.closed++;
  if (k.followedUp) row.followedUp++;
  if (k.rating === 1) row.satisfied++;
  else if (k.rating === 2) row.basicallySatisfied++;
  else if (k.rating === 3) row.dissatisfied++;
  if (k.callbackOpen) row.callbacksOpen++;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function withRates(row: RequestStatsRow): RequestStatsRow {
  return {
    ...row,
    onTimeRate: ratio(row.onTime, row.onTime + row.overdue),
    satisfactionRate: ratio(row.satisfied + row.basicallySatisfied, row.followedUp),
  };
}

export interface RequestStatsContext {
  stationCode: string;
  stationName: string;
  /** A station always reports its own row; a centre the stations it has requests from. */
  ownStationRow: boolean;
  /** The report day (timeliness is judged as of it). */
  today: string;
}

const stationLabel = (k: RequestFacts, ctx: RequestStatsContext): string => k.origin?.stationName ?? ctx.stationName;

/** The row a request adds to: its code for type, channel and handling (rows made up front); its station. */
function groupOf(k: RequestFacts, by: RequestStatsBy, ctx: RequestStatsContext): string {
  switch (by) {
    case 'type':
      return k.businessType;
    case 'channel':
      return k.channel;
    case 'handling':
      return k.handling;
    case 'station':
      return k.origin?.stationCode ?? ctx.stationCode;
  }
}

/** The table: every code as a row for type, channel and handling (in the code tables' order); every station seen for station. */
export function buildRequestReport(
  requests: Iterable<Request>,
  p: Period,
  by: RequestStatsBy,
  ctx: RequestStatsContext,
): RequestStatsReport {
  return tallyRequests(factsOfAll(requests), p, by, ctx);
}

function* factsOfAll(requests: Iterable<Request>): Iterable<RequestFacts> {
  for (const r of requests) yield requestFacts(r);
}

/** The rows every table has: each code for type, channel and handling (in the code tables' order); a station's own. */
function initialRows(by: RequestStatsBy, ctx: RequestStatsContext): Map<string, RequestStatsRow> {
  const rows = new Map<string, RequestStatsRow>();
  const table = by === 'type' ? BUSINESS_TYPES : by === 'channel' ? REQUEST_CHANNELS : by === 'handling' ? REQUEST_HANDLINGS : undefined;
  for (const e of table?.entries ?? []) rows.set(e.code, emptyRow(e.code, e.label));
  if (by === 'station' && ctx.ownStationRow) rows.set(ctx.stationCode, emptyRow(ctx.stationCode, ctx.stationName));
  return rows;
}

/** Stations in code order; the rates. */
function finishReport(rows: Map<string, RequestStatsRow>, total: RequestStatsRow, p: Period, by: RequestStatsBy, today: string) {
  const list = [...rows.values()];
  if (by === 'station') list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { from: p.from, to: p.to, asOf: today, by, rows: list.map(withRates), total: withRates(total) };
}

/** The same table from facts already computed (the register's index keeps them). */
export function tallyRequests(facts: Iterable<RequestFacts>, p: Period, by: RequestStatsBy, ctx: RequestStatsContext): RequestStatsReport {
  const rows = initialRows(by, ctx);
  const total = emptyRow('total', '合计');
  const from = dayKey(p.from);
  const to = dayKey(p.to);
  const today = dayKey(ctx.today);
  for (const k of facts) {
    const group = groupOf(k, by, ctx);
    let row = rows.get(group);
    if (!row) {
      // A station is a row once seen, even with nothing in the period. Every known code has its row already:
      // a code from a newer version is shown as itself, as the code tables' `label` does.
      row = emptyRow(group, by === 'station' ? stationLabel(k, ctx) : group);
      rows.set(group, row);
    }
    if (k.day < from || k.day > to) continue;
    count(total, k, today);
    count(row, k, today);
  }
  return finishReport(rows, total, p, by, ctx.today);
}

/** The additive columns (all but the two rates). */
export type RequestTally = Record<Additive, number>;

/** What a centre's database counted for a period (database/requests.ts `requestTotals`). */
export interface RequestTotals {
  /** Per key of the grouping, the period's counts (a key with nothing in the period may be absent). */
  rows: readonly { key: string; counts: RequestTally }[];
  /** For `station`: every station with requests in the register, named as its newest request names it. */
  stationNames?: ReadonlyMap<string, string>;
}

/** The table from counts made elsewhere: the same rows, labels, order, total and rates as `tallyRequests`. */
export function reportFromRequestTotals(
  totals: RequestTotals,
  p: Period,
  by: RequestStatsBy,
  ctx: RequestStatsContext,
): RequestStatsReport {
  const rows = initialRows(by, ctx);
  for (const [code, name] of totals.stationNames ?? []) if (!rows.has(code)) rows.set(code, emptyRow(code, name));
  const total = emptyRow('total', '合计');
  for (const { key, counts } of totals.rows) {
    let row = rows.get(key);
    // a code no table knows is shown as itself (as in `tallyRequests`)
    if (!row) rows.set(key, (row = emptyRow(key, key)));
    for (const field of ADDITIVE) {
      row[field] += counts[field];
      total[field] += counts[field];
    }
  }
  return finishReport(rows, total, p, by, ctx.today);
}
