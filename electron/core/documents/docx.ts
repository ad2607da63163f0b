/**
 * DOCX renderer. The same blocks as the PDF, on the same page grid (./grid.ts), laid out for Word, WPS
 * and LibreOffice: A4, GB/T 9704 margins, body 3号 仿宋_GB2312 on exact 579-twip lines (22 a page),
 * tracked to 28 characters a line; title 2号 方正小标宋简体, headings 黑体, Latin text and digits in
 * Times New Roman. Office PCs often lack 仿宋_GB2312 or 方正小标宋简体: the font table names 仿宋 and 宋体
 * as their alternates (w:altName), so Word and WPS substitute a font the PC has.
 *
 * The WordprocessingML is written here directly (the parts of it these documents use), zipped with yazl:
 * every element in the order the schema requires, every measure in whole twips, and a document in a
 * couple of milliseconds (the general-purpose `docx` package spent ten on an empty one).
 *
 * What keeps the DOCX paginating like the PDF:
 * - no document grid (LibreOffice snaps table text to a grid's lines) and no extra space between Chinese
 *   and Latin text (w:autoSpaceDE/DN off), no hanging punctuation, no widow/orphan control: the PDF has
 *   none of these;
 * - the closing (`keep` blocks): every paragraph keeps with the next, and table rows cannot split, so the
 *   closing paragraph, signatures, seal and date move to a new page together;
 * - a heading or a lead-in line (此致) keeps with the next line, as the PDF keeps them;
 * - a page break is "page break before" on the next paragraph (a paragraph holding only a break can
 *   itself fall onto a new page and leave an empty one);
 * - signature rows carry an empty line under the text, the room to sign the PDF leaves.
 */

import yazl from 'yazl';

