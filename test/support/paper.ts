/**
 * Reading printed documents back, as a clerk would see them: the text of each page of a PDF (poppler's
 * pdftotext, page by page), and a DOCX as LibreOffice prints it (soffice --convert-to pdf, several files
 * in one run, each run with its own profile so that concurrent runs do not collide).
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Block, DocumentModel } from '../../electron/core/documents/model';

export const squash = (text: string) => text.replace(/\s+/g, '');

/** LibreOffice's command, or undefined when it is not installed (.ci/run installs libreoffice-writer-nogui). */
export const soffice: string | undefined = ['soffice', 'libreoffice'].find(
  (command) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0,
);

export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
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
