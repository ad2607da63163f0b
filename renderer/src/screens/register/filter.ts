/**
 * The register's list work, pure so that the benchmark measures exactly what the screen does.
 * The text query is answered by the core's index (it knows full ID numbers and pinyin, the list's
 * summaries do not); the structured filters and the column sort run here, on every change, over up
 * to the whole register.
 */

import type { CaseSummary } from '../../../../electron/core/cases/search';

export interface RegisterFilters {
  statuses?: readonly string[];
  type?: string;
  mediator?: string;
  /** At a centre: one station's cases, by code. */
  station?: string;
  /** Received on or after / on or before, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export type SortKey = 'number' | 'receivedAt' | 'amountFen' | 'status' | 'disputeType' | 'updatedAt';
export interface Sorter {
  key: SortKey;
  order: 'ascend' | 'descend';
}

export function filterRows(rows: readonly CaseSummary[], filters: RegisterFilters): CaseSummary[] {
  const statuses = filters.statuses?.length ? new Set(filters.statuses) : undefined;
  const { type, mediator, from, to, station } = filters;
  if (!statuses && !type && !mediator && !from && !to && !station) return rows as CaseSummary[];
  const out: CaseSummary[] = [];
  for (const row of rows) {
    if (statuses && !statuses.has(row.status)) continue;
    if (type && row.disputeType !== type) continue;
    if (from && row.receivedAt < from) continue;
    if (to && row.receivedAt > to) continue;
    if (mediator && !row.mediators.includes(mediator)) continue;
    if (station && row.station !== station) continue;
    out.push(row);
  }
  return out;
}

/** Year and sequence of a 案号 such as `（2026）东城调字第12号`, for numeric ordering (12 after 9). */
export function numberKey(number: string): [number, number] {
  // Scanned by hand: this runs for every row on every sort by 案号.
  let year = 0;
  let run = 0;
  let value = 0;
  let last = 0;
  for (let i = 0; i < number.length; i++) {
    const d = number.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) {
      value = run === 0 ? d : value * 10 + d;
      run++;
      if (run === 4 && year === 0 && !(number.charCodeAt(i + 1) >= 48 && number.charCodeAt(i + 1) <= 57)) year = value;
      last = value;
    } else run = 0;
  }
  return [year, last];
}

const STATUS_ORDER: Record<string, number> = { registered: 0, accepted: 1, agreed: 2, failed: 3, withdrawn: 4, declined: 5, closed: 6 };

/** Positions up to 2^18 (262,144 rows) and keys below 2^35 pack exactly into a double (2^53). */
const INDEX_SPACE = 2 ** 18;
const PACK_LIMIT = 2 ** 35;

/** A number that orders rows by the sort column (strings that are not numbers keep their own order). */
function sortKeyOf(row: CaseSummary, key: SortKey): number | string {
  switch (key) {
    case 'number': {
      const [year, seq] = numberKey(row.number);
      return year * 10_000_000 + seq;
    }
    case 'amountFen':
      return row.amountFen;
    case 'status':
      return STATUS_ORDER[row.status] ?? 9;
    case 'receivedAt':
      // YYYY-MM-DD as YYYYMMDD
      return Number(row.receivedAt.slice(0, 4)) * 10_000 + Number(row.receivedAt.slice(5, 7)) * 100 + Number(row.receivedAt.slice(8, 10));
    default:
      return row[key];
  }
}

/**
 * Sorted copy (stable); without a sorter the rows keep the core's order (newest first).
 * Keys are computed once per row and an index array is sorted, so 50,000 rows sort without building
 * an object per row or parsing 案号 inside the comparator.
 */
export function sortRows(rows: readonly CaseSummary[], sorter?: Sorter): CaseSummary[] {
  if (!sorter) return rows as CaseSummary[];
  const n = rows.length;
  const sign = sorter.order === 'ascend' ? 1 : -1;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const first = n ? sortKeyOf(rows[0], sorter.key) : 0;
  if (typeof first === 'number') {
    const keys = new Float64Array(n);
    let max = 0;
    let min = 0;
    for (let i = 0; i < n; i++) {
      const k = sortKeyOf(rows[i], sorter.key) as number;
      keys[i] = k;
      if (k > max) max = k;
      if (k < min) min = k;
    }
    if (min >= 0 && max < PACK_LIMIT && n <= INDEX_SPACE) {
      // Key and position packed into one exact double: the engine's native numeric sort, no comparator.
      const packed = new Float64Array(n);
      for (let i = 0; i < n; i++) packed[i] = (sign > 0 ? keys[i] : max - keys[i]) * INDEX_SPACE + i;
      packed.sort();
      for (let i = 0; i < n; i++) order[i] = packed[i] % INDEX_SPACE;
    } else {
      order.sort((a, b) => (keys[a] - keys[b]) * sign || a - b);
    }
  } else {
    const keys = rows.map((row) => String(sortKeyOf(row, sorter.key)));
    order.sort((a, b) => (keys[a] < keys[b] ? -sign : keys[a] > keys[b] ? sign : a - b));
  }
  const out = new Array<CaseSummary>(n);
  for (let i = 0; i < n; i++) out[i] = rows[order[i]];
  return out;
}

/** What the table shows: filtered, then sorted. */
export function registerView(rows: readonly CaseSummary[], filters: RegisterFilters, sorter?: Sorter): CaseSummary[] {
  return sortRows(filterRows(rows, filters), sorter);
}

/** Masked ID numbers of the parties, for the list (already masked by the core). */
export function idColumn(row: CaseSummary): string {
  return row.parties
    .map((p) => p.idNumberMasked)
    .filter(Boolean)
    .join('，');
}

/** The stations the rows come from, by code with their names, for the 站点 filter. */
export function stationsOf(rows: readonly CaseSummary[]): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const row of rows) if (row.station && !seen.has(row.station)) seen.set(row.station, row.stationName ?? row.station);
  return [...seen].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
}
