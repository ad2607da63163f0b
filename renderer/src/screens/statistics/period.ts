/** The period picker's state as the core's period input, and the months the charts show. Pure. */

import { monthEnd } from '../../../../electron/core/oversight/period';

export type PeriodMode = 'month' | 'quarter' | 'year' | 'range';

export interface PeriodState {
  mode: PeriodMode;
  /** Any day inside the chosen month / quarter / year (YYYY-MM-DD). */
  day: string;
  /** For `range`. */
  from: string;
  to: string;
}

export interface PeriodInput {
  month?: string;
  quarter?: string;
  year?: string;
  from?: string;
  to?: string;
}

export function periodInput(p: PeriodState): PeriodInput {
  const [y, m] = p.day.split('-').map(Number);
  switch (p.mode) {
    case 'month':
      return { month: p.day.slice(0, 7) };
    case 'quarter':
      return { quarter: `${y}Q${Math.floor((m - 1) / 3) + 1}` };
    case 'year':
      return { year: String(y) };
    case 'range':
      return { from: p.from, to: p.to };
  }
}

/** The chart range: the chosen period when it covers several months, else the 12 months ending with it. */
export function chartRange(p: PeriodState): { from: string; to: string } {
  if (p.mode === 'year' || p.mode === 'quarter') {
    const input = periodInput(p);
    const y = Number(p.day.slice(0, 4));
    if (input.year) return { from: `${y}-01-01`, to: `${y}-12-31` };
    const q = Number(input.quarter!.slice(-1));
    const first = (q - 1) * 3 + 1;
    return { from: `${y}-${String(first).padStart(2, '0')}-01`, to: monthEnd(y, first + 2) };
  }
  if (p.mode === 'range' && p.from.slice(0, 7) !== p.to.slice(0, 7)) return { from: p.from, to: p.to };
  const end = p.mode === 'range' ? p.to : p.day;
  const [y, m] = end.split('-').map(Number);
  // 12 months ending with the chosen one: its month index minus 11.
  const first = y * 12 + (m - 1) - 11;
  const from = `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}-01`;
  return { from, to: monthEnd(y, m) };
}
