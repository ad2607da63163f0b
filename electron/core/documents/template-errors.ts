/**
 * Where a template is wrong, and why, in Chinese: every error class of the template language.
 *
 * Liquid reports some mistakes far from where they are made: a `{{` or `{%` left open swallows the text
 * up to the next closing `}}`/`%}` (lines later), and a block left open (`{% if %}` without `{% endif %}`)
 * is noticed at the next unrelated end tag. So the structure is checked first, here, by reading the
 * delimiters and matching block tags the way a person would: an opener left open is reported at the
 * opener, an end tag with no opener at the end tag. What passes that check goes to liquidjs, whose
 * remaining errors (unknown tags, fields and filters, bad expressions, limits) carry their own token
 * position and are translated below. An English message never reaches the user: anything not in the
 * table reads as a generic Chinese message at the same line and column (the original is kept in
 * `details.original` for developers).
 */

import { DeskError } from '../errors';
import { lineColumn } from '../json';
import { LIMITS } from '../limits';
import { documentTitle } from '../schema/codes';
import { FILTERS } from './filters';

interface Located {
  offset: number;
  reason: string;
}

function invalidAt(name: string, source: string, problem: Located): DeskError {
  const { line, column } = lineColumn(source, problem.offset);
  return templateProblem(name, problem.reason, line, column);
}

/** TEMPLATE_INVALID naming the template by its Chinese title, and the line and column when known. */
export function templateProblem(name: string, reason: string, line?: number, column?: number, original?: string): DeskError {
  const where = line !== undefined ? `第${line}行第${column ?? 1}列：` : '';
  return new DeskError('TEMPLATE_INVALID', `模板“${documentTitle(name)}”${where}${reason}`, {
    details: { template: name, line, column, reason, ...(original ? { original } : {}) },
  });
}

/** Block tags, what ends them, and the tags allowed directly inside them. */
const BLOCKS: Record<string, { end: string }> = {
  if: { end: 'endif' },
  unless: { end: 'endunless' },
  for: { end: 'endfor' },
  case: { end: 'endcase' },
  capture: { end: 'endcapture' },
  tablerow: { end: 'endtablerow' },
  comment: { end: 'endcomment' },
};
const END_OF: Record<string, string> = Object.fromEntries(Object.entries(BLOCKS).map(([open, { end }]) => [end, open]));
const INNER: Record<string, string[]> = { else: ['if', 'unless', 'for', 'case'], elsif: ['if', 'unless'], when: ['case'] };

const snippet = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 30 ? `${flat.slice(0, 30)}…` : flat;
};

interface OpenTag {
  name: string;
  text: string;
  offset: number;
}

