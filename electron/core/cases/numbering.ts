/**
 * Case numbers (案号) from the office's pattern, default `（{year}）{shortName}调字第{seq}号`.
 * The sequence is per year of the received date and lives in the `counters` document, which only
 * grows (the store keeps the higher value across a restore). A number already in the register is
 * skipped, so a number is never issued twice even if the pattern or the counters were changed.
 *
 * The same machinery numbers the front desk's requests (登记编号, `{stationCode}-{year}-{seq:6}`), under
 * their own counter keys (`request:2026`) in the same document, so they share that guarantee.
 */

export type Counters = Record<string, number>;

/** What a pattern may name: `{year}`, `{shortName}`, `{stationCode}`, `{seq}`, with an optional zero-padded width (`{seq:6}`). */
export interface NumberFields {
  year: number;
  seq: number;
  shortName?: string;
  stationCode?: string;
}

export function formatCaseNumber(pattern: string, fields: NumberFields): string {
  return pattern.replace(/\{(year|shortName|stationCode|seq)(?::(\d+))?\}/g, (_, key: keyof NumberFields, width?: string) => {
    const value = String(fields[key] ?? '');
    return width ? value.padStart(Number(width), '0') : value;
  });
}

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
  /** Other fields of the pattern, and the counter's key prefix (`request:`): cases use neither. */
  extra: { stationCode?: string; counterPrefix?: string } = {},
): IssuedNumber {
  const year = Number(receivedAt.slice(0, 4));
  const key = `${extra.counterPrefix ?? ''}${year}`;
  const fields = { year, shortName, stationCode: extra.stationCode };
  let seq = (counters[key] ?? 0) + 1;
  let number = formatCaseNumber(pattern, { ...fields, seq });
  while (isTaken(number)) {
    seq++;
    number = formatCaseNumber(pattern, { ...fields, seq });
  }
  return { number, counters: { ...counters, [key]: seq } };
}
