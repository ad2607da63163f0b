/**
 * Documents of a front-desk request (the 转办单): the same templates, template language and PDF/DOCX
 * renderers as case documents, with the request's fields (./request-context.ts). The caller (the
 * requests module) passes the request it holds and records the printing in the request's own log.
 */

import type { Desk } from '../desk';
import { DeskError, notAllowed } from '../errors';
import { checkOutputPath } from '../files';
import type { Request } from '../schema/request';
import { callOperator } from '../session';
import { renderDocx } from './docx';
import { renderPdf } from './pdf';
import { requestDocumentContext } from './request-context';
import { isRequestTemplate, REQUEST_DOCUMENTS } from './request-templates';
import { type DocumentFormat, MIME_TYPES, type RenderedDocument, templateDirs } from './service';
import { loadTemplate, renderTemplate } from './template';

/**
 * Render `template` for the request; NOT_ALLOWED when the request does not call for it (not routed yet).
 * With `out`, the file is written through the output guard (files.ts), like a case's documents:
 * `overwrite` is the person's confirmation (`--force`, the save dialog) to replace an existing file.
 */
export async function renderRequestDocument(
  desk: Desk,
  r: Request,
  template: string,
  format: DocumentFormat,
  options: { out?: string; overwrite?: boolean } = {},
): Promise<RenderedDocument> {
  if (!isRequestTemplate(template))
    throw new DeskError('NOT_FOUND', `“${template}”不是来访登记的文书模板，可选：${Object.keys(REQUEST_DOCUMENTS).join('、')}`);
  const rule = REQUEST_DOCUMENTS[template];
  const reason = rule.whyNot(r);
  if (reason) throw notAllowed(`不能制作${rule.title}：${reason}`);
  // A path that will be refused is refused before the document is made (and before anything is logged).
  const rules = desk.outputRules({ overwrite: options.overwrite, field: 'out' });
  if (options.out) await checkOutputPath(options.out, rules);
  const source = await loadTemplate(templateDirs(desk), template);
  const model = await renderTemplate(
    source,
    requestDocumentContext(r, desk.settings(), { today: desk.today(), operator: callOperator()?.name }),
  );
  const title = model.title || rule.title;
  const info = {
    title,
    author: desk.maybeSettings()?.name ?? '',
    subject: `${r.number} ${title}`,
    keywords: `template=${template}; version=${source.version}`,
  };
  const rendered: { bytes: Buffer; warnings: string[]; pages?: number } =
    format === 'pdf'
      ? await renderPdf([model], { resourcesDir: desk.resourcesDir, info, creationDate: desk.clock.now() })
      : await renderDocx([model], { info, creationDate: desk.clock.now() });
  if (options.out) await desk.writeOutput(options.out, rendered.bytes, rules);
  return {
    fileName: `${r.number}-${title}.${format}`.replace(/[\\/:*?"<>|\r\n]/g, '_'),
    mimeType: MIME_TYPES[format],
    bytes: rendered.bytes,
    warnings: rendered.warnings,
    template,
    version: source.version,
    title,
    format,
    ...(rendered.pages !== undefined ? { pages: rendered.pages } : {}),
  };
}
