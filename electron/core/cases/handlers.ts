/** Handlers for the case register: registration, editing, workflow, search, log verification. */

import { z } from 'zod';

import type { Desk } from '../desk';
import { DeskError, notSignedIn } from '../errors';
import { handler } from '../handler';
import { LIMITS } from '../limits';
import type { Case } from '../schema/case';
import { ACTION_LABELS, CASE_ACTIONS, type CaseAction, CaseEditSchema, CaseInputSchema, DateSchema, inputCode } from '../schema/case';
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
import { ALLOW } from '../schema/operators';
import { callOperator } from '../session';
import { problemsOf } from '../validate';
import { lastStep } from './corrections';
import { verifyLog } from './events';
import { type CaseQuery, safeSummary } from './search';
import { actOnCase, addCase, type CaseRules, editCase } from './service';
import { availableActions, whyNot } from './workflow';

const CaseId = z.string().min(1, '请指定案件（ID或案号）').max(LIMITS.caseRefChars, '案件ID或案号过长');
const CaseRef = z.strictObject({ id: CaseId });

/** Case actions the front desk's 受理员 may take: receiving a case or turning it away, and a withdrawal. */
const FRONT_DESK_ACTIONS = new Set<CaseAction>(['accept', 'decline', 'withdraw']);

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
  /** 我的案件: the current operator's cases (as 人民调解员). */
  mine: z.boolean().optional(),
  offset: z.int().nonnegative().optional(),
  limit: z.int().positive().max(100_000).optional(),
});

/** The query as the index answers it: 我的案件 becomes the signed-in operator as mediator. */
export function resolveQuery<Q extends { mine?: boolean; mediator?: string }>(desk: Desk, query: Q): Omit<Q, 'mine'> {
  const { mine, ...rest } = query;
  if (!mine) return rest;
  // the signed-in operator; the office's named operator only where nobody signs in (a register from before operators)
  const operator = (callOperator() ?? desk.session.operator())?.name ?? desk.maybeSettings()?.operator;
  if (!operator) throw notSignedIn('请先登录，才能列出“我的案件”');
  if (rest.mediator && rest.mediator !== operator)
    throw new DeskError('VALIDATION', `“我的案件”与调解员“${rest.mediator}”不能同时选择`, { field: 'mediator' });
  return { ...rest, mediator: operator };
}

/** Steps of a case that still leave it at the front desk. */
const FRONT_DESK_EVENTS = new Set<string>(['created', 'edited', 'accept', 'document-generated']);

/**
 * Whether a case is still the front desk's to edit: registered, or accepted with no session, agreement or
 * other step since. Unknown case or register not loaded (nobody signed in yet): the sign-in check and
 * the handler answer that.
 */
function atFrontDesk(desk: Desk, id: string): boolean {
  if (!desk.session.active()) return true;
  try {
    const c = desk.getCase(id);
    return c.status === 'registered' || (c.status === 'accepted' && !c.events.some((e) => !FRONT_DESK_EVENTS.has(e.type)));
  } catch {
    return true;
  }
}

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

  'cases.edit': handler(
    z.strictObject({ id: CaseId, changes: CaseEditSchema }),
    '修改案件基本信息',
    (desk, input) => editCase(desk, input.id, input.changes),
    // the front desk edits a new case (its mediators, a mistyped detail); once mediation has moved on, a
    // correction with its reason is for those who mediate
    (input, desk) => (atFrontDesk(desk, input.id) ? 'signed-in' : { roles: ALLOW.mediation, what: '修改调解中的案件' }),
  ),

  'cases.act': handler(
    z.strictObject({
      id: CaseId,
      action: z.enum(CASE_ACTIONS, { message: `操作应为：${CASE_ACTIONS.join('、')}` }),
      details: z.unknown().optional(),
    }),
    '对案件执行流程操作（受理、调解、达成协议、签署、结案……）',
    (desk, input) => actOnCase(desk, input.id, input.action, input.details, rules),
    // the front desk (受理员) receives and routes cases; mediating and signing is for the others
    (input) => (FRONT_DESK_ACTIONS.has(input.action) ? 'signed-in' : { roles: ALLOW.mediation, what: ACTION_LABELS[input.action] }),
  ),

  'cases.get': handler(CaseRef, '查看一件案件（含可执行的操作，以及“撤销上一步”会撤销哪一步）', async (desk, input) => {
    const found = await desk.findCase(input.id);
    const step = lastStep(found);
    const undo =
      step && whyNot(found, 'undo-last') === null
        ? {
            type: step.type,
            label: ACTION_LABELS[step.type as CaseAction],
            ...(typeof step.details.date === 'string' ? { date: step.details.date } : {}),
          }
        : null;
    return { case: found, actions: availableActions(found), undo };
  }),

  'cases.list': handler(CaseQuerySchema, '查询案件列表（身份证号已遮挡；无法显示的案件照常列出并说明原因）', async (desk, query) => {
    const { total, items } = await lists.list(desk, resolveQuery(desk, query));
    const rows = items.map(safeSummary);
    const unreadable = rows.filter((r) => r.unreadable).map((r) => ({ id: r.id, number: r.number, reason: r.unreadable! }));
    return unreadable.length ? { total, items: rows, unreadable } : { total, items: rows };
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
