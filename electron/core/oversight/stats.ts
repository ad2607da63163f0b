/**
 * The statistics report (人民调解工作统计表) as a pure function over cases: one pass over the register,
 * each case contributing to its row(s) and once to the total. The definitions below are the ones
 * written in the README (section oversight); the CLI, the screen and the exports all use this.
 *
 * - received (受理): receivedAt in the period; 不予受理 (declined) cases are never counted as received,
 *   nor are their amounts and people, because they were not accepted for mediation.
 * - resolved (调解成功): agreement.date in the period. failed / withdrawn: outcome.date in the period.
 *   These fields survive closing and reopening unchanged, so a closed or reopened case counts once,
 *   by the date of its (latest) agreement or outcome; closing itself is not an outcome.
 * - written / oral: the form of the agreements counted as resolved.
 * - confirmationApplied: confirmation.appliedAt in the period; confirmed: a `confirmed` ruling dated
 *   in the period; performed: the earliest follow-up saying `performed` dated in the period.
 * - inProgress (调解中/未办结): received on or before the last day, with no agreement, decline,
 *   failure or withdrawal dated on or before the last day.
 * - amountFen / people: of the cases received in the period.
 * - successRate = resolved / (resolved + failed), null when both are 0.
 */

import { COUNT_COLUMNS } from '../database/statistics';
import type { Case } from '../schema/case';
import { CASE_SOURCES, DISPUTE_TYPES } from '../schema/codes';
import type { Period } from './period';

export type StatsBy = 'type' | 'source' | 'mediator' | 'station';
export const STATS_BY: readonly StatsBy[] = ['type', 'source', 'mediator', 'station'];
export const STATS_BY_LABELS: Record<StatsBy, string> = { type: '纠纷类型', source: '案件来源', mediator: '人民调解员', station: '站点' };

export interface StatsCounts {
  received: number;
  resolved: number;
  failed: number;
  withdrawn: number;
  inProgress: number;
  successRate: number | null;
  amountFen: number;
  people: number;
  written: number;
  oral: number;
  confirmationApplied: number;
  confirmed: number;
  performed: number;
}

export interface StatsRow extends StatsCounts {
  key: string;
  label: string;
}

export interface StatsReport {
  from: string;
  to: string;
  rows: StatsRow[];
  total: StatsRow;
}

/** The count columns, in report order, with their Chinese headings (units in the exports). */
export const STATS_COLUMNS: readonly { field: keyof StatsCounts; label: string; unit: string }[] = [
  { field: 'received', label: '受理', unit: '件' },
  { field: 'resolved', label: '调解成功', unit: '件' },
  { field: 'failed', label: '调解不成', unit: '件' },
  { field: 'withdrawn', label: '撤回', unit: '件' },
  { field: 'inProgress', label: '调解中', unit: '件' },
  { field: 'successRate', label: '调解成功率', unit: '%' },
  { field: 'amountFen', label: '涉及金额', unit: '元' },
  { field: 'people', label: '涉及人数', unit: '人' },
  { field: 'written', label: '书面协议', unit: '件' },
  { field: 'oral', label: '口头协议', unit: '件' },
  { field: 'confirmationApplied', label: '申请司法确认', unit: '件' },
  { field: 'confirmed', label: '司法确认有效', unit: '件' },
  { field: 'performed', label: '协议已履行', unit: '件' },
];

/** Where a case's statistics go when it has no mediator recorded. */
export const NO_MEDIATOR_KEY = '';
const NO_MEDIATOR_LABEL = '（未指定调解员）';

export interface StatsContext {
  /** This office: local cases (without origin) are counted under its station code. */
  stationCode: string;
  stationName: string;
  /** Mediators listed in the settings: each gets a row even with nothing to count (零上报). */
  mediators: readonly string[];
  /** A station always reports its own row; a centre reports the stations it has cases from. */
  ownStationRow: boolean;
  /** At a centre: every station it knows, each with a row (零上报 shows as zeros), by code → name. */
  stations?: ReadonlyMap<string, string>;
}

/** A station's row label: its name with its code, as the centre's lists show it. */
export function stationLabel(code: string, name: string): string {
  return name && name !== code ? `${name}（${code}）` : code;
}

type Additive = Exclude<keyof StatsCounts, 'successRate'>;

function emptyRow(key: string, label: string): StatsRow {
  return {
    key,
    label,
    received: 0,
    resolved: 0,
    failed: 0,
    withdrawn: 0,
    inProgress: 0,
    successRate: null,
    amountFen: 0,
    people: 0,
    written: 0,
    oral: 0,
    confirmationApplied: 0,
    confirmed: 0,
    performed: 0,
  };
}

const inPeriod = (date: string | undefined, p: Period): boolean => date !== undefined && date >= p.from && date <= p.to;

