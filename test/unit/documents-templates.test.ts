/** Templates: errors with positions, blanks for empty fields, values that cannot act as markup, the block markup. */

import { describe, expect, it } from 'vitest';

import { makeEvent } from '../../electron/core/cases/events';
import { documentContext } from '../../electron/core/documents/context';
import { parseMarkup } from '../../electron/core/documents/markup';
import { plainText } from '../../electron/core/documents/model';
import { sampleCase, sampleSettings } from '../../electron/core/documents/sample';
import { renderTemplate, validateTemplate } from '../../electron/core/documents/template';
import { DeskError } from '../../electron/core/errors';

async function templateError(source: string, name = 'mine'): Promise<DeskError> {
  try {
    await validateTemplate(name, source);
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    return error as DeskError;
  }
  throw new Error('template was accepted');
}

function context(change: (c: ReturnType<typeof sampleCase>) => void = () => {}) {
  const c = sampleCase('written');
  change(c);
  return documentContext(c, sampleSettings(), { today: '2026-11-23', session: c.sessions[0] });
}

describe('template errors', () => {
  it('names the template, line and column of an unknown field', async () => {
    const error = await templateError('# 标题\n当事人：{{ case.nosuch }}');
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.message).toMatch(/^模板“mine”第2行第8列：/);
    expect(error.message).toContain('case.nosuch');
    expect(error.details).toMatchObject({ template: 'mine', line: 2, column: 8 });
  });

  it('finds an unknown field inside a loop and inside the oral branch of a conditional', async () => {
    expect((await templateError('# t\n{% for p in parties %}\n@当事人 {{ p.nmae }}\n{% endfor %}')).message).toMatch(/第3行.*p\.nmae/);
    expect((await templateError('# t\n{% if agreement.isOral %}\n{{ agreement.oralNote }}\n{% endif %}')).message).toMatch(
      /第3行.*agreement\.oralNote/,
    );
  });

  it('reports an unclosed block where it opens', async () => {
    const error = await templateError('# 标题\n\n  {% if case.facts %}\n正文');
    expect(error.message).toMatch(/^模板“mine”第3行第3列：标签 \{% if case\.facts %\} 没有结束/);
  });

  it('reports an unknown filter with its position and the filters there are', async () => {
    const error = await templateError('# 标题\n金额：{{ case.amount | 大写 }}');
    expect(error.message).toMatch(/^模板“mine”第2行第\d+列：未知的过滤器“大写”/);
    expect(error.message).toContain('大写金额');
  });

  it('refuses an unknown block marker and tags that would read other files', async () => {
    expect((await templateError('# t\n  @签字 张三')).message).toBe('模板“mine”第2行第3列：不认识的标记“@签字”');
    expect((await templateError('# t\n{% include "agreement" %}')).code).toBe('TEMPLATE_INVALID');
    expect((await templateError('# t\n{% render "notice" %}')).code).toBe('TEMPLATE_INVALID');
  });

  it('accepts a correct template and gives its sha256 as the version', async () => {
    const result = await validateTemplate('ok', '# 标题\n{{ case.number }}');
    expect(result.version).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('rendering', () => {
  it('prints a blank to fill by hand for empty fields, never undefined or null', async () => {
    const data = context((c) => {
      const p = c.parties[0];
      if (p.kind === 'person') delete p.occupation;
      delete p.phone;
      delete p.agent;
    });
    const model = await renderTemplate(
      {
        name: 't',
        source:
          '# 表\n{% assign p = parties[0] %}职业：{{ p.occupation }}，电话：{{ p.phone }}，代理人：{{ p.agent.name }}，日期：{{ parties[1].birthDate | 日期 }}',
      },
      data,
    );
    const text = plainText(model);
    expect(text).toContain('职业：＿＿＿＿，电话：＿＿＿＿，代理人：＿＿＿＿，日期：＿＿＿＿年＿＿月＿＿日');
    expect(text).not.toMatch(/undefined|null/);
  });

  it('names as 登记人 the operator of the registration event, and leaves a blank when the log names nobody', async () => {
    const registrar = (operator?: string) =>
      context((c) => {
        c.events = operator === undefined ? [] : [makeEvent([], 'created', { number: c.number }, operator, c.createdAt)];
      }).case.registrar;
    expect(registrar('陈登记')).toBe('陈登记');
    // a register from before operators signed in logged `未设置` when its settings named no operator
    expect(registrar('未设置')).toBeNull();
    expect(registrar('')).toBeNull();
    expect(registrar()).toBeNull();
    // later events by others do not change who registered the case
    const data = context((c) => {
      c.events.push(makeEvent(c.events, 'accept', { date: '2026-11-03' }, '刘值班', c.updatedAt));
    });
    expect(data.case.registrar).toBe('陈登记');
  });

  it('never lets a field value act as a marker or a table cell separator', async () => {
    const data = context((c) => {
      c.facts = '# 不是标题\n@分页 不是分页\n| 不是 | 表格 |';
      c.summary = '甲|乙';
    });
    const model = await renderTemplate({ name: 't', source: '# 真标题\n{{ case.facts }}\n| 案由 | {{ case.summary }} |' }, data);
    expect(model.blocks.map((b) => b.kind)).toEqual(['title', 'paragraph', 'paragraph', 'paragraph', 'table']);
    expect(model.blocks[1]).toMatchObject({ text: '# 不是标题' });
    expect(model.blocks[4]).toMatchObject({ rows: [['案由', '甲|乙']] });
  });

  it('loops over parties by role and branches on organization, agent and oral agreements', async () => {
    const source = [
      '# t',
      '{% for p in respondents %}@当事人 {{ p.name }}{% if p.isOrganization %}，法定代表人{{ p.representative }}{% endif %}{% if p.agent %}，代理人{{ p.agent.name }}{% endif %}',
      '{% endfor %}',
      '{% if agreement.isOral %}口头{% else %}书面{% endif %}，一式{{ agreement.copies | 中文数字 }}份',
    ].join('\n');
    const written = plainText(await renderTemplate({ name: 't', source }, context()));
    expect(written).toContain('示例物业服务有限公司，法定代表人钱经理，代理人孙职员');
    expect(written).toContain('书面，一式四份');
    const c = sampleCase('oral');
    const oral = plainText(await renderTemplate({ name: 't', source }, documentContext(c, sampleSettings(), { today: '2026-11-23' })));
    expect(oral).toContain('示例物业服务有限公司，法定代表人钱经理\n口头');
    const overridden = plainText(
      await renderTemplate(
        { name: 't', source },
        context((x) => (x.agreement!.copies = 7)),
      ),
    );
    expect(overridden).toContain('一式七份');
  });
});

describe('markup', () => {
  it('reads every marker into its block', () => {
    const model = parseMarkup(
      [
        '# 人民调解协议书',
        '@编号 编号：1',
        '@当事人 申请人：张三',
        '## 协议内容：',
        '@条款 第一条',
        '@条款 第二条',
        '正文',
        '@顶格 此致',
        '@居中 中间',
        '@列宽 1 3',
        '@表头 序号 | 名称',
        '| 1 | 申请书 |',
        '| 2 | 协议书 |',
        '@签名 甲 | 乙',
        '@签名 丙 |',
        '@印章 （印）',
        '@日期 2026年11月22日',
        '@空行',
        '@分页',
      ].join('\n'),
    );
    expect(model.title).toBe('人民调解协议书');
    expect(model.blocks.map((b) => b.kind)).toEqual([
      'title',
      'number',
      'party',
      'heading',
      'terms',
      'paragraph',
      'paragraph',
      'paragraph',
      'table',
      'signatures',
      'seal',
      'date',
      'space',
      'pageBreak',
    ]);
    expect(model.blocks[4]).toEqual({ kind: 'terms', items: ['第一条', '第二条'] });
    expect(model.blocks[8]).toEqual({
      kind: 'table',
      header: ['序号', '名称'],
      rows: [
        ['1', '申请书'],
        ['2', '协议书'],
      ],
      widths: [1, 3],
    });
    expect(model.blocks[9]).toEqual({
      kind: 'signatures',
      rows: [
        ['甲', '乙'],
        ['丙', ''],
      ],
    });
    expect(plainText(model)).toContain('一、第一条\n二、第二条');
  });
});
