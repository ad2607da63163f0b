/** Handlers for the case register: registration, editing, workflow, search, log verification. */

import { z } from 'zod';

import type { Desk } from '../desk';
import { handler } from '../handler';
import type { Case } from '../schema/case';
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
import { type CaseQuery, summarise } from './search';
import { actOnCase, addCase, type CaseRules, editCase } from './service';
import { availableActions } from './workflow';

const CaseRef = z.strictObject({ id: z.string().min(1, '请指定案件（ID或案号）') });

export const CaseQuerySchema = z.strictObject({
  q: z.string().optional(),
  status: z.union([inputCode(CASE_STATUSES), z.array(inputCode(CASE_STATUSES))]).optional(),
  type: inputCode(DISPUTE_TYPES).optional(),
  mediator: z.string().optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  station: z.string().optional(),
  /** Only written agreements not yet signed. */
  unsigned: z.boolean().optional(),
  offset: z.int().nonnegative().optional(),
  limit: z.int().positive().max(100_000).optional(),
});

/**
 * Where the register list comes from: the desk's search index, or a centre's database. The choice is
 * the register's (an upper layer, register/); api.ts passes it in.
 */
export interface CaseLists {
  list(desk: Desk, query: CaseQuery): Promise<{ total: number; items: Case[] }>;
}

/**
 * The case entries of the handler table. `rules` carries the judgements of upper layers that the
 * workflow needs (the 卷宗 check on closing lives in oversight); api.ts passes them in, and the list.
 */
export const caseHandlers = (rules: CaseRules, lists: CaseLists) => ({
  'cases.add': handler(CaseInputSchema, '登记新案件', (desk, input) => addCase(desk, input)),

  'cases.check': handler(z.unknown(), '检查案件登记表（不保存），返回每个字段的问题', (_desk, input) => {
    const result = CaseInputSchema.safeParse(input);
    return result.success ? { ok: true as const, problems: [] } : { ok: false as const, problems: problemsOf(result.error) };
  }),

  'cases.edit': handler(z.strictObject({ id: z.string().min(1), changes: CaseEditSchema }), '修改案件基本信息', (desk, input) =>
    editCase(desk, input.id, input.changes),
  ),

  'cases.act': handler(
    z.strictObject({
      id: z.string().min(1),
      action: z.enum(CASE_ACTIONS, { message: `操作应为：${CASE_ACTIONS.join('、')}` }),
      details: z.unknown().optional(),
    }),
    '对案件执行流程操作（受理、调解、达成协议、签署、结案……）',
    (desk, input) => actOnCase(desk, input.id, input.action, input.details, rules),
  ),

  'cases.get': handler(CaseRef, '查看一件案件（含可执行的操作）', async (desk, input) => {
    const found = await desk.findCase(input.id);
    return { case: found, actions: availableActions(found) };
  }),

  'cases.list': handler(CaseQuerySchema, '查询案件列表（身份证号已遮挡）', async (desk, query) => {
    const { total, items } = await lists.list(desk, query);
    return { total, items: items.map(summarise) };
  }),

  'cases.verifyLog': handler(CaseRef, '校验案件操作记录的哈希链', async (desk, input) => {
    const found = await desk.findCase(input.id);
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
