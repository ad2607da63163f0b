/**
 * Chinese line breaking for the PDF renderer (pdfkit's own breaker only breaks at spaces and hyphens).
 * Rules (禁则, after GB/T 15834 and common typesetting practice): a line never starts with closing
 * punctuation (，。、；：？！）》」 …) and never ends with opening punctuation (（《「 …); between two CJK
 * characters a line may break anywhere; a run of Latin letters/digits (an ID number, a phone number) is
 * kept whole unless it is longer than a line, and so is a span joined with NO_BREAK (a case number, an
 * amount in words: see `keepWhole`); a number stays with its unit (20日, 3号). When the next character
 * does not fit and breaking there would break a rule, the break moves back (推出) until it does not.
 *
 * The same glue decides justification: extra space goes only where a line could have been broken, never
 * between the characters of a number or a joined span (`stretchableGaps`).
 */

/** Must not begin a line. */
export const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’…—·%‰℃,.;:?!)]}・～〗｝']);
/** Must not end a line. */
export const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{¥￥〖｛']);

/** Kept together: Latin words, numbers, amounts, masked ID numbers, and the blank line ＿＿＿＿ of an empty field. */
const isWordChar = (ch: string) => /^[A-Za-z0-9.,%\-_/@:¥#+*＿]$/.test(ch);

/**
 * U+2060 WORD JOINER: no line break on either side, no width, never drawn in the PDF. Word and
 * LibreOffice honour it too, so the DOCX keeps the same spans whole.
 */
export const NO_BREAK = '\u2060';

/**
 * The text joined so that no line breaks inside it: a case number （2026）东城调字第3号, an amount in words,
 * a date, a phone number with a hyphen. Pure letters and digits need no joiner (no renderer breaks a Latin
 * word), so an ID number stays plain text that can be copied.
 */
export function keepWhole(text: string): string {
  const chars = [...withoutNoBreak(text)];
  const plain = (ch: string) => /^[A-Za-z0-9.,]$/.test(ch);
  return chars.map((ch, i) => (i > 0 && !(plain(ch) && plain(chars[i - 1])) ? NO_BREAK + ch : ch)).join('');
}

/** An amount in words (人民币壹万贰仟叁佰元零伍分) or in figures (¥12,300.05), wherever it is written. */
const AMOUNT = /(?:人民币)?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+[元圆][零壹贰叁肆伍陆柒捌玖角分整正]*|[¥￥]\d[\d,]*(?:\.\d+)?/g;

/**
 * Every amount in the text joined (`keepWhole`), whether a filter wrote it or a mediator typed it into a
 * term: amounts are never broken across lines nor spaced out (the court reads them).
 */
export function joinAmounts(text: string): string {
  return text.replace(AMOUNT, (amount) => keepWhole(amount));
}

export function withoutNoBreak(text: string): string {
  return text.replaceAll(NO_BREAK, '');
}

/** Units a number is not parted from (2026年11月20日, 第3号, 一式3份, 76岁): the line breaks before the number. */
const UNITS = new Set([...'年月日号时分秒元份岁次条期项人件']);

/** Whether the two characters must stay on one line, side by side with no extra space between them. */
const glued = (before: string, after: string) =>
  before === NO_BREAK || after === NO_BREAK || (isWordChar(before) && isWordChar(after)) || (/^[0-9]$/.test(before) && UNITS.has(after));

/**
 * For a line's visible characters (NO_BREAK removed), which gaps may take extra space when the line is
 * justified: `result[i]` is the gap after character i. Gaps inside numbers and joined spans may not.
 */
export function stretchableGaps(line: string): { chars: string[]; stretch: boolean[] } {
  const chars: string[] = [];
  const stretch: boolean[] = [];
  let joined = false;
  for (const ch of line) {
    if (ch === NO_BREAK) {
      joined = true;
      continue;
    }
    if (chars.length) stretch.push(!joined && !glued(chars[chars.length - 1], ch));
    chars.push(ch);
    joined = false;
  }
  return { chars, stretch };
}

export interface BreakOptions {
  /** Width available for each line. */
  width: number;
  /** Extra indent of the first line (already subtracted from its width). */
  firstIndent?: number;
  /** Width of one character (a code point, surrogate pairs included). */
  measure(ch: string): number;
}

/** Break one paragraph (no `\n` inside) into lines. */
export function breakParagraph(text: string, options: BreakOptions): string[] {
  const chars = [...text];
  const lines: string[] = [];
  let start = 0;
  while (start < chars.length) {
    const available = options.width - (lines.length === 0 ? (options.firstIndent ?? 0) : 0);
    let used = 0;
    let end = start;
    while (end < chars.length) {
      const w = chars[end] === NO_BREAK ? 0 : options.measure(chars[end]);
      if (used + w > available + 0.01 && end > start) break;
      used += w;
      end++;
    }
    if (end < chars.length) end = adjustBreak(chars, start, end);
    lines.push(chars.slice(start, end).join(''));
    start = end;
  }
  return lines.length ? lines : [''];
}

/** Move a break at `end` back until no rule is broken; give up (keep `end`) if that would empty the line. */
function adjustBreak(chars: string[], start: number, end: number): number {
  let at = end;
  const bad = (i: number) => NO_LINE_START.has(chars[i]) || NO_LINE_END.has(chars[i - 1]) || glued(chars[i - 1], chars[i]);
  while (at > start + 1 && bad(at)) at--;
  if (at > start + 1) return at;
  // A word or joined span longer than the line: break it, but still keep the punctuation rules if possible.
  at = end;
  while (at > start + 1 && (NO_LINE_START.has(chars[at]) || NO_LINE_END.has(chars[at - 1]))) at--;
  return at > start + 1 ? at : end;
}

/** Break text that may contain hard line breaks (`\n`); each piece's first line gets the indent only for the first piece. */
export function breakText(text: string, options: BreakOptions): { line: string; last: boolean }[] {
  const out: { line: string; last: boolean }[] = [];
  text.split('\n').forEach((piece, i) => {
    const lines = breakParagraph(piece, i === 0 ? options : { ...options, firstIndent: 0 });
    lines.forEach((line, j) => out.push({ line, last: j === lines.length - 1 }));
  });
  return out;
}
