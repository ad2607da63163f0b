/**
 * Documents for a case: which templates apply now and why not, building the document model from the
 * template in force, rendering it to PDF or DOCX, and recording in the case's log which template and
 * version produced it. Batches (several PDFs) and the dossier (one merged PDF) call the functions here.
 */

import path from 'node:path';

import { recordCaseEvent } from '../cases/service';
import { addDays, daysBetween, formatDateArabic } from '../dates';
import type { Desk } from '../desk';
import { DeskError, notAllowed } from '../errors';
import { checkOutputPath } from '../files';
import type { Case, Session, Supplement } from '../schema/case';
import { DOCUMENT_TEMPLATES, documentTitle } from '../schema/codes';
import { callOperator } from '../session';
import { documentContext, type DocumentExtras } from './context';
import { renderDocx } from './docx';
import type { DocumentModel } from './model';
import { renderPdf } from './pdf';
import { printingFieldsOf } from './print-date';
import { isRequestTemplate, REQUEST_DOCUMENTS } from './request-templates';
import { loadTemplate, renderTemplate, type TemplateDirs, templateNames, type TemplateSource, templateVersion } from './template';

export type DocumentFormat = 'pdf' | 'docx';

export const MIME_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

interface BuiltinDocument {
  title: string;
  /** Why this document cannot be made for the case now, or null. */
  whyNot(c: Case): string | null;
  /**
   * The document is dated the day it is printed (a list printed on demand), so its template may use
   * `today`. Every other built-in document takes its dates from the case's record (./print-date.ts).
   */
  printDated?: true;
  /** The document names the one who makes it (the 卷宗封面's 立卷人), so its template may use `office.operator`. */
  namesPrinter?: true;
}

/** The status that decides which documents a case calls for: a closed case's status before closing. */
const statusOf = (c: Case) => (c.status === 'closed' ? c.statusBeforeClose : c.status);
const agreedWith = (c: Case) => (statusOf(c) === 'agreed' ? c.agreement : undefined);

/** The built-in documents, in 卷内目录 order. Office templates with other names are always allowed. */
export const BUILTIN_DOCUMENTS: Record<string, BuiltinDocument> = {
  application: {
    title: DOCUMENT_TEMPLATES.labels.application,
    whyNot: (c) => (c.source === 'initiative' ? '本案由人民调解委员会主动调解，当事人没有申请调解，请制作“人民调解受理登记表”' : null),
  },
  registration: { title: DOCUMENT_TEMPLATES.labels.registration, whyNot: () => null },
  notice: { title: DOCUMENT_TEMPLATES.labels.notice, whyNot: () => null },
  'session-record': {
    title: DOCUMENT_TEMPLATES.labels['session-record'],
    whyNot: (c) => (c.sessions.length ? null : '本案还没有调解记录（先在案件中“记录调解”）'),
  },
  'termination-notice': {
    title: DOCUMENT_TEMPLATES.labels['termination-notice'],
    whyNot: (c) => {
      const status = statusOf(c);
      return status === 'failed' || status === 'withdrawn' ? null : '只有调解不成（终止调解）或撤回调解的案件制作终止人民调解告知书';
    },
  },
  agreement: {
    title: DOCUMENT_TEMPLATES.labels.agreement,
    whyNot: (c) => {
      const agreement = agreedWith(c);
      if (!agreement) return '只有调解成功（已达成协议）的案件可以制作调解协议书';
      if (agreement.form !== 'written') return '本案为口头协议，请制作“人民调解口头协议登记表”';
      return null;
    },
  },
  'oral-agreement': {
    title: DOCUMENT_TEMPLATES.labels['oral-agreement'],
    whyNot: (c) => {
      const agreement = agreedWith(c);
      if (!agreement) return '只有调解成功（已达成协议）的案件可以制作口头协议登记表';
      if (agreement.form !== 'oral') return '本案为书面协议，请制作“人民调解协议书”';
      return null;
    },
  },
  'confirmation-application': {
    title: DOCUMENT_TEMPLATES.labels['confirmation-application'],
    whyNot: (c) => {
      const agreement = agreedWith(c);
      if (!agreement) return '只有调解成功（已达成协议）的案件可以申请司法确认';
      if (agreement.form !== 'written') return '口头协议不能申请司法确认（人民调解法第三十三条针对书面调解协议）';
      return null;
    },
  },
  supplement: {
    title: DOCUMENT_TEMPLATES.labels.supplement,
    whyNot: (c) => {
      if (!agreedWith(c)) return '只有调解成功（已达成协议）的案件可以有补充协议';
      return c.supplements?.length ? null : '本案没有补充协议（协议签署后，在案件的“调解协议”中登记“补充协议”）';
    },
  },
  'follow-up-record': {
    title: DOCUMENT_TEMPLATES.labels['follow-up-record'],
    whyNot: (c) => (agreedWith(c) ? null : '只有调解成功（已达成协议）的案件需要回访'),
  },
  'dossier-cover': { title: DOCUMENT_TEMPLATES.labels['dossier-cover'], whyNot: () => null, namesPrinter: true },
};

