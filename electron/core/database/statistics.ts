/**
 * The statistics of a centre's database, by the definitions written in oversight/stats.ts (each
 * count below is the SQL of one line of its `compactInto`; the equivalence test compares both on the
 * same batches, cell by cell).
 *
 * The whole register's report sums the daily totals (`case_totals`, migration 0002): a few hundred
 * thousand small rows at province scale instead of millions of cases. One station's report reads that
 * station's range of `cases_station_order` alone (some ten thousand entries): migration 9 put every column
 * these statements read into that index, so add a column there when a statement here reads a new one
 * (test/integration/postgres/centre-equivalence.test.ts fails otherwise).
 */

import type { Queryable } from './index';
import { CASE_TOTALS } from './totals';

/** The additive columns, named as oversight/stats.ts names them. */
export const COUNT_COLUMNS = [
  'received',
  'resolved',
  'failed',
  'withdrawn',
  'inProgress',
  'amountFen',
  'people',
  'written',
  'oral',
  'confirmationApplied',
  'confirmed',
  'performed',
] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];
export type Counts = Record<CountColumn, number>;

/** $1 = first day, $2 = last day of the period. */
const IN = (column: string) => `${column} BETWEEN $1::date AND $2::date`;
const RECEIVED = `NOT declined AND ${IN('received_at')}`;
const AGGREGATES: Record<CountColumn, string> = {
  received: `count(*) FILTER (WHERE ${RECEIVED})`,
  resolved: `count(*) FILTER (WHERE ${IN('agreement_date')})`,
  failed: `count(*) FILTER (WHERE ${IN('failed_at')})`,
  withdrawn: `count(*) FILTER (WHERE ${IN('withdrawn_at')})`,
  inProgress: `count(*) FILTER (WHERE received_at <= $2::date AND (finished_at IS NULL OR finished_at > $2::date))`,
  amountFen: `coalesce(sum(amount_fen) FILTER (WHERE ${RECEIVED}), 0)`,
  people: `coalesce(sum(people) FILTER (WHERE ${RECEIVED}), 0)`,
  written: `count(*) FILTER (WHERE ${IN('agreement_date')} AND agreement_form IS DISTINCT FROM 'oral')`,
  oral: `count(*) FILTER (WHERE ${IN('agreement_date')} AND agreement_form = 'oral')`,
  confirmationApplied: `count(*) FILTER (WHERE ${IN('confirmation_applied_at')})`,
  confirmed: `count(*) FILTER (WHERE ${IN('confirmed_at')})`,
  performed: `count(*) FILTER (WHERE ${IN('performed_at')})`,
};
const SELECT_COUNTS = COUNT_COLUMNS.map((c) => `${AGGREGATES[c]} AS "${c}"`).join(',\n  ');

function countsOf(row: Record<string, unknown>): Counts {
  return Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number(row[c] ?? 0)])) as Counts;
}

export type GroupBy = 'type' | 'source' | 'mediator' | 'station';

export interface Totals {
  /** Every key seen among the cases (with zeros when nothing falls in the period), and its counts. */
  rows: { key: string; counts: Counts }[];
  /** Each case once (a case with two mediators is in two rows). */
  total: Counts;
  /** For `station`: each station's name as its newest case gives it. */
  stationNames?: Map<string, string>;
}

const KEY: Record<Exclude<GroupBy, 'mediator'>, string> = { type: 'dispute_type', source: 'source', station: 'station_code' };

/** Counts per group for the period: from the daily totals, or (one station) from its cases. */
export async function statsTotals(db: Queryable, period: { from: string; to: string }, by: GroupBy, station?: string): Promise<Totals> {
  const { rows, total } = station === undefined ? await fromDailyTotals(db, period, by) : await fromCases(db, period, by, station);
  return { rows, total, ...(by === 'station' ? { stationNames: await stationNames(db, station) } : {}) };
}

const DIMENSION: Record<GroupBy, string> = { type: 't', source: 's', mediator: 'm', station: 'o' };

/** The counts from the daily totals: periods by day, in progress from every day up to the end. */
const SUM_COUNTS = [
  // every daily count but the two that make up "in progress" (received_all, closed_out), as oversight/stats.ts names it
  ...CASE_TOTALS.counts
    .filter((c) => c !== 'received_all' && c !== 'closed_out')
    .map(
      (c) =>
        `coalesce(sum(${c}) FILTER (WHERE day BETWEEN $1::date AND $2::date), 0) AS "${c.replace(/_([a-z])/g, (_, l: string) => l.toUpperCase())}"`,
    ),
  'coalesce(sum(received_all - closed_out) FILTER (WHERE day <= $2::date), 0) AS "inProgress"',
].join(',\n  ');

async function fromDailyTotals(db: Queryable, period: { from: string; to: string }, by: GroupBy) {
  const grouped = await db.query<Record<string, unknown>>(`SELECT key, ${SUM_COUNTS} FROM case_totals WHERE dimension = $3 GROUP BY key`, [
    period.from,
    period.to,
    DIMENSION[by],
  ]);
  // every case has exactly one dispute type: the type rows add up to each case once
  const all =
    by === 'type'
      ? grouped
      : await db.query<Record<string, unknown>>(`SELECT key, ${SUM_COUNTS} FROM case_totals WHERE dimension = 't' GROUP BY key`, [
          period.from,
          period.to,
        ]);
  const total = countsOf({});
  for (const row of all.rows) for (const c of COUNT_COLUMNS) total[c] += Number(row[c] ?? 0);
  return { rows: grouped.rows.map((r) => ({ key: String(r.key), counts: countsOf(r) })), total };
}

