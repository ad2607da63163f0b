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
  const { type, mediator, from, to } = filters;
  if (!statuses && !type && !mediator && !from && !to) return rows as CaseSummary[];
  const out: CaseSummary[] = [];
  for (const row of rows) {
    if (statuses && !statuses.has(row.status)) continue;
    if (type && row.disputeType !== type) continue;
    if (from && row.receivedAt < from) continue;
    if (to && row.receivedAt > to) continue;
    if (mediator && !row.mediators.includes(mediator)) continue;
    out.push(row);
  }
  return out;
}

/** Year and sequence of a 案号 such as `（2026）东城调字第12号`, for numeric ordering (12 after 9). */
export function numberKey(number: string): [number, number] {
  const year = /\d{4}/.exec(number);
  const seq = /(\d+)\D*$/.exec(number);
  return [year ? Number(year[0]) : 0, seq ? Number(seq[1]) : 0];
}

const STATUS_ORDER: Record<string, number> = { registered: 0, accepted: 1, agreed: 2, failed: 3, withdrawn: 4, declined: 5, closed: 6 };

/** Sorted copy (stable); without a sorter the rows keep the core's order (newest first). */
export function sortRows(rows: readonly CaseSummary[], sorter?: Sorter): CaseSummary[] {
  if (!sorter) return rows as CaseSummary[];
  const sign = sorter.order === 'ascend' ? 1 : -1;
  let keyed: { row: CaseSummary; a: number | string; b: number }[];
  switch (sorter.key) {
    case 'number':
      keyed = rows.map((row) => {
        const [year, seq] = numberKey(row.number);
        return { row, a: year, b: seq };
      });
      break;
    case 'amountFen':
      keyed = rows.map((row) => ({ row, a: row.amountFen, b: 0 }));
      break;
    case 'status':
      keyed = rows.map((row) => ({ row, a: STATUS_ORDER[row.status] ?? 9, b: 0 }));
      break;
    default: {
      const key = sorter.key;
      keyed = rows.map((row) => ({ row, a: row[key], b: 0 }));
    }
  }
  keyed.sort((x, y) => (x.a < y.a ? -sign : x.a > y.a ? sign : (x.b - y.b) * sign));
  return keyed.map((k) => k.row);
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