/** The date the case stopped being in progress: its agreement or its decline/failure/withdrawal. */
export function finishedOn(c: Case): string | undefined {
  return c.agreement?.date ?? c.outcome?.date;
}

/** The date of the earliest follow-up that found the agreement performed. */
export function performedOn(c: Case): string | undefined {
  let first: string | undefined;
  for (const f of c.followUps) if (f.performance === 'performed' && (first === undefined || f.date < first)) first = f.date;
  return first;
}

/** The additive columns, in a fixed order (the database's sums use the same list), so that a case's contribution fits in a reusable array. */
const ADDITIVE: readonly Additive[] = COUNT_COLUMNS;
const [RECEIVED, RESOLVED, FAILED, WITHDRAWN, IN_PROGRESS, AMOUNT, PEOPLE, WRITTEN, ORAL, APPLIED, CONFIRMED, PERFORMED] = ADDITIVE.map(
  (_, i) => i,
);

/**
 * The dates and figures of a case that the report reads, as small integers (20261123 for 2026-11-23,
 * 0 for none). Cases are immutable objects (a change replaces the object), so this is cached per case
 * object: after the first report, a report reads one small monomorphic record per case instead of
 * following the case's nested objects and date strings.
 */
interface Compact {
  received: number;
  declined: boolean;
  agreed: number;
  oral: boolean;
  failed: number;
  withdrawn: number;
  /** Agreement or outcome date; MAX when still open. */
  finished: number;
  applied: number;
  confirmed: number;
  performed: number;
  amountFen: number;
  people: number;
}

const MAX_DAY = 99_999_999;
const compactCache = new WeakMap<Case, Compact>();

/** `2026-11-23` → 20261123 (0 for none), without building strings or dates. */
export function dayKey(date: string | undefined): number {
  if (!date) return 0;
  return (
    (date.charCodeAt(0) - 48) * 10_000_000 +
    (date.charCodeAt(1) - 48) * 1_000_000 +
    (date.charCodeAt(2) - 48) * 100_000 +
    (date.charCodeAt(3) - 48) * 10_000 +
    (date.charCodeAt(5) - 48) * 1_000 +
    (date.charCodeAt(6) - 48) * 100 +
    (date.charCodeAt(8) - 48) * 10 +
    (date.charCodeAt(9) - 48)
  );
}

function compactOf(c: Case): Compact {
  let k = compactCache.get(c);
  if (k) return k;
  const outcome = c.outcome;
  const ruling = c.confirmation?.result;
  k = {
    received: dayKey(c.receivedAt),
    declined: outcome?.kind === 'declined',
    agreed: dayKey(c.agreement?.date),
    oral: c.agreement?.form === 'oral',
    failed: outcome?.kind === 'failed' ? dayKey(outcome.date) : 0,
    withdrawn: outcome?.kind === 'withdrawn' ? dayKey(outcome.date) : 0,
    finished: dayKey(finishedOn(c)) || MAX_DAY,
    applied: dayKey(c.confirmation?.appliedAt),
    confirmed: ruling?.result === 'confirmed' ? dayKey(ruling.date) : 0,
    performed: dayKey(performedOn(c)),
    amountFen: c.amountFen,
    people: c.peopleInvolved,
  };
  compactCache.set(c, k);
  return k;
}

/**
 * What one case adds to its row(s) for the period, written into `into` (one slot per ADDITIVE column);
 * false when it adds nothing. The heart of the definitions above. No allocation after the first report.
 */
export function contributionInto(into: Float64Array, c: Case, p: Period): boolean {
  return compactInto(into, compactOf(c), dayKey(p.from), dayKey(p.to));
}

function compactInto(into: Float64Array, k: Compact, from: number, to: number): boolean {
  into.fill(0);
  let any = false;
  if (!k.declined && k.received >= from && k.received <= to) {
    into[RECEIVED] = 1;
    into[AMOUNT] = k.amountFen;
    into[PEOPLE] = k.people;
    any = true;
  }
  if (k.agreed >= from && k.agreed <= to) {
    into[RESOLVED] = 1;
    into[k.oral ? ORAL : WRITTEN] = 1;
    any = true;
  }
  if (k.failed >= from && k.failed <= to) {
    into[FAILED] = 1;
    any = true;
  }
  if (k.withdrawn >= from && k.withdrawn <= to) {
    into[WITHDRAWN] = 1;
    any = true;
  }
  if (k.received <= to && k.finished > to) {
    into[IN_PROGRESS] = 1;
    any = true;
  }
  if (k.applied >= from && k.applied <= to) {
    into[APPLIED] = 1;
    any = true;
  }
  if (k.confirmed >= from && k.confirmed <= to) {
    into[CONFIRMED] = 1;
    any = true;
  }
  if (k.performed >= from && k.performed <= to) {
    into[PERFORMED] = 1;
    any = true;
  }
  return any;
}

