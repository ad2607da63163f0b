/**
 * Rendering one case document to PDF bytes for a batch, through the documents module (the same
 * templates, rules and renderer as 文书), in the main thread or in a worker thread.
 *
 * A worker has no store (the main thread holds the data directory's lock), so the documents module is
 * given a read-only stand-in for the desk with just what building and rendering a document read: the
 * case, the settings, today, the clock and the folders. If the documents service starts reading other
 * desk members, this stand-in is where to add them.
 */

import type { Desk } from '../desk';
import { buildCaseDocument, BUILTIN_DOCUMENTS, renderBuilt, templateDirs } from '../documents/service';
import { loadTemplate } from '../documents/template';
import { notFound } from '../errors';
import type { Case } from '../schema/case';
import type { Settings } from '../schema/settings';

/** The documents a batch carries for an agreed case, by template name (the documents module decides which apply). */
export const BATCH_TEMPLATES = ['agreement', 'oral-agreement', 'supplement', 'confirmation-application'] as const;

/** One document of a batch: a template, and for the 补充协议书 which one (each is its own file). */
export interface BatchDocument {
  template: string;
  supplementId?: string;
}

export function batchTemplatesFor(c: Case): BatchDocument[] {
  return BATCH_TEMPLATES.filter((name) => BUILTIN_DOCUMENTS[name]?.whyNot(c) === null).flatMap((template): BatchDocument[] =>
    template === 'supplement' ? (c.supplements ?? []).map((s) => ({ template, supplementId: s.id })) : [{ template }],
  );
}

export interface RenderEnvironment {
  settings: Settings;
  today: string;
  /** ISO timestamp used as the PDF creation date (the export's own time, so files are reproducible). */
  now: string;
  resourcesDir: string;
  dataDir: string;
}

function deskFor(env: RenderEnvironment, c: Case): Desk {
  const stand = {
    resourcesDir: env.resourcesDir,
    dataDir: env.dataDir,
    clock: { now: () => new Date(env.now) },
    today: () => env.today,
    settings: () => env.settings,
    maybeSettings: () => env.settings,
    findCase: async (ref: string) => {
      if (ref !== c.id && ref !== c.number) throw notFound(`找不到案件“${ref}”`);
      return c;
    },
  };
  return stand as unknown as Desk;
}

/** Template texts read once per export (per environment object), not once per document. */
const templateCache = new WeakMap<RenderEnvironment, Map<string, Promise<string>>>();

function templateSource(env: RenderEnvironment, desk: Desk, template: string): Promise<string> {
  let cache = templateCache.get(env);
  if (!cache) templateCache.set(env, (cache = new Map()));
  let source = cache.get(template);
  if (!source) {
    source = loadTemplate(templateDirs(desk), template).then((t) => t.source);
    cache.set(template, source);
  }
  return source;
}

export async function renderCasePdf(env: RenderEnvironment, c: Case, document: BatchDocument): Promise<{ name: string; data: Buffer }> {
  const desk = deskFor(env, c);
  const { template, supplementId } = document;
  const built = await buildCaseDocument(desk, c.id, template, { source: await templateSource(env, desk, template), supplementId });
  const rendered = await renderBuilt(desk, built, 'pdf');
  const n = supplementId ? (c.supplements ?? []).findIndex((s) => s.id === supplementId) + 1 : 0;
  return { name: n ? `${built.title}（第${n}份）` : built.title, data: rendered.bytes };
}