export function templateDirs(desk: Desk): TemplateDirs {
  return {
    builtin: path.join(desk.resourcesDir, 'templates'),
    office: desk.dataDir === '(memory)' ? undefined : path.join(desk.dataDir, 'templates'),
  };
}

/** A template's title: a built-in case document's, the front desk's (转办单), else the office template's own name. */
export function templateTitle(name: string): string {
  return REQUEST_DOCUMENTS[name]?.title ?? documentTitle(name);
}

export interface Availability {
  template: string;
  title: string;
  origin: 'builtin' | 'office';
  allowed: boolean;
  reason?: string;
  /** For session-record: the sessions to choose from. */
  sessions?: { id: string; index: number; date: string }[];
  /** For supplement: the 补充协议 to choose from. */
  supplements?: { id: string; index: number; date: string; signed: boolean }[];
}

export async function availableDocuments(desk: Desk, caseRef: string): Promise<Availability[]> {
  const c = await desk.findCase(caseRef);
  const { builtin, office } = await templateNames(templateDirs(desk));
  const ordered = [...Object.keys(BUILTIN_DOCUMENTS).filter((n) => builtin.includes(n) || office.includes(n))];
  // the front desk's templates (转办单) are made from a request, not a case
  for (const name of [...builtin, ...office]) if (!ordered.includes(name) && !isRequestTemplate(name)) ordered.push(name);
  return ordered.map((name) => {
    const reason = BUILTIN_DOCUMENTS[name]?.whyNot(c) ?? null;
    const entry: Availability = {
      template: name,
      title: templateTitle(name),
      origin: office.includes(name) ? 'office' : 'builtin',
      allowed: reason === null,
    };
    if (reason !== null) entry.reason = reason;
    if (name === 'session-record') entry.sessions = c.sessions.map((s, i) => ({ id: s.id, index: i + 1, date: s.date }));
    if (name === 'supplement')
      entry.supplements = (c.supplements ?? []).map((s, i) => ({
        id: s.id,
        index: i + 1,
        date: s.date,
        signed: s.effectiveDate !== undefined,
      }));
    return entry;
  });
}

function pickSession(c: Case, sessionRef: string | number | undefined): Session | undefined {
  if (!c.sessions.length) return undefined;
  if (sessionRef === undefined || sessionRef === '') return c.sessions.at(-1);
  const byId = c.sessions.find((s) => s.id === sessionRef);
  if (byId) return byId;
  const index = Number(sessionRef);
  if (Number.isInteger(index) && index >= 1 && index <= c.sessions.length) return c.sessions[index - 1];
  throw new DeskError('NOT_FOUND', `本案没有第“${sessionRef}”次调解记录（共${c.sessions.length}次）`, { field: 'sessionId' });
}

function pickSupplement(c: Case, ref: string | number | undefined): Supplement | undefined {
  const all = c.supplements ?? [];
  if (!all.length) return undefined;
  if (ref === undefined || ref === '') return all.at(-1);
  const byId = all.find((s) => s.id === ref);
  if (byId) return byId;
  const index = Number(ref);
  if (Number.isInteger(index) && index >= 1 && index <= all.length) return all[index - 1];
  throw new DeskError('NOT_FOUND', `本案没有第“${ref}”份补充协议（共${all.length}份）`, { field: 'supplementId' });
}