/** The same as `contributionInto`, as an object of the non-zero columns (for tests and the screen's drill-down). */
export function contribution(c: Case, p: Period): Partial<Record<Additive, number>> | null {
  const scratch = new Float64Array(ADDITIVE.length);
  if (!contributionInto(scratch, c, p)) return null;
  const out: Partial<Record<Additive, number>> = {};
  ADDITIVE.forEach((field, i) => {
    if (scratch[i] !== 0) out[field] = scratch[i];
  });
  return out;
}

function addInto(row: StatsRow, part: Float64Array): void {
  for (let i = 0; i < ADDITIVE.length; i++) if (part[i] !== 0) row[ADDITIVE[i]] += part[i];
}

export function successRate(resolved: number, failed: number): number | null {
  const finished = resolved + failed;
  return finished === 0 ? null : Math.round((resolved / finished) * 10_000) / 10_000;
}

/** The station a case is counted under: the one it came from, else this office (its own cases). */
const stationCodeOf = (c: Case, ctx: StatsContext): string => c.origin?.stationCode ?? ctx.stationCode;

function stationOf(c: Case, ctx: StatsContext): { key: string; label: string } {
  const key = stationCodeOf(c, ctx);
  const name = c.origin ? (ctx.stations?.get(key) ?? c.origin.stationName) : ctx.stationName;
  return { key, label: stationLabel(key, name) };
}

function keysOf(c: Case, by: StatsBy, ctx: StatsContext): { key: string; label: string }[] {
  switch (by) {
    case 'type':
      return [{ key: c.disputeType, label: DISPUTE_TYPES.label(c.disputeType) }];
    case 'source':
      return [{ key: c.source, label: CASE_SOURCES.label(c.source) }];
    case 'mediator': {
      const names = [...new Set(c.mediators)];
      return names.length ? names.map((n) => ({ key: n, label: n })) : [{ key: NO_MEDIATOR_KEY, label: NO_MEDIATOR_LABEL }];
    }
    case 'station':
      return [stationOf(c, ctx)];
  }
}

/** The rows every report has before any case is read: the code tables' categories, the settings' mediators, a station's own row, a centre's known stations. */
function initialRows(by: StatsBy, ctx: StatsContext): Map<string, StatsRow> {
  const rows = new Map<string, StatsRow>();
  if (by === 'type') for (const e of DISPUTE_TYPES.entries) rows.set(e.code, emptyRow(e.code, e.label));
  if (by === 'source') for (const e of CASE_SOURCES.entries) rows.set(e.code, emptyRow(e.code, e.label));
  if (by === 'mediator') for (const m of ctx.mediators) rows.set(m, emptyRow(m, m));
  if (by === 'station' && ctx.ownStationRow)
    rows.set(ctx.stationCode, emptyRow(ctx.stationCode, stationLabel(ctx.stationCode, ctx.stationName)));
  if (by === 'station') {
    for (const [code, name] of ctx.stations ?? []) if (!rows.has(code)) rows.set(code, emptyRow(code, stationLabel(code, name)));
  }
  return rows;
}

/** Rows in report order (mediators by name, the unassigned last; stations by code), with success rates. */
function finishReport(p: Period, by: StatsBy, rows: Map<string, StatsRow>, total: StatsRow): StatsReport {
  let list = [...rows.values()];
  if (by === 'mediator') {
    list.sort((a, b) => (a.key === NO_MEDIATOR_KEY ? 1 : b.key === NO_MEDIATOR_KEY ? -1 : a.label.localeCompare(b.label, 'zh-Hans-CN')));
  } else if (by === 'station') {
    list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  list = list.map((r) => ({ ...r, successRate: successRate(r.resolved, r.failed) }));
  total.successRate = successRate(total.resolved, total.failed);
  return { from: p.from, to: p.to, rows: list, total };
}

/**
 * The cases counted under one station: its imported cases, or this office's own (stationOf). Only the
 * key is compared: labelling each of a centre's 200,000 cases to keep one station's was most of a
 * station's report.
 */
export function ofStation(cases: Iterable<Case>, station: string | undefined, ctx: StatsContext): Iterable<Case> {
  if (station === undefined) return cases;
  const kept: Case[] = [];
  for (const c of cases) if (stationCodeOf(c, ctx) === station) kept.push(c);
  return kept;
}

/**
 * The report. Rows: every official category for `type` and `source` (in the code tables' order);
 * for `mediator`, the settings' mediators and every mediator seen in the register, by name;
 * for `station`, every station seen in the register (and this office), by code.
 * With `by: mediator` a case with two mediators counts in both rows but once in the total.
 */
export function buildReport(cases: Iterable<Case>, p: Period, by: StatsBy, ctx: StatsContext): StatsReport {
  const rows = initialRows(by, ctx);
  const rowFor = (key: string, label: string) => {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyRow(key, label)));
    return row;
  };
  const total = emptyRow('total', '合计');

  const part = new Float64Array(ADDITIVE.length);
  const from = dayKey(p.from);
  const to = dayKey(p.to);
  for (const c of cases) {
    // Every mediator and station seen in the register gets a row, also with nothing to count this period.
    if (by === 'station') {
      const { key, label } = stationOf(c, ctx);
      rowFor(key, label);
    } else if (by === 'mediator') {
      if (c.mediators.length === 0) rowFor(NO_MEDIATOR_KEY, NO_MEDIATOR_LABEL);
      else for (const m of c.mediators) if (!rows.has(m)) rowFor(m, m);
    }
    if (!compactInto(part, compactOf(c), from, to)) continue;
    addInto(total, part);
    // The common groupings need no allocation: the row is found by the case's code.
    if (by === 'type') addInto(rows.get(c.disputeType)!, part);
    else if (by === 'source') addInto(rows.get(c.source)!, part);
    else for (const { key, label } of keysOf(c, by, ctx)) addInto(rowFor(key, label), part);
  }
  return finishReport(p, by, rows, total);
}

