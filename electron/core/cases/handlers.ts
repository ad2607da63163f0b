/** Handlers for the case register: registration, editing, workflow, search, log verification. */

import { z } from 'zod';

import { handler } from '../handler';
import { LIMITS } from '../limits';
import { CASE_ACTIONS, CaseEditSchema, CaseInputSchema, DateSchema, inputCode } from '../schema/case';
import {
  AGREEMENT_FORMS,
  CASE_SOURCES,
  CASE_STATUSES,
  CONFIRMATION_RESULTS,
  DISPUTE_TYPES,
  FOLLOW_UP_METHODS,
  GENDERS,
  GUIDANCE_ROUTES,
  ID_TYPES,
  PARTY_ROLES,
  PERFORMANCE_STATES,
} from '../schema/codes';
import { problemsOf } from '../validate';
import { verifyLog } from './events';
import { caseIndex, safeSummary } from './search';
import { actOnCase, addCase, type CaseRules, editCase } from './service';
import { availableActions } from './workflow';

const CaseId = z.string().min(1, '请指定案件（ID或案号）').max(LIMITS.caseRefChars, '案件ID或案号过长');
const CaseRef = z.strictObject({ id: CaseId });

export const CaseQuerySchema = z.strictObject({
  q: z.string().max(LIMITS.queryChars, `关键词不能超过${LIMITS.queryChars}个字`).optional(),
  status: z.union([inputCode(CASE_STATUSES), z.array(inputCode(CASE_STATUSES))]).optional(),
  type: inputCode(DISPUTE_TYPES).optional(),
  mediator: z.string().max(100).optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  station: z.string().max(100).optional(),
  /** Only written agreements not yet signed. */
  unsigned: z.boolean().optional(),
  offset: z.int().nonnegative().optional(),
  limit: z.int().positive().max(100_000).optional(),
});

/**
 * The case entries of the handler table. `rules` carries the judgements of upper layers that the
 * workflow needs (the 卷宗 check on closing lives in oversight); api.ts passes them in.
 */
export const caseHandlers = (rules: CaseRules) => ({
  'cases.add': handler(CaseInputSchema, '登记新案件', (desk, input) => addCase(desk, input)),

  'cases.check': handler(z.unknown(), '检查案件登记表（不保存），返回每个字段的问题', (_desk, input) => {
    const result = CaseInputSchema.safeParse(input);
    return result.success ? { ok: true as const, problems: [] } : { ok: false as const, problems: problemsOf(result.error) };
  }),

  'cases.edit': handler(z.strictObject({ id: CaseId, changes: CaseEditSchema }), '修改案件基本信息', (desk, input) =>
    editCase(desk, input.id, input.changes),
  ),

  'cases.act': handler(
    z.strictObject({
      id: CaseId,
      action: z.enum(CASE_ACTIONS, { message: `操作应为：${CASE_ACTIONS.join('、')}` }),
      details: z.unknown().optional(),
    }),
    '对案件执行流程操作（受理、调解、达成协议、签署、结案……）',
    (desk, input) => actOnCase(desk, input.id, input.action, input.details, rules),
  ),

  'cases.get': handler(CaseRef, '查看一件案件（含可执行的操作）', (desk, input) => {
    const found = desk.getCase(input.id);
    return { case: found, actions: availableActions(found) };
  }),

  'cases.list': handler(CaseQuerySchema, '查询案件列表（身份证号已遮挡；无法显示的案件照常列出并说明原因）', (desk, query) => {
    const { total, items } = caseIndex(desk).search(query);
    const rows = items.map(safeSummary);
    const unreadable = rows.filter((r) => r.unreadable).map((r) => ({ id: r.id, number: r.number, reason: r.unreadable! }));
    return unreadable.length ? { total, items: rows, unreadable } : { total, items: rows };
  }),

  'cases.verifyLog': handler(CaseRef, '校验案件操作记录的哈希链', (desk, input) => {
    const found = desk.getCase(input.id);
    return { id: found.id, number: found.number, ...verifyLog(found.events) };
  }),

  'codes.list': handler(z.strictObject({}), '各类代码表（纠纷类型、案件来源等）', () => ({
    disputeTypes: DISPUTE_TYPES.entries,
    sources: CASE_SOURCES.entries,
    statuses: CASE_STATUSES.entries,
    roles: PARTY_ROLES.entries,
    genders: GENDERS.entries,
    idTypes: ID_TYPES.entries,
    agreementForms: AGREEMENT_FORMS.entries,
    guidance: GUIDANCE_ROUTES.entries,
    confirmationResults: CONFIRMATION_RESULTS.entries,
    performance: PERFORMANCE_STATES.entries,
    followUpMethods: FOLLOW_UP_METHODS.entries,
  })),
});
