/**
 * The block markup: what a template's text means once Liquid has filled in the fields.
 * One line is one block; a line starts with a marker or is a plain body paragraph. The markers are
 * short Chinese words so that an office can edit a template in Notepad without learning a syntax:
 *
 *   # 人民调解协议书            title (centred, large)
 *   ## 纠纷主要事实、争议事项：    heading inside the body
 *   @编号 （2026）东城调字第3号   number line (right)
 *   @当事人 申请人：张三，女……    a party's block (flush left)
 *   @条款 被申请人于……           numbered term; consecutive ones are numbered 一、二、三…
 *   @落款 （此页无正文，为……签署页）  the closing starts here (see ./closing.ts); the text is the
 *                                statement printed on a page that holds only signatures
 *   @签名 当事人（签名）： | 人民调解员（签名）：   a signature row: left | right; consecutive rows
 *                                fill two columns each on its own (`@签名 | 人民调解员：王调解`
 *                                adds to the right column only)
 *   @印章 （人民调解委员会印）     seal position (right, with room above)
 *   @日期 2026年11月22日         date line (right, 右空四字)
 *   @顶格 此致                   paragraph without first-line indent
 *   @居中 text / @居右 text       centred / right-aligned line
 *   @列宽 10 50 20 20           column widths (relative) of the next table
 *   @表头 序号 | 文书名称 | 页号  a table's header row (bold, repeated on each page)
 *   | 1 | 人民调解申请书 | |      a table row; consecutive rows form one table
 *   @空行                        an empty line
 *   @分页                        page break
 *   any other line               a body paragraph, first line indented two characters
 *
 * Field values never act as markers: the template engine wraps every value in sentinels
 * (VALUE_START before it, VALUE_NEWLINE for its line breaks, VALUE_BAR for `|`), and markers are
 * recognised before those are removed.
 */

import { inferClosingStart, planClosing } from './closing';
import { joinAmounts } from './linebreak';
import type { Block, DocumentModel } from './model';

export const VALUE_START = '\uE000';
export const VALUE_NEWLINE = '\uE001';
export const VALUE_BAR = '\uE002';

export const MARKERS = [
  '编号',
  '当事人',
  '条款',
  '落款',
  '签名',
  '印章',
  '日期',
  '顶格',
  '居中',
  '居右',
  '列宽',
  '表头',
  '空行',
  '分页',
] as const;
export type Marker = (typeof MARKERS)[number];

