/**
 * Case operations over the desk: registration, editing, workflow actions, and recording events for
 * other modules (documents generated, receipts applied…). Each builds the new case with `withEvent`,
 * validates it against the stored schema, and commits it; nothing is written on any failure.
 */

import type { z } from 'zod';

import type { Desk } from '../desk';
import { DeskError, notAllowed } from '../errors';
import type { CaseEditSchema, PartyInputSchema } from '../schema/case';
import {
  ACTION_SCHEMAS,
  type ActionDetails,
  type Case,
  type CaseAction,
  CaseSchema,
  type ParsedCaseInput,
  type Party,
} from '../schema/case';
import { parseOrThrow } from '../validate';
import { withEvent } from './events';
import { type Counters, issueNumber } from './numbering';
import { dropUndefined, type FieldChange, fieldChanges } from './transition';
import { transition } from './workflow';

type ParsedParty = z.output<typeof PartyInputSchema>;

function toParty(desk: Desk, input: ParsedParty): Party {
  return dropUndefined({ ...input, id: input.id ?? desk.newId() }) as Party;
}

/** The stored schema is the last gate: a case that does not satisfy it is never written. */
function checked(c: Case): Case {
  const result = CaseSchema.safeParse(c);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DeskError('INTERNAL', `案件数据不完整（${issue.path.join('.')}：${issue.message}），未保存`);
  }
  return c;
}

/** 受理日期 cannot lie after today: the one rule for registering a case and for editing it. */
export function checkReceivedAt(receivedAt: string, today: string): void {
  if (receivedAt > today) throw new DeskError('VALIDATION', `登记日期：${receivedAt}晚于今天`, { field: 'receivedAt' });
}

export async function addCase(desk: Desk, input: ParsedCaseInput): Promise<Case> {
  const { created, counters } = prepareCase(desk, input);
  await desk.commit({ cases: [created], docs: { counters } });
  return created;
}

/**
 * A new case with its 案号, not yet saved, and the counters to save with it: for callers that write
 * the case in one commit with something else (the front desk's 转人民调解 saves the request with it).
 */
export function prepareCase(
  desk: Desk,
  input: ParsedCaseInput,
  link: Pick<Case, 'request'> = {},
  /** The counters as the same save will leave them (a request numbered in it), else the stored ones. */
  base?: Counters,
): { created: Case; counters: Counters } {
  const settings = desk.settings();
  if (settings.role === 'centre') throw notAllowed('本机设置为公共法律服务中心，案件由站点批量上报导入，不在中心登记');
  const receivedAt = input.receivedAt ?? desk.today();
  checkReceivedAt(receivedAt, desk.today());
  const counters = base ?? desk.store.getDoc<Counters>('counters') ?? {};
  const issued = issueNumber(
    settings.numberPattern,
    settings.shortName,
    receivedAt,
    counters,
    (n) => desk.store.getCaseByNumber(n) !== undefined,
  );
  const at = desk.nowIso();
  const parties = input.parties.map((p) => toParty(desk, p));
  const draft: Case = {
    id: desk.newId(),
    number: issued.number,
    receivedAt,
    source: input.source,
    disputeType: input.disputeType,
    summary: input.summary,
    facts: input.facts,
    claims: input.claims,
    amountFen: input.amount,
    peopleInvolved: input.peopleInvolved ?? parties.length,
    mediators: input.mediators,
    parties,
    status: 'registered',
    events: [],
    sessions: [],
    followUps: [],
    revision: 0,
    createdAt: at,
    updatedAt: at,
    ...link,
  };
  const details = { number: issued.number, parties: parties.length, ...(link.request ? { request: link.request.number } : {}) };
  const created = checked(withEvent(draft, {}, 'created', details, desk.operator(), at));
  return { created, counters: issued.counters };
}

function assertEditable(c: Case): void {
  if (c.origin) throw notAllowed('这是从站点导入的案件，在中心只能查看');
  if (c.status === 'closed') throw notAllowed('已结案归档的案件不能修改；如确需修改，请先“重新开启”（需填写理由）');
}

/** Party fields compared one by one, so the log says `parties[1].idNumber: from → to`. */
function partyChanges(before: readonly Party[], after: readonly Party[]): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  const old = new Map(before.map((p) => [p.id, p]));
  after.forEach((p, i) => {
    const was = old.get(p.id);
    if (!was) {
      changes[`parties[${i}]`] = { from: null, to: p };
      return;
    }
    old.delete(p.id);
    const cleared = Object.fromEntries(
      Object.keys(was)
        .filter((k) => !(k in p))
        .map((k) => [k, null]),
    );
    for (const [field, change] of Object.entries(fieldChanges(was, { ...cleared, ...p } as Partial<Party>)))
      changes[`parties[${i}].${field}`] = change;
    if (before.indexOf(was) !== i) changes[`parties[${i}]`] ??= { from: `第${before.indexOf(was) + 1}位`, to: `第${i + 1}位` };
  });
  for (const gone of old.values()) changes[`parties[${before.indexOf(gone)}]`] = { from: gone, to: null };
  return changes;
}