/** The 卷内目录 of a case (reference §3), in filing order; page numbers are filled by the dossier or by hand. */
export function dossierItems(c: Case): { title: string; note?: string }[] {
  const items: { title: string; note?: string }[] = [];
  items.push({ title: c.source === 'application' ? '人民调解申请书' : '人民调解受理登记表' });
  items.push({ title: '人民调解当事人权利义务告知书' });
  items.push({ title: '当事人身份证明' });
  if (c.parties.some((p) => p.agent)) items.push({ title: '授权委托书' });
  c.sessions.forEach((s, i) => items.push({ title: `人民调解记录（第${i + 1}次）`, note: formatDateArabic(s.date) }));
  if (c.outcome?.kind === 'failed' || c.outcome?.kind === 'withdrawn') items.push({ title: '终止人民调解告知书' });
  if (c.agreement) items.push({ title: c.agreement.form === 'oral' ? '人民调解口头协议登记表' : '人民调解协议书' });
  (c.supplements ?? []).forEach((s, i) => items.push({ title: `人民调解补充协议书（第${i + 1}份）`, note: formatDateArabic(s.date) }));
  if (c.followUps.length) items.push({ title: '人民调解回访记录' });
  if (c.confirmation) items.push({ title: '司法确认有关材料' });
  items.push({ title: '封底' });
  return items;
}

export interface BuiltDocument {
  model: DocumentModel;
  template: string;
  version: string;
  origin: TemplateSource['origin'];
  title: string;
  warnings: string[];
  case: Case;
}

export interface BuildOptions {
  sessionId?: string | number;
  /** For the 补充协议书: which one (number from 1, or id); default the latest. */
  supplementId?: string | number;
  /** Render even when the case's status does not call for this document (the editor's preview). */
  ignoreRules?: boolean;
  /** Use this template text instead of the file in force (the editor's unsaved text). */
  source?: string;
  dossierItems?: DocumentExtras['dossierItems'];
}

/** Build the document model for a case from the template in force; NOT_ALLOWED when the case does not call for it. */
export async function buildCaseDocument(desk: Desk, caseRef: string, template: string, options: BuildOptions = {}): Promise<BuiltDocument> {
  const c = await desk.findCase(caseRef);
  const rule = BUILTIN_DOCUMENTS[template];
  const reason = rule?.whyNot(c) ?? null;
  if (reason !== null && !options.ignoreRules) throw notAllowed(`不能制作${rule.title}：${reason}`);
  const source: TemplateSource =
    options.source !== undefined
      ? { name: template, source: options.source, version: '', origin: 'office', file: '' }
      : await loadTemplate(templateDirs(desk), template);
  const session = template === 'session-record' || options.sessionId !== undefined ? pickSession(c, options.sessionId) : undefined;
  const supplement = template === 'supplement' || options.supplementId !== undefined ? pickSupplement(c, options.supplementId) : undefined;
  const moment = printingMoment(desk, template);
  const data = documentContext(c, desk.settings(), {
    ...moment,
    session,
    supplement,
    dossierItems: options.dossierItems ?? dossierItems(c),
  });
  const model = await renderTemplate(source, data);
  const warnings = documentWarnings(c, template, desk.today());
  const reads = printingFieldsOf(source.source);
  if (!('today' in moment) && reads.date) warnings.push(printDateWarning(template));
  if (!('operator' in moment) && reads.printer) warnings.push(printerWarning(template));
  return {
    model,
    template,
    version: source.version || templateVersion(source.source),
    origin: source.origin,
    title: model.title || templateTitle(template),
    warnings,
    case: c,
  };
}

/**
 * What the document `template` takes from the moment it is printed (./print-date.ts): the day, if it is
 * dated the day it is printed; whoever is signed in, if it names the one who makes it. An office's own
 * documents take both; every other built-in takes its dates and people from the case's record.
 */
export function printingMoment(desk: Desk, template: string): Pick<DocumentExtras, 'today' | 'operator'> {
  const rule = BUILTIN_DOCUMENTS[template];
  return {
    ...(!rule || rule.printDated ? { today: desk.today() } : {}),
    ...(!rule || rule.namesPrinter ? { operator: callOperator()?.name } : {}),
  };
}

