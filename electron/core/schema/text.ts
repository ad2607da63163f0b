/**
 * Text as people type and paste it, made safe to store, search and print. Every text field of the
 * schemas goes through here, so every door (forms, command line, imported batches) gets the same rules:
 *
 * - Unicode NFC, so that `é` typed two ways is one text for search and the duplicate check;
 * - zero-width and direction-control characters removed (they hide a name from search, and print as
 *   nothing or as boxes), and control characters removed (BEL and NUL print as boxes in the PDF);
 * - a single-line field (a name, a number, an address) has no line breaks: a pasted newline or tab
 *   becomes a space, and runs of spaces one; a multi-line field (纠纷简要情况, 调解记录) keeps its line
 *   breaks, written `\n` whatever the system typed;
 * - what cannot be cleaned is refused, naming the field: lone surrogates (half a character, from a
 *   broken copy) and Unicode non-characters.
 */

import './messages';

import { z } from 'zod';

/** Invisible characters that carry no text: zero-width spaces and joiners, direction controls, BOM, soft hyphen, fillers. */
const INVISIBLE = new RegExp(
  // eslint-disable-next-line no-misleading-character-class -- separate invisible characters to remove, not a combined one
  '[\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF9-\\uFFFB]',
  'g',
);
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /\r\n|[\r\u0085\u2028\u2029]/g;
/**
 * Printable ASCII, Latin-1, CJK punctuation, kana, CJK ideographs, full-width forms: characters that are
 * NFC already and never invisible. Text made only of them (nearly all text) skips the slow path.
 */
export const PLAIN_CHARS =
  '\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u02FF\\u3000-\\u303F\\u3040-\\u312F\\u3190-\\u9FFF\\uFF01-\\uFF9F\\uFFA1-\\uFFEF';
const NEEDS_WORK = new RegExp(`[^${PLAIN_CHARS}]`);
const NEEDS_WORK_TEXT = new RegExp(`[^\\n${PLAIN_CHARS}]`);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NON_CHARACTER =
  /[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/;

/** Why a text cannot be cleaned, or null. */
export function uncleanableText(text: string): string | null {
  // plain characters (nearly all text) hold neither: one quick test instead of two slow ones (a centre
  // checks every text of every case of a batch)
  if (!NEEDS_WORK_TEXT.test(text)) return null;
  if (LONE_SURROGATE.test(text)) return '含有残缺的字符（可能是复制时出错），请重新输入';
  if (NON_CHARACTER.test(text)) return '含有无效的Unicode字符，请重新输入';
  return null;
}

/** A single line: no invisible or control characters, whitespace (line breaks and tabs included) collapsed to one space, trimmed, NFC. */
export function cleanLine(text: string): string {
  if (!NEEDS_WORK.test(text)) return text.includes('  ') ? text.replace(/ {2,}/g, ' ').trim() : text.trim();
  // NFC last: removing an invisible character between two combining marks can change their canonical order.
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(/[\t\n]/g, ' ')
    .replace(CONTROL, '')
    .replace(/[ \u00A0]{2,}/g, ' ')
    .trim()
    .normalize('NFC');
}

/** Several lines: as `cleanLine` for each line, but line breaks kept (as `\n`) and spaces inside a line left alone. */
export function cleanText(text: string): string {
  if (!NEEDS_WORK_TEXT.test(text)) return text.trim();
  return text
    .replace(LINE_BREAKS, '\n')
    .replace(INVISIBLE, '')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(/[ \u00A0]+$/gm, '')
    .trim()
    .normalize('NFC');
}

/** What search and the duplicate check compare: the cleaned line, lowercased. */
export function searchable(text: string): string {
  return cleanLine(text).toLowerCase();
}

const refuseUncleanable = (text: string, ctx: z.core.$RefinementCtx<string>) => {
  const problem = uncleanableText(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, continue: false });
};

/**
 * A single-line text field of at most `max` characters after cleaning. Built from zod checks that keep
 * the type a plain string, so the stored schema still converts to JSON Schema for batches.
 */
export const line = (max: number) => z.string().superRefine(refuseUncleanable).overwrite(cleanLine).max(max, `不能超过${max}个字`);

/** A multi-line text field (line breaks kept) of at most `max` characters after cleaning. */
export const paragraph = (max: number) => z.string().superRefine(refuseUncleanable).overwrite(cleanText).max(max, `不能超过${max}个字`);

/** A required single-line field: empty after cleaning (only spaces or invisible characters) says `what`. */
export const requiredLine = (max: number, what = '不能为空') => line(max).min(1, what);

/** A required multi-line field. */
export const requiredParagraph = (max: number, what = '不能为空') => paragraph(max).min(1, what);
