/**
 * Every built-in document for the four required case shapes, in both formats, on a real data directory:
 * the text of the DOCX (document.xml) and of the PDF (pdftotext) is exactly the text of the document
 * model, and carries the names, ID numbers, amounts in words, terms, copies and court.
 */

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import { setFallbackSearch } from '../../electron/core/documents/fonts';
import { plainText } from '../../electron/core/documents/model';
import { buildCaseDocument, type DocumentFormat, renderCaseDocument, renderCaseDocumentsPdf } from '../../electron/core/documents/service';
import { templateVersion } from '../../electron/core/documents/template';
import { DeskError } from '../../electron/core/errors';
import type { Case, PartyInput } from '../../electron/core/schema/case';
import { diskDesk, IDS, sampleCaseInput, tempDataDir } from '../support/desk';
import { company, MORE_IDS, person } from '../support/document-shapes';
import { docxPart, docxText, pdfText, squash } from '../support/paper';

const TERMS = [
  '被申请人于2026年11月30日前清除堆放在公共通道的杂物。',
  '被申请人赔偿申请人损失人民币壹万贰仟叁佰元零伍分，于2026年11月30日前一次性付清。',
];
const AMOUNT_WORDS = '人民币壹万贰仟叁佰元零伍分';
const COURT = '达州市通川区人民法院';

const SCENARIOS: Record<string, { parties: PartyInput[]; form: 'written' | 'oral' }> = {
  'one applicant, one respondent': {
    parties: [person('applicant', '张三', IDS.zhangSan), person('respondent', '李四', IDS.liSi)],
    form: 'written',
  },
  'three applicants, two respondents': {
    parties: [
      person('applicant', '张三', IDS.zhangSan),
      person('applicant', '王五', IDS.wangWu),
      person('applicant', '赵六', MORE_IDS.zhao),
      person('respondent', '李四', IDS.liSi),
      person('respondent', '钱七', MORE_IDS.qian),
    ],
    form: 'written',
  },
  'organization respondent with representative and agent': {
    parties: [
      person('applicant', '张三', IDS.zhangSan),
      company('respondent', { agent: { name: '孙律师', relation: '四川某律师事务所律师', phone: '13900139000' } }),
    ],
    form: 'written',
  },
  'oral agreement': { parties: [person('applicant', '张三', IDS.zhangSan), person('respondent', '李四', IDS.liSi)], form: 'oral' },
};

const BUILTINS = [
  'agreement',
  'confirmation-application',
  'application',
  'registration',
  'notice',
  'session-record',
  'oral-agreement',
  'follow-up-record',
  'dossier-cover',
];
const WITH_AMOUNT = ['agreement', 'confirmation-application', 'application', 'registration', 'oral-agreement'];
const WITH_IDS = ['agreement', 'confirmation-application', 'registration', 'oral-agreement'];
const WITH_TERMS = ['agreement', 'confirmation-application', 'oral-agreement'];

let desk: Desk;
const cases: Record<string, Case> = {};
let outDir: string;

async function agreedCase(parties: PartyInput[], form: 'written' | 'oral', signedOn = '2026-11-20', appliedOn = signedOn): Promise<Case> {
  const c = await call(desk, 'cases.add', sampleCaseInput({ parties, receivedAt: '2026-09-01' }));
  await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-09-02' } });
  await call(desk, 'cases.act', {
    id: c.id,
    action: 'record-session',
    details: { date: '2026-09-10', place: '调解室', content: '双方陈述了事实。', result: '达成一致', recorder: '刘记录' },
  });
  await call(desk, 'cases.act', {
    id: c.id,
    action: 'agree',
    details: { date: signedOn, form, terms: TERMS, performanceMethod: '现金支付', performanceDeadline: '2026-11-30' },
  });
  if (form === 'written') {
    await call(desk, 'cases.act', { id: c.id, action: 'sign', details: { date: signedOn } });
    await call(desk, 'cases.act', { id: c.id, action: 'apply-confirmation', details: { date: appliedOn } });
  }
  await call(desk, 'cases.act', {
    id: c.id,
    action: 'follow-up',
    details: { date: '2026-11-22', performance: 'performed', notes: '已履行完毕', visitor: '王调解' },
  });
  return desk.getCase(c.id);
}

beforeAll(async () => {
  desk = await diskDesk();
  // Outputs go outside the data directory: the output guard refuses any path inside it.
  outDir = await tempDataDir('mdesk-docs-out-');
  for (const [name, s] of Object.entries(SCENARIOS)) cases[name] = await agreedCase(s.parties, s.form);
});

afterAll(async () => {
  setFallbackSearch(true);
  await desk?.close();
});

async function textOf(bytes: Buffer, format: DocumentFormat): Promise<string> {
  return format === 'pdf' ? squash(pdfText(bytes)).replace(/—\d+—/g, '') : squash(await docxText(bytes));
}

