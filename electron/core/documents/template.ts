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

import { DeskError, notFound } from '../errors';
import { documentTitle } from '../schema/codes';
import { BLANK, FILTERS } from './filters';
import { MarkupError, parseMarkup, unknownMarker, VALUE_BAR, VALUE_NEWLINE, VALUE_START } from './markup';
import type { DocumentModel } from './model';
import { sampleContexts } from './sample';

export const TEMPLATE_EXT = '.txt';
const NAME_PATTERN = /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_-]{0,59}$/;

/** Every printed value: blanks for empty fields, and sentinels so that a value never acts as markup. */
function escapeValue(value: unknown): string {
  if (value === null || value === undefined || value === '' || value === false) return VALUE_START + BLANK;
  const text = Array.isArray(value) ? value.join('、') : String(value);
  return VALUE_START + text.replace(/\r?\n/g, VALUE_NEWLINE).replaceAll('|', VALUE_BAR);
}

function makeEngine(strictVariables: boolean): Liquid {
  const engine = new Liquid({
    templates: {},
    strictVariables,
    strictFilters: true,
    ownPropertyOnly: true,
    outputEscape: escapeValue,
    parseLimit: 1_000_000,
    renderLimit: 2_000,
    memoryLimit: 50_000_000,
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

const ERROR_WORDS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^undefined variable: (.+)$/, (m) => `未知的字段“${m[1]}”（字段名见模板说明）`],
  [/^undefined filter: (.+)$/, (m) => `未知的过滤器“${m[1]}”（可用：${FILTERS.map((f) => f.names[0]).join('、')}）`],
  [/^tag (.+) not closed$/, (m) => `标签 ${m[1]} 没有结束（缺少对应的 {% end… %}）`],
  [/^tag "?(\w+)"? not found$/, (m) => `不认识或不允许的标签“${m[1]}”`],
  [/^output (.+) not closed$/, (m) => `输出 ${m[1]} 没有结束（缺少 }}）`],
  [/^unexpected token at (.+)$/, (m) => `无法识别的写法：${m[1]}`],
];

function chineseReason(message: string): string {
  const bare = message.replace(/, line:\d+, col:\d+[\s\S]*$/, '').trim();
  for (const [pattern, say] of ERROR_WORDS) {
    const match = pattern.exec(bare);
    if (match) return say(match);
  }
  return bare;
}

/** A Liquid error as TEMPLATE_INVALID naming the template, line and column. */
export function templateError(name: string, error: unknown): DeskError {
  if (error instanceof DeskError) return error;
  const e = error as { name?: string; message?: string; token?: { getPosition?: () => [number, number] }; originalError?: Error };
  const message = String(e.message ?? error);
  let position = e.token?.getPosition?.();
  if (!position) {
    const m = /line:(\d+), col:(\d+)/.exec(message);
    if (m) position = [Number(m[1]), Number(m[2])];
  }
  // A filter that refused a value (an amount that is not one) says why in its own words.
  const fromFilter = e.name === 'RenderError' && e.originalError && !/undefined variable/.test(message);
  const reason = fromFilter ? e.originalError!.message : chineseReason(message);
  const where = position ? `第${position[0]}行第${position[1]}列：` : '';
  return new DeskError('TEMPLATE_INVALID', `模板“${documentTitle(name)}”${where}${reason}`, {
    details: { template: name, line: position?.[0], column: position?.[1], reason },
  });
}

const parsedCache = new Map<string, Template[]>();
const validatedVersions = new Set<string>();

function parse(name: string, source: string): Template[] {
  const version = templateVersion(source);
  const cached = parsedCache.get(version);
  if (cached) return cached;
  source.split(/\r?\n/).forEach((line, i) => {
    const bad = unknownMarker(line);
    if (bad) {
      throw new DeskError('TEMPLATE_INVALID', `模板“${documentTitle(name)}”第${i + 1}行第${bad.column}列：不认识的标记“@${bad.word}”`, {
        details: { template: name, line: i + 1, column: bad.column, reason: `不认识的标记“@${bad.word}”` },
      });
    }
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
    if (error instanceof MarkupError)
      throw new DeskError('TEMPLATE_INVALID', `模板“${documentTitle(name)}”：${error.message}`, { details: { template: name } });
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
  if (blocks === 0) throw new DeskError('TEMPLATE_INVALID', `模板“${documentTitle(name)}”没有任何内容`, { details: { template: name } });
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
    throw new DeskError('STORE_UNWRITABLE', `无法保存模板“${documentTitle(name)}”：${(error as Error).message}`, { cause: error });
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
