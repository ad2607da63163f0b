/**
 * The closing of a document (落款): the closing paragraph, the signature rows, the committee's name, seal
 * and date. Courts and bureaus distrust a page that holds signatures and no text, since it can be put
 * behind another text, so the closing is planned here, once, for both renderers:
 *
 * - the closing paragraph travels with the signatures: the whole closing is one `keep` block, which a
 *   renderer moves to a new page rather than split;
 * - a closing longer than a page (many parties, agents and mediators) is cut into page-sized parts;
 *   each part after the first starts a new page with the statement （此页无正文，为……签署页）;
 * - the committee's name, seal and date always stay with the last signature row.
 *
 * Where the closing starts: at the template's `@落款` line, or else at the body paragraph just before
 * the first signature row (office templates written before `@落款` existed).
 *
 * Heights are counted on the page grid (./grid.ts) with a width estimate that does not need the PDF's
 * font (a Chinese character is one grid character, a Latin letter or digit at most 0.6), and a part is
 * planned a line short of a page, so that both the PDF and Word/LibreOffice fit it on one page.
 */

import { CHARS_PER_LINE, LINES_PER_PAGE, SIGN_GAP_CHARS, SIGN_LEFT_SHARE, SIGN_ROOM_LINES } from './grid';
import { breakText, withoutNoBreak } from './linebreak';
import type { Block } from './model';

/** A part of the closing may fill a page less one line (the margin for the width estimate). */
export const CLOSING_PART_LINES = LINES_PER_PAGE - 1;

type SignatureBlock = Extract<Block, { kind: 'signatures' }>;

/** Width of a character in grid characters, without a font: full width for CJK, 0.6 for Latin and digits. */
function gridMeasure(ch: string): number {
  return ch.codePointAt(0)! < 0x2e80 ? 0.6 : 1;
}

const linesOf = (text: string, width: number, firstIndent = 0) => breakText(text, { width, firstIndent, measure: gridMeasure }).length;

export const SIGN_LEFT_CHARS = CHARS_PER_LINE * SIGN_LEFT_SHARE;

/** Lines a signature row takes: its longer cell, then the room to sign. */
export function signatureRowLines([left, right]: [string, string], measureLines = linesOf): number {
  const leftLines = measureLines(left, right ? SIGN_LEFT_CHARS - SIGN_GAP_CHARS : CHARS_PER_LINE);
  const rightLines = right ? measureLines(right, CHARS_PER_LINE - SIGN_LEFT_CHARS) : 0;
  return Math.max(leftLines, rightLines) + SIGN_ROOM_LINES;
}

/** Grid lines a block takes (an estimate good to about a line a page). */
export function gridLines(block: Block): number {
  switch (block.kind) {
    case 'title':
      return 2;
    case 'heading':
    case 'number':
    case 'party':
      return linesOf(block.text, CHARS_PER_LINE);
    case 'paragraph':
      return linesOf(block.text, CHARS_PER_LINE, block.indent ? 2 : 0);
    case 'terms':
      return block.items.reduce((sum, item) => sum + linesOf(`一、${item}`, CHARS_PER_LINE, 2), 0);
    case 'table':
      // Rows of 14 pt text on 22.4 pt lines with 5 pt padding: about 0.8 grid line a line, 0.35 a row.
      return Math.ceil(
        (block.header ? [block.header, ...block.rows] : block.rows).reduce((sum, row) => sum + 0.35 + 0.8 * maxCellLines(row), 0) + 0.5,
      );
    case 'signatures':
      return block.rows.reduce((sum, row) => sum + signatureRowLines(row), 0);
    case 'seal':
    case 'date':
    case 'space':
      return 1;
    case 'pageBreak':
      return 0;
    case 'keep':
      return block.blocks.reduce((sum, b) => sum + gridLines(b), 0);
  }
}

function maxCellLines(row: string[]): number {
  const width = (CHARS_PER_LINE * 16) / 14 / Math.max(1, row.length);
  return Math.max(1, ...row.map((cell) => linesOf(cell, width)));
}

/**
 * A lead-in line: a paragraph of at most four characters (此致, 附：) that belongs to the line after it.
 * Both renderers keep it on the page of the next line, and the closing is never cut right after one.
 */
export function isLeadIn(block: Block): boolean {
  return block.kind === 'paragraph' && !block.align && [...withoutNoBreak(block.text)].length <= 4;
}