/** The earliest date of a workflow step: the received date may not move after it. */
function firstStepDate(c: Case): string | undefined {
  let first: string | undefined;
  for (const e of c.events) {
    const date = e.type === 'created' || e.type === 'edited' ? undefined : e.details.date;
    if (typeof date === 'string' && (first === undefined || date < first)) first = date;
  }
  return first;
}

export async function editCase(desk: Desk, id: string, edit: z.output<typeof CaseEditSchema>): Promise<Case> {
  const current = await desk.findCase(id);
  assertEditable(current);
  const { reason, parties: partyInput, ...fields } = edit;
  const patch: Partial<Case> = dropUndefined({
    receivedAt: fields.receivedAt,
    source: fields.source,
    disputeType: fields.disputeType,
    summary: fields.summary,
    facts: fields.facts,
    claims: fields.claims,
    amountFen: fields.amount,
    peopleInvolved: fields.peopleInvolved,
    mediators: fields.mediators,
  });
  const parties = partyInput?.map((p) => toParty(desk, p));
  const changes: Record<string, FieldChange> = {
    ...fieldChanges(current, patch),
    ...(parties ? partyChanges(current.parties, parties) : {}),
  };
  if (Object.keys(changes).length === 0) return current;
  if (current.agreement && !reason) {
    throw new DeskError('VALIDATION', '理由：本案已达成协议，修改基本信息须填写理由（记入操作记录）', { field: 'reason' });
  }
  const first = firstStepDate(current);
  if (patch.receivedAt) checkReceivedAt(patch.receivedAt, desk.today());
  if (patch.receivedAt && first && patch.receivedAt > first) {
    throw new DeskError('VALIDATION', `受理日期：${patch.receivedAt}晚于本案已办理步骤的日期（${first}）`, { field: 'receivedAt' });
  }
  const change: Partial<Case> = { ...patch, ...(parties ? { parties } : {}) };
  const fieldsChanged = [...new Set(Object.keys(changes).map((k) => k.replace(/\[.*$/, '')))];
  const details = dropUndefined({ fields: fieldsChanged, changes, reason: reason || undefined });
  const next = checked(withEvent(current, change, 'edited', details, desk.operator(), desk.nowIso()));
  await desk.commit({ cases: [next] });
  return next;
}

/** Judgements of upper layers the workflow applies, injected by the handler table (api.ts). */
export interface CaseRules {
  /**
   * Before 结案: the 卷宗's missing parts, null when complete; throws NOT_ALLOWED when parts are
   * missing and the user has not acknowledged them.
   */
  closingGap(c: Case, acknowledged: boolean | undefined): string[] | null;
}

export async function actOnCase(desk: Desk, id: string, action: CaseAction, rawDetails: unknown, rules: CaseRules): Promise<Case> {
  const current = await desk.findCase(id);
  const details = parseOrThrow(ACTION_SCHEMAS[action], rawDetails ?? {});
  const { change, details: logged } = transition(current, action, details as never, {
    today: desk.today(),
    court: desk.maybeSettings()?.court ?? '',
    newId: () => desk.newId(),
  });
  // 结案 with an incomplete 卷宗: refused unless acknowledged; when acknowledged the gap goes into the log.
  const gap = action === 'close' ? rules.closingGap(current, (details as ActionDetails<'close'>).acknowledgeIncomplete) : null;
  const next = checked(withEvent(current, change, action, gap ? { ...logged, dossierGap: gap } : logged, desk.operator(), desk.nowIso()));
  // `reopen` clears optional fields: a key set to undefined must not survive into the stored JSON.
  const stored = dropUndefined(next) as Case;
  await desk.commit({ cases: [stored] });
  return stored;
}

/**
 * Record something that happened to a case outside the workflow (a document generated, a receipt
 * applied, a party linked): one event, one revision, optionally with a change.
 */
export async function recordCaseEvent(
  desk: Desk,
  id: string,
  type: string,
  details: Record<string, unknown>,
  change: Partial<Case> = {},
): Promise<Case> {
  const current = await desk.findCase(id);
  const next = checked(withEvent(current, change, type, details, desk.operator(), desk.nowIso()));
  await desk.commit({ cases: [next] });
  return next;
}
