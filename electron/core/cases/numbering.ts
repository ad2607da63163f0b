/**
 * Case numbers (案号) from the office's pattern, default `（{year}）{shortName}调字第{seq}号`.
 * The sequence is per year of the received date and lives in the `counters` document, which only
 * grows (the store keeps the higher value across a restore). A number already in the register is
 * skipped, so a number is never issued twice even if the pattern or the counters were changed.
 */

import { notAllowed } from '../errors';
import { formatCaseNumber } from '../schema/number-pattern';

export { formatCaseNumber } from '../schema/number-pattern';

export type Counters = Record<string, number>;

export interface IssuedNumber {
  number: string;
  counters: Counters;
}

export function issueNumber(
  pattern: string,
  shortName: string,
  receivedAt: string,
  counters: Counters,
  isTaken: (number: string) => boolean,
): IssuedNumber {
  const year = Number(receivedAt.slice(0, 4));
  let seq = (counters[String(year)] ?? 0) + 1;
  let number = formatCaseNumber(pattern, { year, shortName, seq });
  // The settings refuse a pattern without {seq}, so each step makes a new number; the bound is a guard.
  for (let tries = 0; isTaken(number); tries++) {
    if (tries > 1_000_000) throw notAllowed(`案号格式“${pattern}”不能生成新的案号，请在设置中修改案号格式`);
    seq++;
    number = formatCaseNumber(pattern, { year, shortName, seq });
  }
  return { number, counters: { ...counters, [String(year)]: seq } };
}
