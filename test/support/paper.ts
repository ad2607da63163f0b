/**
 * Reading printed documents back, as a clerk would see them: the text of each page of a PDF (poppler's
 * pdftotext, page by page), and a DOCX as LibreOffice prints it (soffice --convert-to pdf, several files
 * in one run, each run with its own profile so that concurrent runs do not collide).
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import yauzl from 'yauzl';

import type { Block, DocumentModel } from '../../electron/core/documents/model';

export const squash = (text: string) => text.replace(/\s+/g, '');

/** LibreOffice's command, or undefined when it is not installed (.ci/run installs libreoffice-writer-nogui). */
export const soffice: string | undefined = ['soffice', 'libreoffice'].find(
  (command) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0,
);

/** One field of the PDF's information as `pdfinfo` shows it (Pages, Author, Title…); '' when absent. */
export function pdfInfoField(file: string, field: string): string {
  const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
  return new RegExp(`^${field}:\\s+(.*)$`, 'm').exec(info)?.[1] ?? '';
}

export function pdfPageCount(file: string): number {
  return Number(pdfInfoField(file, 'Pages'));
}

/** The text of each page (`pdftotext -f N -l N -raw`: content-stream order, lines as drawn). */
export function pdfPageTexts(file: string): string[] {
  return Array.from({ length: pdfPageCount(file) }, (_, i) =>
    execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  );
}

/** Convert DOCX files to PDF with LibreOffice in one run; the PDFs land in `outDir` under the same names. */
export function convertWithLibreOffice(files: string[], outDir: string): void {
  if (!soffice) throw new Error('LibreOffice is not installed');
  const profile = path.join(os.tmpdir(), `lo-test-${process.pid}-${Date.now()}`);
  try {
    const result = spawnSync(
      soffice,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files],
      { encoding: 'utf8', timeout: 900_000 },
    );
    if (result.status !== 0) throw new Error(`soffice failed (${result.status}): ${result.stderr}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function walk(blocks: Block[], visit: (block: Block) => void): void {
  for (const block of blocks) {
    visit(block);
    if (block.kind === 'keep') walk(block.blocks, visit);
  }
}

/** The lines of a document's closing that are not body text: signature cells, seal, date, the committee's name. */
export function signingLines(model: DocumentModel): string[] {
  const lines: string[] = [];
  walk(model.blocks, (block) => {
    if (block.kind === 'signatures') for (const row of block.rows) lines.push(...row.filter(Boolean));
    if (block.kind === 'seal' || block.kind === 'date') lines.push(block.text);
    if (block.kind === 'paragraph' && block.align === 'right') lines.push(block.text);
  });
  return lines.map((line) => squash(line.replaceAll('\u2060', ''))).filter(Boolean);
}

/**
 * Whether a page holds nothing but signature, seal, date and page-number lines: what courts distrust.
 * (A page carrying the statement （此页无正文……签署页） has that text on it and so is not bare.)
 */
export function isBareSignaturePage(pageText: string, signing: string[]): boolean {
  let rest = squash(pageText).replace(/—\d+—/g, '');
  if (!rest) return false; // an empty page is another defect, reported on its own
  for (const line of [...signing].sort((a, b) => b.length - a.length)) rest = rest.replaceAll(line, '');
  return rest === '';
}

/** How many times `needle` occurs in the text unbroken (no line break or space inside) versus at all. */
export function occurrences(text: string, needle: string): { unbroken: number; all: number } {
  const count = (haystack: string, n: string) => haystack.split(n).length - 1;
  return { unbroken: count(text, needle), all: count(squash(text), squash(needle)) };
}

/** One part of a DOCX package (`word/document.xml`, `word/styles.xml`…) as text. */
export async function docxPart(bytes: Buffer, name: string): Promise<string> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z!))),
  );
  return new Promise<string>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return zip.readEntry();
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const chunks: Buffer[] = [];
        stream!.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
    });
    zip.on('end', () => reject(new Error(`no ${name}`)));
    zip.readEntry();
  });
}

/** The text of a DOCX as its runs carry it, without the invisible joiners (U+2060) that keep numbers on one line. */
export async function docxText(bytes: Buffer): Promise<string> {
  const xml = await docxPart(bytes, 'word/document.xml');
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]).replaceAll('\u2060', '')).join('');
}

/** The text of a PDF (`pdftotext -raw`: content-stream order, the order the renderer writes the model in). */
export function pdfText(bytes: Buffer): string {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8');
}