function printDateWarning(template: string): string {
  return `本机构的“${templateTitle(template)}”模板用了打印当天的日期（today），而这份文书的日期应取自案件记录：文书中该日期已留空，请手写，并在“设置 → 模板”中改用案件中的日期（字段见模板说明）`;
}

function printerWarning(template: string): string {
  return `本机构的“${templateTitle(template)}”模板用了当前登录的操作员（office.operator），而这份文书上的人应取自案件记录：文书中该处已留空，请手写，并在“设置 → 模板”中改用案件中的人（登记人 case.registrar、记录人 case.recorder、调解员 case.mediators）`;
}

/**
 * Before an office template is saved or checked: a built-in document may be dated the day of printing
 * only if it is print-dated, and may name whoever is signed in only if it names its maker
 * (TEMPLATE_INVALID). Other names (the office's own documents) may use both.
 */
export function checkRecordFields(name: string, source: string): void {
  const rule = BUILTIN_DOCUMENTS[name];
  if (!rule) return;
  const reads = printingFieldsOf(source);
  if (!rule.printDated && reads.date) {
    throw new DeskError(
      'TEMPLATE_INVALID',
      `“${rule.title}”模板：这份文书的日期应取自案件记录（如协议日期、申请日期、调解日期），不能用打印当天的日期（today），否则日后重新打印日期会变`,
      { details: { template: name, reason: '不能使用 today' } },
    );
  }
  if (!rule.namesPrinter && reads.printer) {
    throw new DeskError(
      'TEMPLATE_INVALID',
      `“${rule.title}”模板：这份文书上的人应取自案件记录（登记人 case.registrar、记录人 case.recorder、调解员 case.mediators），不能用当前登录的操作员（office.operator），否则换一个人打印名字就会变`,
      { details: { template: name, reason: '不能使用 office.operator' } },
    );
  }
}

/**
 * Warnings about the case that do not stop the document: a late judicial-confirmation application, or
 * one whose date was not recorded (the date is left blank to fill by hand).
 */
export function documentWarnings(c: Case, template: string, today: string): string[] {
  const warnings: string[] = [];
  if (template === 'confirmation-application' && c.agreement && !c.confirmation?.appliedAt) {
    warnings.push('未登记申请司法确认的日期（案件操作“申请司法确认”），申请书的落款日期留空，请在递交时手写');
  }
  if (template === 'confirmation-application' && c.agreement) {
    const effective = c.agreement.effectiveDate;
    // Late or not is judged on the recorded application date; before one is recorded, on today.
    const on = c.confirmation?.appliedAt ?? today;
    if (!effective) warnings.push('调解协议尚未登记签署生效日期，申请书中的生效日期留空，请在协议签署后填写');
    else {
      const deadline = addDays(effective, 30);
      if (on > deadline) {
        warnings.push(
          `调解协议于${formatDateArabic(effective)}生效，申请司法确认的30日期限已于${formatDateArabic(deadline)}届满（已过${daysBetween(deadline, on)}天）。申请书已生成，但人民法院可能不予受理，请向当事人说明`,
        );
      }
    }
  }
  return warnings;
}

