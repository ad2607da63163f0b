/**
 * What never reaches the log file: 居民身份证 numbers (18 and legacy 15 digits), 统一社会信用代码 and
 * mobile numbers. Applied by a hook to every message of every transport, whatever the caller logged
 * (strings, errors with stacks, objects).
 */

import { inspect } from 'node:util';

import { maskIdNumber } from '../core/schema/identity';

// Not inside a longer run of letters/digits, so timestamps, hashes and UUIDs are left alone.
const ID_18 = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const ID_15 = /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
const CREDIT_CODE = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])(?:\+?86)?1[3-9]\d{9}(?![0-9A-Za-z])/g;

export function maskSensitiveText(text: string): string {
  return text
    .replace(ID_18, (m) => maskIdNumber(m))
    .replace(CREDIT_CODE, (m) => maskIdNumber(m))
    .replace(ID_15, (m) => maskIdNumber(m))
    .replace(MOBILE, (m) => `${m.slice(0, -8)}****${m.slice(-4)}`);
}

/** Any logged value as masked text or a masked Error (so transports still print stacks). */
export function maskLogValue(value: unknown): unknown {
  if (typeof value === 'string') return maskSensitiveText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return typeof value === 'number' && Number.isInteger(value) && String(value).length >= 11 ? maskSensitiveText(String(value)) : value;
  }
  if (value instanceof Error) {
    const masked = new Error(maskSensitiveText(value.message));
    masked.name = value.name;
    masked.stack = value.stack === undefined ? undefined : maskSensitiveText(value.stack);
    return masked;
  }
  return maskSensitiveText(inspect(value, { depth: 6, breakLength: Infinity }));
}

/** The electron-log hook: same message, masked data. */
export function maskingHook<M extends { data: unknown[] }>(message: M): M {
  return { ...message, data: message.data.map(maskLogValue) };
}