async function fromCases(db: Queryable, period: { from: string; to: string }, by: GroupBy, station: string) {
  const params: unknown[] = [period.from, period.to, station];
  const where = 'WHERE station_code = $3';
  if (by === 'mediator') {
    // A case with no mediator is counted under '' (（未指定调解员）); a name twice in one case counts once.
    const grouped = await db.query<Record<string, unknown>>(
      `SELECT m.key, ${SELECT_COUNTS}
       FROM cases CROSS JOIN LATERAL (
         SELECT DISTINCT key FROM unnest(CASE WHEN cardinality(mediators) = 0 THEN ARRAY[''] ELSE mediators END) AS key
       ) m ${where}
       GROUP BY m.key`,
      params,
    );
    const all = await db.query<Record<string, unknown>>(`SELECT ${SELECT_COUNTS} FROM cases ${where}`, params);
    return { rows: grouped.rows.map((r) => ({ key: String(r.key), counts: countsOf(r) })), total: countsOf(all.rows[0]) };
  }
  const grouped = await db.query<Record<string, unknown>>(
    `SELECT ${KEY[by]} AS key, ${SELECT_COUNTS} FROM cases ${where} GROUP BY GROUPING SETS ((${KEY[by]}), ())`,
    params,
  );
  const totalRow = grouped.rows.find((r) => r.key === null);
  return {
    rows: grouped.rows.filter((r) => r.key !== null).map((r) => ({ key: String(r.key), counts: countsOf(r) })),
    total: totalRow ? countsOf(totalRow) : countsOf({}),
  };
}

/**
 * Each station's name from its newest case (received date, creation time, id): the name the embedded
 * report shows, since it meets the newest case first. One index probe per station (a loose index scan).
 */
async function stationNames(db: Queryable, station?: string): Promise<Map<string, string>> {
  const newest = 'ORDER BY station_code, received_at DESC, created_ms DESC, id DESC LIMIT 1';
  const { rows } = await db.query<{ station_code: string; station_name: string }>(
    station !== undefined
      ? `SELECT station_code, station_name FROM cases WHERE station_code = $1 ${newest}`
      : `WITH RECURSIVE s AS (
           (SELECT station_code, station_name FROM cases ${newest})
           UNION ALL
           SELECT n.station_code, n.station_name FROM s,
             LATERAL (SELECT station_code, station_name FROM cases WHERE station_code > s.station_code ${newest}) n
         ) SELECT * FROM s`,
    station !== undefined ? [station] : [],
  );
  return new Map(rows.map((r) => [r.station_code, r.station_name]));
}

/** The charts' figures: per month received / resolved / failed, and received per type. */
export async function statsSeries(
  db: Queryable,
  period: { from: string; to: string },
  station?: string,
): Promise<{ months: { month: string; received: number; resolved: number; failed: number }[]; byType: Map<string, number> }> {
  const params: unknown[] = [period.from, period.to];
  if (station !== undefined) params.push(station);
  const and = station !== undefined ? 'AND station_code = $3' : '';
  const { rows } = await db.query<{ kind: string; key: string; n: string }>(
    station === undefined
      ? `SELECT 'month' AS kind, to_char(day, 'YYYY-MM') AS key, sum(received) AS received, sum(resolved) AS resolved, sum(failed) AS failed
         FROM case_totals WHERE dimension = 't' AND day BETWEEN $1::date AND $2::date GROUP BY 2
         UNION ALL
         SELECT 'type', key, sum(received), 0, 0 FROM case_totals WHERE dimension = 't' AND day BETWEEN $1::date AND $2::date GROUP BY 2`
      : `SELECT 'month' AS kind, to_char(day, 'YYYY-MM') AS key, sum(received) AS received, sum(resolved) AS resolved, sum(failed) AS failed
         FROM (SELECT received_at AS day, 1 AS received, 0 AS resolved, 0 AS failed FROM cases WHERE ${RECEIVED} ${and}
               UNION ALL SELECT agreement_date, 0, 1, 0 FROM cases WHERE ${IN('agreement_date')} ${and}
               UNION ALL SELECT failed_at, 0, 0, 1 FROM cases WHERE ${IN('failed_at')} ${and}) e
         GROUP BY 2
         UNION ALL
         SELECT 'type', dispute_type, count(*), 0, 0 FROM cases WHERE ${RECEIVED} ${and} GROUP BY 2`,
    params,
  );
  const months: { month: string; received: number; resolved: number; failed: number }[] = [];
  const byType = new Map<string, number>();
  for (const r of rows as unknown as { kind: string; key: string; received: string; resolved: string; failed: string }[]) {
    if (r.kind === 'type') byType.set(r.key, Number(r.received));
    else months.push({ month: r.key, received: Number(r.received), resolved: Number(r.resolved), failed: Number(r.failed) });
  }
  return { months, byType };
}

/** The newest last-event times: the greatest of those written in UTC (`…Z`) and of the others (`…+08:00`). */
export async function newestUpdates(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ utc: string | null; other: string | null }>(
    `SELECT (SELECT max(updated_at) FROM cases WHERE right(updated_at, 1) = 'Z') AS utc,
            (SELECT max(updated_at) FROM cases WHERE right(updated_at, 1) <> 'Z') AS other`,
  );
  return [rows[0].utc, rows[0].other].filter((v): v is string => typeof v === 'string' && v !== '');
}