/** A file name for the document: `（2026）东城调字第3号-人民调解协议书.pdf`, safe on Windows. */
export function documentFileName(c: Case, title: string, format: DocumentFormat): string {
  return `${c.number}-${title}.${format}`.replace(/[\\/:*?"<>|\r\n]/g, '_');
}

export interface RenderedDocument {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  warnings: string[];
  template: string;
  version: string;
  title: string;
  format: DocumentFormat;
  pages?: number;
}

/**
 * The file's Author (PDF) and creator (DOCX): the office that made the file. A station's case printed at
 * a centre keeps the centre here, since the centre made this file; the text speaks for the station.
 */
const fileAuthor = (desk: Desk) => desk.maybeSettings()?.name ?? '';

function metadata(desk: Desk, built: BuiltDocument) {
  return {
    title: built.title,
    author: fileAuthor(desk),
    subject: `${built.case.number} ${built.title}`,
    keywords: `template=${built.template}; version=${built.version}`,
  };
}

/** Render built documents to bytes. */
export async function renderBuilt(desk: Desk, built: BuiltDocument, format: DocumentFormat): Promise<RenderedDocument> {
  const info = metadata(desk, built);
  const common = {
    fileName: documentFileName(built.case, built.title, format),
    mimeType: MIME_TYPES[format],
    template: built.template,
    version: built.version,
    title: built.title,
    format,
  };
  if (format === 'pdf') {
    const pdf = await renderPdf([built.model], { resourcesDir: desk.resourcesDir, info, creationDate: desk.clock.now() });
    return { ...common, bytes: pdf.bytes, pages: pdf.pages, warnings: [...built.warnings, ...pdf.warnings] };
  }
  const docx = await renderDocx([built.model], { info, creationDate: desk.clock.now() });
  return { ...common, bytes: docx.bytes, warnings: [...built.warnings, ...docx.warnings] };
}

export interface RenderCaseOptions extends BuildOptions {
  /** Write the file here (CLI, the desktop save dialog), through the output guard (files.ts). */
  out?: string;
  /** Replace an existing file at `out` (`--force`; the save dialog's confirmation). */
  overwrite?: boolean;
  /** Record `document-generated` in the case's log. Default true (false for previews). */
  record?: boolean;
}

/**
 * Render one document of a case and record it in the case's log. What batches and the desktop's save
 * call; the event says which template and version produced it. Imported cases (read-only at the centre)
 * are rendered without an event.
 */
export async function renderCaseDocument(
  desk: Desk,
  caseRef: string,
  template: string,
  format: DocumentFormat,
  options: RenderCaseOptions = {},
): Promise<RenderedDocument> {
  const built = await buildCaseDocument(desk, caseRef, template, options);
  // A path that will be refused is refused before the PDF or DOCX is made, and nothing is logged.
  const rules = desk.outputRules({ overwrite: options.overwrite, field: 'out' });
  if (options.out) await checkOutputPath(options.out, rules);
  const rendered = await renderBuilt(desk, built, format);
  if (options.out) await desk.writeOutput(options.out, rendered.bytes, rules);
  if (options.record !== false && !built.case.origin) {
    const details: Record<string, unknown> = { template: built.template, version: built.version, format, title: built.title };
    if (options.out) details.file = path.basename(options.out);
    if (options.sessionId !== undefined) details.sessionId = options.sessionId;
    if (options.supplementId !== undefined) details.supplementId = options.supplementId;
    await recordCaseEvent(desk, built.case.id, 'document-generated', details);
  }
  return rendered;
}

/**
 * Several documents of a case in ONE PDF (the dossier: cover, then the documents), each starting on a
 * new page. Documents the case does not call for are refused (NOT_ALLOWED) unless `skipNotAllowed`.
 */
export async function renderCaseDocumentsPdf(
  desk: Desk,
  caseRef: string,
  parts: { template: string; sessionId?: string | number; supplementId?: string | number }[],
  options: { skipNotAllowed?: boolean; pageNumbers?: 'per-document' | 'continuous'; dossierItems?: DocumentExtras['dossierItems'] } = {},
): Promise<{ bytes: Buffer; pages: number; warnings: string[]; documents: { template: string; version: string; title: string }[] }> {
  const built: BuiltDocument[] = [];
  for (const part of parts) {
    try {
      built.push(
        await buildCaseDocument(desk, caseRef, part.template, {
          sessionId: part.sessionId,
          supplementId: part.supplementId,
          dossierItems: options.dossierItems,
        }),
      );
    } catch (error) {
      if (options.skipNotAllowed && error instanceof DeskError && error.code === 'NOT_ALLOWED') continue;
      throw error;
    }
  }
  if (!built.length) throw notAllowed('没有可以制作的文书');
  const pdf = await renderPdf(
    built.map((b) => b.model),
    {
      resourcesDir: desk.resourcesDir,
      pageNumbers: options.pageNumbers ?? 'continuous',
      creationDate: desk.clock.now(),
      info: { title: built[0].title, author: fileAuthor(desk) },
    },
  );
  return {
    bytes: pdf.bytes,
    pages: pdf.pages,
    warnings: [...built.flatMap((b) => b.warnings), ...pdf.warnings],
    documents: built.map((b) => ({ template: b.template, version: b.version, title: b.title })),
  };
}
