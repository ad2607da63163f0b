/**
 * Request operations over the desk: registration, editing the registration, workflow actions, and
 * 转人民调解 (a case made from the request, both saved in one commit and linked both ways). Each builds
 * the new request with `withEvent` (the same hash-chained log as cases), validates it against the
 * stored schema and commits it; nothing is written on any failure.
 */

import type { z } from 'zod';

import { withEvent } from '../cases/events';
import type { Counters } from '../cases/numbering';
import { prepareCase } from '../cases/service';
import { type FieldChange, fieldChanges } from '../cases/transition';
import { dropUndefined } from '../cases/workflow';
import { localDateTime } from '../dates';
import type { Desk } from '../desk';
import { DeskError, invalid, notAllowed, notFound } from '../errors';
import { type Case, type ParsedCaseInput, PersonInputSchema } from '../schema/case';
import {
  ANSWERED_AT_DESK,
  type ParsedRequestInput,
  type Request,
  REQUEST_ACTION_SCHEMAS,
  REQUEST_LABELS,
  type RequestAction,
  type RequestActionDetails,
  type RequestEditSchema,
  RequestSchema,
} from '../schema/request';
import type { Settings } from '../schema/settings';
import { parseOrThrow } from '../validate';
import { issueRequestNumber } from './numbering';
import { calendarOf } from './workdays';
import { initialDues, officeFrom, receivedDay, requestTransition, type RequestWorkflowContext } from './workflow';

export const REQUESTS = 'requests' as const;

/** The request with this id or 登记编号; NOT_FOUND otherwise. */
export function getRequest(desk: Desk, idOrNumber: string): Request {
  const found = desk.store.getRecord<Request>(REQUESTS, idOrNumber) ?? desk.store.getRecordByNumber<Request>(REQUESTS, idOrNumber);
  if (!found) throw notFound(`找不到来访登记“${idOrNumber}”`);
  return found;
}

/** The stored schema is the last gate: a request that does not satisfy it is never written. */
function checked(r: Request): Request {
  const result = RequestSchema.safeParse(r);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DeskError('INTERNAL', `来访登记数据不完整（${issue.path.join('.')}：${issue.message}），未保存`);
  }
  return r;
}

function workflowContext(desk: Desk, settings: Settings): RequestWorkflowContext {
  return {
    today: desk.today(),
    operator: desk.operator(),
    frontDesk: settings.frontDesk,
    calendar: calendarOf(settings),
    newId: () => desk.newId(),
  };
}

function stationOnly(settings: Settings): void {
  if (settings.role === 'centre') throw notAllowed('本机设置为公共法律服务中心：来访登记由站点批量上报导入，在中心只能查看');
}

export async function addRequest(desk: Desk, input: ParsedRequestInput): Promise<Request> {
  const settings = desk.settings();
  stationOnly(settings);
  const receivedAt = input.receivedAt ?? localDateTime(desk.clock.now());
  const day = receivedAt.slice(0, 10);
  if (day > desk.today()) throw invalid('receivedAt', `${day}晚于今天`);
  const ctx = workflowContext(desk, settings);
  const issued = issueRequestNumber(desk, settings, day);
  const at = desk.nowIso();
  // 首问负责人: the operator signed in at the desk, who also signs the log's first event
  const by = ctx.operator;
  const answered = ANSWERED_AT_DESK.has(input.handling);
  const draft: Request = dropUndefined({
    id: desk.newId(),
    number: issued.number,
    receivedAt,
    channel: input.channel,
    businessType: input.businessType,
    visitor: input.visitor,
    matter: input.matter,
    category: input.category,
    firstResponder: by,
    handling: input.handling,
    ...initialDues(input.handling, day, settings.frontDesk, ctx.calendar),
    answer: answered && input.answer ? { date: day, by, text: input.answer } : undefined,
    followUps: [],
    state: input.close ? 'closed' : answered ? 'answered' : 'registered',
    closedAt: input.close ? day : undefined,
    events: [],
    revision: 0,
    createdAt: at,
    updatedAt: at,
  });
  let created = withEvent(
    draft,
    {},
    'created',
    dropUndefined({ number: issued.number, handling: input.handling, closed: input.close || undefined }),
    by,
    at,
  );
  if (input.office) {
    // 转办 at the desk: routed on the day it was received, in the same save.
    const { change, details } = requestTransition(
      created,
      'route',
      { date: day, office: officeFrom(settings.frontDesk.offices, input.office) },
      ctx,
    );
    created = withEvent(created, change, 'route', details, ctx.operator, at);
  }
  let counters = issued.counters;
  const cases: Case[] = [];
  if (input.mediation) {
    // 转人民调解 at the desk: the case is made in the same save, numbered after the request.
    const details = { date: day, ...input.mediation };
    const { change, details: logged } = requestTransition(created, 'to-mediation', details, ctx);
    const made = prepareMediationCase(desk, created, details, day, counters);
    const link = { mediationCase: { id: made.created.id, number: made.created.number, date: day } };
    created = withEvent(created, { ...change, ...link }, 'to-mediation', { ...logged, case: made.created.number }, ctx.operator, at);
    cases.push(made.created);
    counters = made.counters;
  }
  created = checked(dropUndefined(created));
  await desk.commit({ cases, records: { requests: [created] }, docs: { counters } });
  return created;
}

