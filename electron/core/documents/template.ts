/**
 * Templates: Liquid text files producing the block markup (./markup.ts). Liquid is safe by design (no
 * code execution); on top of that the engine here has no file system (an empty in-memory template map,
 * and include/render/layout removed), reads only own properties of the data, and is bounded in
 * parse/render time and memory. Unknown fields and filters are errors with the line and column.
 *
 * Built-in templates ship in `<resourcesDir>/templates/NAME.txt`; an office's edited copy in
 * `<dataDir>/templates/NAME.txt` takes precedence. The version of a template is the sha256 of its text.
 */

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { Liquid, type Template } from 'liquidjs';

import { DeskError, fsError, notFound } from '../errors';
import { LIMITS } from '../limits';
import { documentTitle } from '../schema/codes';
import { cleanText } from '../schema/text';
import { BLANK, FILTERS } from './filters';
import { NO_BREAK } from './linebreak';
import { MarkupError, parseMarkup, unknownMarker, VALUE_BAR, VALUE_NEWLINE, VALUE_START } from './markup';
import type { DocumentModel } from './model';
import { sampleContexts } from './sample';
import { checkStructure, templateError, templateProblem } from './template-errors';

export const TEMPLATE_EXT = '.txt';
const NAME_PATTERN = /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_-]{0,59}$/;

/** A private-use character that stands for NO_BREAK while a value is cleaned (cleaning removes joiners). */
const JOINER_STAND_IN = '\uE000';

/** Every printed value: blanks for empty fields, and sentinels so that a value never acts as markup. */
function escapeValue(value: unknown): string {
  if (value === null || value === undefined || value === '' || value === false) return VALUE_START + BLANK;
  // Cleaned again here: a register written before the schemas cleaned text may still hold a BEL or a
  // zero-width space, which would print as a box or hide in the document. The one invisible character a
  // printed value may carry is the word joiner the context puts into numbers (keepWhole, so that a case
  // or phone number never breaks across lines): it is set aside while cleaning and put back after.
  const raw = Array.isArray(value) ? value.join('、') : String(value);
  const text = cleanText(raw.replaceAll(NO_BREAK, JOINER_STAND_IN)).replaceAll(JOINER_STAND_IN, NO_BREAK);
  return VALUE_START + text.replace(/\n/g, VALUE_NEWLINE).replaceAll('|', VALUE_BAR);
}

function makeEngine(strictVariables: boolean): Liquid {
  const engine = new Liquid({
    templates: {},
    strictVariables,
    strictFilters: true,
    ownPropertyOnly: true,
    outputEscape: escapeValue,
    parseLimit: LIMITS.templateChars,
    renderLimit: LIMITS.templateRenderMs,
    memoryLimit: LIMITS.templateMemory,
    greedy: false,
  });
  // No template may pull in another file: includes would be a way around "the template is the whole input".
  for (const tag of ['include', 'render', 'layout', 'block']) delete (engine.tags as Record<string, unknown>)[tag];
  for (const filter of FILTERS) {
    for (const name of filter.names) engine.registerFilter(name, (value: unknown, ...args: unknown[]) => filter.fn(value, ...args));
  }
  return engine;
}

const strictEngine = makeEngine(true);
/** Real cases render leniently: a field that is absent because the case lacks it (an agent's name) prints a blank. */
const lenientEngine = makeEngine(false);

export interface TemplateSource {
  name: string;
  source: string;
  /** sha256 of the source text. */
  version: string;
  origin: 'builtin' | 'office';
  /** Where it was read from (empty for unsaved editor text). */
  file: string;
}

