/**
 * Paper an office can file: every built-in document for the four everyday case shapes and one made to
 * break pages badly (five parties, twelve long terms), as PDF and as DOCX printed by LibreOffice, read
 * back page by page (pdftotext -f N -l N):
 * - no page holds only signature, seal, date and page-number lines (a page of signatures without text
 *   can be put behind another text); a signature page that cannot share a page with text carries
 *   （此页无正文……签署页）;
 * - the closing paragraph is on the page of the first signature;
 * - ID numbers, credit codes, case numbers, phone numbers and amounts appear unbroken;
 * - the DOCX has as many pages as the PDF.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Desk } from '../../electron/core/desk';
import type { Block, DocumentModel } from '../../electron/core/documents/model';
import { availableDocuments, buildCaseDocument, renderBuilt } from '../../electron/core/documents/service';
import type { Case } from '../../electron/core/schema/case';
import { diskDesk } from '../support/desk';
import { shapeCase, SHAPES } from '../support/document-shapes';
import { convertWithLibreOffice, isBareSignaturePage, occurrences, pdfPageTexts, signingLines, soffice, squash } from '../support/paper';

const WRITTEN = [
  'application',
  'registration',
  'notice',
  'session-record',
  'agreement',
  'confirmation-application',
  'follow-up-record',
  'dossier-cover',
];
const EXPECTED: Record<string, string[]> = {
  'two-persons': WRITTEN,
  'three-applicants-company': WRITTEN,
  oral: ['application', 'registration', 'notice', 'session-record', 'oral-agreement', 'follow-up-record', 'dossier-cover'],
  failed: ['application', 'registration', 'notice', 'session-record', 'termination-notice', 'dossier-cover'],
  'five-parties-twelve-terms': WRITTEN,
};

interface Printed {
  model: DocumentModel;
  case: Case;
  pdf: string;
  docx: string;
  /** The DOCX as LibreOffice prints it. */
  office: string;
}

let desk: Desk;
let outDir: string;
const printed = new Map<string, Printed>();
const key = (shape: string, template: string) => `${shape}--${template}`;

beforeAll(async () => {
  desk = await diskDesk();
  outDir = path.join(desk.dataDir, 'paper');
  await mkdir(path.join(outDir, 'office'), { recursive: true });
  for (const shape of SHAPES) {
    const c = await shapeCase(desk, shape);
    const allowed = (await availableDocuments(desk, c.id)).filter((a) => a.allowed).map((a) => a.template);
    expect(allowed.sort(), shape.name).toEqual([...EXPECTED[shape.name]].sort());
    for (const template of allowed) {
      const built = await buildCaseDocument(desk, c.id, template);
      const name = key(shape.name, template);
      const files = { pdf: path.join(outDir, `${name}.pdf`), docx: path.join(outDir, `${name}.docx`) };
      for (const format of ['pdf', 'docx'] as const) await writeFile(files[format], (await renderBuilt(desk, built, format)).bytes);
      printed.set(name, { model: built.model, case: c, ...files, office: path.join(outDir, 'office', `${name}.pdf`) });
    }
  }
  // One LibreOffice run for all of them: it is slow to start.
  if (soffice)
    convertWithLibreOffice(
      [...printed.values()].map((p) => p.docx),
      path.join(outDir, 'office'),
    );
}, 900_000);

afterAll(async () => {
  await desk?.close();
});

/** The text that must travel with the signatures: the first text of the first kept closing part. */
function closingText(model: DocumentModel): { closing: string; firstSigner: string } | undefined {
  const keep = model.blocks.find((b): b is Extract<Block, { kind: 'keep' }> => b.kind === 'keep');
  if (!keep) return undefined;
  const text = keep.blocks.find((b) => b.kind === 'paragraph' || b.kind === 'party');
  const rows = keep.blocks.find((b) => b.kind === 'signatures');
  if (!text || !('text' in text) || rows?.kind !== 'signatures') return undefined;
  return { closing: squash(text.text.replaceAll('\u2060', '')), firstSigner: squash(rows.rows[0][0] || rows.rows[0][1]) };
}

/** Numbers that must never be broken or spaced out, as printed in this document. */
function numbersOf(c: Case, model: DocumentModel): string[] {
  const text = squash(JSON.stringify(model).replaceAll('\\u2060', '').replaceAll('\u2060', ''));
  const candidates = [
    c.number,
    ...c.parties.flatMap((p) => [p.kind === 'person' ? p.idNumber : p.creditCode, p.phone, p.agent?.phone]),
    '人民币壹万贰仟叁佰元零伍分',
    '¥12,300.05',
    '人民币贰仟叁佰肆拾伍元陆角柒分',
    '¥2,345.67',
  ];
  return [...new Set(candidates.filter((n): n is string => !!n && text.includes(n)))];
}

function checkPages(pages: string[], p: Printed, what: string): void {
  const signing = signingLines(p.model);
  pages.forEach((page, i) => {
    expect(isBareSignaturePage(page, signing), `${what}: page ${i + 1} holds only signatures, seal and date:\n${page}`).toBe(false);
    expect(squash(page).replace(/—\d+—/g, ''), `${what}: page ${i + 1} is empty`).not.toBe('');
  });
  const closing = closingText(p.model);
  if (closing) {
    const page = pages.find((t) => squash(t).includes(closing.firstSigner));
    expect(page, `${what}: first signature line not found`).toBeDefined();
    expect(squash(page!), `${what}: the closing paragraph is not on the page of the first signature`).toContain(closing.closing);
  }
  const whole = pages.join('\n');
  for (const number of numbersOf(p.case, p.model)) {
    const { unbroken, all } = occurrences(whole, number);
    expect(all, `${what}: ${number} missing`).toBeGreaterThan(0);
    expect(unbroken, `${what}: ${number} broken or spaced out`).toBe(all);
  }
}

describe.each(SHAPES.map((s) => s.name))('%s', (shape) => {
  it.each(EXPECTED[shape])('%s: PDF pages', (template) => {
    const p = printed.get(key(shape, template))!;
    checkPages(pdfPageTexts(p.pdf), p, `${shape}/${template}.pdf`);
  });

  it.skipIf(!soffice).each(EXPECTED[shape])('%s: DOCX pages as LibreOffice prints them, as many as the PDF', (template) => {
    const p = printed.get(key(shape, template))!;
    const office = pdfPageTexts(p.office);
    checkPages(office, p, `${shape}/${template}.docx`);
    expect(office.length, `${shape}/${template}: DOCX (LibreOffice) and PDF page counts`).toBe(pdfPageTexts(p.pdf).length);
  });
});

describe('signature pages', () => {
  it('cuts a closing longer than a page and states 此页无正文 on the page of signatures alone', () => {
    const p = printed.get(key('five-parties-twelve-terms', 'agreement'))!;
    const pages = pdfPageTexts(p.pdf);
    const statement = `（此页无正文，为${p.case.number}《人民调解协议书》签署页）`;
    const withStatement = pages.filter((t) => squash(t).includes(squash(statement)));
    expect(withStatement).toHaveLength(1);
    // The statement heads the last page, which then holds signatures, the seal and the date.
    expect(squash(pages.at(-1)!).startsWith(squash(statement))).toBe(true);
    expect(squash(pages.at(-1)!)).toContain('（人民调解委员会印）');
  });
});
