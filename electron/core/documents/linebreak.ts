/**
 * Chinese line breaking for the PDF renderer (pdfkit's own breaker only breaks at spaces and hyphens).
 * Rules (禁则, after GB/T 15834 and common typesetting practice): a line never starts with closing
 * punctuation (，。、；：？！）》」 …) and never ends with opening punctuation (（《「 …); between two CJK
 * characters a line may break anywhere; a run of Latin letters/digits (an amount, a date, an ID number)
 * is kept whole unless it is longer than a line. When the next character does not fit and breaking there
 * would break a rule, the break moves back (推出) until it does not.
 */

/** Must not begin a line. */
export const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’…—·%‰℃,.;:?!)]}・～〗｝']);
/** Must not end a line. */
export const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{¥￥〖｛']);

/** Kept together: Latin words, numbers, amounts, and the blank line ＿＿＿＿ of an empty field. */
const isWordChar = (ch: string) => /^[A-Za-z0-9.,%\-_/@:¥#+＿]$/.test(ch);

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
      const w = options.measure(chars[end]);
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
  const bad = (i: number) =>
    NO_LINE_START.has(chars[i]) || NO_LINE_END.has(chars[i - 1]) || (isWordChar(chars[i]) && isWordChar(chars[i - 1]));
  while (at > start + 1 && bad(at)) at--;
  if (at > start + 1) return at;
  // A word longer than the line: break it, but still keep the punctuation rules if possible.
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
