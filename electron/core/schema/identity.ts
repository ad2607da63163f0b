/**
 * Identity numbers: 居民身份证 (GB 11643-1999), 统一社会信用代码 (GB 32100-2015), phone numbers.
 * Pure functions, shared by the core's schemas and by the renderer for instant feedback.
 * Each check returns a Chinese reason or null; normalisers never throw.
 */

import { isRealDate } from '../dates';
import { cleanLine } from './text';

/**
 * Full-width ASCII to half-width, spaces, hyphens and invisible characters removed, letters uppercased
 * (so `x` becomes `X`).
 */
export function normaliseCode(raw: string): string {
  return cleanLine(raw)
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\-－—–]/g, '')
    .toUpperCase();
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

export function residentIdCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/** A legacy 15-digit number (YYMMDD, no check character) as 18 digits: insert `19`, compute the check character. */
export function upgradeResidentId15(id15: string): string {
  const body = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return body + residentIdCheckChar(body);
}

/** Normalised 18-character form of a 居民身份证 number as typed (15-digit numbers are converted). */
export function normaliseResidentId(raw: string): string {
  const code = normaliseCode(raw);
  return /^\d{15}$/.test(code) ? upgradeResidentId15(code) : code;
}

export interface ResidentIdFacts {
  birthDate: string; // YYYY-MM-DD
  gender: 'male' | 'female';
  regionCode: string;
}

/** Birth date, gender and region read from a valid 18-character number. */
export function residentIdFacts(id18: string): ResidentIdFacts {
  return {
    birthDate: `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`,
    gender: Number(id18[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: id18.slice(0, 6),
  };
}

/** Why a normalised 居民身份证 number is not valid, or null when it is. `today` is YYYY-MM-DD. */
export function residentIdProblem(id: string, today: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) {
    return id.length === 18 ? '只能由数字和末位的X组成' : `应为18位（现为${[...id].length}位）`;
  }
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return `前两位“${id.slice(0, 2)}”不是有效的省级行政区划代码`;
  const { birthDate } = residentIdFacts(id);
  if (!isRealDate(birthDate)) return `其中的出生日期“${birthDate}”不存在`;
  if (birthDate > today) return `其中的出生日期“${birthDate}”晚于今天`;
  if (birthDate < '1880-01-01') return `其中的出生日期“${birthDate}”不合理`;
  const expected = residentIdCheckChar(id.slice(0, 17));
  if (id[17] !== expected) return `校验位不正确（应为${expected}），请核对是否输错`;
  return null;
}

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(body17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** Why a normalised 统一社会信用代码 is not valid, or null when it is. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `应为18位（现为${[...code].length}位）`;
  const bad = [...code].find((ch) => !USCC_CHARSET.includes(ch));
  if (bad) return `含有不允许的字符“${bad}”（不使用I、O、Z、S、V）`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '第3至8位应为行政区划代码（数字）';
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return `校验位不正确（应为${expected}），请核对是否输错`;
  return null;
}

/**
 * Why a normalised number of another ID document (护照, 通行证, 永久居留身份证, 其他) is not acceptable, or
 * null. These vary by country and issue, so only the shape is checked: letters and digits (for 其他 also
 * Chinese characters and brackets, as in `军官证第123号`), 4 to 32 characters.
 */
export function otherIdProblem(type: string, id: string): string | null {
  const length = [...id].length;
  if (length > 32) return `不能超过32位（现为${length}位）`;
  if (type === 'other') return /^[\p{L}\p{N}()（）]+$/u.test(id) ? null : '只能由字母、数字、汉字和括号组成';
  if (!/^[0-9A-Z]+$/.test(id)) return '只能由字母和数字组成';
  if (length < 4) return `至少应有4位（现为${length}位），请核对`;
  return null;
}

/** Phone numbers: digits with optional separators, normalised to `13800138000` or `0818-2345678`. */
export function normalisePhone(raw: string): string {
  const half = cleanLine(raw)
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .trim();
  const digits = half.replace(/[\s\-()（）]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (/^1\d{10}$/.test(digits)) return digits;
  const landline = /^(0\d{2,3})(\d{7,8})((?:转|#|ext)?\d{1,6})?$/.exec(digits);
  if (landline) return `${landline[1]}-${landline[2]}${landline[3] ? `-${landline[3].replace(/\D/g, '')}` : ''}`;
  return digits;
}

export function phoneProblem(phone: string): string | null {
  if (/^1[3-9]\d{9}$/.test(phone)) return null;
  if (/^0\d{2,3}-\d{7,8}(-\d{1,6})?$/.test(phone)) return null;
  if (/^1\d{10}$/.test(phone)) return '不是有效的手机号码';
  return '应为11位手机号码，或带区号的固定电话（如0818-2345678）';
}

/**
 * An ID number for lists, logs and screens: `110105********002X` (the first six and last four of an
 * 18-character number kept, as is usual). Total over every string the schema admits, of any type and
 * length: a shorter number keeps at most a quarter at each end, so at least half stays hidden
 * (`E12345678` reads `E1*****78`, a single character `*`); the length is kept.
 */
export function maskIdNumber(id: string | undefined | null): string {
  if (typeof id !== 'string' || id === '') return '';
  const chars = [...id];
  const quarter = Math.floor(chars.length / 4);
  const head = chars.length >= 18 ? 6 : quarter;
  const tail = chars.length >= 18 ? 4 : quarter;
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/** Age in whole years at `onDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