import { isLeadIn } from './closing';
import { CHARS_PER_LINE, SIGN_GAP_CHARS, SIGN_LEFT_SHARE } from './grid';
import { type Block, type DocumentModel, termLabel } from './model';

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIPS_PER_MM);
const PAGE = { width: 11906, height: 16838, top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** 225 mm / 22 lines, in twips. */
const LINE = 579;
/** One grid character (156 mm / 28) in twips. */
const CHAR = Math.round(TEXT_WIDTH / CHARS_PER_LINE);
/** Table text: 14 pt on 22.4 pt lines (448 twips) with 5 pt (100 twips) padding, as in the PDF. */
const TABLE_LINE = 448;
const TABLE_PAD = 100;
/** Space after a table: half a grid line. */
const TABLE_GAP = Math.round(LINE / 2);
const SIGN_LEFT = Math.round(TEXT_WIDTH * SIGN_LEFT_SHARE);
const SIGN_GAP = Math.round(CHAR * SIGN_GAP_CHARS);

const LATIN = 'Times New Roman';
const FONTS = { body: '仿宋_GB2312', title: '方正小标宋简体', heading: '黑体' } as const;
type FontName = keyof typeof FONTS;
const SIZE = { body: 32, title: 44, table: 28, pageNumber: 28 }; // half-points

/**
 * Tracking of body text, in twentieths of a point: 28 characters of 16 pt need 448 pt, the text block is
 * 442 pt wide, so each character is set 0.25 pt tighter. (A character grid, w:docGrid linesAndChars,
 * would do the same in Word, but LibreOffice lays such grids out differently; tracking works everywhere.)
 */
const BODY_TRACKING = -5;

export interface DocxOptions {
  info?: { title?: string; author?: string; subject?: string; keywords?: string };
  creationDate?: Date;
}

export interface DocxResult {
  bytes: Buffer;
  warnings: string[];
}

// ---------------------------------------------------------------- XML text

/** Characters XML 1.0 cannot carry (control characters a pasted value may hold) are dropped. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: XML cannot hold them
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function esc(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function runProperties(font: FontName, size: number, tracking: boolean): string {
  const fonts = `<w:rFonts w:ascii="${LATIN}" w:hAnsi="${LATIN}" w:eastAsia="${FONTS[font]}" w:cs="${LATIN}" w:hint="eastAsia"/>`;
  return `<w:rPr>${fonts}${tracking ? `<w:spacing w:val="${BODY_TRACKING}"/>` : ''}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
}

const BODY_RUN = runProperties('body', SIZE.body, true);

/**
 * A span joined against line breaks (NO_BREAK between its characters) that holds Chinese characters: an
 * amount in words, a case number. LibreOffice breaks Chinese text by its own rules, which ignore the
 * joiner; it keeps to the joiner in text of another language, so such a span is its own run marked
 * en-US (a language setting only: the font and the characters are unchanged).
 */
const JOINED = /[^\u2060](?:\u2060[^\u2060])+/gu;
const holdsChinese = (text: string) => /[^\p{ASCII}]/u.test(text.replaceAll('\u2060', ''));

function textRuns(line: string, properties: string): string {
  const run = (text: string, rPr: string) => (text ? `<w:r>${rPr}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>` : '');
  const joinedProperties = properties.replace('</w:rPr>', '<w:lang w:val="en-US" w:eastAsia="en-US"/></w:rPr>');
  let xml = '';
  let at = 0;
  for (const match of line.matchAll(JOINED)) {
    if (!holdsChinese(match[0])) continue;
    xml += run(line.slice(at, match.index), properties) + run(match[0], joinedProperties);
    at = match.index + match[0].length;
  }
  return xml + run(line.slice(at), properties);
}

/** Runs for a block's text; `\n` inside becomes a line break. */
function runs(text: string, properties = BODY_RUN): string {
  return text
    .split('\n')
    .map((line, i) => (i > 0 ? '<w:r><w:br/></w:r>' : '') + textRuns(line, properties))
    .join('');
}

/**
 * Word and LibreOffice justify Chinese text by spacing out every character, joined ones too: a line that
 * holds an amount in words or a case number would have it spaced out. Such paragraphs are set flush
 * left instead (a line of Chinese text fills the measure anyway; only the line before a long amount
 * stays short). The PDF justifies them, with the extra space outside the joined spans.
 */
const justify = (text: string): 'both' | 'left' => ([...text.matchAll(JOINED)].some((m) => holdsChinese(m[0])) ? 'left' : 'both');

interface ParagraphOptions {
  align?: 'both' | 'left' | 'center' | 'right';
  firstLine?: number;
  right?: number;
  line?: number;
  after?: number;
  keepNext?: boolean;
  breakBefore?: boolean;
}

/** A paragraph; the properties in the order CT_PPr requires (keepNext, keepLines, pageBreakBefore, spacing, ind, jc). */
function paragraph(content: string, o: ParagraphOptions = {}): string {
  const keep = o.keepNext ? '<w:keepNext/><w:keepLines/>' : '';
  const breakBefore = o.breakBefore ? '<w:pageBreakBefore/>' : '';
  const spacing = `<w:spacing w:before="0" w:after="${o.after ?? 0}" w:line="${o.line ?? LINE}" w:lineRule="exact"/>`;
  const indent = o.firstLine || o.right ? `<w:ind w:right="${o.right ?? 0}" w:firstLine="${o.firstLine ?? 0}"/>` : '';
  return `<w:p><w:pPr>${keep}${breakBefore}${spacing}${indent}<w:jc w:val="${o.align ?? 'both'}"/></w:pPr>${content}</w:p>`;
}

function cell(width: number, paragraphs: string, o: { span?: number; center?: boolean; marginRight?: number } = {}): string {
  const span = o.span ? `<w:gridSpan w:val="${o.span}"/>` : '';
  const margin = o.marginRight ? `<w:tcMar><w:right w:w="${o.marginRight}" w:type="dxa"/></w:tcMar>` : '';
  const valign = o.center ? '<w:vAlign w:val="center"/>' : '';
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span}${margin}${valign}</w:tcPr>${paragraphs}</w:tc>`;
}

function tableXml(widths: number[], borders: boolean, margin: number, rows: string[]): string {
  const line = '<w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/>';
  const border = borders
    ? `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => line.replace('top', side)).join('')}</w:tblBorders>`
    : '';
  const mar = ['top', 'left', 'bottom', 'right'].map((side) => `<w:${side} w:w="${borders ? margin : 0}" w:type="dxa"/>`).join('');
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>${border}` +
    `<w:tblLayout w:type="fixed"/><w:tblCellMar>${mar}</w:tblCellMar></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${rows.join('')}</w:tbl>`
  );
}

