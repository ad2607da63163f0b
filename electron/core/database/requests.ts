/**
 * The front desk's requests in a centre's database (migrations 6 and 7): writing a batch's requests (with
 * the table's daily totals), what an import compares against, the register list with its filters and
 * search, one request, and a period's table (统一受理工作统计表) counted. Rows arrive precomputed
 * (register/request-rows.ts derives them with the embedded index's own functions).
 */

import { bigramsOf, hasBigram, likeLiteral } from './cases';
import type { Queryable } from './index';
import { applyTotalsAfter, noteTotalsBefore, REQUEST_TOTALS } from './totals';

/** One request as the table holds it. */
export interface RequestRow {
  id: string;
  number: string;
  stationCode: string;
  stationName: string;
  fingerprint: string;
  revision: number;
  lastHash: string | null;
  receivedDay: string;
  receivedKey: number;
  businessType: string;
  channel: string;
  handling: string;
  state: string;
  notified: boolean;
  haystack: string;
  /** Its facts for the front desk's table (requests/stats.ts `requestFacts`): what migration 7's daily totals count. */
  tableFields: unknown;
  /** The whole request. */
  doc: unknown;
}

/** What an import needs to know of a request the centre already has. */
export interface ExistingRequestRow {
  id: string;
  number: string;
  revision: number;
  fingerprint: string;
  stationName: string;
  lastHash: string | null;
}

/**
 * Insert or replace requests (one statement, its rows as one JSON parameter, parsed by the server) and
 * keep the daily totals of the table in step (migration 7): within the caller's transaction.
 */
