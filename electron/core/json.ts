/**
 * JSON typed or edited by people (`--json` files, standard input, key and receipt files, the harness's
 * request bodies): parsed by the engine's own `JSON.parse`, then held to two rules it does not keep.
 *
 * - A key given twice in one object is refused (`JSON.parse` silently keeps the last one, so a typo'd
 *   second `"name"` would replace the first without anyone noticing).
 * - Nesting deeper than `LIMITS.requestDepth` is refused.
 *
 * Every failure is a VALIDATION DeskError in Chinese with the line and column.
 */

import { DeskError } from './errors';
import { LIMITS } from './limits';

/** Line and column (from 1) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: end - start + 1 };
}

/** What the engine's English says, in Chinese. */
const SYNTAX_HINTS: [RegExp, string][] = [
  [/Unexpected end of JSON input|Unterminated (?!string)/i, '内容不完整（可能缺少 }、] 或引号）'],
  [/Unterminated string/i, '字符串缺少结尾的双引号'],
  [/Bad control character/i, '字符串中有控制字符（如直接换行），换行应写作 \\n'],
  [/Bad (escaped character|Unicode escape)/i, '字符串中有无效的转义符（\\）'],
  [/Expected (double-quoted )?property name/i, '此处应为用双引号括起的字段名（最后一项后面不能有逗号）'],
  [/Expected ',' or '}'/i, '缺少逗号或 }'],
  [/Expected ',' or ']'/i, '缺少逗号或 ]'],
  [/Expected ':'/i, '字段名后缺少冒号'],
  [/non-whitespace character after JSON/i, 'JSON 结束后还有多余的内容'],
  [/number|Exponent|fractional/i, '数字的写法不正确'],
  [/Unexpected token/i, '此处有无法识别的字符（字符串要用英文双引号，不能用单引号或中文引号）'],
];

function syntaxMessage(text: string, error: Error): { hint: string; offset?: number } {
  const hint = SYNTAX_HINTS.find(([pattern]) => pattern.test(error.message))?.[1] ?? '格式错误';
  const position = /position (\d+)/.exec(error.message);
  if (position) return { hint, offset: Number(position[1]) };
  const lineCol = /line (\d+) column (\d+)/.exec(error.message);
  if (lineCol) {
    const lines = text.split('\n');
    const offset = lines.slice(0, Number(lineCol[1]) - 1).reduce((n, l) => n + l.length + 1, 0) + Number(lineCol[2]) - 1;
    return { hint, offset };
  }
  if (/end of JSON input/i.test(error.message)) return { hint, offset: text.length };
  return { hint };
}

/**
 * The first key that appears twice in one object, and nesting deeper than allowed. `text` is valid JSON
 * (already parsed), so only strings and brackets need reading.
 */
function structureProblem(text: string, maxDepth: number): { offset: number; message: string } | null {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const c = text.charCodeAt(j);
        if (c === 0x5c) {
          escaped = true;
          j += 2;
        } else if (c === 0x22) break;
        else j++;
      }
      const keys = stack[stack.length - 1];
      if (keys && expectKey) {
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        if (keys.has(key)) return { offset: i, message: `字段“${key.slice(0, 40)}”在同一层中出现了两次（只能出现一次）` };
        keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (ch === 0x7b || ch === 0x5b) {
      stack.push(ch === 0x7b ? new Set() : null);
      expectKey = ch === 0x7b;
      if (stack.length > maxDepth) return { offset: i, message: `嵌套超过${maxDepth}层，已拒绝` };
    } else if (ch === 0x7d || ch === 0x5d) {
      stack.pop();
    } else if (ch === 0x2c) {
      expectKey = stack[stack.length - 1] != null;
    }
  }
  return null;
}

/**
 * Parse JSON a person wrote. `where` names it in messages (`文件“case.json”`, `标准输入`). A leading
 * byte-order mark (Windows Notepad) is ignored.
 */
export function parseJsonText(raw: string, where: string, options: { field?: string; maxDepth?: number } = {}): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const fail = (offset: number | undefined, message: string, cause?: unknown) => {
    const at = offset === undefined ? undefined : lineColumn(text, offset);
    const position = at ? `第${at.line}行第${at.column}列：` : '';
    return new DeskError('VALIDATION', `${where}不是有效的JSON：${position}${message}`, {
      field: options.field,
      cause,
      details: at ? { line: at.line, column: at.column } : undefined,
    });
  };
  if (text.trim() === '') throw fail(undefined, '内容是空的');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw fail(undefined, '嵌套层数过多，已拒绝', error);
    const { hint, offset } = syntaxMessage(text, error as Error);
    throw fail(offset, hint, error);
  }
  const problem = structureProblem(text, options.maxDepth ?? LIMITS.requestDepth);
  if (problem) throw fail(problem.offset, problem.message);
  return value;
}
