/**
 * The document model: what a template produces and what both renderers (DOCX, PDF) draw.
 * Keeping one model is what makes the two files carry the same text: a renderer may choose fonts,
 * spacing and page breaks, never words.
 */

import nzh from 'nzh';

import { withoutNoBreak } from './linebreak';

export type Block =
  /** 标题: centred, 2号小标宋 (22 pt). */
  | { kind: 'title'; text: string }
  /** A level-1 heading inside the body (纠纷主要事实、争议事项：), flush left, 黑体 style. */
  | { kind: 'heading'; text: string }
  /** 编号 line, flush right under the title. */
  | { kind: 'number'; text: string }
  /** Body paragraph; `indent` false for a flush-left line (此致, 附：). */
  | { kind: 'paragraph'; text: string; indent: boolean; align?: 'left' | 'center' | 'right' }
  /** One party's block (当事人/申请人…): flush left, continuation lines hang under the text. */
  | { kind: 'party'; text: string }
  /** Numbered terms 一、二、三…; consecutive `@条款` lines form one list. */
  | { kind: 'terms'; items: string[] }
  /** A ruled table; the header row (if any) is bold and repeated on each page the table runs onto. */
  | { kind: 'table'; header?: string[]; rows: string[][]; widths?: number[] }
  /** Signature rows: each row has a left and a right cell, with room to sign and press a fingerprint. */
  | { kind: 'signatures'; rows: [string, string][] }
  /** 印章 position: a right-aligned line with space above for the seal. */
  | { kind: 'seal'; text: string }
  /** Date line, right-aligned, 右空四字 (GB/T 9704-2012 7.3.5). */
  | { kind: 'date'; text: string }
  /** Vertical space of one line. */
  | { kind: 'space' }
  | { kind: 'pageBreak' }
  /**
   * Blocks printed on one page: the closing paragraph with the signatures, seal and date after it
   * (./closing.ts makes these). A renderer starts a new page rather than split one.
   */
  | { kind: 'keep'; blocks: Block[] };

export interface DocumentModel {
  /** Document title for the file's metadata and file name (the first title block). */
  title: string;
  blocks: Block[];
}

/**
 * Every word the document carries, in order, as it should come out of pdftotext or document.xml
 * (without the invisible NO_BREAK joiners).
 */
export function plainText(doc: DocumentModel): string {
  return withoutNoBreak(blockLines(doc.blocks).join('\n'));
}

function blockLines(blocks: Block[]): string[] {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'keep':
        lines.push(...blockLines(block.blocks));
        break;
      case 'terms':
        block.items.forEach((item, i) => lines.push(`${termLabel(i)}${item}`));
        break;
      case 'table':
        for (const row of block.header ? [block.header, ...block.rows] : block.rows) lines.push(row.filter(Boolean).join(' '));
        break;
      case 'signatures':
        for (const [left, right] of block.rows) lines.push([left, right].filter(Boolean).join(' '));
        break;
      case 'space':
      case 'pageBreak':
        break;
      default:
        lines.push(block.text);
    }
  }
  return lines;
}

/** 1 → 一、, 12 → 十二、: the numbering of terms, with nzh's small Chinese numerals. */
export function termLabel(index: number): string {
  return `${nzh.cn.encodeS(index + 1)}、`;
}
