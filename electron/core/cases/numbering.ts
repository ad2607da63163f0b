/**
 * Case numbers (案号) from the office's pattern, default `（{year}）{shortName}调字第{seq}号`.
 * The sequence is per year of the received date and lives in the `counters` document, which only
 * grows (the store keeps the higher value across a restore). A number already in the register is
 * skipped, so a number is never issued twice even if the pattern or the counters were changed.
 *
 * The same machinery numbers the front desk's requests (登记编号, `{stationCode}-{year}-{seq:6}`), under
 * their own counter keys (`request:2026`) in the same document, so they share that guarantee.
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
  /** Other fields of the pattern, the counter's key prefix (`request:`) and the number's name: cases use none. */
  extra: { stationCode?: string; counterPrefix?: string; what?: '案号' | '登记编号' } = {},
): IssuedNumber {
  const year = Number(receivedAt.slice(0, 4));
  const key = `${extra.counterPrefix ?? ''}${year}`;
  const fields = { year, shortName, stationCode: extra.stationCode };
  const what = extra.what ?? '案号';
  let seq = (counters[key] ?? 0) + 1;
  let number = formatCaseNumber(pattern, { ...fields, seq });
  // The settings refuse a pattern without {seq}, so each step makes a new number; the bound is a guard.
  for (let tries = 0; isTaken(number); tries++) {
    if (tries > 1_000_000) throw notAllowed(`${what}格式“${pattern}”不能生成新的${what}，请在设置中修改${what}格式`);
    seq++;
    number = formatCaseNumber(pattern, { ...fields, seq });
  }
  return { number, counters: { ...counters, [key]: seq } };
}
