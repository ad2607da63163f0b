/**
 * Money is integer fen everywhere in the core. Parsing and formatting go through strings,
 * never floating point, so 12300.05 yuan is exactly 1230005 fen.
 */

/** `"12300.05"` → 1230005; a Chinese reason string when the text is not a valid amount. */
export function yuanToFen(raw: string): number | string {
  const text = raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[,\s，]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '');
  if (text === '') return 0;
  if (text.startsWith('-')) return '金额不能为负数';
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) return /^\d+\.\d{3,}$/.test(text) ? '金额最多保留两位小数' : `“${raw}”不是有效的金额`;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return '金额过大';
  return fen;
}

/** 1230005 → `"12300.05"`. */
export function fenToYuan(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  return `${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

/** 1230005 → `"12,300.05"`, as printed after ¥. */
export function formatYuan(fen: number): string {
  const [whole, cents] = fenToYuan(fen).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