/** Counts per group as a database computes them (database/statistics.ts): every group seen, the total once. */
export interface GroupTotals {
  rows: { key: string; counts: Record<Additive, number> }[];
  total: Record<Additive, number>;
  /** For `station`: the name each station's newest case gives it. */
  stationNames?: ReadonlyMap<string, string>;
}

/** The same report from counts made elsewhere (a centre's database), labelled and ordered as `buildReport` does. */
export function reportFromTotals(totals: GroupTotals, p: Period, by: StatsBy, ctx: StatsContext): StatsReport {
  const rows = initialRows(by, ctx);
  const labelOf = (key: string): string => {
    // every valid code already has its row; a code no table knows is shown as it is
    if (by === 'type' || by === 'source') return key;
    if (by === 'mediator') return key === NO_MEDIATOR_KEY ? NO_MEDIATOR_LABEL : key;
    return stationLabel(key, ctx.stations?.get(key) ?? totals.stationNames?.get(key) ?? '');
  };
  const fill = (row: StatsRow, counts: Record<Additive, number>) => {
    for (const field of ADDITIVE) row[field] += counts[field];
  };
  for (const { key, counts } of totals.rows) {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyRow(key, labelOf(key))));
    fill(row, counts);
  }
  const total = emptyRow('total', '合计');
  fill(total, totals.total);
  return finishReport(p, by, rows, total);
}

export interface MonthPoint {
  month: string;
  received: number;
  resolved: number;
  failed: number;
  successRate: number | null;
}

export interface TypeShare {
  key: string;
  label: string;
  received: number;
}

/** Per month of the period: cases received, resolved and failed; the success rate. */
export type MonthCounts = ReadonlyMap<string, { received: number; resolved: number; failed: number }>;

/** The charts' figures from counts per month and per type (made here or by a centre's database). */
export function seriesFromCounts(
  months: readonly string[],
  counts: MonthCounts,
  receivedByType: ReadonlyMap<string, number>,
): { months: MonthPoint[]; byType: TypeShare[] } {
  return {
    months: months.map((month) => {
      const c = counts.get(month) ?? { received: 0, resolved: 0, failed: 0 };
      return { month, received: c.received, resolved: c.resolved, failed: c.failed, successRate: successRate(c.resolved, c.failed) };
    }),
    byType: DISPUTE_TYPES.entries.map((e) => ({ key: e.code as string, label: e.label, received: receivedByType.get(e.code) ?? 0 })),
  };
}

/**
 * Figures for the charts, by the same definitions: per month of the period, cases received, resolved
 * and failed (each by its own date) and the success rate; and cases received by type.
 */
export function buildSeries(cases: Iterable<Case>, p: Period, months: readonly string[]): { months: MonthPoint[]; byType: TypeShare[] } {
  const counts = new Map(months.map((m) => [m, { received: 0, resolved: 0, failed: 0 }]));
  const types = new Map<string, number>();
  const bump = (date: string | undefined, field: 'received' | 'resolved' | 'failed') => {
    if (!inPeriod(date, p)) return;
    const point = counts.get(date!.slice(0, 7));
    if (point) point[field]++;
  };
  for (const c of cases) {
    if (c.outcome?.kind !== 'declined') {
      bump(c.receivedAt, 'received');
      if (inPeriod(c.receivedAt, p)) types.set(c.disputeType, (types.get(c.disputeType) ?? 0) + 1);
    }
    bump(c.agreement?.date, 'resolved');
    if (c.outcome?.kind === 'failed') bump(c.outcome.date, 'failed');
  }
  return seriesFromCounts(months, counts, types);
}
