/**
 * The front desk's requests in a centre's database (migration 6): writing a batch's requests, what an
 * import compares against, the register list with its filters and search, one request, and the
 * requests a period's table (统一受理工作统计表) counts. Rows arrive precomputed
 * (register/request-rows.ts derives them with the embedded index's own functions).
 */

import { bigramsOf, hasBigram, likeLiteral } from './cases';
import type { Queryable } from './index';

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
  /** What the front desk's table reads of it. */
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

/** Insert or replace requests: one statement, its rows as one JSON parameter (parsed by the server). */
export async function writeRequests(db: Queryable, rows: readonly RequestRow[]): Promise<void> {
  if (rows.length === 0) return;
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

/**
 * What a period's table counts, as the requests' facts (requests/stats.ts `requestFacts`): first each
 * station's newest request, then the other requests received in the period (in no particular order).
 * The table names a station's row after the first of its requests it meets and has a row for every
 * station seen (requests/stats.ts `buildRequestReport`; the embedded index gives it the newest first),
 * so it gets the same rows and labels as from the whole register; a newest request received outside the
 * period counts in no cell. Two statements, so the order of the two parts is certain without sorting
 * the period's requests.
 */
export async function requestsForTable(db: Queryable, from: string, to: string): Promise<unknown[]> {
  const newest = `SELECT DISTINCT ON (station_code) id FROM requests ORDER BY station_code, received_key DESC, number DESC`;
  const first = await db.query<{ fields: unknown; id: string }>(
    `SELECT r.id, r.table_fields AS fields FROM (${newest}) n JOIN requests r USING (id)`,
  );
  const rest = await db.query<{ fields: unknown }>(
    `SELECT table_fields AS fields FROM requests WHERE received_day BETWEEN $1::date AND $2::date AND NOT (id = ANY($3::text[]))`,
    [from, to, first.rows.map((r) => r.id)],
  );
  return [...first.rows, ...rest.rows].map((r) => r.fields);
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