export async function writeRequests(db: Queryable, rows: readonly RequestRow[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  const noted = await noteTotalsBefore(db, REQUEST_TOTALS, ids);
  await db.query(
    `INSERT INTO requests AS r (id, number, station_code, station_name, fingerprint, revision, last_hash, received_day,
       received_key, business_type, channel, handling, state, notified, haystack, bigrams, table_fields, doc)
     SELECT * FROM json_to_recordset($1::json) AS x(id text, number text, "stationCode" text, "stationName" text,
       fingerprint text, revision integer, "lastHash" text, "receivedDay" date, "receivedKey" bigint, "businessType" text,
       channel text, handling text, state text, notified boolean, haystack text, bigrams text[], "tableFields" jsonb, doc jsonb)
     ON CONFLICT (id) DO UPDATE SET
       number = excluded.number, station_code = excluded.station_code, station_name = excluded.station_name,
       fingerprint = excluded.fingerprint, revision = excluded.revision, last_hash = excluded.last_hash,
       received_day = excluded.received_day, received_key = excluded.received_key,
       business_type = excluded.business_type, channel = excluded.channel, handling = excluded.handling,
       state = excluded.state, notified = excluded.notified, haystack = excluded.haystack, bigrams = excluded.bigrams,
       table_fields = excluded.table_fields, doc = excluded.doc`,
    [JSON.stringify(rows.map((row) => ({ ...row, bigrams: bigramsOf(row.haystack, '') })))],
  );
  await applyTotalsAfter(db, REQUEST_TOTALS, ids, noted);
}

/** What an import compares with, keyed by id. */
export async function existingRequests(db: Queryable, ids: readonly string[]): Promise<Map<string, ExistingRequestRow>> {
  const wanted = ids.filter((id) => typeof id === 'string');
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<ExistingRequestRow>(
    `SELECT id, number, revision, fingerprint, station_name AS "stationName", last_hash AS "lastHash"
     FROM requests WHERE id = ANY($1::text[])`,
    [wanted],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The whole request by id, else by 登记编号 (the newest of that number). */
export async function findRequestDocument(db: Queryable, idOrNumber: string): Promise<unknown> {
  const { rows } = await db.query<{ doc: unknown }>(
    `(SELECT doc, 0 AS rank, received_key, number FROM requests WHERE id = $1)
     UNION ALL (SELECT doc, 1, received_key, number FROM requests WHERE number = $1)
     ORDER BY rank, received_key DESC, number DESC LIMIT 1`,
    [idOrNumber],
  );
  return rows[0]?.doc;
}

/** The register's filters, as requests/search.ts's RequestQuery defines them (the urgent lists aside: see the register). */
export interface RequestFilter {
  /** Lowercased, trimmed query text. */
  q?: string;
  types?: readonly string[];
  states?: readonly string[];
  channel?: string;
  handling?: string;
  from?: string;
  to?: string;
  station?: string;
  toNotify?: boolean;
}

function whereOf(filter: RequestFilter, params: unknown[]): string {
  const clauses: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.types) clauses.push(`business_type = ANY(${param([...filter.types])}::text[])`);
  if (filter.states) clauses.push(`state = ANY(${param([...filter.states])}::text[])`);
  if (filter.channel) clauses.push(`channel = ${param(filter.channel)}::text`);
  if (filter.handling) clauses.push(`handling = ${param(filter.handling)}::text`);
  if (filter.from) clauses.push(`received_day >= ${param(filter.from)}::date`);
  if (filter.to) clauses.push(`received_day <= ${param(filter.to)}::date`);
  if (filter.station) clauses.push(`station_code = ${param(filter.station)}::text`);
  if (filter.toNotify) clauses.push(`state = 'fed-back' AND NOT notified`);
  if (filter.q) {
    const text = filter.q;
    if ([...text].length >= 3) {
      // pg_trgm's index finds the candidates (LIKE rechecks exactly)
      clauses.push(`haystack LIKE ${param(`%${likeLiteral(text)}%`)}::text`);
    } else {
      // Exactly the embedded index's test; two characters: the pairs' index finds the candidates.
      const t = param(text);
      if (hasBigram(text)) clauses.push(`bigrams @> ARRAY[${t}::text]`);
      clauses.push(`strpos(haystack, ${t}::text) > 0`);
    }
  }
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/**
 * Matching requests newest first (received time, then 登记编号 descending: the embedded index's order),
 * a page of them, and how many there are: one statement (the count as a window over the matches).
 */
export async function searchRequests(
  db: Queryable,
  filter: RequestFilter,
  page: { offset: number; limit: number },
): Promise<{ total: number; docs: unknown[] }> {
  const params: unknown[] = [];
  const where = whereOf(filter, params);
  const count = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM requests ${where}`, params)).rows[0].n);
  if (page.limit === 0) return { total: await count(), docs: [] };
  const { rows } = await db.query<{ doc: unknown; total: string }>(
    `SELECT r.doc, p.total FROM (
       SELECT id, received_key, number, count(*) OVER () AS total FROM requests ${where}
       ORDER BY received_key DESC, number DESC
       OFFSET ${Number(page.offset)} LIMIT ${Number(page.limit)}
     ) p JOIN requests r USING (id)
     ORDER BY p.received_key DESC, p.number DESC`,
    params,
  );
  if (rows.length === 0) return { total: page.offset === 0 ? 0 : await count(), docs: [] };
  return { total: Number(rows[0].total), docs: rows.map((r) => r.doc) };
}

/** The table's groupings, as request_totals (migration 7) keys them. */
const DIMENSION = { type: 't', channel: 'c', handling: 'h', station: 's' } as const;

/**
 * Each additive column of the table (named as requests/stats.ts names them) as a sum over the daily
 * totals; $3 is the report day as a day key (YYYYMMDD). A request with a time limit still open counts
 * 逾期 once the report day is after the limit's earliest open due day, else 未到期: requests/stats.ts
 * `count()`'s rule, written again here (the equivalence test holds the two together).
 */
export const REQUEST_SUMS = {
  received: 'sum(received)',
  visitors: 'sum(visitors)',
  onTheSpot: 'sum(on_the_spot)',
  scheduled: 'sum(scheduled)',
  legalAidGuidance: 'sum(legal_aid_guidance)',
  routeHandling: 'sum(route_handling)',
  toMediationHandling: 'sum(to_mediation_handling)',
  otherChannel: 'sum(other_channel)',
  routed: 'sum(routed)',
  toMediation: 'sum(to_mediation)',
  onTime: 'sum(kept_in_time)',
  overdue: 'sum(kept_late) + coalesce(sum(open_limits) FILTER (WHERE open_due < $3), 0)',
  pending: 'coalesce(sum(open_limits) FILTER (WHERE open_due >= $3), 0)',
  closed: 'sum(closed)',
  followedUp: 'sum(followed_up)',
  satisfied: 'sum(satisfied)',
  basicallySatisfied: 'sum(basically_satisfied)',
  dissatisfied: 'sum(dissatisfied)',
  callbacksOpen: 'sum(callbacks_open)',
} as const;
export type RequestSums = Record<keyof typeof REQUEST_SUMS, number>;

/**
 * The front desk's table of a period, counted by the database: per key of the grouping, the sums of the
 * daily totals of the days in the period (keys with nothing in it are absent); for `station`, every
 * station the register has requests from, named as its newest request (received time, then 登记编号)
 * names it: the embedded table meets the newest first and keeps a row for every station seen. One index
 * probe per station (a loose index scan).
 */
export async function requestTotals(
  db: Queryable,
  period: { from: string; to: string },
  by: keyof typeof DIMENSION,
  today: number,
): Promise<{ rows: { key: string; counts: RequestSums }[]; stationNames?: Map<string, string> }> {
  const names = Object.keys(REQUEST_SUMS) as (keyof typeof REQUEST_SUMS)[];
  const { rows } = await db.query<Record<string, string>>(
    `SELECT key, ${names.map((n) => `${REQUEST_SUMS[n]} AS "${n}"`).join(', ')}
     FROM request_totals WHERE dimension = $4 AND day BETWEEN $1::date AND $2::date GROUP BY key`,
    [period.from, period.to, today, DIMENSION[by]],
  );
  const counted = rows.map((r) => ({ key: r.key, counts: Object.fromEntries(names.map((n) => [n, Number(r[n])])) as RequestSums }));
  if (by !== 'station') return { rows: counted };
  const newest = 'ORDER BY station_code, received_key DESC, number DESC LIMIT 1';
  const stations = await db.query<{ station_code: string; station_name: string }>(
    `WITH RECURSIVE s AS (
       (SELECT station_code, station_name FROM requests ${newest})
       UNION ALL
       SELECT n.station_code, n.station_name FROM s,
         LATERAL (SELECT station_code, station_name FROM requests WHERE station_code > s.station_code ${newest}) n
     ) SELECT * FROM s`,
  );
  return { rows: counted, stationNames: new Map(stations.rows.map((r) => [r.station_code, r.station_name])) };
}

/** Every request from this station code, newest first: what a receipt on demand lists. */
export async function requestsOfStation(
  db: Queryable,
  stationCode: string,
): Promise<{ id: string; number: string; revision: number; fingerprint: string }[]> {
  const { rows } = await db.query<{ id: string; number: string; revision: number; fingerprint: string }>(
    `SELECT id, number, revision, fingerprint FROM requests WHERE station_code = $1 ORDER BY received_key DESC, number DESC`,
    [stationCode],
  );
  return rows;
}
