/**
 * Case numbers (案号) from the office's pattern, default `（{year}）{shortName}调字第{seq}号`.
 * The sequence is per year of the received date and lives in the `counters` document, which only
 * grows (the store keeps the higher value across a restore). A number already in the register is
 * skipped, so a number is never issued twice even if the pattern or the counters were changed.
 */

export type Counters = Record<string, number>;

export function formatCaseNumber(pattern: string, fields: { year: number; shortName: string; seq: number }): string {
  return pattern.replace(/\{(year|shortName|seq)(?::(\d+))?\}/g, (_, key: string, width?: string) => {
    const value = String(fields[key as keyof typeof fields]);
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
): IssuedNumber {
  const year = Number(receivedAt.slice(0, 4));
  let seq = (counters[String(year)] ?? 0) + 1;
  let number = formatCaseNumber(pattern, { year, shortName, seq });
  while (isTaken(number)) {
    seq++;
    number = formatCaseNumber(pattern, { year, shortName, seq });
  }
  return { number, counters: { ...counters, [String(year)]: seq } };
}
