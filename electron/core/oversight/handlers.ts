/** Handlers for oversight: the statistics report and its exports, reminders, duplicate checks, the 卷宗 checklist. */

import { z } from 'zod';

import { CaseQuerySchema, resolveQuery } from '../cases/handlers';
import { recordCaseEvent } from '../cases/service';
import { stationNames } from '../centre/records';
import { addDays } from '../dates';
import type { Desk } from '../desk';
import { invalid, notAllowed, notFound } from '../errors';
import { checkOutputPath } from '../files';
import { handler, Overwrite } from '../handler';
import { LIMITS, TEXT_LIMITS } from '../limits';
import { registerOf } from '../register';
import { requestReminders } from '../requests/reminders';
import { requestIndex } from '../requests/search';
import { DateSchema } from '../schema/case';
import { ALLOW } from '../schema/operators';
import { ReminderSettingsSchema } from '../schema/settings';
import { checkDossier, DOSSIER_ITEMS, DOSSIER_TEMPLATES } from './dossier';
import { renderDossierPdf } from './dossier-pdf';
import { isLinked, type PartyProbe, type PartyRef, type UnreadableCase } from './duplicates';
import { type ExportMeta, reportCsv, reportTable, reportXlsx } from './export';
import { monthsOf, type Period, PeriodFields, periodLabel, resolvePeriod } from './period';
import { filtersInWords, registerRows } from './register';
import { registerPdf } from './register-pdf';
import { registerXlsx } from './register-xlsx';
import { computeReminders, REMINDER_KINDS, type ReminderKind, type ReminderMark, type ReminderQuery } from './reminders';
import { stationLabel, STATS_BY, type StatsBy, type StatsContext } from './stats';

/** The statistics' period, and optionally one station's cases (by station code; this office's own code for its own cases). */
const PeriodAndStation = {
  ...PeriodFields,
  station: z.string().trim().min(1).max(100).optional(),
};

const OutputPath = z.string().min(1, '请指定保存位置').max(LIMITS.pathChars, '路径过长');

const By = z
  .enum(STATS_BY, { message: '分组方式应为：type（纠纷类型）、source（案件来源）、mediator（调解员）、station（站点）' })
  .default('type');

const StatsInput = z.strictObject({ ...PeriodAndStation, by: By });

async function statsContext(desk: Desk): Promise<StatsContext> {
  const s = desk.settings();
  return {
    stationCode: s.stationCode,
    stationName: s.name,
    mediators: s.mediators,
    ownStationRow: s.role === 'station',
    ...(s.role === 'centre' ? { stations: await stationNames(desk) } : {}),
  };
}

/** The context of one report: one station's only keeps that station's row (and this office's only when it is that station). */
async function reportContext(desk: Desk, station: string | undefined): Promise<StatsContext> {
  const ctx = await statsContext(desk);
  if (!station) return ctx;
  if (ctx.stations) ctx.stations = new Map([...ctx.stations].filter(([code]) => code === station));
  return station !== ctx.stationCode ? { ...ctx, ownStationRow: false } : ctx;
}

async function report(desk: Desk, period: Period, by: StatsBy, station?: string) {
  return registerOf(desk).statsReport(period, by, await reportContext(desk, station), station);
}

function reminderSettings(desk: Desk) {
  return desk.maybeSettings()?.reminders ?? ReminderSettingsSchema.parse({});
}

const RegisterInput = CaseQuerySchema.omit({ offset: true, limit: true }).extend({
  format: z.enum(['xlsx', 'pdf'], { message: '格式应为 xlsx 或 pdf' }),
  /** Write the file here; without it the content comes back (base64) for the caller to save. */
  out: OutputPath.optional(),
  overwrite: Overwrite,
});

/** The store document `reminders`: the day the desktop notification was last shown, and the marks. */
interface RemindersDoc {
  lastNotified?: string;
  marks?: ReminderMark[];
}

function remindersDoc(desk: Desk): RemindersDoc {
  return desk.store.getDoc<RemindersDoc>('reminders') ?? {};
}

const REMINDER_KIND_CODES = Object.keys(REMINDER_KINDS) as [ReminderKind, ...ReminderKind[]];
const KindSchema = z.enum(REMINDER_KIND_CODES, { message: `提醒类别应为：${REMINDER_KIND_CODES.join('、')}` });
const SeveritySchema = z.enum(['info', 'warning', 'overdue'], { message: '应为 info（供参考）、warning（即将到期）或 overdue（已逾期）' });
const GroupSchema = z.enum(['today', 'week', 'overdue', 'later', 'info'], {
  message: '应为 today（今天）、week（本周）、overdue（已逾期）、later（以后）或 info（供参考）',
});