/** A marker problem in a line, for template validation: the marker word and its column (1-based). */
export function unknownMarker(line: string): { word: string; column: number } | null {
  const match = /^([ \t]*)@(\S*)/.exec(line);
  if (!match) return null;
  const word = match[2].split(/[{\s]/)[0];
  if ((MARKERS as readonly string[]).includes(word)) return null;
  return { word, column: match[1].length + 1 };
}

/** The text of a value with its sentinels removed; newlines of values become `\n`; amounts joined (never broken). */
function clean(text: string): string {
  return joinAmounts(text.replaceAll(VALUE_START, '').replaceAll(VALUE_NEWLINE, '\n').replaceAll(VALUE_BAR, '|').trim());
}

function cells(line: string, separator = '|'): string[] {
  return line.split(separator).map((cell) => clean(cell));
}

export class MarkupError extends Error {}

/** The rendered template text (after Liquid) as a document. */
export function parseMarkup(rendered: string): DocumentModel {
  const blocks: Block[] = [];
  let pendingWidths: number[] | undefined;
  let closing: { start: number; statement: string } | undefined;
  /** Entries in each column of the signature block being written. */
  const filled = { left: 0, right: 0 };
  const last = () => blocks[blocks.length - 1];

  const paragraphs = (text: string, indent: boolean, align?: 'left' | 'center' | 'right') => {
    for (const part of clean(text).split('\n')) {
      const trimmed = part.trim();
      if (trimmed) blocks.push(align ? { kind: 'paragraph', text: trimmed, indent, align } : { kind: 'paragraph', text: trimmed, indent });
    }
  };

  for (const rawLine of rendered.split(/\r?\n/)) {
    const line = rawLine.replace(/^[ \t]+|[ \t]+$/g, '');
    if (line === '' || (clean(line) === '' && !line.startsWith('@'))) continue;

    if (line.startsWith('## ') || line === '##') {
      paragraphsAs('heading', line.slice(2));
      continue;
    }
    if (line.startsWith('# ') || line === '#') {
      const text = clean(line.slice(1)).replace(/\n/g, '');
      if (text) blocks.push({ kind: 'title', text });
      continue;
    }
    if (line.startsWith('|')) {
      const row = cells(line.replace(/^\|/, '').replace(/\|$/, ''));
      currentTable().rows.push(row);
      continue;
    }
    const marker = /^@(\S+?)(?:[ \t]+|$)(.*)$/s.exec(line);
    if (!marker) {
      paragraphs(line, true);
      continue;
    }
    const [, word, rest] = marker;
    switch (word as Marker) {
      case '编号':
        blocks.push({ kind: 'number', text: clean(rest) });
        break;
      case '当事人':
        if (clean(rest)) blocks.push({ kind: 'party', text: clean(rest) });
        break;
      case '条款': {
        const text = clean(rest);
        if (!text) break;
        const previous = last();
        if (previous?.kind === 'terms') previous.items.push(text);
        else blocks.push({ kind: 'terms', items: [text] });
        break;
      }
      case '落款':
        closing ??= { start: blocks.length, statement: clean(rest) };
        break;
      case '签名': {
        const [left = '', right = ''] = cells(rest);
        let block = last();
        if (block?.kind !== 'signatures') {
          block = { kind: 'signatures', rows: [] };
          blocks.push(block);
          filled.left = filled.right = 0;
        }
        // Each column fills on its own: parties down the left, mediators and recorder down the right.
        for (const [side, text] of [
          [0, left],
          [1, right],
        ] as const) {
          if (!text) continue;
          const at = side === 0 ? filled.left++ : filled.right++;
          while (block.rows.length <= at) block.rows.push(['', '']);
          block.rows[at][side] = text;
        }
        break;
      }
      case '印章':
        blocks.push({ kind: 'seal', text: clean(rest) });
        break;
      case '日期':
        blocks.push({ kind: 'date', text: clean(rest) });
        break;
      case '顶格':
        paragraphs(rest, false);
        break;
      case '居中':
        paragraphs(rest, false, 'center');
        break;
      case '居右':
        paragraphs(rest, false, 'right');
        break;
      case '表头': {
        const table = currentTable(true);
        table.header = cells(rest);
        break;
      }
      case '列宽':
        pendingWidths = clean(rest)
          .split(/[\s,，]+/)
          .map(Number)
          .filter((n) => Number.isFinite(n) && n > 0);
        break;
      case '空行':
        blocks.push({ kind: 'space' });
        break;
      case '分页':
        blocks.push({ kind: 'pageBreak' });
        break;
      default:
        throw new MarkupError(`不认识的标记“@${clean(word)}”（可用：${MARKERS.map((m) => `@${m}`).join('、')}）`);
    }
  }
  const title = blocks.find((b) => b.kind === 'title');
  const titleText = title?.kind === 'title' ? title.text : '文书';
  for (const block of blocks)
    if (block.kind === 'table' && block.rows.length === 0 && block.header) [block.rows, block.header] = [[block.header], undefined];
  const start = closing?.start ?? inferClosingStart(blocks);
  return { title: titleText, blocks: planClosing(blocks, start, closing?.statement || `（此页无正文，为《${titleText}》签署页）`) };

  /** The table being written: the last block if it is a table (and no new one is asked for), else a new one. */
  function currentTable(fresh = false): Extract<Block, { kind: 'table' }> {
    const previous = last();
    if (previous?.kind === 'table' && !pendingWidths && !fresh) return previous;
    const table: Extract<Block, { kind: 'table' }> = pendingWidths
      ? { kind: 'table', rows: [], widths: pendingWidths }
      : { kind: 'table', rows: [] };
    pendingWidths = undefined;
    blocks.push(table);
    return table;
  }

  function paragraphsAs(kind: 'heading', text: string) {
    for (const part of clean(text).split('\n')) if (part.trim()) blocks.push({ kind, text: part.trim() });
  }
}
