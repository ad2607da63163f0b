/**
 * A correction's record (`changes: {field: {from, to}}` in the event) in words for 操作记录:
 * `被申请人…·证件号码：5107**********0017 → 5107**********0021`. ID numbers stay masked on screen,
 * long texts are shortened; the log itself keeps every value in full.
 */

import { fieldLabel } from '../../../../electron/core/errors';
import { maskIdNumber } from '../../../../electron/core/schema/identity';

const LONG = 30;

function shown(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (/idNumber|creditCode/.test(field) && typeof value === 'string') return maskIdNumber(value);
  if (Array.isArray(value)) return value.map((v) => shown(field, v)).join('；');
  if (typeof value === 'object') return '（整项）';
  const text = String(value);
  return text.length > LONG ? `${text.slice(0, LONG)}……` : text;
}

export function describeChanges(changes: unknown): string[] {
  if (!changes || typeof changes !== 'object') return [];
  return Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>).map(
    ([field, change]) =>
      `${fieldLabel(field === 'amountFen' ? 'amount' : field)}：${shown(field, change?.from)} → ${shown(field, change?.to)}`,
  );
}
