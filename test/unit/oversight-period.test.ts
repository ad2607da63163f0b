/** Report periods (core) and the statistics screen's period picker (renderer, pure). */

import { describe, expect, it } from 'vitest';

import { monthPeriod, monthsOf, periodLabel, quarterPeriod, resolvePeriod, yearPeriod } from '../../electron/core/oversight/period';
import { chartRange, periodInput } from '../../renderer/src/screens/statistics/period';

describe('report periods', () => {
  it('months, quarters and years as inclusive days, leap years included', () => {
    expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthPeriod('2026-2')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(quarterPeriod('2026Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterPeriod('2026q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(yearPeriod(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(resolvePeriod({ from: '2026-01-05', to: '2026-02-03' })).toEqual({ from: '2026-01-05', to: '2026-02-03' });
    expect(() => quarterPeriod('2026Q5')).toThrow(/季度/);
    expect(() => resolvePeriod({ from: '2026-02-30', to: '2026-03-01' })).toThrow(/起始日期/);
  });

  it('says the period as a report title does', () => {
    expect(periodLabel(monthPeriod('2026-11'))).toBe('2026年11月');
    expect(periodLabel(quarterPeriod('2026Q4'))).toBe('2026年第四季度');
    expect(periodLabel(yearPeriod('2026'))).toBe('2026年');
    expect(periodLabel({ from: '2026-01-01', to: '2026-05-31' })).toBe('2026年1月至5月');
    expect(periodLabel({ from: '2026-01-05', to: '2026-02-03' })).toBe('2026年1月5日至2026年2月3日');
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('statistics screen period picker', () => {
  const base = { day: '2026-11-23', from: '2026-01-05', to: '2026-02-03' };
  it('turns the picker state into the core input', () => {
    expect(periodInput({ ...base, mode: 'month' })).toEqual({ month: '2026-11' });
    expect(periodInput({ ...base, mode: 'quarter' })).toEqual({ quarter: '2026Q4' });
    expect(periodInput({ ...base, mode: 'year' })).toEqual({ year: '2026' });
    expect(periodInput({ ...base, mode: 'range' })).toEqual({ from: '2026-01-05', to: '2026-02-03' });
  });

  it('charts 12 months ending with a chosen month, or the chosen longer period', () => {
    expect(chartRange({ ...base, mode: 'month' })).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(chartRange({ ...base, mode: 'month', day: '2026-01-10' })).toEqual({ from: '2025-02-01', to: '2026-01-31' });
    expect(chartRange({ ...base, mode: 'quarter' })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(chartRange({ ...base, mode: 'year' })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(chartRange({ ...base, mode: 'range' })).toEqual({ from: '2026-01-05', to: '2026-02-03' });
    expect(chartRange({ ...base, mode: 'range', from: '2026-02-01', to: '2026-02-20' })).toEqual({ from: '2025-03-01', to: '2026-02-28' });
  });
});
