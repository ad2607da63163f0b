/**
 * Report periods: a month (`2026-11`), a quarter (`2026Q4`), a year (`2026`) or an explicit from–to,
 * always as inclusive calendar dates, so that every door (CLI, screen, export) means the same days.
 */

import { z } from 'zod';

import { addDays, isRealDate } from '../dates';
import { invalid } from '../errors';

export interface Period {
  from: string;
  to: string;
}

export interface PeriodSpec {
  from?: string;
  to?: string;
  month?: string;
  quarter?: string;
  year?: string | number;
}

const periodText = z.string().max(20, '日期或期间的写法不正确');

/** A period as a handler's input fields (every door takes the same ones), each bounded before it is read. */
export const PeriodFields = {
  from: periodText.optional(),
  to: periodText.optional(),
  month: periodText.optional(),
  quarter: periodText.optional(),
  year: z.union([periodText, z.int()]).optional(),
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Last day of a month: the day before the first of the next month. */
function monthEnd(year: number, month: number): string {
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return addDays(next, -1);
}

export function monthPeriod(spec: string): Period {
  const m = /^(\d{4})-?(\d{1,2})$/.exec(spec.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw invalid('month', `“${spec}”不是有效的月份，应为YYYY-MM，如2026-11`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  return { from: `${year}-${pad(month)}-01`, to: monthEnd(year, month) };
}

export function quarterPeriod(spec: string): Period {
  const m = /^(\d{4})\s*[Qq]([1-4])$/.exec(spec.trim());
  if (!m) throw invalid('quarter', `“${spec}”不是有效的季度，应为YYYYQn，如2026Q4`);
  const year = Number(m[1]);
  const first = (Number(m[2]) - 1) * 3 + 1;
  return { from: `${year}-${pad(first)}-01`, to: monthEnd(year, first + 2) };
}

export function yearPeriod(spec: string | number): Period {
  const text = String(spec).trim();
  if (!/^\d{4}$/.test(text)) throw invalid('year', `“${text}”不是有效的年份，应为四位数字，如2026`);
  return { from: `${text}-01-01`, to: `${text}-12-31` };
}

/** One period from whichever of month / quarter / year / from–to was given; exactly one way must be used. */
export function resolvePeriod(spec: PeriodSpec): Period {
  const ways = [spec.month, spec.quarter, spec.year, spec.from ?? spec.to].filter((v) => v !== undefined && v !== '');
  if (ways.length === 0) throw invalid('from', '请指定统计期间：起止日期（from、to），或月份、季度、年份之一');
  if (ways.length > 1) throw invalid('from', '统计期间只能用一种方式指定：起止日期、月份、季度或年份');
  if (spec.month) return monthPeriod(spec.month);
  if (spec.quarter) return quarterPeriod(spec.quarter);
  if (spec.year !== undefined && spec.year !== '') return yearPeriod(spec.year);
  if (!spec.from || !isRealDate(spec.from)) throw invalid('from', '起始日期应为有效的YYYY-MM-DD日期');
  if (!spec.to || !isRealDate(spec.to)) throw invalid('to', '截止日期应为有效的YYYY-MM-DD日期');
  if (spec.to < spec.from) throw invalid('to', `截止日期${spec.to}早于起始日期${spec.from}`);
  return { from: spec.from, to: spec.to };
}

/** `2026年11月` / `2026年第四季度` / `2026年` / `2026年1月5日至2026年2月3日`: the period as a report title says it. */
export function periodLabel(p: Period): string {
  const [fy, fm, fd] = p.from.split('-').map(Number);
  const [ty, tm, td] = p.to.split('-').map(Number);
  const starts = fd === 1;
  const endsMonth = p.to === monthEnd(ty, tm);
  if (fy === ty && starts && endsMonth) {
    if (fm === 1 && tm === 12) return `${fy}年`;
    if (fm === tm) return `${fy}年${fm}月`;
    if ((fm - 1) % 3 === 0 && tm === fm + 2) return `${fy}年第${'一二三四'[(fm - 1) / 3]}季度`;
    return `${fy}年${fm}月至${tm}月`;
  }
  return `${fy}年${fm}月${fd}日至${ty}年${tm}月${td}日`;
}

/** The months a period touches, as `YYYY-MM`, for charts by month. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let [y, m] = p.from.split('-').map(Number);
  const [ty, tm] = p.to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${pad(m)}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export { monthEnd };
