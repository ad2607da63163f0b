import { describe, expect, it } from 'vitest';

import { fenToYuan, formatYuan, yuanToFen } from '../../electron/core/money';
import {
  ageOn,
  creditCodeProblem,
  maskIdNumber,
  normaliseCode,
  normalisePhone,
  normaliseResidentId,
  phoneProblem,
  residentIdFacts,
  residentIdProblem,
} from '../../electron/core/schema/identity';

const TODAY = '2026-11-23';

describe('居民身份证号码 (GB 11643)', () => {
  it('accepts the textbook example and reads birth date and gender from it', () => {
    expect(residentIdProblem('11010519491231002X', TODAY)).toBeNull();
    expect(residentIdFacts('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'female', regionCode: '110105' });
  });

  it.each([
    ['11010519491231002X', null],
    ['110105194912310021', '校验位不正确（应为X），请核对是否输错'],
    ['11010519490231002X', '其中的出生日期“1949-02-31”不存在'],
    ['11010520991231002X', '其中的出生日期“2099-12-31”晚于今天'],
    ['99010519491231002X', '前两位“99”不是有效的省级行政区划代码'],
    ['1101051949123100', '应为18位（现为16位）'],
    ['11010519491231002Y', '只能由数字和末位的X组成'],
  ])('%s → %s', (id, problem) => {
    expect(residentIdProblem(id, TODAY)).toBe(problem);
  });

  it('normalises full-width digits, spaces, hyphens and a lowercase x', () => {
    expect(normaliseResidentId('１１０１０５ 1949-1231 002x')).toBe('11010519491231002X');
  });

  it('converts a legacy 15-digit number to 18 digits', () => {
    expect(normaliseResidentId('110105491231002')).toBe('11010519491231002X');
  });

  it('masks all but the region and the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber(undefined)).toBe('');
  });

  it('computes age in whole years', () => {
    expect(ageOn('1949-12-31', '2026-12-30')).toBe(76);
    expect(ageOn('1949-12-31', '2026-12-31')).toBe(77);
  });
});

describe('统一社会信用代码 (GB 32100)', () => {
  it.each([
    ['91350100M000100Y43', null],
    ['91350100M000100Y44', '校验位不正确（应为3），请核对是否输错'],
    ['91350100M000100YI3', '含有不允许的字符“I”（不使用I、O、Z、S、V）'],
    ['9135010M000100Y43', '应为18位（现为17位）'],
    ['913501A0M000100Y43', '第3至8位应为行政区划代码（数字）'],
  ])('%s → %s', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('normalises case, full width and separators', () => {
    expect(normaliseCode('９１３５０１００m000100y43')).toBe('91350100M000100Y43');
    expect(creditCodeProblem(normaliseCode('91350100-M000100Y4 3'))).toBeNull();
  });
});

describe('phone numbers', () => {
  it.each([
    ['138 0013 8000', '13800138000', null],
    ['+86 13800138000', '13800138000', null],
    ['0818-2345678', '0818-2345678', null],
    ['(0818)2345678', '0818-2345678', null],
    ['12345', '12345', '应为11位手机号码，或带区号的固定电话（如0818-2345678）'],
    ['12800138000', '12800138000', '不是有效的手机号码'],
  ])('%s', (raw, normal, problem) => {
    expect(normalisePhone(raw)).toBe(normal);
    expect(phoneProblem(normalisePhone(raw))).toBe(problem);
  });
});

describe('money in fen', () => {
  it.each([
    ['12300.05', 1230005],
    ['12300.5', 1230050],
    ['0', 0],
    ['0.05', 5],
    ['１２,０００', 1200000],
    ['¥100', 10000],
    ['', 0],
  ])('%s yuan → %d fen', (yuan, fen) => expect(yuanToFen(yuan)).toBe(fen));

  it.each([
    ['12.345', '金额最多保留两位小数'],
    ['-5', '金额不能为负数'],
    ['abc', '“abc”不是有效的金额'],
  ])('%s is refused: %s', (yuan, reason) => expect(yuanToFen(yuan)).toBe(reason));

  it('formats without floating point', () => {
    expect(fenToYuan(1230005)).toBe('12300.05');
    expect(formatYuan(123456789)).toBe('1,234,567.89');
    expect(fenToYuan(5)).toBe('0.05');
  });
});