/** What a correction of the registration changes, field by field; the visitor's details each on their own. */
function registrationChanges(current: Request, change: Partial<Request>): Record<string, FieldChange> {
  const { visitor, ...rest } = change;
  const changes = fieldChanges(current, rest);
  if (visitor) {
    // a detail the corrected visitor no longer has (an ID number taken back) is removed: null
    const removed = Object.fromEntries(
      Object.keys(current.visitor)
        .filter((k) => !(k in visitor))
        .map((k) => [k, null]),
    );
    for (const [field, fieldChange] of Object.entries(fieldChanges(current.visitor, { ...removed, ...visitor })))
      changes[`visitor.${field}`] = fieldChange;
  }
  return changes;
}

export async function editRequest(desk: Desk, id: string, edit: z.output<typeof RequestEditSchema>): Promise<Request> {
  const current = getRequest(desk, id);
  if (current.origin) throw notAllowed('这是从站点上报的来访登记，在中心只能查看');
  if (current.state === 'closed') throw notAllowed('已办结的来访登记不能修改');
  const change: Partial<Request> = dropUndefined({
    receivedAt: edit.receivedAt,
    channel: edit.channel,
    businessType: edit.businessType,
    visitor: edit.visitor,
    matter: edit.matter,
    category: edit.category,
  });
  if (change.receivedAt && change.receivedAt.slice(0, 10) > desk.today())
    throw invalid('receivedAt', `${change.receivedAt.slice(0, 10)}晚于今天`);
  if (change.receivedAt && receivedDay({ receivedAt: change.receivedAt }) !== receivedDay(current) && current.state !== 'registered') {
    throw notAllowed('已开始办理的登记不能改动登记日期（期限从登记日期起算）');
  }
  const changes = registrationChanges(current, change);
  const fields = Object.keys(changes);
  if (fields.length === 0) return current;
  // old → new in the log, as for a case's corrections (visitor details one by one: `visitor.phone`)
  const next = checked(withEvent(current, change, 'edited', { fields, changes }, desk.operator(), desk.nowIso()));
  await desk.commit({ records: { requests: [next] } });
  return next;
}

export async function actOnRequest(
  desk: Desk,
  id: string,
  action: RequestAction,
  rawDetails: unknown,
): Promise<{ request: Request; case?: Case }> {
  const current = getRequest(desk, id);
  const settings = desk.settings();
  const details = parseOrThrow(REQUEST_ACTION_SCHEMAS[action], rawDetails ?? {}, ['details'], REQUEST_LABELS);
  const ctx = workflowContext(desk, settings);
  const { change, details: logged } = requestTransition(current, action, details as never, ctx);
  const at = desk.nowIso();
  if (action === 'to-mediation') {
    stationOnly(settings);
    const made = prepareMediationCase(desk, current, details as RequestActionDetails<'to-mediation'>, logged.date as string);
    const next = checked(
      dropUndefined(
        withEvent(
          current,
          { ...change, mediationCase: { id: made.created.id, number: made.created.number, date: logged.date as string } },
          action,
          { ...logged, case: made.created.number },
          ctx.operator,
          at,
        ),
      ),
    );
    await desk.commit({ cases: [made.created], records: { requests: [next] }, docs: { counters: made.counters } });
    return { request: next, case: made.created };
  }
  // Optional fields cleared by the change (answerDue on routing) must not survive into the stored JSON.
  const next = checked(dropUndefined(withEvent(current, change, action, logged, ctx.operator, at)));
  await desk.commit({ records: { requests: [next] } });
  return { request: next };
}

/**
 * The case for 转人民调解: the visitor as applicant (their ID number gives birth date and gender), the
 * respondents given, the matter as the facts, source 当事人申请, received on the day of the transfer.
 */
function prepareMediationCase(
  desk: Desk,
  r: Request,
  d: Omit<RequestActionDetails<'to-mediation'>, 'date'>,
  date: string,
  counters?: Counters,
) {
  const disputeType = d.disputeType ?? r.category;
  if (!disputeType) throw invalid('details.disputeType', '请选择纠纷类型（登记时未填写纠纷类型）');
  const applicant = parseOrThrow(
    PersonInputSchema,
    dropUndefined({
      role: 'applicant',
      kind: 'person',
      name: r.visitor.name,
      idType: r.visitor.idType,
      idNumber: r.visitor.idNumber,
      phone: r.visitor.phone,
      address: r.visitor.address,
    }),
    ['visitor'],
    REQUEST_LABELS,
  );
  const summary = (d.summary || firstLine(r.matter)).slice(0, 100);
  const input: ParsedCaseInput = {
    receivedAt: date,
    source: 'application',
    disputeType,
    summary,
    facts: r.matter,
    claims: '',
    amount: 0,
    peopleInvolved: undefined,
    mediators: d.mediators,
    parties: [applicant, ...d.respondents],
  };
  return prepareCase(desk, input, { request: { id: r.id, number: r.number } }, counters);
}

/** The first sentence or line of the matter, as a 案由 when none is given. */
function firstLine(text: string): string {
  const line = text.split(/[\r\n。；;]/)[0].trim();
  return line || text.trim();
}

/** Record something that happened to a request outside the workflow (a 转办单 printed): one event, one revision. */
export async function recordRequestEvent(desk: Desk, id: string, type: string, details: Record<string, unknown>): Promise<Request> {
  const current = getRequest(desk, id);
  const next = checked(withEvent(current, {}, type, details, desk.operator(), desk.nowIso()));
  await desk.commit({ records: { requests: [next] } });
  return next;
}
