/** Handlers for documents and templates: render, availability, the template editor's calls. */

import path from 'node:path';

import { z } from 'zod';

import { readUserFile } from '../files';
import { handler, Overwrite } from '../handler';
import { LIMITS } from '../limits';
import { ALLOW } from '../schema/operators';
import { documentContext, FIELD_HELP } from './context';
import { FILTERS } from './filters';
import { MARKERS } from './markup';
import { plainText } from './model';
import { renderPdf } from './pdf';
import { sampleCase, sampleSettings } from './sample';
import {
  availableDocuments,
  buildCaseDocument,
  type BuiltDocument,
  BUILTIN_DOCUMENTS,
  checkRecordFields,
  printingMoment,
  renderCaseDocument,
  templateDirs,
  templateTitle,
} from './service';
import {
  checkTemplateName,
  loadBuiltinTemplate,
  loadTemplate,
  renderTemplate,
  resetOfficeTemplate,
  saveOfficeTemplate,
  templateNames,
  templateVersion,
  validateTemplate,
} from './template';

const TemplateName = z.string().min(1, '请指定模板名称').max(100, '模板名称过长');
const CaseRef = z.string().min(1, '请指定案件（ID或案号）').max(LIMITS.caseRefChars, '案件ID或案号过长');
const FilePath = z.string().min(1, '请指定文件位置').max(LIMITS.pathChars, '路径过长');
const TemplateText = z.string().max(LIMITS.templateChars, `模板过长（超过${LIMITS.templateChars}个字符）`);
const Format = z.enum(['pdf', 'docx'], { message: '格式应为 pdf 或 docx' });

