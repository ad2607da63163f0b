/**
 * The 案号 pattern of the settings, e.g. `（{year}）{shortName}调字第{seq}号`: its grammar, what it
 * produces, and why a pattern cannot work. Checked when the settings are saved, so that a pattern that
 * would make every later registration fail (`{seq:999999999}`, an unknown `{token}`, no `{seq}`) is
 * refused at `init` with the field named, not discovered at the next `case add`.
 */

import { TEXT_LIMITS } from '../limits';

/** `{year}`, `{shortName}`, `{seq}`, `{seq:3}` (the sequence padded with zeros to 3 digits). */
const TOKEN = /\{(year|shortName|seq)(?::(\d+))?\}/g;
const MAX_PAD = 8;

export interface NumberFields {
  year: number;
  shortName: string;
  seq: number;
}

export function formatCaseNumber(pattern: string, fields: NumberFields): string {
  return pattern.replace(TOKEN, (_, key: string, width?: string) => {
    const value = String(fields[key as keyof NumberFields]);
    return width ? value.padStart(Math.min(Number(width), MAX_PAD), '0') : value;
  });
}

/** Why `pattern` cannot make good case numbers for an office called `shortName`, or null. */
export function numberPatternProblem(pattern: string, shortName: string): string | null {
  const tokens = [...pattern.matchAll(TOKEN)];
  const rest = pattern.replace(TOKEN, '');
  const stray = /\{[^{}]*\}?|\}/.exec(rest);
  if (stray) {
    return /^\{[^{}]*\}$/.test(stray[0])
      ? `不认识的占位符“${stray[0].slice(0, 20)}”，可用：{year}（年份）、{shortName}（简称）、{seq}（序号）、{seq:3}（序号补足3位）`
      : '花括号不成对：占位符应写作 {year}、{shortName}、{seq} 或 {seq:3}';
  }
  const seqs = tokens.filter((t) => t[1] === 'seq');
  if (seqs.length !== 1) return seqs.length === 0 ? '案号格式必须包含{seq}（序号）' : '{seq}（序号）只能出现一次';
  for (const t of tokens) {
    if (t[2] === undefined) continue;
    if (t[1] !== 'seq') return `只有序号可以指定位数（如{seq:3}），“${t[0]}”不行`;
    const width = Number(t[2]);
    if (width < 1 || width > MAX_PAD) return `序号位数应为1到${MAX_PAD}（现为“${t[0]}”）`;
  }
  const longest = formatCaseNumber(pattern, { year: 2026, shortName, seq: 10 ** MAX_PAD - 1 });
  if (longest.length > TEXT_LIMITS.caseNumber) {
    return `生成的案号过长（如“${longest.slice(0, 30)}…”，${longest.length}个字），不能超过${TEXT_LIMITS.caseNumber}个字`;
  }
  return null;
}