/** Blocks that may follow the signatures in a closing: the committee's name (right), seal, date, space. */
const isTailBlock = (b: Block) =>
  b.kind === 'signatures' ||
  b.kind === 'seal' ||
  b.kind === 'date' ||
  b.kind === 'space' ||
  (b.kind === 'paragraph' && b.align === 'right');

/**
 * Where the closing starts when the template does not say (`@落款`): the paragraph before the signature
 * rows that end the document; -1 when the document has no such closing (the dossier cover).
 */
export function inferClosingStart(blocks: Block[]): number {
  const first = blocks.findIndex((b) => b.kind === 'signatures');
  if (first === -1 || !blocks.slice(first).every(isTailBlock)) return -1;
  let start = first;
  while (start > 0 && blocks[start - 1].kind === 'space') start--;
  if (start > 0 && blocks[start - 1].kind === 'paragraph') start--;
  return start;
}

interface Unit {
  blocks: Block[];
  lines: number;
}

/** The closing cut into units that may not be parted: [closing paragraph + first row], each row, [last row + tail]. */
function closingUnits(closing: Block[]): Unit[] {
  const units: Unit[] = [];
  let pending: Block[] = [];
  let seenRow = false;
  const push = (blocks: Block[]) => units.push({ blocks, lines: 0 });
  for (const block of closing) {
    if (block.kind !== 'signatures') {
      // Before the first row: the closing paragraph waits for its row; after a row: the tail joins it.
      if (seenRow) units[units.length - 1].blocks.push(block);
      else pending.push(block);
      continue;
    }
    for (const row of block.rows) {
      const rowBlock: SignatureBlock = { kind: 'signatures', rows: [row] };
      if (!seenRow) {
        push([...pending, rowBlock]);
        pending = [];
        seenRow = true;
      } else push([rowBlock]);
    }
  }
  if (!seenRow) push(pending);
  for (const unit of units) unit.lines = unit.blocks.reduce((sum, b) => sum + gridLines(b), 0);
  return units;
}

/** Consecutive one-row signature blocks back into one block (fewer tables in the DOCX, same layout). */
function mergeRows(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const previous = out[out.length - 1];
    if (block.kind === 'signatures' && previous?.kind === 'signatures') previous.rows.push(...block.rows);
    else out.push(block.kind === 'signatures' ? { kind: 'signatures', rows: [...block.rows] } : block);
  }
  return out;
}

/**
 * A closing longer than a page keeps only as much of its text before the signatures as it must: the
 * earlier paragraphs (此致, the list of attachments…) flow on as body text, the last one stays.
 */
function trimmedStart(blocks: Block[], start: number): number {
  const firstRow = blocks.findIndex((b, i) => i >= start && b.kind === 'signatures');
  if (firstRow === -1) return start;
  const lines = (from: number) => blocks.slice(from).reduce((sum, b) => sum + gridLines(b), 0);
  const texts = (from: number) => blocks.slice(from, firstRow).filter((b) => b.kind !== 'space').length;
  let at = start;
  while ((lines(at) > CLOSING_PART_LINES || (at > start && isLeadIn(blocks[at - 1]))) && texts(at + 1) >= 1) at++;
  return at;
}

/**
 * The blocks with the closing (from `start` to the end) kept together, cut into page-sized parts with
 * the signature-page statement when it is longer than a page. `start` -1: no closing, blocks unchanged.
 */
export function planClosing(blocks: Block[], start: number, statement: string): Block[] {
  if (start < 0 || start >= blocks.length) return blocks;
  start = trimmedStart(blocks, start);
  const units = closingUnits(blocks.slice(start));
  const statementBlock: Block = { kind: 'paragraph', text: statement, indent: true };
  const statementLines = gridLines(statementBlock);
  const parts: Block[][] = [[]];
  let used = 0;
  for (const unit of units) {
    const part = parts[parts.length - 1];
    if (part.length > 0 && used + unit.lines > CLOSING_PART_LINES) {
      parts.push([statementBlock, ...unit.blocks]);
      used = statementLines + unit.lines;
    } else {
      part.push(...unit.blocks);
      used += unit.lines;
    }
  }
  const planned: Block[] = blocks.slice(0, start);
  parts.forEach((part, i) => {
    if (i > 0) planned.push({ kind: 'pageBreak' });
    planned.push({ kind: 'keep', blocks: mergeRows(part) });
  });
  return planned;
}
