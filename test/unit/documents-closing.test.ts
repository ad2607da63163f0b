/**
 * The closing of a document (落款), planned once for both renderers: the closing paragraph kept with
 * the signatures, a closing longer than a page cut with （此页无正文……签署页）, the committee's name, seal
 * and date kept with the last signature; the signature columns filled each on its own.
 */

import { describe, expect, it } from 'vitest';

import { CLOSING_PART_LINES, gridLines, inferClosingStart, planClosing } from '../../electron/core/documents/closing';
import { parseMarkup } from '../../electron/core/documents/markup';
import type { Block } from '../../electron/core/documents/model';
import { plainText } from '../../electron/core/documents/model';

const keeps = (blocks: Block[]) => blocks.filter((b): b is Extract<Block, { kind: 'keep' }> => b.kind === 'keep');

function doc(parties: number, options: { marker?: string; lead?: string[] } = {}): string {
  const rows = Array.from({ length: parties }, (_, i) => `@签名 申请人：当事人${i + 1}（签名或按指印） |`);
  return [
    '# 人民调解协议书',
    '正文第一段。',
    ...(options.lead ?? []),
    ...(options.marker === undefined ? [] : [`@落款 ${options.marker}`]),
    '本协议一式三份，自各方当事人签名之日起生效。',
    ...rows,
    '@签名 | 人民调解员：王调解',
    '@签名 | 记录人：刘记录',
    '@居右 东城街道人民调解委员会',
    '@印章 （人民调解委员会印）',
    '@日期 2026年11月20日',
  ].join('\n');
}

describe('the closing', () => {
  it('keeps the closing paragraph, every signature row, the seal and the date in one block', () => {
    const model = parseMarkup(doc(2, { marker: '（此页无正文，为（2026）东城调字第1号《人民调解协议书》签署页）' }));
    expect(model.blocks.map((b) => b.kind)).toEqual(['title', 'paragraph', 'keep']);
    const [keep] = keeps(model.blocks);
    expect(keep.blocks.map((b) => b.kind)).toEqual(['paragraph', 'signatures', 'paragraph', 'seal', 'date']);
    expect(keep.blocks[0]).toMatchObject({ text: '本协议一式三份，自各方当事人签名之日起生效。' });
    // The statement is printed only when a closing needs a page of its own.
    expect(plainText(model)).not.toContain('此页无正文');
  });

  it('fills the two signature columns each on its own', () => {
    const model = parseMarkup(doc(3, { marker: '' }));
    const rows = keeps(model.blocks)[0].blocks.find((b) => b.kind === 'signatures');
    expect(rows).toEqual({
      kind: 'signatures',
      rows: [
        ['申请人：当事人1（签名或按指印）', '人民调解员：王调解'],
        ['申请人：当事人2（签名或按指印）', '记录人：刘记录'],
        ['申请人：当事人3（签名或按指印）', ''],
      ],
    });
  });

  it('finds the closing of a template written without @落款: the paragraph before the signatures', () => {
    const model = parseMarkup(doc(2));
    expect(model.blocks.map((b) => b.kind)).toEqual(['title', 'paragraph', 'keep']);
    expect(keeps(model.blocks)[0].blocks[0]).toMatchObject({ kind: 'paragraph', text: '本协议一式三份，自各方当事人签名之日起生效。' });
    // A document without signatures (the dossier cover) has no closing.
    expect(inferClosingStart(parseMarkup('# 卷宗\n| a | b |').blocks)).toBe(-1);
  });

  it('cuts a closing longer than a page into page-sized parts; each later part starts with the statement', () => {
    const statement = '（此页无正文，为（2026）东城调字第1号《人民调解协议书》签署页）';
    const model = parseMarkup(doc(14, { marker: statement }));
    const parts = keeps(model.blocks);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(gridLines(part)).toBeLessThanOrEqual(CLOSING_PART_LINES);
    // A page break before every part after the first, which opens with the statement.
    const kinds = model.blocks.map((b) => b.kind);
    expect(kinds.filter((k) => k === 'pageBreak')).toHaveLength(parts.length - 1);
    for (const part of parts.slice(1)) expect(part.blocks[0]).toMatchObject({ kind: 'paragraph', text: statement });
    // The first part keeps the closing paragraph; the last ends with the committee's name, seal and date.
    expect(parts[0].blocks[0]).toMatchObject({ text: '本协议一式三份，自各方当事人签名之日起生效。' });
    expect(
      parts
        .at(-1)!
        .blocks.slice(-3)
        .map((b) => b.kind),
    ).toEqual(['paragraph', 'seal', 'date']);
    expect(parts.at(-1)!.blocks.some((b) => b.kind === 'signatures')).toBe(true);
    // Nothing lost: every signature row is printed once.
    const text = plainText(model);
    for (let i = 1; i <= 14; i++) expect(text.split(`当事人${i}（`).length - 1).toBe(1);
  });

  it('lets the earlier paragraphs of a long closing flow as body text, never parting 此致 from the court', () => {
    const lead = [
      '@落款 （此页无正文）',
      '此致',
      '@顶格 达州市通川区人民法院',
      '@顶格 附：',
      ...[1, 2, 3, 4, 5].map((n) => `@顶格 ${n}. 材料${n}；`),
    ];
    const source = doc(8, { lead }).replace('本协议一式三份，自各方当事人签名之日起生效。\n', '');
    const model = parseMarkup(source);
    const [keep] = keeps(model.blocks);
    // The keep starts after 此致 and the court (they stay together in the body) …
    const before = model.blocks.slice(0, model.blocks.indexOf(keep)).map((b) => ('text' in b ? b.text : b.kind));
    expect(before).toContain('此致');
    expect(before).toContain('达州市通川区人民法院');
    // … and still carries text before the first signature.
    expect(keep.blocks[0].kind).toBe('paragraph');
    expect(gridLines(keep)).toBeLessThanOrEqual(CLOSING_PART_LINES);
  });

  it('leaves a document without signatures as it is', () => {
    const blocks: Block[] = [{ kind: 'paragraph', text: '正文', indent: true }];
    expect(planClosing(blocks, inferClosingStart(blocks), '（此页无正文）')).toBe(blocks);
  });
});