describe.each(Object.keys(SCENARIOS))('%s', (scenario) => {
  const allowed = (template: string) => {
    const oral = SCENARIOS[scenario].form === 'oral';
    if (template === 'agreement' || template === 'confirmation-application') return !oral;
    if (template === 'oral-agreement') return oral;
    return true;
  };

  it.each(BUILTINS.flatMap((t) => (['pdf', 'docx'] as const).map((f) => [t, f] as const)))('%s as %s', async (template, format) => {
    const c = cases[scenario];
    if (!allowed(template)) {
      const error = await renderCaseDocument(desk, c.id, template, format).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeskError);
      expect((error as DeskError).code).toBe('NOT_ALLOWED');
      return;
    }
    const built = await buildCaseDocument(desk, c.id, template);
    const out = path.join(outDir, `${scenario.replace(/\W+/g, '-')}-${template}.${format}`);
    const rendered = await renderCaseDocument(desk, c.id, template, format, { out });
    expect(await readFile(out)).toEqual(rendered.bytes);
    const text = await textOf(rendered.bytes, format);

    // The file carries exactly the document's text.
    expect(text).toBe(squash(plainText(built.model)));
    expect(text).not.toMatch(/undefined|null|NaN|\[object/);

    for (const p of c.parties) {
      expect(text).toContain(p.name);
      if (WITH_IDS.includes(template)) expect(text).toContain(p.kind === 'person' ? p.idNumber : p.creditCode);
    }
    if (WITH_AMOUNT.includes(template)) expect(text).toContain(AMOUNT_WORDS);
    if (WITH_TERMS.includes(template)) for (const term of TERMS) expect(text).toContain(squash(term));
    if (template === 'agreement') {
      const copies = ['', '', '', '三', '四', '五', '六'][c.parties.length + 1];
      expect(text).toContain(`本协议一式${copies}份`);
    }
    if (template === 'confirmation-application') {
      expect(text).toContain(COURT);
      for (const p of c.parties) expect(text).toContain(`申请人：${p.name}`);
      expect(text).toContain('二〇二六年十一月二十日');
    }
    if (scenario.startsWith('organization') && ['agreement', 'confirmation-application', 'oral-agreement'].includes(template)) {
      expect(text).toContain('法定代表人（主要负责人）：钱经理');
      expect(text).toContain('委托代理人：孙律师');
    }

    // The case's log says which template and version made it.
    const last = desk.getCase(c.id).events.at(-1)!;
    expect(last.type).toBe('document-generated');
    const source = await readFile(path.join(desk.resourcesDir, 'templates', `${template}.txt`), 'utf8');
    expect(last.details).toMatchObject({ template, version: templateVersion(source), format, file: path.basename(out) });
    expect(rendered.version).toBe(templateVersion(source));
  });
});

