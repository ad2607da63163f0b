/**
 * Hostile input for the property tests: characters and strings a careless paste or a hostile user
 * produces, and the checks every refusal must pass (a documented exit status, a Chinese message that
 * names a field or a path, no leaked English).
 */

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';

import { exitCodeFor } from '../../electron/cli/exit-codes';
import { asDeskError, type DeskError } from '../../electron/core/errors';

/** One code unit or code point of every kind that has caused trouble. */
export const hostileChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'张三李四王五赵六达州东城调解协议书（）、，。') },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202E', '\u2066', '\u180E', '\u3164'),
  },
  { weight: 1, arbitrary: fc.constantFrom('\u2028', '\u2029', '\u0085', '\r\n', '\r', '\t', '\u3000', '\u00A0') },
  { weight: 2, arbitrary: fc.integer({ min: 0x300, max: 0x36f }).map((c) => String.fromCharCode(c)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('\u{20BB7}', '\u{2A6D6}', '😀', '\u{1F468}\u200D\u{1F469}', 'e\u0301', '한', '\uFF21', '\uFF11'),
  },
  { weight: 1, arbitrary: fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFE', '\uFFFF', '\uFDD0') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

export const hostileString = (maxLength = 30) => fc.array(hostileChar, { maxLength }).map((parts) => parts.join(''));

// eslint-disable-next-line no-control-regex -- the property is precisely that none remain
export const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
export const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\u00AD\u180E\u3164]/;
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** English that must never reach a user: quoted values (echoed input) and error codes in brackets excepted. */
const LEAKED_ENGLISH =
  /\b(error|Error|undefined|Invalid|invalid|expected|Expected|Cannot|cannot|not found|is not|Unexpected|unexpected|must|should|Maximum|limit exceeded)\b/;

export function leakedEnglish(message: string): string | null {
  const bare = message
    .replace(/“[^”]*”/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/（E[A-Z]+）/g, '')
    .replace(/\/[^\s，。：；）]*/g, '');
  return LEAKED_ENGLISH.exec(bare)?.[0] ?? null;
}

/**
 * What every refusal owes its user: a documented exit status (2, 3, 4, 5: never 1, "something else"),
 * a message in Chinese, no English of the program's, and a named field or path when the input was at fault.
 */
export function assertGoodRefusal(error: unknown): DeskError {
  const e = asDeskError(error);
  const status = exitCodeFor(e.code);
  if (![2, 3, 4, 5].includes(status)) throw new Error(`退出码 ${status}（${e.code}）：${e.message}\n${(e.cause as Error)?.stack ?? ''}`);
  if (!/[\u4e00-\u9fff]/.test(e.message)) throw new Error(`不是中文：${e.message}`);
  const english = leakedEnglish(e.message);
  if (english) throw new Error(`含有英文“${english}”：${e.message}`);
  if (e.code === 'VALIDATION' && !e.field && !/“|第\d+行|：/.test(e.message)) throw new Error(`没有指明字段或位置：${e.message}`);
  return e;
}

/** Every file under `dir` with its bytes' length and mtime: what must not change when nothing was committed. */
export function snapshot(dir: string, skip: (relative: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      const relative = path.relative(dir, full);
      if (skip(relative)) continue;
      const info = statSync(full);
      if (info.isDirectory()) walk(full);
      else out.set(relative, `${info.size}:${info.mtimeMs}:${createHash('sha1').update(readFileSync(full)).digest('hex')}`);
    }
  };
  walk(dir);
  return out;
}