/** All reminders on `today`: the cases', and at a station the front desk's time limits (a centre's requests are imported, read-only). */
function reminders(desk: Desk, query: Omit<ReminderQuery, 'marks'> = {}) {
  const today = desk.today();
  // a station's front desk: its requests' time limits join the list (a centre's copies have none)
  const frontDesk = desk.maybeSettings()?.role === 'station' ? requestReminders(requestIndex(desk).all(), today) : [];
  return registerOf(desk).reminders(today, reminderSettings(desk), { ...query, marks: remindersDoc(desk).marks ?? [] }, frontDesk);
}

const draftText = (max: number) => z.string().max(max, `不能超过${max}个字`).optional();
const DraftParty = z
  .object({
    id: draftText(100),
    kind: draftText(50),
    name: draftText(TEXT_LIMITS.organizationName),
    idType: draftText(50),
    idNumber: draftText(TEXT_LIMITS.idNumber * 2),
    creditCode: draftText(TEXT_LIMITS.idNumber * 2),
    phone: draftText(TEXT_LIMITS.phone),
    address: draftText(TEXT_LIMITS.address),
  })
  .loose();

/**
 * A check's result with the cases it could not read, if any (left out of the index when it was built, or
 * matching but not showable). The check itself still answers for everything else.
 */
function withUnreadable<T extends object>(result: T, unreadable: UnreadableCase[]): T & { unreadable?: UnreadableCase[] } {
  return unreadable.length ? { ...result, unreadable } : result;
}

const PartyRefSchema = z.strictObject({ caseId: z.string().min(1, '请指定案件'), partyId: z.string().min(1, '请指定当事人') });

async function resolveRef(desk: Desk, ref: PartyRef, field: string): Promise<PartyRef> {
  const c = await desk.findCase(ref.caseId);
  if (!c.parties.some((p) => p.id === ref.partyId)) throw invalid(`${field}.partyId`, `案件${c.number}中没有这位当事人`);
  return { caseId: c.id, partyId: ref.partyId };
}

