/**
 * The whole 卷宗 as one PDF: the cover with its 卷内目录 (table of contents, with page numbers), then
 * each document the case has, each on new pages, numbered continuously. Rendering is the documents
 * module's (`renderCaseDocumentsPdf`); this file only decides what goes in and on which page it starts.
 */

import type { Desk } from '../desk';
import { renderCaseDocumentsPdf, templateTitle } from '../documents/service';
import type { Case } from '../schema/case';

interface Part {
  template: string;
  sessionId?: string;
  supplementId?: string;
  title: string;
  note?: string;
}

/** Documents the desk can render for this case, in 卷内目录 order (reference §3). */
export function dossierParts(c: Case): Part[] {
  const status = c.status === 'closed' ? c.statusBeforeClose : c.status;
  const parts: Part[] = [];
  const first = c.source === 'application' ? 'application' : 'registration';
  parts.push({ template: first, title: templateTitle(first) });
  if (status !== 'registered' && status !== 'declined') parts.push({ template: 'notice', title: templateTitle('notice') });
  c.sessions.forEach((s, i) =>
    parts.push({ template: 'session-record', sessionId: s.id, title: `${templateTitle('session-record')}（第${i + 1}次）` }),
  );
  if (status === 'failed' || status === 'withdrawn')
    parts.push({ template: 'termination-notice', title: templateTitle('termination-notice') });
  if (c.agreement) {
    const t = c.agreement.form === 'oral' ? 'oral-agreement' : 'agreement';
    parts.push({ template: t, title: templateTitle(t) });
  }
  (c.supplements ?? []).forEach((s, i) =>
    parts.push({ template: 'supplement', supplementId: s.id, title: `${templateTitle('supplement')}（第${i + 1}份）` }),
  );
  if (c.followUps.length) parts.push({ template: 'follow-up-record', title: templateTitle('follow-up-record') });
  if (c.confirmation) parts.push({ template: 'confirmation-application', title: templateTitle('confirmation-application') });
  return parts;
}

/** Paper-only items of the 卷内目录 (not produced by the desk), placed as in reference §3. */
function tableOfContents(c: Case, rendered: { part: Part; page: number }[]): { title: string; note?: string; page?: string }[] {
  const items: { title: string; note?: string; page?: string }[] = [];
  const entry = (r: { part: Part; page: number }) => ({
    title: r.part.title,
    page: String(r.page),
    ...(r.part.note ? { note: r.part.note } : {}),
  });
  const before = rendered.filter(
    (r) => r.part.template === 'application' || r.part.template === 'registration' || r.part.template === 'notice',
  );
  items.push(...before.map(entry));
  items.push({ title: '当事人身份证明' });
  if (c.parties.some((p) => p.agent)) items.push({ title: '授权委托书' });
  items.push(...rendered.filter((r) => !before.includes(r)).map(entry));
  items.push({ title: '封底' });
  return items;
}

export interface DossierPdf {
  bytes: Buffer;
  pages: number;
  warnings: string[];
  contents: { title: string; note?: string; page?: string }[];
}

/**
 * Two passes: each document alone (to know its length), then cover + documents in one file with the
 * start pages in the table of contents. Documents the case does not allow are left out.
 */
export async function renderDossierPdf(desk: Desk, caseRef: string): Promise<DossierPdf> {
  const c = await desk.findCase(caseRef);
  const lengths: { part: Part; pages: number }[] = [];
  for (const part of dossierParts(c)) {
    try {
      const one = await renderCaseDocumentsPdf(desk, c.id, [
        { template: part.template, sessionId: part.sessionId, supplementId: part.supplementId },
      ]);
      lengths.push({ part, pages: one.pages });
    } catch (error) {
      if ((error as { code?: string }).code === 'NOT_ALLOWED' || (error as { code?: string }).code === 'NOT_FOUND') continue;
      throw error;
    }
  }
  // The cover's own length, with provisional page numbers of the same width as the final ones.
  const provisional = tableOfContents(
    c,
    lengths.map((l) => ({ part: l.part, page: 99 })),
  );
  const cover = await renderCaseDocumentsPdf(desk, c.id, [{ template: 'dossier-cover' }], { dossierItems: provisional });
  let page = cover.pages + 1;
  const placed = lengths.map((l) => {
    const at = { part: l.part, page };
    page += l.pages;
    return at;
  });
  const contents = tableOfContents(c, placed);
  const whole = await renderCaseDocumentsPdf(
    desk,
    c.id,
    [
      { template: 'dossier-cover' },
      ...lengths.map((l) => ({ template: l.part.template, sessionId: l.part.sessionId, supplementId: l.part.supplementId })),
    ],
    { dossierItems: contents, pageNumbers: 'continuous' },
  );
  return { bytes: whole.bytes, pages: whole.pages, warnings: whole.warnings, contents };
}
