/** Handlers for the front desk (统一受理): the register of requests, their workflow, the 转办单, the table. */

import path from 'node:path';

import { z } from 'zod';

import { verifyLog } from '../cases/events';
import type { Desk } from '../desk';
import { renderRequestDocument } from '../documents/request-documents';
import { notAllowed, notFound } from '../errors';
import { checkOutputPath } from '../files';
import { handler, Overwrite } from '../handler';
import { LIMITS, TEXT_LIMITS as T } from '../limits';
import { PeriodFields, periodLabel, resolvePeriod } from '../oversight/period';
import { registerOf } from '../register';
import { DateSchema, inputCode } from '../schema/case';
import {
  BUSINESS_TYPES,
  DISPUTE_TYPES,
  ID_TYPES,
  NOTIFY_METHODS,
  REQUEST_CHANNELS,
  REQUEST_HANDLINGS,
  REQUEST_STATES,
  SATISFACTION,
} from '../schema/codes';
import { ALLOW } from '../schema/operators';
import { REQUEST_ACTIONS, REQUEST_LABELS, RequestEditSchema, RequestInputSchema } from '../schema/request';
import { problemsOf, withLabels } from '../validate';
import { DEADLINE_LABELS, deadlinesOf, timelinessOf } from './deadlines';
import { requestReportCsv, requestReportTable, requestReportXlsx } from './export';
import { recogniseVisitor } from './recognise';
import { type RequestQuery, summariseRequest } from './search';
import { actOnRequest, addRequest, editRequest, recordRequestEvent } from './service';
import { REQUEST_REPORT_TITLE, REQUEST_STATS_BY, type RequestStatsBy } from './stats';
import { calendarOf } from './workdays';
import { availableRequestActions } from './workflow';

/** A handler's input with the requests' own field names in its messages (`visitor` is 来访人 here). */
const requestInput = <S extends z.ZodType>(schema: S) => withLabels(schema, REQUEST_LABELS);

const RequestId = z.string().min(1, '请指定来访登记（ID或登记编号）').max(LIMITS.caseRefChars, '来访登记ID或登记编号过长');
const Ref = requestInput(z.strictObject({ id: RequestId }));
const OutputPath = z.string().min(1, '请指定保存位置').max(LIMITS.pathChars, '路径过长');
const probeText = (max: number) => z.string().max(max, `不能超过${max}个字`).optional();

const OneOrMany = <S extends z.ZodType>(schema: S) => z.union([schema, z.array(schema)]).optional();

export const RequestQuerySchema = requestInput(
  z.strictObject({
    q: z.string().max(LIMITS.queryChars, `关键词不能超过${LIMITS.queryChars}个字`).optional(),
    type: OneOrMany(inputCode(BUSINESS_TYPES)),
    state: OneOrMany(inputCode(REQUEST_STATES)),
    channel: inputCode(REQUEST_CHANNELS).optional(),
    handling: inputCode(REQUEST_HANDLINGS).optional(),
    from: DateSchema.optional(),
    to: DateSchema.optional(),
    station: z.string().max(100).optional(),
    due: z.boolean().optional(),
    callbacks: z.boolean().optional(),
    toNotify: z.boolean().optional(),
    offset: z.int().nonnegative().optional(),
    limit: z.int().positive().max(100_000).optional(),
  }),
);

const StatsBy = z
  .enum(REQUEST_STATS_BY, { message: '分组方式应为：type（业务类型）、channel（来访渠道）、handling（处理方式）、station（站点）' })
  .default('type');

/** Lists and the table read through the register: the embedded index, or a centre's database. */
async function list(desk: Desk, query: RequestQuery) {
  const { total, items } = await registerOf(desk).listRequests(query);
  return { total, items: items.map(summariseRequest) };
}

async function report(desk: Desk, input: z.output<typeof RequestStatsSchema>) {
  const s = desk.settings();
  const period = resolvePeriod(input);
  return registerOf(desk).requestReport(period, input.by as RequestStatsBy, {
    stationCode: s.stationCode,
    stationName: s.name,
    ownStationRow: s.role === 'station',
    today: desk.today(),
  });
}

