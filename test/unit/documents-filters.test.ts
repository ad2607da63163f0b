/** Template filters: money in words (PBOC rules, reference §5.2), dates in both styles, counts, ID masking. */

import { describe, expect, it } from 'vitest';

import {
  BLANK,
  BLANK_DATE,
  countChinese,
  dateArabic,
  dateChinese,
  maskId,
  moneyFigures,
  moneyInWords,
} from '../../electron/core/documents/filters';

describe('大写金额', () => {
  const cases: [number | string, string][] = [
    [0, '人民币零元整'],
    [0.05, '人民币伍分'],
    [10, '人民币壹拾元整'],
    [100000, '人民币壹拾万元整'],
    [100010, '人民币壹拾万零壹拾元整'],
    [1000000.5, '人民币壹佰万元伍角'],
    [10020003.07, '人民币壹仟零贰万零叁元零柒分'],
    [100000000, '人民币壹亿元整'],
    [12300.05, '人民币壹万贰仟叁佰元零伍分'],
    [12000, '人民币壹万贰仟元整'],
    // The PBOC's own examples (rule 3 written without the optional 零, consistently).
    ['1409.50', '人民币壹仟肆佰零玖元伍角'],
    ['6007.14', '人民币陆仟零柒元壹角肆分'],
    ['1680.32', '人民币壹仟陆佰捌拾元叁角贰分'],
    ['107000.53', '人民币壹拾万柒仟元伍角叁分'],
    ['16409.02', '人民币壹万陆仟肆佰零玖元零贰分'],
    ['325.04', '人民币叁佰贰拾伍元零肆分'],
    ['110000', '人民币壹拾壹万元整'],
  ];
  it.each(cases)('%s → %s', (value, expected) => {
    expect(moneyInWords(value)).toBe(expected);
  });

  it('gives the same words for a number and its decimal string, and never writes 整 after 分', () => {
    expect(moneyInWords('12300.05')).toBe(moneyInWords(12300.05));
    expect(moneyInWords('10020003.07')).not.toMatch(/分整$/);
  });

  it('prints a blank for an empty amount and refuses what is not an amount', () => {
    expect(moneyInWords(null)).toBe(BLANK);
    expect(moneyInWords('')).toBe(BLANK);
    expect(() => moneyInWords('12.345')).toThrow(/两位小数/);
    expect(() => moneyInWords('abc')).toThrow(/不是有效的金额/);
  });

  it('writes figures with ¥ and thousands separators', () => {
    expect(moneyFigures('12300.05')).toBe('¥12,300.05');
    expect(moneyFigures(100000000)).toBe('¥100,000,000.00');
    expect(moneyFigures(0.05)).toBe('¥0.05');
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-22', '二〇二六年十一月二十二日', '2026年11月22日'],
    ['2020-01-01', '二〇二〇年一月一日', '2020年1月1日'],
    ['2026-10-10', '二〇二六年十月十日', '2026年10月10日'],
    ['2026-12-30', '二〇二六年十二月三十日', '2026年12月30日'],
    ['2031-05-31', '二〇三一年五月三十一日', '2031年5月31日'],
    ['2000-02-29', '二〇〇〇年二月二十九日', '2000年2月29日'],
  ])('%s → %s / %s', (date, chinese, arabic) => {
    expect(dateChinese(date)).toBe(chinese);
    expect(dateArabic(date)).toBe(arabic);
  });

  it('prints blanks for an empty date and refuses a date that does not exist', () => {
    expect(dateArabic(null)).toBe(BLANK_DATE);
    expect(dateChinese(undefined)).toBe(BLANK_DATE);
    expect(() => dateArabic('2026-02-30')).toThrow(/不是有效的日期/);
  });
});

describe('counts and ID masking', () => {
  it.each([
    [1, '一'],
    [3, '三'],
    [5, '五'],
    [10, '十'],
    [12, '十二'],
    [21, '二十一'],
  ])('%i → %s', (n, words) => expect(countChinese(n)).toBe(words));

  it('masks all but the first six and last four characters', () => {
    expect(maskId('11010519491231002X')).toBe('110105********002X');
    expect(maskId(null)).toBe(BLANK);
  });
});
