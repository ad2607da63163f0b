/**
 * Fonts for the PDF renderer. The body and title font is Noto Serif SC (SIL Open Font License) from the
 * @expo-google-fonts/noto-serif-sc package, or a copy in `<resourcesDir>/fonts/` when the build put one
 * there; each is parsed once per process and subset by pdfkit per document.
 *
 * Characters outside that font (rare name characters such as 𠮷 U+20BB7, in CJK Extension B) are drawn
 * with a fallback font found on the system (Noto Sans CJK, SimSun-ExtB, MingLiU-ExtB…), loaded only
 * when such a character appears. If no font has the character, the caller gets a warning naming it.
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import * as fontkit from 'fontkit';

import { NO_BREAK } from './linebreak';

/** The part of a fontkit font the renderer uses. */
export interface LoadedFont {
  /** Unique key for pdfkit's font registry. */
  key: string;
  font: fontkit.Font;
  /** Ascent above the baseline at size 1 (to align the baselines of different fonts on one line). */
  ascent: number;
  hasGlyph(codePoint: number): boolean;
  /** Advance width of a code point at size 1. */
  advance(codePoint: number): number;
}

function wrap(key: string, font: fontkit.Font): LoadedFont {
  const has = new Map<number, boolean>();
  const widths = new Map<number, number>();
  const scale = 1 / font.unitsPerEm;
  return {
    key,
    font,
    ascent: font.ascent * scale,
    hasGlyph(cp) {
      let known = has.get(cp);
      if (known === undefined) {
        known = font.hasGlyphForCodePoint(cp);
        has.set(cp, known);
      }
      return known;
    },
    advance(cp) {
      let width = widths.get(cp);
      if (width === undefined) {
        width = font.glyphForCodePoint(cp).advanceWidth * scale;
        widths.set(cp, width);
      }
      return width;
    },
  };
}

const require = createRequire(import.meta.url);

function packageFont(weight: '400Regular' | '700Bold'): string {
  return require.resolve(`@expo-google-fonts/noto-serif-sc/${weight}/NotoSerifSC_${weight}.ttf`);
}

/** The bundled font file: a copy under resources/fonts wins, else the registry package. */
export function bundledFontFile(resourcesDir: string, weight: '400Regular' | '700Bold'): string {
  const copied = path.join(resourcesDir, 'fonts', `NotoSerifSC_${weight}.ttf`);
  return existsSync(copied) ? copied : packageFont(weight);
}

const loaded = new Map<string, LoadedFont>();

function openFontFile(file: string, postscriptName?: string): fontkit.Font {
  const opened = fontkit.create(readFileSync(file), postscriptName) as fontkit.Font | fontkit.FontCollection;
  if ('fonts' in opened) return opened.fonts[0];
  return opened;
}

export function loadFont(file: string): LoadedFont {
  let font = loaded.get(file);
  if (!font) {
    font = wrap(file, openFontFile(file));
    loaded.set(file, font);
  }
  return font;
}

// ---------------------------------------------------------------- fallback fonts on the system

const FONT_DIRS = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  path.join(process.env.HOME ?? '', '.fonts'),
  path.join(process.env.HOME ?? '', '.local/share/fonts'),
  path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'),
  path.join(process.env.LOCALAPPDATA ?? '', 'Microsoft', 'Windows', 'Fonts'),
  '/System/Library/Fonts',
  '/Library/Fonts',
];

/** File names of fonts likely to cover CJK extension characters, best first. */
const PREFERRED = [
  /simsunb/i,
  /mingliub/i,
  /NotoSerifCJK/i,
  /NotoSansCJK/i,
  /SourceHan/i,
  /HanaMin/i,
  /Jigmo/i,
  /BabelStoneHan/i,
  /simsun/i,
  /msyh/i,
  /PingFang/i,
  /Songti/i,
];
const CANDIDATE = /cjk|han|sun|ming|song|kai|hei|fang|extb|jigmo|babelstone|msyh|pingfang|wqy|droid.*fallback|unifont/i;

function listFontFiles(dir: string, depth = 0, out: string[] = []): string[] {
  if (depth > 4 || !dir) return out;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry);
    if (/\.(ttf|otf|ttc)$/i.test(entry)) {
      if (CANDIDATE.test(entry)) out.push(full);
    } else if (!entry.includes('.')) {
      try {
        if (statSync(full).isDirectory()) listFontFiles(full, depth + 1, out);
      } catch {
        // unreadable folder: skip
      }
    }
  }
  return out;
}