const row = (cells: string, o: { header?: boolean } = {}) =>
  `<w:tr><w:trPr><w:cantSplit/>${o.header ? '<w:tblHeader/>' : ''}</w:trPr>${cells}</w:tr>`;

// ---------------------------------------------------------------- blocks

/** How a block is placed: keep with what follows (inside a closing), or start a new page. */
interface Placement {
  keepNext: boolean;
  breakBefore: boolean;
}

function dataTable(block: Extract<Block, { kind: 'table' }>, at: Placement): string {
  const all = block.header ? [block.header, ...block.rows] : block.rows;
  const columns = Math.max(...all.map((r) => r.length));
  const weights = Array.from({ length: columns }, (_, i) => block.widths?.[i] ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.round((TEXT_WIDTH * w) / total));
  // Rounding must not make the columns wider than the table.
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  const narrow = widths.map((w) => w < TEXT_WIDTH * 0.3);
  const headerRun = runProperties('heading', SIZE.table, false);
  const bodyRun = runProperties('body', SIZE.table, false);
  const tableRow = (cells: string[], header: boolean) =>
    row(
      widths
        .map((width, i) =>
          cell(
            width,
            paragraph(runs(cells[i] ?? '', header ? headerRun : bodyRun), {
              align: header || narrow[i] ? 'center' : 'left',
              line: TABLE_LINE,
              keepNext: at.keepNext,
            }),
            { center: true },
          ),
        )
        .join(''),
      { header },
    );
  const rows = [...(block.header ? [tableRow(block.header, true)] : []), ...block.rows.map((r) => tableRow(r, false))];
  // A table cannot start a page by itself: a thin empty paragraph before it takes the page break.
  const before = at.breakBefore ? paragraph('', { line: 20, breakBefore: true }) : '';
  return before + tableXml(widths, true, TABLE_PAD, rows) + paragraph('', { line: TABLE_GAP, keepNext: at.keepNext });
}

/** Signature rows as a borderless two-column table; under each entry an empty line, the room to sign. */
function signatureTable(block: Extract<Block, { kind: 'signatures' }>, at: Placement, last: boolean): string {
  const right = TEXT_WIDTH - SIGN_LEFT;
  const rows = block.rows.map(([leftText, rightText], i) => {
    // Inside a closing every row keeps with the next; the last row of a closing that ends here does not.
    const keepNext = at.keepNext && !(last && i === block.rows.length - 1);
    const entry = (text: string) => paragraph(runs(text), { align: 'left', keepNext }) + paragraph('', { align: 'left', keepNext });
    return row(
      rightText
        ? cell(SIGN_LEFT, entry(leftText), { marginRight: SIGN_GAP }) + cell(right, entry(rightText))
        : cell(TEXT_WIDTH, entry(leftText), { span: 2 }),
    );
  });
  const before = at.breakBefore ? paragraph('', { line: 20, breakBefore: true }) : '';
  return before + tableXml([SIGN_LEFT, right], false, 0, rows);
}