describe('rules, warnings and fonts', () => {
  it('refuses the agreement for a failed case (NOT_ALLOWED) and says why', async () => {
    const c = await call(desk, 'cases.add', sampleCaseInput());
    await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
    await call(desk, 'cases.act', { id: c.id, action: 'fail', details: { date: '2026-11-05', reason: '双方分歧过大' } });
    const error = (await renderCaseDocument(desk, c.id, 'agreement', 'pdf').catch((e: unknown) => e)) as DeskError;
    expect(error.code).toBe('NOT_ALLOWED');
    expect(error.message).toContain('只有调解成功');
    const available = await call(desk, 'documents.available', { caseId: c.number });
    expect(available.find((a) => a.template === 'agreement')).toMatchObject({ allowed: false });
    expect(available.find((a) => a.template === 'notice')).toMatchObject({ allowed: true });
  });

  it('still produces the judicial-confirmation application after the 30-day window, with a warning', async () => {
    const late = await agreedCase(SCENARIOS['one applicant, one respondent'].parties, 'written', '2026-10-01', '2026-11-23');
    const result = await call(desk, 'documents.render', { caseId: late.id, template: 'confirmation-application', format: 'pdf' });
    expect(result.warnings.join()).toMatch(/30日期限已于2026年10月31日届满（已过23天）/);
    expect(
      Buffer.from((result as { base64: string }).base64, 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const inTime = await call(desk, 'documents.render', {
      caseId: cases['one applicant, one respondent'].id,
      template: 'confirmation-application',
      format: 'docx',
    });
    expect(inTime.warnings).toEqual([]);
  });

  it('renders a session record for the chosen session', async () => {
    const c = cases['one applicant, one respondent'];
    await expect(buildCaseDocument(desk, c.id, 'session-record', { sessionId: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const built = await buildCaseDocument(desk, c.id, 'session-record', { sessionId: 1 });
    expect(plainText(built.model)).toContain('双方陈述了事实。');
  });

  it('warns, naming the character, when no font has a rare character, and still makes the PDF', async () => {
    const c = await agreedCase([person('applicant', '张𠮷', IDS.zhangSan), person('respondent', '李四', IDS.liSi)], 'written');
    setFallbackSearch(false);
    try {
      const result = await renderCaseDocument(desk, c.id, 'agreement', 'pdf', { record: false });
      expect(result.warnings.some((w) => w.includes('𠮷') && w.includes('U+20BB7'))).toBe(true);
      expect(result.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      setFallbackSearch(true);
    }
  });

  const systemCjk = [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  ].some((f) => existsSync(f));
  it.skipIf(!systemCjk)('draws a rare character with a system fallback font, and pdftotext gives it back', async () => {
    const c = await agreedCase([person('applicant', '张𠮷', IDS.zhangSan), person('respondent', '李四', IDS.liSi)], 'written');
    const result = await renderCaseDocument(desk, c.id, 'agreement', 'pdf', { record: false });
    expect(result.warnings).toEqual([]);
    expect(pdfText(result.bytes)).toContain('张𠮷');
    expect(execFileSync('pdffonts', ['-'], { input: result.bytes }).toString()).toMatch(/CJK/);
  });

  it('puts several documents in one PDF (the dossier), each from a new page', async () => {
    const c = cases['three applicants, two respondents'];
    const merged = await renderCaseDocumentsPdf(
      desk,
      c.id,
      [{ template: 'dossier-cover' }, { template: 'agreement' }, { template: 'oral-agreement' }],
      { skipNotAllowed: true },
    );
    expect(merged.documents.map((d) => d.template)).toEqual(['dossier-cover', 'agreement']);
    const single = await Promise.all(
      ['dossier-cover', 'agreement'].map((t) => renderCaseDocument(desk, c.id, t, 'pdf', { record: false })),
    );
    expect(merged.pages).toBe(single.reduce((sum, r) => sum + r.pages!, 0));
    const text = pdfText(merged.bytes);
    expect(text.indexOf('卷内目录')).toBeLessThan(text.indexOf('人民调解协议书'));
    await writeFile(path.join(outDir, 'dossier.pdf'), merged.bytes);
  });

  it('lays the PDF out on A4 inside the GB/T 9704 text block, 22 lines a page, and names office fonts in the DOCX', async () => {
    const c = cases['three applicants, two respondents'];
    const pdf = await renderCaseDocument(desk, c.id, 'agreement', 'pdf', { record: false });
    const bbox = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', '-', '-'], { input: pdf.bytes }).toString('utf8');
    const mm = 72 / 25.4;
    const pages = [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)];
    expect(pages.length).toBe(pdf.pages);
    for (const [, width, height, body] of pages) {
      expect(Number(width)).toBeCloseTo(210 * mm, 1);
      expect(Number(height)).toBeCloseTo(297 * mm, 1);
      const words = [...body.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
        text: m[5],
      }));
      const text = words.filter((w) => !/^—?\d+—?$|^—$/.test(w.text));
      for (const w of text) {
        expect(w.x0, w.text).toBeGreaterThanOrEqual(28 * mm - 0.5);
        expect(w.x1, w.text).toBeLessThanOrEqual((210 - 26) * mm + 0.5);
        expect(w.y0, w.text).toBeGreaterThanOrEqual(37 * mm - 0.5);
        expect(w.y1, w.text).toBeLessThanOrEqual((297 - 35) * mm + 0.5);
      }
      // Body lines sit on a grid of 22 lines in the 225 mm block.
      const lineTops = new Set(text.map((w) => Math.round(w.y0)));
      expect(lineTops.size).toBeLessThanOrEqual(22);
      // The page number sits below the text block.
      expect(words.some((w) => /\d/.test(w.text) && w.y0 > (297 - 35) * mm)).toBe(true);
    }
    // A full line of Chinese text holds 28 characters (the notice is all Chinese prose).
    const notice = await renderCaseDocument(desk, c.id, 'notice', 'pdf', { record: false });
    const noticeLines = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: notice.bytes })
      .toString('utf8')
      .split('\n');
    expect(noticeLines.filter((l) => /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]{28}$/.test(l)).length).toBeGreaterThan(5);
    expect(noticeLines.every((l) => [...l].length <= 28 || /\d/.test(l))).toBe(true);
    expect(execFileSync('pdffonts', ['-'], { input: pdf.bytes }).toString()).toMatch(/NotoSerifSC-Regular/);

    const docx = await renderCaseDocument(desk, c.id, 'agreement', 'docx', { record: false });
    const xml = (name: string) => docxPart(docx.bytes, name);
    const document = await xml('word/document.xml');
    expect(document).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(document).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
    const fonts = await xml('word/fontTable.xml');
    expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    expect(fonts).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
  });
});