/** PostScript names of Simplified Chinese faces (NotoSansCJKsc-Regular, SourceHanSerifSC, SimSun). */
const SIMPLIFIED = /(sc|SC)(-|$)|GB|SimSun/;

let systemCandidates: string[] | undefined;
/** Faces of the fallback files already opened (a .ttc holds several). */
const fallbackFaces = new Map<string, LoadedFont[]>();

function candidates(): string[] {
  if (!systemCandidates) {
    const files = FONT_DIRS.flatMap((dir) => listFontFiles(dir));
    const rank = (file: string) => {
      const i = PREFERRED.findIndex((p) => p.test(path.basename(file)));
      // Regular weights first: the fallback stands beside regular body text.
      return (i === -1 ? PREFERRED.length : i) + (/bold|black|heavy|medium|light|thin/i.test(path.basename(file)) ? 0.5 : 0);
    };
    systemCandidates = [...new Set(files)].sort((a, b) => rank(a) - rank(b));
  }
  return systemCandidates;
}

function facesOf(file: string): LoadedFont[] {
  let faces = fallbackFaces.get(file);
  if (!faces) {
    try {
      const opened = fontkit.create(readFileSync(file)) as fontkit.Font | fontkit.FontCollection;
      // In a collection, prefer the Simplified Chinese face (Noto …CJK SC, SimSun).
      const list =
        'fonts' in opened
          ? [...opened.fonts].sort((a, b) => Number(SIMPLIFIED.test(b.postscriptName)) - Number(SIMPLIFIED.test(a.postscriptName)))
          : [opened];
      faces = list.map((font) => wrap(`${file}#${font.postscriptName}`, font));
    } catch {
      faces = [];
    }
    fallbackFaces.set(file, faces);
  }
  return faces;
}

const fallbackFor = new Map<number, LoadedFont | null>();

/** A system font that has this code point, or null. Looked up once per code point per process. */
export function fallbackFont(codePoint: number): LoadedFont | null {
  if (fallbackFor.has(codePoint)) return fallbackFor.get(codePoint)!;
  // Faces already opened first: opening a new 20 MB collection costs more than asking an open one.
  let found: LoadedFont | null = null;
  for (const faces of fallbackFaces.values()) {
    found = faces.find((f) => f.hasGlyph(codePoint)) ?? null;
    if (found) break;
  }
  if (!found) {
    for (const file of candidates()) {
      if (fallbackFaces.has(file)) continue;
      found = facesOf(file).find((f) => f.hasGlyph(codePoint)) ?? null;
      if (found) break;
    }
  }
  fallbackFor.set(codePoint, found);
  return found;
}

/** A piece of text drawn in one font: its advance at size 1 and its length in code points. */
export interface FontRun {
  font: LoadedFont;
  text: string;
  width: number;
  count: number;
}

/**
 * Text split into runs by the font that has each character: the base font, else a system fallback;
 * `onMissing` hears of characters no font has (they stay in the base font, drawn as a box). The
 * line breaker's NO_BREAK marks are not drawn.
 */
export function fontRuns(text: string, base: LoadedFont, onMissing?: (ch: string, codePoint: number) => void): FontRun[] {
  const runs: FontRun[] = [];
  for (const ch of text) {
    if (ch === NO_BREAK) continue;
    const cp = ch.codePointAt(0)!;
    let font = base;
    if (cp > 0x20 && !base.hasGlyph(cp)) {
      const fallback = fallbackFont(cp);
      if (fallback) font = fallback;
      else onMissing?.(ch, cp);
    }
    const last = runs[runs.length - 1];
    const width = font.advance(cp);
    if (last && last.font === font) {
      last.text += ch;
      last.width += width;
      last.count++;
    } else runs.push({ font, text: ch, width, count: 1 });
  }
  return runs;
}

/** What a PDF's warnings say of a character no font has. */
export function missingGlyphWarning(ch: string, codePoint: number): string {
  return `字“${ch}”（U+${codePoint.toString(16).toUpperCase()}）在内置字体和本机字体中都没有，PDF中显示为方框，打印后请手写补正（可安装含该字的字体，如 Noto Sans CJK 或 SimSun-ExtB）`;
}

/** For tests: pretend the system has no fallback fonts (or restore the search). */
export function setFallbackSearch(enabled: boolean): void {
  fallbackFor.clear();
  fallbackFaces.clear();
  systemCandidates = enabled ? undefined : [];
}