function blockXml(block: Block, at: Placement, last: boolean): string {
  const keepNext = at.keepNext && !last;
  const p = (text: string, o: ParagraphOptions = {}) => paragraph(runs(text), { keepNext, breakBefore: at.breakBefore, ...o });
  switch (block.kind) {
    case 'title':
      return paragraph(runs(block.text, runProperties('title', SIZE.title, false)), {
        align: 'center',
        line: Math.floor(LINE * 1.5),
        after: LINE * 2 - Math.floor(LINE * 1.5),
        keepNext,
        breakBefore: at.breakBefore,
      });
    case 'heading':
      // A heading is never the last line of a page.
      return paragraph(runs(block.text, runProperties('heading', SIZE.body, true)), { keepNext: true, breakBefore: at.breakBefore });
    case 'number':
      return p(block.text, { align: 'right' });
    case 'paragraph':
      return p(block.text, {
        align: block.align ?? justify(block.text),
        firstLine: block.indent ? 2 * CHAR : 0,
        // A lead-in (此致) is never the last line of a page.
        ...(isLeadIn(block) ? { keepNext: true } : {}),
      });
    case 'party':
      return p(block.text, { align: justify(block.text) });
    case 'terms':
      return block.items
        .map((item, i) =>
          paragraph(runs(termLabel(i) + item), {
            align: justify(item),
            firstLine: 2 * CHAR,
            keepNext: at.keepNext && !(last && i === block.items.length - 1),
            breakBefore: at.breakBefore && i === 0,
          }),
        )
        .join('');
    case 'table':
      return dataTable(block, at);
    case 'signatures':
      return signatureTable(block, at, last);
    case 'seal':
    case 'date':
      return p(block.text, { align: 'right', right: 4 * CHAR });
    case 'space':
      return paragraph('', { keepNext, breakBefore: at.breakBefore });
    case 'pageBreak':
      return '';
    case 'keep':
      return blocksXml(block.blocks, { keepNext: true, breakBefore: at.breakBefore });
  }
}

/** The blocks in order; a page break turns into "page break before" on what follows it. */
function blocksXml(blocks: Block[], outer: Placement = { keepNext: false, breakBefore: false }): string {
  let xml = '';
  let breakBefore = outer.breakBefore;
  blocks.forEach((block, i) => {
    if (block.kind === 'pageBreak') {
      breakBefore = i > 0;
      return;
    }
    xml += blockXml(block, { keepNext: outer.keepNext, breakBefore }, i === blocks.length - 1);
    breakBefore = false;
  });
  return xml;
}

// ---------------------------------------------------------------- parts

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Section properties in CT_SectPr order: footers, type, size, margins, page numbers restarting at 1. */
function sectionProperties(): string {
  return (
    '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>' +
    `<w:type w:val="nextPage"/><w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>` +
    `<w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="${mm(15)}" w:footer="${mm(28) - 280}" w:gutter="0"/>` +
    '<w:pgNumType w:start="1"/><w:cols w:space="425"/></w:sectPr>'
  );
}

/** One section per document; a section's properties end its last paragraph (the last one's end the body). */
function documentXml(models: DocumentModel[]): string {
  const body = models
    .map((model, i) => {
      const content = blocksXml(model.blocks);
      if (i === models.length - 1) return content;
      return `${content}<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>${sectionProperties()}</w:pPr></w:p>`;
    })
    .join('');
  return `${XML_HEAD}<w:document ${W} ${R}><w:body>${body}${sectionProperties()}</w:body></w:document>`;
}