/** The first structural mistake of a template (an open delimiter, an unmatched block), or null. */
export function structureProblem(source: string): Located | null {
  const stack: OpenTag[] = [];
  let i = 0;
  for (;;) {
    const open = nextOpener(source, i);
    if (open < 0) break;
    const isTag = source[open + 1] === '%';
    const closer = isTag ? '%}' : '}}';
    const close = source.indexOf(closer, open + 2);
    const following = nextOpener(source, open + 2);
    if (close < 0 || (following >= 0 && following < close)) {
      const lineEnd = source.indexOf('\n', open);
      const shown = snippet(source.slice(open, lineEnd < 0 ? undefined : lineEnd));
      return { offset: open, reason: isTag ? `标签“${shown}”没有结束（缺少 %}）` : `字段“${shown}”没有结束（缺少 }}）` };
    }
    i = close + 2;
    if (!isTag) continue;
    const text = source.slice(open, i);
    const name = /^\{%-?\s*([A-Za-z_#]\w*)/.exec(text)?.[1] ?? '';
    if (name === 'raw' || name === 'comment') {
      // Their content is text: skip to the end tag without reading it.
      const end = new RegExp(`\\{%-?\\s*end${name}\\s*-?%\\}`).exec(source.slice(i));
      if (!end)
        return { offset: open, reason: `${name === 'raw' ? '原样输出' : '注释'}标签“${snippet(text)}”没有结束（缺少 {% end${name} %}）` };
      i += end.index + end[0].length;
      continue;
    }
    if (BLOCKS[name]) stack.push({ name, text, offset: open });
    else if (END_OF[name]) {
      const opener = END_OF[name];
      const at = stack.map((t) => t.name).lastIndexOf(opener);
      if (at < 0) return { offset: open, reason: `多余的“${snippet(text)}”：前面没有对应的 {% ${opener} %}` };
      if (at < stack.length - 1) {
        const unclosed = stack[stack.length - 1];
        const { line } = lineColumn(source, open);
        return {
          offset: unclosed.offset,
          reason: `标签 ${snippet(unclosed.text)} 没有结束：第${line}行的 ${snippet(text)} 之前缺少 {% ${BLOCKS[unclosed.name].end} %}`,
        };
      }
      stack.pop();
    } else if (INNER[name]) {
      const top = stack[stack.length - 1];
      if (!top || !INNER[name].includes(top.name)) {
        return { offset: open, reason: `“${snippet(text)}”只能写在 ${INNER[name].map((b) => `{% ${b} %}`).join('、')} 之内` };
      }
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) {
    return {
      offset: unclosed.offset,
      reason: `标签 ${snippet(unclosed.text)} 没有结束（缺少 {% ${BLOCKS[unclosed.name].end} %}）`,
    };
  }
  return null;
}

function nextOpener(source: string, from: number): number {
  const output = source.indexOf('{{', from);
  const tag = source.indexOf('{%', from);
  if (output < 0) return tag;
  if (tag < 0) return output;
  return Math.min(output, tag);
}

/** Check the structure first; TEMPLATE_INVALID at the mistake. */
export function checkStructure(name: string, source: string): void {
  if (source.length > LIMITS.templateChars) {
    throw templateProblem(name, `模板过长（${source.length}个字符），上限为${LIMITS.templateChars}个字符`);
  }
  const problem = structureProblem(source);
  if (problem) throw invalidAt(name, source, problem);
}

// ---------------------------------------------------------------- liquidjs's own errors

const FILTER_NAMES = () => FILTERS.map((f) => f.names[0]).join('、');

/** liquidjs's English, in Chinese. The first matching pattern wins; captures are quoted back. */
const REASONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^undefined variable: (.+)$/, (m) => `未知的字段“${m[1]}”（字段名见模板说明）`],
  [/^undefined filter: (.+)$/, (m) => `未知的过滤器“${m[1]}”（可用：${FILTER_NAMES()}）`],
  [/^tag "?([\w#]+)"? not found$/, (m) => `不认识或不允许的标签“${m[1]}”（不能引用其他文件）`],
  [/^tag ([\s\S]+) not closed$/, (m) => `标签 ${snippet(m[1])} 没有结束`],
  [/^output ([\s\S]+) not closed$/, (m) => `字段 ${snippet(m[1])} 没有结束（缺少 }}）`],
  [/^raw ([\s\S]+) not closed$/, () => '原样输出标签没有结束（缺少 {% endraw %}）'],
  [/^duplicated else$/, () => '同一个条件中有两个 {% else %}'],
  [/^unexpected elsif after else$/, () => '{% elsif %} 不能写在 {% else %} 之后'],
  [/^illegal tag: ([\s\S]+)$/, (m) => `标签写法不正确：${snippet(m[1])}`],
  [/^illegal (liquid )?tag syntax/, () => '标签写法不正确：{% 之后应是标签名'],
  [/^expected variable name$/, () => '缺少变量名'],
  [/^expected "="$/, () => '缺少等号（=）'],
  [/^invalid capture name$/, () => 'capture 后应是变量名'],
  [/^expected "\|" before filter$/, () => '字段后面应是“|”再接过滤器，或缺少 }}'],
  [/^expected filter name$/, () => '“|”后面缺少过滤器名'],
  [/^unexpected character (.+)$/, (m) => `无法识别的字符：${snippet(m[1])}`],
  [/^invalid value expression: ""$/, () => '此处缺少字段或值'],
  [/^invalid value expression: (.+)$/, (m) => `无法识别的写法：${snippet(m[1])}`],
  [/^unexpected token (.+), value expected$/, (m) => `此处应是字段或值：${snippet(m[1])}`],
  [/^unexpected token at (.+)$/, (m) => `无法识别的写法：${snippet(m[1])}`],
  [/^invalid range syntax$/, () => '范围的写法应为 (1..5)'],
  [/^unbalanced parentheses$/, () => '括号不成对'],
  [/^\[ not closed$/, () => '“[”没有对应的“]”'],
  [/^(\w+) expect (\d+) arguments$/, (m) => `过滤器 ${m[1]} 需要${Number(m[2]) - 1}个参数`],
  [/^empty candidates/, () => 'cycle 标签需要至少一个值'],
  [/^every line of an inline comment must start with/, () => '多行的 {% # %} 注释每一行都要以 # 开头'],
  [/^block tag cannot be nested$/, () => '不允许的标签“block”'],
  [/^illegal file path/, () => '不能引用其他文件'],
  [/^invalid base64/, () => 'base64_decode 的值不是有效的 base64'],
  [/^parse length limit exceeded$/, () => `模板过长，上限为${LIMITS.templateChars}个字符`],
  [/^template render limit exceeded$/, () => `生成用时超过上限（${LIMITS.templateRenderMs / 1000}秒）：请检查是否有过大的循环`],
  [/^memory alloc limit exceeded$/, () => '生成时占用内存超过上限：请检查是否有过大的循环或范围（如 (1..100000000)）'],
];

function chineseReason(bare: string): string | undefined {
  for (const [pattern, say] of REASONS) {
    const match = pattern.exec(bare);
    if (match) return say(match);
  }
  return undefined;
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** A liquidjs error (or ours) as TEMPLATE_INVALID naming the template, line and column, in Chinese. */
export function templateError(name: string, error: unknown): DeskError {
  if (error instanceof DeskError) return error;
  const e = error as {
    name?: string;
    message?: string;
    token?: { getPosition?: () => [number, number] };
    originalError?: Error;
    errors?: unknown[];
  };
  if (e.name === 'LiquidErrors' && Array.isArray(e.errors) && e.errors.length) return templateError(name, e.errors[0]);
  const message = String(e.message ?? error);
  let position = e.token?.getPosition?.();
  if (!position) {
    const m = /line:(\d+), col:(\d+)/.exec(message);
    if (m) position = [Number(m[1]), Number(m[2])];
  }
  const bare = (e.originalError?.message ?? message).replace(/, line:\d+, col:\d+[\s\S]*$/, '').trim();
  // Our own filters refuse a value in Chinese (an amount that is not one): their words are kept.
  const fromOurFilter = e.originalError && HAS_CHINESE.test(e.originalError.message) ? e.originalError.message : undefined;
  const reason =
    chineseReason(bare) ??
    fromOurFilter ??
    (e.name === 'RenderError' ? '生成时出错：过滤器或字段的值不能这样使用' : '无法识别的模板写法（请检查此处的 {{ }} 或 {% %}）');
  return templateProblem(name, reason, position?.[0], position?.[1], reason === bare ? undefined : bare);
}
