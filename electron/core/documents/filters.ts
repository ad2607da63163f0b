/**
 * The template filters: money in words, dates in both styles, ID masking, counts in Chinese numerals.
 * Pure functions; the template engine registers each under a Chinese name and an English alias.
 * An empty value gives the blank to fill by hand, like the paper form. Inputs may be values the context
 * joined against line breaks (./linebreak.ts `keepWhole`): the joiners are ignored. (Amounts the filters
 * write are joined with every other amount when the document is read: markup.ts.)
 */

import nzh from 'nzh';

import { formatDateArabic, isRealDate } from '../dates';
import { fenToYuan, formatYuan, yuanToFen } from '../money';
import { maskIdNumber } from '../schema/identity';
import { withoutNoBreak } from './linebreak';

/** What an empty field prints as: a line to write on by hand. */
export const BLANK = '＿＿＿＿';

const isEmpty = (value: unknown): boolean => value === null || value === undefined || value === '';
const textOf = (value: unknown): string => withoutNoBreak(String(value));

/** Yuan (number or decimal string like `"12300.05"`) to integer fen; throws the reason when it is not an amount. */
function toFen(value: unknown): number {
  const fen = typeof value === 'number' && !Number.isFinite(value) ? `“${value}”不是有效的金额` : yuanToFen(textOf(value));
  if (typeof fen === 'string') throw new Error(fen);
  return fen;
}

/**
 * 12300.05 → 人民币壹万贰仟叁佰元零伍分; 12000 → 人民币壹万贰仟元整 (reference §5.2).
 * nzh follows the PBOC rules: 零 for inner zeros, one 零 for a run, 零 after 元 when 角 is 0 and 分 is not,
 * 整 after 元, nothing after 角 or 分, and the leading 壹 of 壹拾 kept. Of the two variants rule 3
 * allows (壹拾万柒仟元伍角 / 壹拾万柒仟元零伍角) it writes the one without 零, always.
 */
export function moneyInWords(value: unknown, prefix = '人民币'): string {
  if (isEmpty(value)) return BLANK;
  // nzh reads "12000.00" as having cents and drops 整: give it the shortest decimal form.
  const yuan = fenToYuan(toFen(value)).replace(/\.?0+$/, '');
  return prefix + nzh.cn.toMoney(yuan, { outSymbol: false });
}

/** 12300.05 → ¥12,300.05 */
export function moneyFigures(value: unknown): string {
  if (isEmpty(value)) return BLANK;
  return `¥${formatYuan(toFen(value))}`;
}

/** An empty date: blanks to write the year, month and day by hand. */
export const BLANK_DATE = '＿＿＿＿年＿＿月＿＿日';

function checkDate(value: unknown): string {
  const text = textOf(value);
  if (!isRealDate(text)) throw new Error(`“${text}”不是有效的日期（应为YYYY-MM-DD）`);
  return text;
}

/** 2026-11-22 → 2026年11月22日 (GB/T 9704-2012, the default for the committee's documents). */
export function dateArabic(value: unknown): string {
  if (isEmpty(value)) return BLANK_DATE;
  return formatDateArabic(checkDate(value));
}

const CN_DIGITS = '〇一二三四五六七八九';

/** 2026-11-22 → 二〇二六年十一月二十二日 (courts' style: 〇 for zero in the year, tens spelled out). */
export function dateChinese(value: unknown): string {
  if (isEmpty(value)) return BLANK_DATE;
  const [y, m, d] = checkDate(value).split('-');
  const year = [...y].map((digit) => CN_DIGITS[Number(digit)]).join('');
  return `${year}年${nzh.cn.encodeS(Number(m))}月${nzh.cn.encodeS(Number(d))}日`;
}

/** 5 → 五, 12 → 十二: counts (本协议一式五份). */
export function countChinese(value: unknown): string {
  if (isEmpty(value)) return BLANK;
  const n = Number(textOf(value));
  if (!Number.isInteger(n) || n < 0) throw new Error(`“${textOf(value)}”不是有效的数目`);
  return nzh.cn.encodeS(n);
}

/** 110105********002X: the ID number masked for copies that leave the office. */
export function maskId(value: unknown): string {
  if (isEmpty(value)) return BLANK;
  return maskIdNumber(textOf(value));
}

/** The filters as the template engine registers them: Chinese name and English alias. */
export const FILTERS: { names: [string, string]; fn: (value: unknown, ...args: unknown[]) => string; help: string }[] = [
  {
    names: ['大写金额', 'money_words'],
    fn: (v, prefix) => moneyInWords(v, prefix === undefined ? '人民币' : String(prefix)),
    help: '12300.05 → 人民币壹万贰仟叁佰元零伍分',
  },
  { names: ['小写金额', 'money'], fn: moneyFigures, help: '12300.05 → ¥12,300.05' },
  { names: ['日期', 'date_arabic'], fn: dateArabic, help: '2026-11-22 → 2026年11月22日' },
  { names: ['中文日期', 'date_chinese'], fn: dateChinese, help: '2026-11-22 → 二〇二六年十一月二十二日' },
  { names: ['中文数字', 'count'], fn: countChinese, help: '5 → 五' },
  { names: ['隐藏证件号', 'mask_id'], fn: maskId, help: '11010519491231002X → 110105********002X' },
  { names: ['留空', 'blank'], fn: (v) => (isEmpty(v) ? BLANK : String(v)), help: '空值 → ＿＿＿＿' },
];
