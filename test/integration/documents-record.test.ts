/**
 * Documents say what the record says:
 * - dates come from the record, never from the day of printing: render, move the clock a year on,
 *   render again, identical text; the 司法确认申请书 is dated with the recorded application date (blank,
 *   with a warning, when none is recorded); `today` is refused in a record-dated template;
 * - the 终止人民调解告知书 of a failed and of a withdrawn case, with the recorded reason and guidance, in
 *   the 卷宗 checklist of those cases;
 * - everyone who signs has a line: each mediator, each agent, a company by seal and its representative;
 * - a case the committee took up on its own has no 申请书 and reads as Chinese on the registration form;
 * - the DOCX is valid to the schema in what these documents use: whole twips, elements in order.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import { BLANK_DATE } from '../../electron/core/documents/filters';
import { availableDocuments, buildCaseDocument, renderCaseDocument } from '../../electron/core/documents/service';
import { DeskError } from '../../electron/core/errors';
import { checkDossier } from '../../electron/core/oversight/dossier';
import { renderDossierPdf } from '../../electron/core/oversight/dossier-pdf';
import type { Case } from '../../electron/core/schema/case';
import { diskDesk, fixedClock, IDS, sampleCaseInput, TEST_PASSWORD, TEST_SETTINGS } from '../support/desk';
import { shapeCase, SHAPES } from '../support/document-shapes';
import { docxPart, docxText, pdfText, squash } from '../support/paper';

const clock = fixedClock('2026-11-23');
let desk: Desk;
const shapes: Record<string, Case> = {};

beforeAll(async () => {
  desk = await diskDesk({ clock });
  for (const shape of SHAPES) shapes[shape.name] = await shapeCase(desk, shape);
});

afterAll(async () => {
  await desk?.close();
});

async function texts(c: Case, template: string): Promise<{ pdf: string; docx: string }> {
  const pdf = await renderCaseDocument(desk, c.id, template, 'pdf', { record: false });
  const docx = await renderCaseDocument(desk, c.id, template, 'docx', { record: false });
  // The PDF's page numbers (— 1 —) are in the footer of the DOCX, not in its text.
  return { pdf: squash(pdfText(pdf.bytes)).replace(/—\d+—/g, ''), docx: squash(await docxText(docx.bytes)) };
}

async function allowedTemplates(c: Case): Promise<string[]> {
  return (await availableDocuments(desk, c.id)).filter((a) => a.allowed).map((a) => a.template);
}

describe('dates from the record', () => {
  it('prints the same text a year later: every built-in document, every shape, PDF and DOCX', async () => {
    const before = new Map<string, { pdf: string; docx: string }>();
    for (const c of Object.values(shapes)) for (const t of await allowedTemplates(c)) before.set(`${c.id}/${t}`, await texts(c, t));
    clock.set('2027-11-23');
    try {
      for (const c of Object.values(shapes)) {
        for (const t of await allowedTemplates(c)) expect(await texts(c, t), `${c.number} ${t}`).toEqual(before.get(`${c.id}/${t}`));
      }
    } finally {
      clock.set('2026-11-23');
    }
    expect(before.size).toBeGreaterThanOrEqual(37);
  });

  it('dates each document with the day of the act it records', async () => {
    const c = shapes['two-persons'];
    const text = async (t: string) => (await texts(c, t)).pdf;
    expect(await text('confirmation-application')).toMatch(/二〇二六年十一月二十一日$/); // applied on 11-21
    expect(await text('agreement')).toMatch(/2026年11月20日$/);
    expect(await text('session-record')).toMatch(/2026年9月10日$/);
    expect(await text('follow-up-record')).toMatch(/2026年11月22日$/);
    expect(await text('registration')).toMatch(/2026年9月1日$/);
    expect(await text('termination-notice').catch(() => 'not allowed')).toBe('not allowed');
    expect(await text('application')).toContain('76岁'); // born 1949-12-31, counted on the day received, 2026-09-01
  });

  it('leaves the 司法确认申请书 date blank, with a warning, while no application date is recorded', async () => {
    const c = await call(desk, 'cases.add', sampleCaseInput());
    await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
    await call(desk, 'cases.act', { id: c.id, action: 'agree', details: { date: '2026-11-20', terms: ['被申请人清除杂物。'] } });
    await call(desk, 'cases.act', { id: c.id, action: 'sign', details: { date: '2026-11-20' } });
    const rendered = await renderCaseDocument(desk, c.id, 'confirmation-application', 'pdf', { record: false });
    expect(rendered.warnings.join()).toContain('申请书的落款日期留空');
    expect(squash(pdfText(rendered.bytes))).toMatch(new RegExp(`${squash(BLANK_DATE)}—\\d—$`));
    // The statutory window is stated (民事诉讼法第二百零五条, 人民调解法第三十三条).
    expect(squash(pdfText(rendered.bytes))).toContain('申请司法确认应当由双方当事人自调解协议生效之日起三十日内共同提出');
  });

  it('refuses `today` in a record-dated template, allows it in the office’s own, and blanks it in an old copy', async () => {
    const source = '# 人民调解协议书\n正文。\n@日期 {{ today | 日期 }}';
    for (const name of ['agreement', 'confirmation-application', 'termination-notice']) {
      const refused = await call(desk, 'templates.save', { name, source }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DeskError);
      expect((refused as DeskError).code).toBe('TEMPLATE_INVALID');
      expect((refused as DeskError).message).toContain('不能用打印当天的日期（today）');
      await expect(call(desk, 'templates.validate', { name, source })).rejects.toMatchObject({ code: 'TEMPLATE_INVALID' });
    }
    await expect(call(desk, 'templates.save', { name: '来访回执', source })).resolves.toMatchObject({ name: '来访回执' });
    const own = await renderCaseDocument(desk, shapes['two-persons'].id, '来访回执', 'pdf', { record: false });
    expect(squash(pdfText(own.bytes))).toContain('2026年11月23日');

    // An office copy saved before the rule: printed with the date blank and a warning saying what to change.
    const officeDir = path.join(desk.dataDir, 'templates');
    await mkdir(officeDir, { recursive: true });
    await writeFile(path.join(officeDir, 'agreement.txt'), source);
    try {
      const old = await renderCaseDocument(desk, shapes['two-persons'].id, 'agreement', 'pdf', { record: false });
      expect(old.warnings.join()).toContain('用了打印当天的日期（today）');
      expect(squash(pdfText(old.bytes))).toContain(squash(BLANK_DATE));
      expect(squash(pdfText(old.bytes))).not.toContain('2026年11月23日');
    } finally {
      await call(desk, 'templates.reset', { name: 'agreement' });
      await call(desk, 'templates.reset', { name: '来访回执' });
    }
  });
});

describe('终止人民调解告知书', () => {
  it('tells the parties of a failed mediation the recorded reason and the route they were guided to', async () => {
    const c = shapes.failed;
    const { pdf, docx } = await texts(c, 'termination-notice');
    expect(pdf).toBe(docx);
    expect(pdf).toContain('终止人民调解告知书');
    expect(pdf).toContain('张三、李四：');
    expect(pdf).toContain('你们之间的相邻通行纠纷，本委员会于2026年9月1日受理调解');
    expect(pdf).toContain('因双方对赔偿数额分歧过大，经多次调解仍不能达成协议，调解不成');
    expect(pdf).toContain('依照《中华人民共和国人民调解法》第二十六条的规定，本委员会自2026年9月20日起终止对该纠纷的调解');
    expect(pdf).toContain('当事人可以依法通过仲裁、行政、司法等途径维护自己的权利');
    expect(pdf).toContain('可以依法向有管辖权的人民法院提起诉讼');
    expect(pdf).toContain('委托代理人：张小三（签收）');
    expect(pdf).toContain('人民调解员：王调解');
    expect(pdf).toMatch(/（人民调解委员会印）2026年9月20日$/);
  });

  it('says that a party withdrew, with the recorded reason, for a withdrawn case', async () => {
    const c = await call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2026-10-08' }));
    await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-10-09' } });
    await call(desk, 'cases.act', { id: c.id, action: 'withdraw', details: { date: '2026-10-15', reason: '双方已自行和解。' } });
    const { pdf, docx } = await texts(desk.getCase(c.id), 'termination-notice');
    expect(pdf).toBe(docx);
    expect(pdf).toContain('2026年10月15日，当事人撤回调解申请（双方已自行和解），要求终止调解');
    expect(pdf).toContain('依照《中华人民共和国人民调解法》第二十三条的规定，本委员会自2026年10月15日起终止对该纠纷的调解');
    expect(pdf).not.toContain('第二十六条');
    expect(pdf).not.toContain('经人民调解员引导');
    expect(pdf).toMatch(/2026年10月15日$/);

    // A case the committee took up on its own had no application to withdraw.
    const own = await call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2026-10-08', source: 'initiative' }));
    await call(desk, 'cases.act', { id: own.id, action: 'accept', details: { date: '2026-10-09' } });
    await call(desk, 'cases.act', { id: own.id, action: 'withdraw', details: { date: '2026-10-15' } });
    const ownText = (await texts(desk.getCase(own.id), 'termination-notice')).pdf;
    expect(ownText).toContain('2026年10月15日，当事人要求终止调解。依照《中华人民共和国人民调解法》第二十三条');
    expect(ownText).not.toContain('撤回调解申请');
  });

  it('prints a hostile reason as text: no marker, no template code, no XML from it', async () => {
    const c = await call(desk, 'cases.add', sampleCaseInput({ summary: '<w:p>&"x"' }));
    await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
    const reason = '被申请人称“<w:t>&amp;”\n@签名 伪造 | 行\n# 假标题 {{ case.number }} {% if %}\u0007';
    await call(desk, 'cases.act', { id: c.id, action: 'fail', details: { date: '2026-11-05', reason } });
    const { pdf, docx } = await texts(desk.getCase(c.id), 'termination-notice');
    expect(pdf).toBe(docx);
    expect(docx).toContain(squash('你们之间的<w:p>&"x"纠纷'));
    expect(docx).toContain(squash('因被申请人称“<w:t>&amp;”@签名 伪造 | 行# 假标题 {{ case.number }} {% if %}，调解不成'));
    expect(docx).not.toContain('\u0007');
  });

  it('is offered only for failed and withdrawn cases, and the 卷宗 of those cases must hold it', async () => {
    const refused = await renderCaseDocument(desk, shapes['two-persons'].id, 'termination-notice', 'pdf').catch((e: unknown) => e);
    expect((refused as DeskError).code).toBe('NOT_ALLOWED');
    expect((refused as DeskError).message).toContain('只有调解不成（终止调解）或撤回调解的案件');

    const c = await call(desk, 'cases.add', sampleCaseInput());
    await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
    await call(desk, 'cases.act', { id: c.id, action: 'fail', details: { date: '2026-11-05', reason: '被申请人拒绝继续调解' } });
    const item = () => checkDossier(desk.getCase(c.id)).items.find((i) => i.key === 'termination-notice')!;
    expect(item()).toMatchObject({ required: true, present: false });
    expect(checkDossier(shapes['two-persons']).items.find((i) => i.key === 'termination-notice')).toMatchObject({ required: false });
    await renderCaseDocument(desk, c.id, 'termination-notice', 'pdf');
    expect(item()).toMatchObject({ required: true, present: true, generatedTemplate: 'termination-notice' });
    // Still made after the case is closed, and part of the whole 卷宗 PDF.
    await call(desk, 'cases.act', { id: c.id, action: 'close', details: { date: '2026-11-06', acknowledgeIncomplete: true } });
    expect((await availableDocuments(desk, c.id)).find((a) => a.template === 'termination-notice')).toMatchObject({ allowed: true });
    const dossier = await renderDossierPdf(desk, c.id);
    expect(dossier.contents.map((i) => i.title)).toContain('终止人民调解告知书');
    expect(squash(pdfText(dossier.bytes))).toContain('因被申请人拒绝继续调解，调解不成');
  });
});

describe('everyone who signs has a line', () => {
  it('gives each mediator a slot, each agent a line, a company its seal and its representative a line', async () => {
    const c = shapes['three-applicants-company'];
    for (const template of ['agreement', 'notice', 'session-record', 'registration', 'confirmation-application']) {
      const { pdf } = await texts(c, template);
      const party = template === 'confirmation-application' ? '申请人' : '被申请人';
      expect(pdf, template).toContain(`${party}：达州市通川区安居物业服务有限公司（盖章）`);
      expect(pdf, template).toContain('法定代表人：钱经理（签名）');
      expect(pdf, template).toContain('委托代理人：孙律师（签名）');
      for (const name of ['张三', '王五', '赵六'])
        expect(pdf, template).toMatch(new RegExp(`申请人：${name}（(签名|签名或按指印|签名或者盖章)）`));
    }
    for (const template of ['agreement', 'session-record']) {
      const { pdf } = await texts(c, template);
      expect(pdf).toContain('人民调解员：王调解');
      expect(pdf).toContain('人民调解员：李调解');
      expect(pdf).toContain('记录人：刘记录');
    }
    // Only applicants sign the 申请书.
    const application = (await texts(c, 'application')).pdf;
    expect(application).toContain('申请人：赵六（签名、盖章或按指印）');
    expect(application).not.toContain('（盖章）');
  });
});

describe('a case the committee took up on its own (主动调解)', () => {
  it('has no 申请书 saying 现自愿申请, and its registration form reads as Chinese', async () => {
    const c = await call(desk, 'cases.add', sampleCaseInput({ source: 'initiative' }));
    const refused = (await buildCaseDocument(desk, c.id, 'application').catch((e: unknown) => e)) as DeskError;
    expect(refused.code).toBe('NOT_ALLOWED');
    expect(refused.message).toContain('本案由人民调解委员会主动调解');
    // The opening date is the acceptance's: blank to fill by hand until the case is accepted.
    expect((await texts(c, 'registration')).pdf).toContain(`${BLANK_DATE}，本人民调解委员会经当事人同意，主动调解`);
    await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-02' } });
    const registration = (await texts(c, 'registration')).pdf;
    expect(registration).toContain('2026年11月2日，本人民调解委员会经当事人同意，主动调解张三、李四之间的纠纷。');
    expect(registration).not.toContain('现自愿申请');

    const referred = await call(desk, 'cases.add', sampleCaseInput({ source: 'court-referral' }));
    expect((await texts(referred, 'registration')).pdf).toContain(
      '本人民调解委员会接受人民法院委派（委托），经当事人同意，调解张三、李四之间的纠纷。',
    );
  });
});

describe('who registered the case (登记人)', () => {
  it('names the operator who registered it, not the one signed in when the form is printed: PDF and DOCX', async () => {
    const signInAs = async (name: string, password: string) => {
      await call(desk, 'session.signOut', {});
      await call(desk, 'session.signIn', { name, password });
    };
    await call(desk, 'operators.add', { name: '陈登记', role: 'clerk', password: 'chushi-mima-1' });
    await call(desk, 'operators.add', { name: '刘值班', role: 'clerk', password: 'chushi-mima-2' });
    try {
      await signInAs('陈登记', 'chushi-mima-1');
      const c = await call(desk, 'cases.add', sampleCaseInput());
      // Printed a month later by a colleague, through the handler as every door prints (it knows who is signed in).
      clock.set('2026-12-23');
      await signInAs('刘值班', 'chushi-mima-2');
      const printed = async (format: 'pdf' | 'docx') => {
        const rendered = await call(desk, 'documents.render', { caseId: c.id, template: 'registration', format });
        if (!('base64' in rendered)) throw new Error('documents.render returned no bytes');
        return Buffer.from(rendered.base64, 'base64');
      };
      for (const text of [squash(pdfText(await printed('pdf'))), squash(await docxText(await printed('docx')))]) {
        expect(text).toContain('登记人：陈登记');
        expect(text).not.toContain('刘值班');
      }
    } finally {
      clock.set('2026-11-23');
      await signInAs(TEST_SETTINGS.operator!, TEST_PASSWORD);
    }
  });
});

describe('people from the record', () => {
  it('refuses `office.operator` in a built-in document but the 卷宗封面, blanks it (with a warning) in an old copy, allows it in the office’s own', async () => {
    const c = await call(desk, 'cases.add', sampleCaseInput());
    const source = '# 人民调解受理登记表\n案号：{{ case.number }}\n@签名 | 登记人：{{ office.operator }}';
    for (const name of ['registration', 'session-record', 'agreement']) {
      const refused = await call(desk, 'templates.save', { name, source }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'TEMPLATE_INVALID' });
      expect((refused as DeskError).message).toContain('不能用当前登录的操作员（office.operator）');
      await expect(call(desk, 'templates.validate', { name, source })).rejects.toMatchObject({ code: 'TEMPLATE_INVALID' });
    }
    // the editor's preview refuses what saving would
    await expect(call(desk, 'templates.preview', { name: 'registration', source, as: 'text' })).rejects.toMatchObject({
      code: 'TEMPLATE_INVALID',
    });
    await expect(call(desk, 'templates.validate', { name: 'dossier-cover', source })).resolves.toMatchObject({ ok: true });
    const cover = await call(desk, 'templates.preview', { name: 'dossier-cover', as: 'text' });
    expect(squash(cover.text ?? '')).toContain(`立卷人${TEST_SETTINGS.operator}`);
    await call(desk, 'templates.save', { name: '值班登记', source });

    // Printed through the handler as every door prints: it knows who is signed in (王调解).
    const printed = async (template: string) => {
      const rendered = await call(desk, 'documents.render', { caseId: c.id, template, format: 'pdf' });
      if (!('base64' in rendered)) throw new Error('documents.render returned no bytes');
      return { text: squash(pdfText(Buffer.from(rendered.base64, 'base64'))), warnings: rendered.warnings.join() };
    };
    // An office copy of the 受理登记表 saved before the rule: 登记人 blank to fill by hand, and a warning saying what to change.
    const officeDir = path.join(desk.dataDir, 'templates');
    await mkdir(officeDir, { recursive: true });
    await writeFile(path.join(officeDir, 'registration.txt'), source);
    try {
      const old = await printed('registration');
      expect(old.text).toContain('登记人：');
      expect(old.text).not.toContain(TEST_SETTINGS.operator!);
      expect(old.warnings).toContain('用了当前登录的操作员（office.operator）');
      expect(old.warnings).toContain('case.registrar');
      expect((await printed('值班登记')).text).toContain(`登记人：${TEST_SETTINGS.operator}`);
      expect((await printed('dossier-cover')).text).toContain(`立卷人${TEST_SETTINGS.operator}`);
    } finally {
      await call(desk, 'templates.reset', { name: 'registration' });
      await call(desk, 'templates.reset', { name: '值班登记' });
    }
  });
});

describe('DOCX valid to the schema', () => {
  /** The order CT_PPr and CT_RPr give their children (those these documents use). */
  const P_ORDER = [
    'keepNext',
    'keepLines',
    'pageBreakBefore',
    'widowControl',
    'kinsoku',
    'overflowPunct',
    'autoSpaceDE',
    'autoSpaceDN',
    'spacing',
    'ind',
    'jc',
    'sectPr',
  ];
  const R_ORDER = ['rFonts', 'b', 'bCs', 'spacing', 'kern', 'sz', 'szCs', 'lang'];
  const S_ORDER = ['footerReference', 'type', 'pgSz', 'pgMar', 'pgNumType', 'cols'];

  function checkOrder(xml: string, element: string, order: string[]): number {
    let checked = 0;
    for (const [, inner] of xml.matchAll(new RegExp(`<w:${element}>(.*?)</w:${element}>`, 'g'))) {
      // Direct children only: drop nested elements with content (a section's properties inside a paragraph's).
      const flat = inner.replace(/<w:sectPr>.*?<\/w:sectPr>/g, '<w:sectPr/>');
      const names = [...flat.matchAll(/<w:(\w+)[ />]/g)].map((m) => m[1]);
      const positions = names.map((n) => order.indexOf(n));
      expect(
        positions.every((p) => p >= 0),
        `${element}: ${names.join(',')}`,
      ).toBe(true);
      expect(
        positions.every((p, i) => i === 0 || p >= positions[i - 1]),
        `${element} out of order: ${names.join(',')}`,
      ).toBe(true);
      checked++;
    }
    return checked;
  }

  it('writes whole twips, elements in schema order, and keeps the closing together', async () => {
    const c = shapes['five-parties-twelve-terms'];
    for (const template of await allowedTemplates(c)) {
      const docx = await renderCaseDocument(desk, c.id, template, 'docx', { record: false });
      for (const part of ['word/document.xml', 'word/styles.xml', 'word/footer1.xml', 'word/footer2.xml', 'word/settings.xml']) {
        const xml = await docxPart(docx.bytes, part);
        const numbers = [
          ...xml.matchAll(/w:(?:w|h|line|before|after|top|right|bottom|left|header|footer|gutter|firstLine|sz|space|val)="(-?[\d.]+)"/g),
        ];
        expect(
          numbers.filter(([, v]) => !/^-?\d+$/.test(v)).map(([m]) => m),
          `${template} ${part}`,
        ).toEqual([]);
        if (part !== 'word/document.xml') continue;
        expect(checkOrder(xml, 'pPr', P_ORDER)).toBeGreaterThan(0);
        expect(checkOrder(xml, 'rPr', R_ORDER)).toBeGreaterThan(0);
        expect(checkOrder(xml, 'sectPr', S_ORDER)).toBe(1);
        // A page break is "page break before" on what follows, never a paragraph holding a break.
        expect(xml).not.toContain('w:type="page"');
        if (template === 'dossier-cover') expect(xml).toContain('<w:pageBreakBefore/>');
      }
      const xml = await docxPart(docx.bytes, 'word/document.xml');
      if (template !== 'dossier-cover') {
        // Signature rows cannot split, and the paragraphs of the closing keep with the next.
        expect(xml).toContain('<w:cantSplit/>');
        const date = xml.lastIndexOf('<w:p>');
        expect(xml.slice(date)).not.toContain('<w:keepNext/>');
        expect(xml.slice(xml.lastIndexOf('<w:p>', date - 1), date)).toContain('<w:keepNext/>');
      }
    }
  });
});

describe('ID numbers in the model', () => {
  it('are plain text (no joiners) that can be copied from the DOCX', async () => {
    const docx = await renderCaseDocument(desk, shapes['two-persons'].id, 'agreement', 'docx', { record: false });
    const xml = await docxPart(docx.bytes, 'word/document.xml');
    expect(xml).toContain(IDS.zhangSan);
    expect(xml).toContain(IDS.liSi);
  });
});