/** Page number “— 1 —” in 4号, right on odd pages and left on even ones (GB/T 9704-2012 7.5). */
function footerXml(align: 'left' | 'right'): string {
  const rPr = `<w:rPr><w:rFonts w:ascii="${LATIN}" w:hAnsi="${LATIN}" w:eastAsia="宋体" w:cs="${LATIN}"/><w:sz w:val="${SIZE.pageNumber}"/><w:szCs w:val="${SIZE.pageNumber}"/></w:rPr>`;
  const indent = align === 'right' ? '<w:ind w:right="280"/>' : '<w:ind w:left="280"/>';
  return (
    `${XML_HEAD}<w:ftr ${W} ${R}><w:p><w:pPr>${indent}<w:jc w:val="${align}"/></w:pPr>` +
    `<w:r>${rPr}<w:t xml:space="preserve">— </w:t></w:r>` +
    `<w:fldSimple w:instr=" PAGE "><w:r>${rPr}<w:t>1</w:t></w:r></w:fldSimple>` +
    `<w:r>${rPr}<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`
  );
}

/**
 * Defaults of every paragraph and run: body font and size, Chinese language, exact 579-twip lines, and
 * none of the automatic spacing the PDF does not do (see the file comment).
 */
const STYLES = `${XML_HEAD}<w:styles ${W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="${LATIN}" w:hAnsi="${LATIN}" w:eastAsia="${FONTS.body}" w:cs="${LATIN}" w:hint="eastAsia"/><w:kern w:val="0"/><w:sz w:val="${SIZE.body}"/><w:szCs w:val="${SIZE.body}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:kinsoku w:val="1"/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing w:before="0" w:after="0" w:line="${LINE}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>`;

/** Even and odd footers; punctuation not compressed; a line ending in a line break is not stretched (as in the PDF). */
const SETTINGS = `${XML_HEAD}<w:settings ${W}><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;

/**
 * The font table: the fonts the document names, each with the font Word/WPS should use when it is
 * missing (w:altName) and the GB2312 character set, so a PC without 仿宋_GB2312 shows 仿宋.
 */
const FONT_TABLE = `${XML_HEAD}<w:fonts ${W} ${R}>
<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:panose1 w:val="02000000000000000000"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
</w:fonts>`;

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>`;

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>
</Relationships>`;

const DOCUMENT_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/>
<Relationship Id="rIdSettings" Type="${REL}/settings" Target="settings.xml"/>
<Relationship Id="rIdFonts" Type="${REL}/fontTable" Target="fontTable.xml"/>
<Relationship Id="rIdFooterOdd" Type="${REL}/footer" Target="footer1.xml"/>
<Relationship Id="rIdFooterEven" Type="${REL}/footer" Target="footer2.xml"/>
</Relationships>`;

const APP = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>人民调解工作台</Application></Properties>`;

function coreXml(options: DocxOptions): string {
  const info = options.info ?? {};
  const when = (options.creationDate ?? new Date(0)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const element = (name: string, value: string | undefined) => (value ? `<${name}>${esc(value)}</${name}>` : '');
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', info.title) +
    element('dc:subject', info.subject) +
    element('dc:creator', info.author || '人民调解工作台') +
    element('cp:keywords', info.keywords) +
    element('dc:description', info.keywords) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** Render one or several documents into one DOCX (one section each, page numbers restarting). */
export function renderDocx(models: DocumentModel[], options: DocxOptions = {}): Promise<DocxResult> {
  const parts: [string, string][] = [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', PACKAGE_RELS],
    ['word/document.xml', documentXml(models)],
    ['word/_rels/document.xml.rels', DOCUMENT_RELS],
    ['word/styles.xml', STYLES],
    ['word/settings.xml', SETTINGS],
    ['word/fontTable.xml', FONT_TABLE],
    ['word/footer1.xml', footerXml('right')],
    ['word/footer2.xml', footerXml('left')],
    ['docProps/core.xml', coreXml(options)],
    ['docProps/app.xml', APP],
  ];
  const zip = new yazl.ZipFile();
  // A fixed time in the zip, so that the same document gives the same bytes.
  const mtime = options.creationDate ?? new Date(Date.UTC(2020, 0, 1));
  for (const [name, text] of parts) zip.addBuffer(Buffer.from(text, 'utf8'), name, { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve({ bytes: Buffer.concat(chunks), warnings: [] }));
  });
}
