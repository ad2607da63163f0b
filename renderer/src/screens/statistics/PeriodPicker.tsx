/** The statistics' period: month, quarter, year or a range, and the date picker for it (统计, 统一受理). */

import { DatePicker, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

import type { PeriodMode, PeriodState } from './period';

const MODES: { value: PeriodMode; label: string }[] = [
  { value: 'month', label: '月' },
  { value: 'quarter', label: '季度' },
  { value: 'year', label: '年' },
  { value: 'range', label: '自定义' },
];

export const formatDay = (d: Dayjs) => d.format('YYYY-MM-DD');

export function PeriodPicker({ period, onChange }: { period: PeriodState; onChange(next: PeriodState): void }) {
  const value = dayjs(period.day);
  const onPick = (d: Dayjs | null) => d && onChange({ ...period, day: formatDay(d) });
  const picker = (() => {
    switch (period.mode) {
      case 'month':
        return (
          <DatePicker picker="month" value={value} onChange={onPick} allowClear={false} format="YYYY年M月" data-testid="stats-month" />
        );
      case 'quarter':
        return (
          <DatePicker
            picker="quarter"
            value={value}
            onChange={onPick}
            allowClear={false}
            format={(d) => `${d.year()}年第${Math.floor(d.month() / 3) + 1}季度`}
          />
        );
      case 'year':
        return <DatePicker picker="year" value={value} onChange={onPick} allowClear={false} format="YYYY年" />;
      case 'range':
        return (
          <DatePicker.RangePicker
            value={[dayjs(period.from), dayjs(period.to)]}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && onChange({ ...period, from: formatDay(v[0]), to: formatDay(v[1]) })}
          />
        );
    }
  })();
  return (
    <>
      <Segmented options={MODES} value={period.mode} onChange={(mode) => onChange({ ...period, mode: mode as PeriodMode })} />
      {picker}
    </>
  );
}
