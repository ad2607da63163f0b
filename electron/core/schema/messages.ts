/**
 * zod's messages in Chinese, set once for the whole program. zod's own Chinese locale leaves type names
 * in English (`期望 string，实际接收 undefined`); every message a user can see is Chinese, so the common
 * issues are worded here, and the locale covers the rest. A message a schema gives itself (`.max(50,
 * '不能超过50个字')`) still wins over these.
 */

import { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '“是”或“否”（true 或 false）',
  array: '列表（[…]）',
  object: '对象（{…}）',
  date: '日期',
  null: '空值（null）',
  nan: '数字',
};

function kindOf(value: unknown): string {
  if (value === null) return '空值（null）';
  if (Array.isArray(value)) return '列表';
  switch (typeof value) {
    case 'string':
      return '文字';
    case 'number':
      return Number.isInteger(value) ? '整数' : '数字';
    case 'boolean':
      return '“是”或“否”';
    case 'object':
      return '对象';
    default:
      return '其他类型';
  }
}

const quoted = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? `“${v}”` : String(v))).join('、');

function sizeMessage(issue: { origin?: string; maximum?: unknown; minimum?: unknown }, big: boolean): string {
  const limit = Number(big ? issue.maximum : issue.minimum);
  switch (issue.origin) {
    case 'string':
      return big ? `不能超过${limit}个字` : limit <= 1 ? '不能为空' : `至少要有${limit}个字`;
    case 'array':
    case 'set':
      return big ? `不能超过${limit}项` : `至少要有${limit}项`;
    default:
      return big ? `不能大于${limit}` : `不能小于${limit}`;
  }
}

z.config({
  ...z.locales.zhCN(),
  customError: (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined
          ? '缺少此项（必须填写）'
          : `应为${TYPE_NAMES[issue.expected] ?? '其他类型'}，现为${kindOf(issue.input)}`;
      case 'too_big':
        return sizeMessage(issue, true);
      case 'too_small':
        return sizeMessage(issue, false);
      case 'invalid_value':
        return `应为：${quoted(issue.values)}`;
      case 'invalid_format':
        return issue.format === 'uuid'
          ? '编号格式不正确'
          : issue.format === 'datetime'
            ? '时间格式应为ISO 8601（如2026-11-23T08:00:00Z）'
            : '格式不正确';
      case 'not_multiple_of':
        return `应为${String(issue.divisor)}的倍数`;
      case 'invalid_union':
        return '格式不正确（不符合任何一种可接受的写法）';
      case 'invalid_key':
      case 'invalid_element':
        return '含有无效的项';
      default:
        return undefined;
    }
  },
});
