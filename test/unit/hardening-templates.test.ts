/**
 * Issue 12, item 6: a template error points to the line and column where the mistake is, in Chinese,
 * for every error class of the template language. Each mistake below is on line 7 of a template whose
 * first six lines are correct (like the examples), and each class is tried once.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { validateTemplate } from '../../electron/core/documents/template';
import { DeskError } from '../../electron/core/errors';
import { leakedEnglish } from '../support/hostile';

const BEFORE = [
  '# 人民调解协议书',
  '@编号 编号：{{ case.number }}',
  '{% for p in parties %}',
  '@当事人 {{ p.name }}',
  '{% endfor %}',
  '## 协议内容',
];
const AFTER = ['{% if agreement %}', '@条款 {{ agreement.terms }}', '{% endif %}', '@日期 {{ today | 日期 }}', '结尾'];
const at7 = (line: string) => [...BEFORE, line, ...AFTER].join('\n');

async function mistake(source: string): Promise<{ line?: number; column?: number; message: string }> {
  try {
    await validateTemplate('t', source);
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    const e = error as DeskError;
    expect(e.code).toBe('TEMPLATE_INVALID');
    expect(leakedEnglish(e.message), e.message).toBeNull();
    const details = e.details as { line?: number; column?: number };
    return { line: details.line, column: details.column, message: e.message };
  }
  throw new Error('the template was accepted');
}

describe('template errors: every class, at its own line and column, in Chinese', () => {
  it.each([
    // the delimiters (liquidjs reads on to the next closer and reports lines later)
    ['an unclosed {{', '金额：{{ case.amount ', 4, /字段“\{\{ case\.amount”没有结束（缺少 }}）/],
    ['an unclosed {%', '{% if case.facts ', 1, /标签“\{% if case\.facts”没有结束（缺少 %}）/],
    ['a string left open inside {{ }}', '{{ "abc }}', 1, /没有结束/],
    // the blocks (liquidjs reports them at the next unrelated end tag, or at the end)
    [
      'a block left open to the end',
      '{% for t in agreement.terms %}@条款 {{ t }}',
      1,
      /标签 \{% for t in agreement\.terms %} 没有结束（缺少 \{% endfor %}）/,
    ],
    ['a block left open inside another', '{% unless case.facts %}无', 1, /缺少 \{% endunless %}/],
    ['an end tag without its block', '{% endcase %}', 1, /多余的“\{% endcase %}”/],
    ['else outside a block', '{% else %}', 1, /只能写在/],
    ['when outside case', '{% when "x" %}', 1, /只能写在 \{% case %} 之内/],
    ['raw left open', '{% raw %}{{ 原样', 1, /缺少 \{% endraw %}/],
    ['a comment left open', '{% comment %}备注', 1, /缺少 \{% endcomment %}/],
    // liquidjs's parse errors
    ['an unknown tag', '{% frobnicate %}', 1, /不认识或不允许的标签“frobnicate”/],
    ['a tag that reads another file', '{% include "agreement" %}', 1, /不能引用其他文件/],
    ['a for without in', '{% for p parties %}{% endfor %}', 1, /标签写法不正确/],
    ['an assign without a name', '{% assign = 1 %}', 11, /缺少变量名/],
    ['an assign without =', '{% assign x 1 %}', 13, /缺少等号/],
    ['a capture without a name', '{% capture %}x{% endcapture %}', 11, /capture 后应是变量名/],
    ['two else in one if', '{% if case.facts %}a{% else %}b{% else %}c{% endif %}', 1, /两个 \{% else %}/],
    ['elsif after else', '{% if case.facts %}a{% else %}b{% elsif case.claims %}c{% endif %}', 1, /不能写在 \{% else %} 之后/],
    ['a bad range', '{% for i in (1..3 %}{% endfor %}', 19, /范围的写法/],
    ['an unclosed [', '{{ case[ }}', 9, /“\[”没有对应的“]”/],
    ['an empty output', '{{ }}', 4, /此处缺少字段或值/],
    ['a missing filter name', '{{ case.number | | }}', 18, /缺少过滤器名/],
    ['a filter with too few arguments', '{{ case.number | append }}', 1, /过滤器 append 需要1个参数/],
    ['an empty cycle', '{% cycle %}', 9, /cycle 标签需要至少一个值/],
    ['an inline comment line without #', '{% # 第一行\n第二行 %}', 1, /每一行都要以 # 开头/],
    // at render time
    ['an unknown field', '{{ case.nmae }}', 4, /未知的字段“case\.nmae”/],
    ['an unknown filter', '{{ case.amount | 大写 }}', 1, /未知的过滤器“大写”（可用：大写金额/],
    ['a value the filter refuses', '{{ case.summary | 大写金额 }}', 1, /不是有效的金额/],
    ['a value a built-in filter refuses', '{{ "!!" | base64_decode }}', 1, /不是有效的 base64/],
    ['too much memory', '{% for i in (1..100000000) %}{{ i }}{% endfor %}', 1, /占用内存超过上限/],
    [
      'too long to render',
      '{% for i in (1..3000) %}{% for j in (1..3000) %}{{ i }}{% endfor %}{% endfor %}',
      25,
      /(生成用时|占用内存)超过上限/,
    ],
    // the block markers
    ['an unknown marker', '@乱写 文字', 1, /不认识的标记“@乱写”/],
  ])('%s', async (_what, line, column, reason) => {
    const found = await mistake(at7(line));
    expect(found.message).toMatch(reason);
    expect(found.line).toBe(7);
    expect(found.column).toBe(column);
  });

  it('reports the issue’s two examples in the built-in agreement at line 7, where they are', async () => {
    const agreement = readFileSync(path.resolve(import.meta.dirname, '../../resources/templates/agreement.txt'), 'utf8').split('\n');
    expect(agreement[6]).toBe('{% for p in parties %}');
    const unclosedTag = await mistake(agreement.map((l, i) => (i === 6 ? '{% for p in parties ' : l)).join('\n'));
    expect(unclosedTag).toMatchObject({ line: 7, column: 1 });
    const unclosedOutput = await mistake(agreement.map((l, i) => (i === 6 ? '{{ case.number ' : l)).join('\n'));
    expect(unclosedOutput).toMatchObject({ line: 7, column: 1 });
    const missingEndif = await mistake(agreement.filter((_, i) => i !== 12).join('\n'));
    expect(missingEndif).toMatchObject({ line: 8, column: 1 });
    expect(missingEndif.message).toContain('缺少 {% endif %}');
  });

  it('says a template over the size limit or without content in Chinese', async () => {
    expect((await mistake(`# 标题\n${'文'.repeat(200_001)}`)).message).toContain('模板过长');
    expect((await mistake('{% comment %}只有注释{% endcomment %}')).message).toContain('没有任何内容');
  });
});
