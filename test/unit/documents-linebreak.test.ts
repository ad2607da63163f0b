/** Chinese line breaking (禁则) of the PDF renderer. */

import { describe, expect, it } from 'vitest';

import {
  breakParagraph,
  breakText,
  joinAmounts,
  keepWhole,
  NO_LINE_END,
  NO_LINE_START,
  stretchableGaps,
  withoutNoBreak,
} from '../../electron/core/documents/linebreak';
import { prng } from '../support/generate-cases';

const unit = { width: 10, measure: () => 1 };

function checkRules(lines: string[], width: number): void {
  for (const [i, line] of lines.entries()) {
    const chars = [...line];
    expect(chars.length, `line ${i} too long: ${line}`).toBeLessThanOrEqual(width);
    if (i > 0) expect(NO_LINE_START.has(chars[0]), `line ${i} starts with ${chars[0]}: ${line}`).toBe(false);
    if (i < lines.length - 1) expect(NO_LINE_END.has(chars.at(-1)!), `line ${i} ends with ${chars.at(-1)}: ${line}`).toBe(false);
  }
}

describe('breakParagraph', () => {
  it('pushes a character down rather than start a line with a comma or full stop', () => {
    const lines = breakParagraph('一二三四五六七八九十，一二三。', unit);
    expect(lines).toEqual(['一二三四五六七八九', '十，一二三。']);
  });

  it('never ends a line with an opening bracket or quotation mark', () => {
    const lines = breakParagraph('一二三四五六七八九（十一）', unit);
    expect(lines).toEqual(['一二三四五六七八九', '（十一）']);
    expect(breakParagraph('一二三四五六七八九《法》', unit)[0]).toBe('一二三四五六七八九');
  });

  it('keeps numbers, amounts and blanks whole, and still breaks a run longer than a line', () => {
    expect(breakParagraph('一二三四五六七12300.05元', unit)).toEqual(['一二三四五六七', '12300.05元']);
    expect(breakParagraph('职业：一二三四五＿＿＿＿，', unit)).toEqual(['职业：一二三四五', '＿＿＿＿，']);
    const long = breakParagraph('11010519491231002X', unit);
    expect(long.join('')).toBe('11010519491231002X');
    expect(long.every((l) => [...l].length <= 10)).toBe(true);
  });

  it('applies the first-line indent and hard line breaks', () => {
    expect(breakParagraph('一二三四五六七八九十', { ...unit, firstIndent: 2 })).toEqual(['一二三四五六七八', '九十']);
    expect(breakText('一二\n三四', unit).map((l) => l.line)).toEqual(['一二', '三四']);
  });

  it('follows the rules on random text full of punctuation and loses no character', () => {
    const rng = prng(7);
    const alphabet = [...'调解协议书当事人申请被申请人民法院确认'] as string[];
    const punctuation = [...'，。、；：？！）》」（《「'];
    for (let n = 0; n < 500; n++) {
      // Punctuation as in prose: never two marks in a row, so the rules can always be kept.
      let text = '';
      let lastWasMark = true;
      const length = 5 + Math.floor(rng() * 80);
      for (let i = 0; i < length; i++) {
        lastWasMark = !lastWasMark && rng() < 0.3;
        text += lastWasMark ? punctuation[Math.floor(rng() * punctuation.length)] : alphabet[Math.floor(rng() * alphabet.length)];
      }
      const lines = breakParagraph(text, { width: 12, measure: () => 1 });
      expect(lines.join('')).toBe(text);
      checkRules(lines, 12);
    }
  });
});

describe('spans kept whole: case numbers and amounts', () => {
  it('never breaks inside a joined span, and moves the whole span down', () => {
    const number = keepWhole('（2026）东城调字第1号');
    const lines = breakParagraph(`编号为${number}的案件`, { width: 12, measure: (ch) => (/[\x20-\x7e]/.test(ch) ? 0.5 : 1) });
    expect(lines.map(withoutNoBreak)).toEqual(['编号为', '（2026）东城调字第1号的', '案件']);
  });

  it('joins every amount, in words or in figures, typed or written by a filter, and nothing else', () => {
    const text = joinAmounts('赔偿人民币壹万贰仟叁佰元零伍分（¥12,300.05），一式三份。');
    expect(withoutNoBreak(text)).toBe('赔偿人民币壹万贰仟叁佰元零伍分（¥12,300.05），一式三份。');
    expect(text).toContain(keepWhole('人民币壹万贰仟叁佰元零伍分'));
    expect(text).toContain(keepWhole('¥12,300.05'));
    expect(text).toContain('，一式三份。');
    // Letters and digits need no joiner: an ID number stays plain text that can be copied.
    expect(keepWhole('11010519491231002X')).toBe('11010519491231002X');
  });

  it('puts justification space only between characters a line could break between', () => {
    const { chars, stretch } = stretchableGaps(`号码${keepWhole('0818-2345678')}，身份证110105`);
    expect(chars.join('')).toBe('号码0818-2345678，身份证110105');
    const glued = chars.map((ch, i) => (i < stretch.length && !stretch[i] ? `${ch}+` : ch)).join('');
    expect(glued).toBe('号码0+8+1+8+-+2+3+4+5+6+7+8，身份证1+1+0+1+0+5');
  });
});

describe('numbers and their units', () => {
  it('never parts a number from the unit after it', () => {
    const lines = breakParagraph('达成协议之日（2026年11月20日）起生效', { width: 13, measure: (ch) => (/[0-9]/.test(ch) ? 0.5 : 1) });
    expect(lines.join('')).toBe('达成协议之日（2026年11月20日）起生效');
    for (const line of lines.slice(1)) expect(line).not.toMatch(/^[年月日]/);
  });
});