export const documentHandlers = {
  'documents.render': handler(
    z.strictObject({
      caseId: CaseRef,
      template: TemplateName,
      format: Format.default('pdf'),
      sessionId: z.union([z.string().max(100), z.int().positive()]).optional(),
      /** For the 补充协议书: which one (number from 1, or id); default the latest. */
      supplementId: z.union([z.string().max(100), z.int().positive()]).optional(),
      /** Write the file here (CLI, desktop save dialog) instead of returning the bytes. */
      out: FilePath.optional(),
      overwrite: Overwrite,
    }),
    '按模板生成案件文书（PDF或DOCX），并在案件日志中记录模板及版本',
    async (desk, input) => {
      const rendered = await renderCaseDocument(desk, input.caseId, input.template, input.format, {
        sessionId: input.sessionId,
        supplementId: input.supplementId,
        out: input.out,
        overwrite: input.overwrite,
      });
      const { bytes, ...rest } = rendered;
      return input.out
        ? { ...rest, file: input.out, size: bytes.length }
        : { ...rest, size: bytes.length, base64: bytes.toString('base64') };
    },
  ),

  'documents.available': handler(z.strictObject({ caseId: CaseRef }), '列出案件当前可以制作的文书，以及不能制作的原因', (desk, input) =>
    availableDocuments(desk, input.caseId),
  ),

  'templates.list': handler(z.strictObject({}), '列出文书模板（内置的和本机构修改过的）', async (desk) => {
    const dirs = templateDirs(desk);
    const { builtin, office } = await templateNames(dirs);
    const names = [...Object.keys(BUILTIN_DOCUMENTS).filter((n) => builtin.includes(n) || office.includes(n))];
    for (const n of [...builtin, ...office]) if (!names.includes(n)) names.push(n);
    return Promise.all(
      names.map(async (name) => {
        const current = await loadTemplate(dirs, name);
        return {
          name,
          title: templateTitle(name),
          origin: current.origin,
          builtin: builtin.includes(name),
          modified: office.includes(name) && builtin.includes(name),
          version: current.version,
        };
      }),
    );
  }),

  'templates.get': handler(z.strictObject({ name: TemplateName }), '读取模板原文（供模板编辑器使用）', async (desk, input) => {
    const dirs = templateDirs(desk);
    const current = await loadTemplate(dirs, input.name);
    const builtin = await loadBuiltinTemplate(dirs, input.name);
    return {
      name: current.name,
      title: templateTitle(current.name),
      source: current.source,
      version: current.version,
      origin: current.origin,
      builtinSource: builtin?.source,
    };
  }),

  'templates.help': handler(z.strictObject({}), '模板写法说明：版式标记、字段、过滤器', () => ({
    markers: ['# 标题', '## 小标题', ...MARKERS.map((m) => `@${m}`), '| 表格行 |'],
    fields: FIELD_HELP.map(([path, meaning]) => ({ path, meaning })),
    filters: FILTERS.map((f) => ({ name: f.names[0], alias: f.names[1], example: f.help })),
  })),

  'templates.save': handler(
    z.strictObject({ name: TemplateName, source: TemplateText }),
    '检查并保存本机构的模板（覆盖内置模板，可恢复）',
    async (desk, input) => {
      checkRecordFields(input.name, input.source);
      const saved = await saveOfficeTemplate(templateDirs(desk), input.name, input.source);
      return { name: saved.name, version: saved.version, origin: saved.origin };
    },
    ALLOW.admin,
  ),

  'templates.reset': handler(
    z.strictObject({ name: TemplateName }),
    '删除本机构修改的模板，恢复为内置模板',
    (desk, input) => resetOfficeTemplate(templateDirs(desk), input.name),
    ALLOW.admin,
  ),

  'templates.validate': handler(
    z
      .strictObject({ source: TemplateText.optional(), file: FilePath.optional(), name: z.string().max(100).optional() })
      .refine((v) => v.source !== undefined || v.file !== undefined, '请提供模板内容（source）或文件（file）'),
    '检查模板（不保存、不生成文书）：语法、字段、过滤器、版式标记',
    async (_desk, input) => {
      let source = input.source;
      let name = input.name;
      if (source === undefined) {
        const bytes = await readUserFile(input.file!, { what: '模板文件', maxBytes: LIMITS.templateChars * 3, field: 'file' });
        source = bytes.toString('utf8').replace(/^\uFEFF/, '');
        name ??= path.basename(input.file!).replace(/\.[^.]+$/, '');
      }
      if (name) checkRecordFields(name, source);
      const result = await validateTemplate(name ?? '模板', source);
      return { ok: true as const, name: name ?? '模板', version: result.version, blocks: result.blocks };
    },
  ),

  'templates.preview': handler(
    z
      .strictObject({
        name: z.string().max(100).optional(),
        source: TemplateText.optional(),
        caseId: CaseRef.optional(),
        sessionId: z.union([z.string().max(100), z.int().positive()]).optional(),
        supplementId: z.union([z.string().max(100), z.int().positive()]).optional(),
        as: z.enum(['pdf', 'text']).default('pdf'),
      })
      .refine((v) => v.name !== undefined || v.source !== undefined, '请提供模板名称（name）或内容（source）'),
    '预览模板：用某个案件（或示例案件）生成PDF或纯文本，不记录日志',
    async (desk, input) => {
      const name = input.name ? checkTemplateName(input.name) : '预览';
      // the editor shows, as it is typed, what saving would refuse
      if (input.source !== undefined) checkRecordFields(name, input.source);
      let built: Pick<BuiltDocument, 'model' | 'title' | 'warnings'>;
      if (input.caseId) {
        built = await buildCaseDocument(desk, input.caseId, name, {
          source: input.source,
          sessionId: input.sessionId,
          supplementId: input.supplementId,
          ignoreRules: true,
        });
      } else {
        const source = input.source ?? (await loadTemplate(templateDirs(desk), name)).source;
        const c = sampleCase(name === 'oral-agreement' ? 'oral' : 'written');
        const settings = desk.maybeSettings() ?? sampleSettings();
        const context = documentContext(c, settings, {
          ...printingMoment(desk, name),
          session: c.sessions[0],
          supplement: c.supplements?.[0],
        });
        const model = await renderTemplate({ name, source }, context);
        built = { model, title: model.title, warnings: [] };
      }
      const version = input.source !== undefined ? templateVersion(input.source) : undefined;
      if (input.as === 'text') return { title: built.title, text: plainText(built.model), warnings: built.warnings, version };
      const pdf = await renderPdf([built.model], { resourcesDir: desk.resourcesDir, info: { title: built.title } });
      return {
        title: built.title,
        mimeType: 'application/pdf',
        base64: pdf.bytes.toString('base64'),
        pages: pdf.pages,
        warnings: [...built.warnings, ...pdf.warnings],
        version,
      };
    },
  ),
};