export function templateVersion(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

const parsedCache = new Map<string, Template[]>();
const validatedVersions = new Set<string>();

function parse(name: string, source: string): Template[] {
  const version = templateVersion(source);
  const cached = parsedCache.get(version);
  if (cached) return cached;
  checkStructure(name, source);
  source.split(/\r?\n/).forEach((line, i) => {
    const bad = unknownMarker(line);
    if (bad) throw templateProblem(name, `不认识的标记“@${bad.word}”`, i + 1, bad.column);
  });
  let parsed: Template[];
  try {
    parsed = strictEngine.parse(source);
  } catch (error) {
    throw templateError(name, error);
  }
  if (parsedCache.size > 200) parsedCache.clear();
  parsedCache.set(version, parsed);
  return parsed;
}

async function renderText(engine: Liquid, name: string, parsed: Template[], data: object): Promise<string> {
  try {
    return await engine.render(parsed, data);
  } catch (error) {
    throw templateError(name, error);
  }
}

function toModel(name: string, text: string): DocumentModel {
  try {
    return parseMarkup(text);
  } catch (error) {
    if (error instanceof MarkupError) throw templateProblem(name, error.message);
    throw error;
  }
}

/**
 * Check a template without a real case: parse it (syntax, filters, markers) and render it against
 * sample cases (a written agreement with an organization and agents; an oral one) so that unknown
 * fields are found in either branch of the usual conditionals.
 */
export async function validateTemplate(name: string, source: string): Promise<{ version: string; blocks: number }> {
  const parsed = parse(name, source);
  const version = templateVersion(source);
  let blocks = 0;
  for (const sample of sampleContexts()) {
    const text = await renderText(strictEngine, name, parsed, sample);
    blocks = Math.max(blocks, toModel(name, text).blocks.length);
  }
  if (blocks === 0) throw templateProblem(name, '没有任何内容');
  validatedVersions.add(version);
  return { version, blocks };
}

/** Render a template with a case's data to the document model. The template is validated once per version. */
export async function renderTemplate(template: Pick<TemplateSource, 'name' | 'source'>, data: object): Promise<DocumentModel> {
  const version = templateVersion(template.source);
  if (!validatedVersions.has(version)) await validateTemplate(template.name, template.source);
  const text = await renderText(lenientEngine, template.name, parse(template.name, template.source), data);
  return toModel(template.name, text);
}

// ---------------------------------------------------------------- files

export function checkTemplateName(name: string): string {
  if (!NAME_PATTERN.test(name)) {
    throw new DeskError('VALIDATION', `模板名称“${name}”无效：只能由字母、数字、汉字、连字符和下划线组成`, { field: 'name' });
  }
  return name;
}

export interface TemplateDirs {
  builtin: string;
  /** Absent for a desk without a data directory on disk (tests in memory): no office copies then. */
  office?: string;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The template in force: the office copy if there is one, else the built-in one. */
export async function loadTemplate(dirs: TemplateDirs, name: string): Promise<TemplateSource> {
  checkTemplateName(name);
  if (dirs.office) {
    const file = path.join(dirs.office, name + TEMPLATE_EXT);
    const source = await readIfExists(file);
    if (source !== undefined) return { name, source, version: templateVersion(source), origin: 'office', file };
  }
  const file = path.join(dirs.builtin, name + TEMPLATE_EXT);
  const source = await readIfExists(file);
  if (source === undefined) throw notFound(`没有名为“${name}”的模板`);
  return { name, source, version: templateVersion(source), origin: 'builtin', file };
}

export async function loadBuiltinTemplate(dirs: TemplateDirs, name: string): Promise<TemplateSource | undefined> {
  const file = path.join(dirs.builtin, checkTemplateName(name) + TEMPLATE_EXT);
  const source = await readIfExists(file);
  return source === undefined ? undefined : { name, source, version: templateVersion(source), origin: 'builtin', file };
}

async function namesIn(dir: string | undefined): Promise<string[]> {
  if (!dir) return [];
  try {
    return (await readdir(dir))
      .filter((f) => f.endsWith(TEMPLATE_EXT))
      .map((f) => f.slice(0, -TEMPLATE_EXT.length))
      .filter((n) => NAME_PATTERN.test(n));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function templateNames(dirs: TemplateDirs): Promise<{ builtin: string[]; office: string[] }> {
  return { builtin: await namesIn(dirs.builtin), office: await namesIn(dirs.office) };
}

/** Write the office copy atomically (temporary file, then rename), after validating it. */
export async function saveOfficeTemplate(dirs: TemplateDirs, name: string, source: string): Promise<TemplateSource> {
  checkTemplateName(name);
  if (!dirs.office) throw new DeskError('NOT_ALLOWED', '没有数据目录，无法保存模板');
  const normalised = source.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  await validateTemplate(name, normalised);
  await mkdir(dirs.office, { recursive: true });
  const file = path.join(dirs.office, name + TEMPLATE_EXT);
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, normalised, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw fsError(error, file, 'write', { what: `模板“${documentTitle(name)}”` });
  }
  return { name, source: normalised, version: templateVersion(normalised), origin: 'office', file };
}

/** Remove the office copy so that the built-in template is in force again. */
export async function resetOfficeTemplate(dirs: TemplateDirs, name: string): Promise<{ removed: boolean; builtin: boolean }> {
  checkTemplateName(name);
  const builtin = (await loadBuiltinTemplate(dirs, name)) !== undefined;
  const file = dirs.office ? path.join(dirs.office, name + TEMPLATE_EXT) : undefined;
  const existed = file !== undefined && (await readIfExists(file)) !== undefined;
  if (!existed) {
    if (!builtin) throw notFound(`没有名为“${name}”的模板`);
    return { removed: false, builtin };
  }
  await rm(file!, { force: true });
  return { removed: true, builtin };
}
