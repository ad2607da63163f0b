/**
 * The centre's supervision of its stations, per station: name and code, the last batch (date and
 * sequence), batches and cases received this month and this year, days since the last batch, whether it
 * has been silent longer than the limit, the month's report status (已上报 / 零上报 / 未上报) and the
 * returns still waiting for correction. A pure function of the centre's records (trusted keys, import
 * records, returns), so that a centre kept in PostgreSQL computes the same from its tables.
 */

import type { ImportRecord } from '../batches/import';
import type { TrustedStation } from '../batches/trust';
import { daysBetween, localDate } from '../dates';
import type { CaseReturn } from './returns';

export type MonthStatus = 'reported' | 'zero' | 'none';
export const MONTH_STATUS_LABELS: Record<MonthStatus, string> = { reported: '已上报', zero: '零上报', none: '未上报' };

export interface PeriodCounts {
  batches: number;
  /** New and updated cases written by those batches. */
  cases: number;
}

export interface StationOverview {
  code: string;
  name: string;
  /** A key of this station is trusted and not revoked. */
  trusted: boolean;
  lastBatch: { batchId: string; createdAt: string; importedAt: string; sequence?: number; caseCount: number } | null;
  month: PeriodCounts;
  year: PeriodCounts;
  /** Days since the last batch was made (since the key was trusted when none came yet). */
  daysSilent: number | null;
  silent: boolean;
  monthStatus: MonthStatus;
  openReturns: number;
}

export interface CentreOverview {
  today: string;
  month: string;
  year: string;
  silentDays: number;
  stations: StationOverview[];
  /** The latest imports, newest first. */
  recentBatches: ImportRecord[];
  totals: { stations: number; reported: number; zero: number; none: number; silent: number; openReturns: number };
}

export interface OverviewInput {
  stations: readonly TrustedStation[];
  imports: readonly ImportRecord[];
  returns: readonly CaseReturn[];
  today: string;
  silentDays: number;
  recent?: number;
}

const dayOf = (iso: string) => localDate(new Date(iso));

export function centreOverview(input: OverviewInput): CentreOverview {
  const { today, silentDays } = input;
  const month = today.slice(0, 7);
  const year = today.slice(0, 4);
  const codes = new Map<string, { name: string; trusted: boolean; trustedAt?: string }>();
  for (const s of input.stations) {
    const known = codes.get(s.stationCode);
    const trusted = !s.revokedAt;
    codes.set(s.stationCode, {
      name: trusted || !known ? s.name : known.name,
      trusted: trusted || (known?.trusted ?? false),
      trustedAt: trusted ? (known?.trustedAt && known.trustedAt < s.trustedAt ? known.trustedAt : s.trustedAt) : known?.trustedAt,
    });
  }
  const byStation = new Map<string, ImportRecord[]>();
  for (const r of input.imports) {
    const list = byStation.get(r.stationCode) ?? [];
    list.push(r);
    byStation.set(r.stationCode, list);
    if (!codes.has(r.stationCode)) codes.set(r.stationCode, { name: r.stationName, trusted: false });
  }

  const stations = [...codes.entries()].map(([code, known]): StationOverview => {
    const records = byStation.get(code) ?? [];
    const count = (prefix: string): PeriodCounts => {
      const inPeriod = records.filter((r) => dayOf(r.importedAt).startsWith(prefix));
      return { batches: inPeriod.length, cases: inPeriod.reduce((n, r) => n + r.new + r.updated, 0) };
    };
    const last = records.reduce<ImportRecord | undefined>((a, r) => (!a || r.createdAt > a.createdAt ? r : a), undefined);
    const since = last ? dayOf(last.createdAt) : known.trustedAt ? dayOf(known.trustedAt) : undefined;
    const daysSilent = since ? Math.max(0, daysBetween(since, today)) : null;
    const thisMonth = records.filter((r) => dayOf(r.importedAt).startsWith(month));
    const monthStatus: MonthStatus = thisMonth.some((r) => r.caseCount > 0) ? 'reported' : thisMonth.length ? 'zero' : 'none';
    return {
      code,
      name: last?.stationName ?? known.name,
      trusted: known.trusted,
      lastBatch: last
        ? {
            batchId: last.batchId,
            createdAt: last.createdAt,
            importedAt: last.importedAt,
            ...(last.sequence !== undefined ? { sequence: last.sequence } : {}),
            caseCount: last.caseCount,
          }
        : null,
      month: count(month),
      year: count(year),
      daysSilent,
      silent: known.trusted && daysSilent !== null && daysSilent > silentDays,
      monthStatus,
      openReturns: input.returns.filter((r) => r.status === 'open' && r.stationCode === code).length,
    };
  });
  // The silent first (longest first), then by code: the list reads as the day's work.
  stations.sort((a, b) => Number(b.silent) - Number(a.silent) || (b.daysSilent ?? 0) - (a.daysSilent ?? 0) || a.code.localeCompare(b.code));
  const recentBatches = [...input.imports].sort((a, b) => (a.importedAt < b.importedAt ? 1 : -1)).slice(0, input.recent ?? 10);
  const totals = {
    stations: stations.length,
    reported: stations.filter((s) => s.monthStatus === 'reported').length,
    zero: stations.filter((s) => s.monthStatus === 'zero').length,
    none: stations.filter((s) => s.monthStatus === 'none').length,
    silent: stations.filter((s) => s.silent).length,
    openReturns: stations.reduce((n, s) => n + s.openReturns, 0),
  };
  return { today, month, year, silentDays, stations, recentBatches, totals };
}