export const oversightHandlers = {
  'stats.report': handler(
    StatsInput,
    '统计报表：任一期间，按纠纷类型、来源、调解员或站点分组，含合计行（station：只统计一个站点）',
    (desk, input) => report(desk, resolvePeriod(input), input.by, input.station),
  ),

  'stats.series': handler(
    z.strictObject(PeriodAndStation),
    '统计图表数据：按月的受理、调解成功、调解不成和成功率，按纠纷类型的受理数',
    async (desk, input) => {
      const period = resolvePeriod(input);
      const series = await registerOf(desk).statsSeries(period, monthsOf(period), await reportContext(desk, input.station), input.station);
      return { ...period, label: periodLabel(period), ...series };
    },
  ),

  'stats.export': handler(
    z.strictObject({
      ...PeriodAndStation,
      by: By,
      format: z.enum(['xlsx', 'csv', 'table', 'json'], { message: '格式应为 xlsx、csv、table 或 json' }),
      money: z.enum(['yuan', 'wan']).default('yuan'),
      /** Write the file here (through the output guard); without it the content comes back (base64) for the caller to save. */
      out: OutputPath.optional(),
      overwrite: Overwrite,
    }),
    '导出统计报表（XLSX、CSV 或文本表格）',
    async (desk, input) => {
      const period = resolvePeriod(input);
      const meta: ExportMeta = { office: desk.settings().name, by: input.by, today: desk.today(), money: input.money };
      const rules = desk.outputRules({ overwrite: input.overwrite, field: 'out' });
      if (input.out) await checkOutputPath(input.out, rules);
      const r = await report(desk, period, input.by, input.station);
      const content =
        input.format === 'xlsx'
          ? await reportXlsx(r, meta)
          : Buffer.from(
              input.format === 'csv'
                ? reportCsv(r, meta)
                : input.format === 'json'
                  ? `${JSON.stringify(r, null, 2)}\n`
                  : `${reportTable(r, meta)}\n`,
              'utf8',
            );
      const fileName = `人民调解工作统计表_${periodLabel(period)}.${input.format === 'table' ? 'txt' : input.format}`;
      if (input.out) {
        const written = await desk.writeOutput(input.out, content, rules);
        return { path: written, fileName, bytes: content.length };
      }
      return { fileName, bytes: content.length, base64: content.toString('base64') };
    },
  ),

  'register.export': handler(
    RegisterInput,
    '案件登记台账：按任一筛选条件（受理日期、状态、纠纷类型、调解员、站点、我的案件、关键词），XLSX 或可打印的 PDF',
    async (desk, input) => {
      const { format, out, overwrite, ...filters } = input;
      // Refuse a bad destination before the work, and write through the one output guard after it.
      if (out) await checkOutputPath(out, desk.outputRules({ overwrite, field: 'out' }));
      const query = resolveQuery(desk, filters);
      if (query.from && query.to && query.from > query.to) throw invalid('from', `起始日期（${query.from}）晚于截止日期（${query.to}）`);
      // The register reads oldest first, as it is written on paper.
      const cases = [...(await registerOf(desk).listCases(query)).items].reverse();
      const rows = registerRows(cases);
      const station = query.station ? stationLabel(query.station, (await stationNames(desk)).get(query.station) ?? '') : undefined;
      const meta = { office: desk.settings().name, filters: filtersInWords({ ...query, station }, desk.today()), today: desk.today() };
      const file =
        format === 'xlsx'
          ? { bytes: await registerXlsx(rows, meta), warnings: [] as string[], pages: undefined }
          : await registerPdf(rows, meta, { resourcesDir: desk.resourcesDir, creationDate: desk.clock.now() });
      const fileName = `人民调解案件登记台账_${query.from ?? '起'}至${query.to ?? desk.today()}.${format}`;
      const summary = {
        fileName,
        rows: rows.length,
        bytes: file.bytes.length,
        warnings: file.warnings,
        ...(file.pages ? { pages: file.pages } : {}),
      };
      if (out) {
        const written = await desk.writeOutput(out, file.bytes, { overwrite, field: 'out' });
        return { ...summary, path: written };
      }
      return { ...summary, base64: file.bytes.toString('base64') };
    },
  ),

  'reminders.list': handler(
    z.strictObject({
      limit: z.int().positive().optional(),
      severity: SeveritySchema.optional(),
      group: GroupSchema.optional(),
      kind: KindSchema.optional(),
    }),
    '到期提醒（案件的，以及统一受理的待转办、待答复、待反馈、不满意待回复）：今天和本周到期的在前，已逾期的其次（最近的在前），再是以后到期的和供参考的（司法确认申请期限）；已办完、推迟或关闭的不列出；附本机时钟检查（limit：只返回前若干项；计数仍含全部）',
    (desk, input) => reminders(desk, input),
  ),

  'reminders.mark': handler(
    z.strictObject({
      caseId: z.string().min(1, '请指定案件（ID或案号）'),
      kind: KindSchema,
      state: z.enum(['done', 'snoozed', 'off'], { message: '应为 done（已办完）、snoozed（推迟）或 off（本案不再提醒）' }),
      note: z.string().trim().max(500, '备注不能超过500字').optional(),
      until: DateSchema.optional(),
    }),
    '处理一条提醒：已办完（可写备注）、推迟到某日、或本案不再提醒此事项',
    async (desk, input) => {
      // a front-desk limit is kept by doing it on the request (转办、答复、反馈、回复), which ends its reminder
      if (input.kind.startsWith('request-')) throw notAllowed('统一受理的办理时限在来访登记中办理后即不再提醒，不能在此标记');
      const c = desk.getCase(input.caseId);
      const today = desk.today();
      const current = computeReminders([c], today, reminderSettings(desk)).reminders.find((r) => r.kind === input.kind);
      if (!current && input.state !== 'off') throw notFound(`案件${c.number}目前没有“${REMINDER_KINDS[input.kind].label}”提醒`);
      if (input.state === 'snoozed') {
        if (!input.until) throw invalid('until', '请选择推迟到哪一天');
        if (input.until <= today) throw invalid('until', `应晚于今天（${today}）`);
        if (input.until > addDays(today, 365)) throw invalid('until', '最多推迟一年');
      }
      const mark: ReminderMark = {
        caseId: c.id,
        kind: input.kind,
        state: input.state,
        ...(input.state === 'done' && current ? { dueDate: current.dueDate } : {}),
        ...(input.state === 'snoozed' ? { until: input.until } : {}),
        ...(input.note ? { note: input.note } : {}),
        at: desk.nowIso(),
        operator: desk.operator(),
      };
      const doc = remindersDoc(desk);
      const marks = (doc.marks ?? []).filter((m) => m.caseId !== c.id || m.kind !== input.kind);
      await desk.commit({ docs: { reminders: { ...doc, marks: [...marks, mark] } } });
      return { ...mark, caseNumber: c.number };
    },
  ),

  'reminders.unmark': handler(
    z.strictObject({ caseId: z.string().min(1, '请指定案件（ID或案号）'), kind: KindSchema }),
    '撤销对一条提醒的处理（重新提醒）',
    async (desk, input) => {
      const c = desk.getCase(input.caseId);
      const doc = remindersDoc(desk);
      const marks = (doc.marks ?? []).filter((m) => m.caseId !== c.id || m.kind !== input.kind);
      const removed = (doc.marks ?? []).length - marks.length;
      if (removed) await desk.commit({ docs: { reminders: { ...doc, marks } } });
      return { removed };
    },
  ),

  'reminders.marks': handler(z.strictObject({}), '已处理的提醒（已办完、推迟、本案不再提醒），最近的在前', (desk) =>
    [...(remindersDoc(desk).marks ?? [])].reverse().map((m) => {
      const c = desk.store.getCase(m.caseId);
      return { ...m, caseNumber: c?.number ?? '（案件已不存在）', summary: c?.summary ?? '', label: REMINDER_KINDS[m.kind].label };
    }),
  ),

  'reminders.notification': handler(
    z.strictObject({}),
    '今天是否已显示过桌面提醒通知，以及待提醒的数量（不含已处理的和供参考的）',
    async (desk) => {
      const today = desk.today();
      const doc = remindersDoc(desk);
      const { counts, byGroup, clock } = await reminders(desk, { limit: 0 });
      return {
        today,
        shown: doc.lastNotified === today,
        lastNotified: doc.lastNotified ?? null,
        counts: { warning: counts.warning, overdue: counts.overdue },
        dueToday: byGroup.today,
        clockOk: clock.ok,
      };
    },
  ),

  'reminders.markNotified': handler(z.strictObject({}), '记下今天已显示桌面提醒通知', async (desk) => {
    const today = desk.today();
    await desk.commit({ docs: { reminders: { ...remindersDoc(desk), lastNotified: today } } });
    return { today, shown: true };
  }),

  'duplicates.forCase': handler(
    z.strictObject({ id: z.string().min(1, '请指定案件（ID或案号）') }),
    '重复纠纷与当事人查重：本案每位当事人在其他案件中的出现',
    async (desk, input) => {
      const c = await desk.findCase(input.id);
      const parties = Array.isArray(c.parties) ? c.parties : [];
      const { matches, unreadable } = await registerOf(desk).duplicateMatches(
        parties.map((p) => ({ probe: p, self: { caseId: c.id, partyId: p.id } })),
      );
      const result = {
        caseId: c.id,
        caseNumber: c.number,
        parties: parties.map((p, i) => ({ partyId: p.id, name: p.name, role: p.role, matches: matches[i] })),
      };
      return withUnreadable(result, unreadable);
    },
  ),

  'duplicates.warm': handler(z.strictObject({}), '预先建立查重索引（启动后空闲时调用，使登记时的查重即时返回）', (desk) =>
    registerOf(desk).warmDuplicates(),
  ),

  'duplicates.check': handler(
    z.strictObject({
      parties: z.array(DraftParty).max(LIMITS.partiesPerCase, `当事人不能超过${LIMITS.partiesPerCase}位`),
      excludeCaseId: z.string().max(100).optional(),
    }),
    '登记时查重（不保存）：草稿中的当事人在已有案件中的出现',
    async (desk, input) => {
      const { matches, unreadable } = await registerOf(desk).duplicateMatches(
        input.parties.map((p) => ({ probe: p as PartyProbe, self: { caseId: input.excludeCaseId, partyId: p.id } })),
      );
      return withUnreadable({ parties: input.parties.map((p, i) => ({ index: i, name: p.name ?? '', matches: matches[i] })) }, unreadable);
    },
  ),

  'duplicates.link': handler(
    z.strictObject({ a: PartyRefSchema, b: PartyRefSchema }),
    '确认两案中的当事人为同一人（关联）',
    async (desk, input) => {
      const a = await resolveRef(desk, input.a, 'a');
      const b = await resolveRef(desk, input.b, 'b');
      if (a.caseId === b.caseId && a.partyId === b.partyId) throw invalid('b', '不能与自身关联');
      const doc = await registerOf(desk).updateLinks((current) =>
        isLinked(current, a, b) ? undefined : { pairs: [...current.pairs, { a, b, at: desk.nowIso(), operator: desk.operator() }] },
      );
      return { linked: true, pairs: doc.pairs.length };
    },
  ),

  'duplicates.unlink': handler(z.strictObject({ a: PartyRefSchema, b: PartyRefSchema }), '取消“同一人”关联', async (desk, input) => {
    const same = (x: PartyRef, y: PartyRef) => x.caseId === y.caseId && x.partyId === y.partyId;
    let removed = 0;
    await registerOf(desk).updateLinks((doc) => {
      const kept = doc.pairs.filter((l) => !((same(l.a, input.a) && same(l.b, input.b)) || (same(l.a, input.b) && same(l.b, input.a))));
      removed = doc.pairs.length - kept.length;
      return removed ? { pairs: kept } : undefined;
    });
    return { linked: false, removed };
  }),

  'duplicates.links': handler(z.strictObject({ caseId: z.string().optional() }), '已确认为同一人的当事人关联', async (desk, input) => {
    const caseId = input.caseId ? (await desk.findCase(input.caseId)).id : undefined;
    const register = registerOf(desk);
    const pairs = (await register.links()).pairs.filter((l) => !caseId || l.a.caseId === caseId || l.b.caseId === caseId);
    const cases = await register.casesByIds([...new Set(pairs.flatMap((l) => [l.a.caseId, l.b.caseId]))]);
    const describe = (ref: PartyRef) => {
      const c = cases.get(ref.caseId);
      const p = c?.parties.find((x) => x.id === ref.partyId);
      return { ...ref, caseNumber: c?.number ?? '', name: p?.name ?? '（已不存在）', status: c?.status ?? '' };
    };
    return { pairs: pairs.map((l) => ({ a: describe(l.a), b: describe(l.b), at: l.at, operator: l.operator })) };
  }),

  'dossier.check': handler(
    z.strictObject({ id: z.string().min(1, '请指定案件（ID或案号）') }),
    '卷宗清单：应有的文书、已生成的、已在纸面签署的、缺少的',
    async (desk, input) => checkDossier(await desk.findCase(input.id)),
  ),

  'dossier.pdf': handler(
    z.strictObject({
      id: z.string().min(1, '请指定案件（ID或案号）').max(LIMITS.caseRefChars),
      out: OutputPath.optional(),
      overwrite: Overwrite,
    }),
    '打印整本卷宗：封面与卷内目录，然后是各份文书，合为一个PDF',
    async (desk, input) => {
      const c = await desk.findCase(input.id);
      // The path is checked before the work, and the print is logged only once the file is written.
      const rules = desk.outputRules({ overwrite: input.overwrite, field: 'out' });
      if (input.out) await checkOutputPath(input.out, rules);
      const pdf = await renderDossierPdf(desk, c.id);
      const fileName = `${c.number}-人民调解卷宗.pdf`.replace(/[\\/:*?"<>|\r\n]/g, '_');
      const summary = { fileName, pages: pdf.pages, warnings: pdf.warnings, contents: pdf.contents };
      const written = input.out ? await desk.writeOutput(input.out, pdf.bytes, rules) : undefined;
      if (!c.origin)
        await recordCaseEvent(desk, c.id, 'dossier-printed', {
          pages: pdf.pages,
          documents: pdf.contents.filter((i) => i.page).map((i) => i.title),
        });
      return written ? { ...summary, path: written } : { ...summary, base64: pdf.bytes.toString('base64') };
    },
  ),

  'dossier.mark': handler(
    z.strictObject({
      id: z.string().min(1, '请指定案件（ID或案号）'),
      /** A template name (`agreement`, `notice`…) or a checklist item key. */
      template: z.string().min(1, '请指定文书'),
      signed: z.boolean().default(true),
    }),
    '标记（或取消标记）某份卷宗文书已在纸面签署',
    async (desk, input) => {
      const c = await desk.findCase(input.id);
      if (c.origin) throw notAllowed('这是从站点导入的案件，在中心只能查看');
      const item = DOSSIER_ITEMS.find((i) => i.key === input.template);
      const template = item ? item.templates[0] : input.template;
      if (!DOSSIER_TEMPLATES.includes(template)) {
        throw invalid('template', `“${input.template}”不是卷宗中的文书，可选：${DOSSIER_TEMPLATES.join('、')}`);
      }
      const current = new Set(c.paperSigned ?? []);
      if (current.has(template) === input.signed) return checkDossier(c);
      if (input.signed) current.add(template);
      else current.delete(template);
      const next = await recordCaseEvent(
        desk,
        c.id,
        input.signed ? 'paper-signed' : 'paper-unsigned',
        { template },
        { paperSigned: [...current] },
      );
      return checkDossier(next);
    },
    ALLOW.mediation,
  ),
};