const RequestStatsSchema = requestInput(z.strictObject({ ...PeriodFields, by: StatsBy }));

/** A request to read, from the register (a centre's database keeps the stations' requests). */
async function readRequest(desk: Desk, idOrNumber: string) {
  const r = await registerOf(desk).findRequest(idOrNumber);
  if (!r) throw notFound(`找不到来访登记“${idOrNumber}”`);
  return r;
}

/** Requests are changed where they are registered: a centre on a database holds only the stations' (read only). */
function changedHereOnly(desk: Desk): void {
  if (registerOf(desk).kind === 'postgresql') throw notAllowed('这是从站点上报的来访登记，在中心只能查看');
}

/** The request as `requests.get` shows it: with the actions its state allows and its time limits. */
async function detail(desk: Desk, id: string) {
  const r = await readRequest(desk, id);
  const today = desk.today();
  return {
    request: r,
    actions: availableRequestActions(r),
    deadlines: deadlinesOf(r).map((d) => ({ ...d, label: DEADLINE_LABELS[d.kind] })),
    timeliness: timelinessOf(r, today),
  };
}

export const requestHandlers = {
  // Registering and handling is the front desk's (受理员, 管理员); every signed-in operator reads the register:
  // a 调解员 receives the cases handed over to mediation, a centre's staff read the requests its stations report.
  'requests.add': handler(
    requestInput(RequestInputSchema),
    '来访登记（统一受理）：登记一件来访、来电、来信或网上咨询',
    (desk, input) => addRequest(desk, input),
    ALLOW.frontDesk,
  ),

  'requests.check': handler(z.unknown(), '检查来访登记表（不保存），返回每个字段的问题', (_desk, input) => {
    const result = RequestInputSchema.safeParse(input);
    return result.success ? { ok: true as const, problems: [] } : { ok: false as const, problems: problemsOf(result.error) };
  }),

  'requests.edit': handler(
    requestInput(z.strictObject({ id: RequestId, changes: RequestEditSchema })),
    '修改来访登记的登记信息',
    (desk, input) => {
      changedHereOnly(desk);
      return editRequest(desk, input.id, input.changes);
    },
    ALLOW.frontDesk,
  ),

  'requests.act': handler(
    requestInput(
      z.strictObject({
        id: RequestId,
        action: z.enum(REQUEST_ACTIONS, { message: `操作应为：${REQUEST_ACTIONS.join('、')}` }),
        details: z.unknown().optional(),
      }),
    ),
    '办理来访登记：答复、转办、延期、登记办理结果、告知、回访、处理不满意、转人民调解、办结',
    async (desk, input) => {
      changedHereOnly(desk);
      const { request, case: made } = await actOnRequest(desk, input.id, input.action, input.details);
      return { ...(await detail(desk, request.id)), ...(made ? { case: { id: made.id, number: made.number } } : {}) };
    },
    ALLOW.frontDesk,
  ),

  'requests.get': handler(Ref, '查看一件来访登记（含可办理的操作和办理时限）', (desk, input) => detail(desk, input.id)),

  'requests.verifyLog': handler(Ref, '校验来访登记办理记录的哈希链', async (desk, input) => {
    const r = await readRequest(desk, input.id);
    return { id: r.id, number: r.number, ...verifyLog(r.events) };
  }),

  'requests.list': handler(RequestQuerySchema, '查询来访登记（身份证号已遮挡）', (desk, query) => list(desk, query)),

  'requests.desk': handler(
    requestInput(z.strictObject({ limit: z.int().positive().max(500).default(50) })),
    '统一受理台：今日来访、待转办/待答复/待反馈、待告知、不满意待回复',
    async (desk, input) => {
      const settings = desk.settings();
      const today = desk.today();
      const limit = input.limit;
      return {
        today,
        todays: await list(desk, { from: today, to: today, limit }),
        due: await list(desk, { due: true, limit }),
        toNotify: await list(desk, { toNotify: true, limit }),
        callbacks: await list(desk, { callbacks: true, limit }),
        offices: settings.frontDesk.offices,
        /** Years whose holidays the working-day calendar does not know: deadlines there ignore holidays. */
        unknownYears: calendarOf(settings).unknownYears(today),
      };
    },
  ),

  'requests.recognise': handler(
    requestInput(
      z.strictObject({
        name: probeText(T.personName),
        phone: probeText(T.phone),
        idType: probeText(50),
        idNumber: probeText(T.idNumber * 2),
        address: probeText(T.address),
        excludeId: probeText(LIMITS.caseRefChars),
      }),
    ),
    '识别回头来访人：按电话、证件号码（或姓名与电话、住址）查找以前的来访登记和案件',
    (desk, input) => {
      const { excludeId, ...probe } = input;
      return recogniseVisitor(desk, probe, excludeId);
    },
  ),

  'requests.slip': handler(
    requestInput(
      z.strictObject({
        id: RequestId,
        format: z.enum(['pdf', 'docx'], { message: '格式应为 pdf 或 docx' }).default('pdf'),
        /** Write the file here, through the output guard (files.ts); without it the bytes come back (base64). */
        out: OutputPath.optional(),
        overwrite: Overwrite,
      }),
    ),
    '打印转办单（PDF或DOCX），并在来访登记的记录中登记',
    async (desk, input) => {
      const r = await readRequest(desk, input.id);
      const out = input.out ? path.resolve(input.out) : undefined;
      const rendered = await renderRequestDocument(desk, r, 'routing-slip', input.format, { out, overwrite: input.overwrite });
      if (!r.origin) {
        await recordRequestEvent(desk, r.id, 'document-generated', {
          template: rendered.template,
          version: rendered.version,
          format: input.format,
          ...(out ? { file: path.basename(out) } : {}),
        });
      }
      const { bytes, ...rest } = rendered;
      return out ? { ...rest, file: out, size: bytes.length } : { ...rest, size: bytes.length, base64: bytes.toString('base64') };
    },
    ALLOW.frontDesk,
  ),

  'requests.stats': handler(
    RequestStatsSchema,
    '统一受理工作统计表：任一期间，按业务类型、来访渠道、处理方式或站点分组，含合计行',
    (desk, input) => report(desk, input),
  ),

  'requests.statsExport': handler(
    requestInput(
      z.strictObject({
        ...PeriodFields,
        by: StatsBy,
        format: z.enum(['xlsx', 'csv', 'table', 'json'], { message: '格式应为 xlsx、csv、table 或 json' }),
        /** Write the file here, through the output guard (files.ts); without it the content comes back (base64). */
        out: OutputPath.optional(),
        overwrite: Overwrite,
      }),
    ),
    '导出统一受理工作统计表（XLSX、CSV、文本表格或 JSON）',
    async (desk, input) => {
      const rules = desk.outputRules({ overwrite: input.overwrite, field: 'out' });
      if (input.out) await checkOutputPath(input.out, rules);
      const r = await report(desk, input);
      const office = desk.settings().name;
      const text =
        input.format === 'csv'
          ? requestReportCsv(r)
          : input.format === 'json'
            ? `${JSON.stringify(r, null, 2)}\n`
            : `${requestReportTable(r, office)}\n`;
      const content = input.format === 'xlsx' ? await requestReportXlsx(r, { office, today: desk.today() }) : Buffer.from(text, 'utf8');
      const fileName = `${REQUEST_REPORT_TITLE}_${periodLabel(r)}.${input.format === 'table' ? 'txt' : input.format}`;
      if (input.out) {
        const out = await desk.writeOutput(input.out, content, rules);
        return { path: out, fileName, bytes: content.length };
      }
      return { fileName, bytes: content.length, base64: content.toString('base64') };
    },
  ),

  'requests.codes': handler(z.strictObject({}), '统一受理的代码表（渠道、业务类型、处理方式、状态、告知方式、满意度）', () => ({
    channels: REQUEST_CHANNELS.entries,
    businessTypes: BUSINESS_TYPES.entries,
    handlings: REQUEST_HANDLINGS.entries,
    states: REQUEST_STATES.entries,
    notifyMethods: NOTIFY_METHODS.entries,
    satisfaction: SATISFACTION.entries,
    disputeTypes: DISPUTE_TYPES.entries,
    idTypes: ID_TYPES.entries,
  })),
};
