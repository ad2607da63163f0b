/**
 * The front desk's request (来访登记 / 咨询登记): one visit, call, letter or online message registered at
 * the one window (前台统一受理), answered there or routed to the office that handles it, and followed up.
 * Like the case model: stored schemas (codes only) and input schemas (codes or Chinese labels, as typed).
 * The workflow is electron/core/requests/workflow.ts. Text goes through the same cleaning and size
 * limits as a case's (./text.ts, ../limits.ts); the Chinese field names are the requests' own
 * (`REQUEST_LABELS`: `visitor` is 来访人 here, where in a case's follow-up it is 回访人).
 */

import { z } from 'zod';

import { isRealDate } from '../dates';
import { LIMITS, TEXT_LIMITS as T } from '../limits';
import {
  CaseEventSchema,
  CentreMarkSchema,
  checkIdNumber,
  DateSchema,
  inputCode,
  list,
  OriginSchema,
  PartyInputSchema,
  PhoneInput,
  storedCode,
  tableCode,
  TimestampSchema,
} from './case';
import {
  BUSINESS_TYPES,
  DISPUTE_TYPES,
  ID_TYPES,
  NOTIFY_METHODS,
  REQUEST_CHANNELS,
  REQUEST_HANDLINGS,
  REQUEST_STATES,
  SATISFACTION,
} from './codes';
import { line, paragraph, requiredLine, requiredParagraph } from './text';

/** Chinese names of the requests' fields, for messages (`parseOrThrow`); the shared table has the rest. */
export const REQUEST_LABELS = {
  number: '登记编号',
  receivedAt: '来访时间',
  visitor: '来访人',
  'visitor.name': '姓名',
  groupSize: '来访人数',
  idDeclined: '拒绝提供证件号码',
  channel: '来访渠道',
  businessType: '业务类型',
  matter: '来访事项',
  category: '纠纷类型',
  handling: '处理方式',
  answer: '答复内容',
  office: '承办单位',
  firstResponder: '首问负责人',
  close: '登记时办结',
  mediation: '转人民调解',
  satisfaction: '满意度',
  respondents: '被申请人',
  until: '延至日期',
  days: '工作日数',
  method: '告知方式',
  result: '办理结果',
  by: '办理人',
  changes: '修改内容',
  details: '办理内容',
  id: '来访登记',
} as const;

/**
 * When a request was received, in the office's local time: `YYYY-MM-DDTHH:mm`, or a date alone when
 * the time is not known (a letter). Strings of either form sort in time order; the first ten
 * characters are the day every statistic and deadline counts from.
 */
export const ReceivedAtSchema = z.string().refine((value) => {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  return !!match && isRealDate(match[1]) && (match[2] === undefined || (Number(match[2]) < 24 && Number(match[3]) < 60));
}, '时间格式应为YYYY-MM-DD HH:mm（或只写日期）');

/** As typed: `2026-11-23 09:05`, `2026-11-23T09:05`, `2026-11-23T09:05:30`, or a date alone. */
const ReceivedAtInput = z
  .string()
  .max(40, '时间格式应为YYYY-MM-DD HH:mm（或只写日期）')
  .transform((raw, ctx) => {
    const match = /^\s*(\d{4}-\d{2}-\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*$/.exec(raw);
    const value = match ? (match[2] === undefined ? match[1] : `${match[1]}T${match[2].padStart(2, '0')}:${match[3]}`) : raw;
    const checked = ReceivedAtSchema.safeParse(value);
    if (!checked.success) {
      ctx.addIssue({ code: 'custom', message: '时间格式应为YYYY-MM-DD HH:mm（或只写日期），如2026-11-23 09:05' });
      return z.NEVER;
    }
    return value;
  });

// ---------------------------------------------------------------- stored model

export const VisitorSchema = z.strictObject({
  name: requiredLine(T.personName, '来访人姓名不能为空'),
  idType: tableCode(ID_TYPES).optional(),
  idNumber: storedCode(T.idNumber).optional(),
  /** The visitor declined to give an ID number: recorded so, not left looking forgotten. */
  idDeclined: z.literal(true).optional(),
  phone: storedCode(T.phone).optional(),
  address: line(T.address).optional(),
  /** 来访人数: more than one for a group visit (集体访). */
  groupSize: z.int().positive().max(LIMITS.groupSize),
});
export type Visitor = z.infer<typeof VisitorSchema>;

/** Who did something, and on which day (the hash-chained log has the exact time). */
const doneBy = { date: DateSchema, by: line(T.personName) };

export const RoutingSchema = z.strictObject({
  /** 承办单位: one of the office's back offices (设置 → 统一受理). */
  office: requiredLine(T.organizationName, '请选择承办单位'),
  ...doneBy,
  /** 应反馈日期: the routing date plus the feedback time limit, in working days. */
  feedbackDue: DateSchema,
  /** A later due date granted once (at most the extended limit), and why. */
  extendedTo: DateSchema.optional(),
  extendReason: paragraph(T.reason).optional(),
});
export type Routing = z.infer<typeof RoutingSchema>;

export const RequestFollowUpSchema = z.strictObject({
  id: z.uuid(),
  ...doneBy,
  satisfaction: tableCode(SATISFACTION),
  notes: paragraph(T.notes).optional(),
  /** For 不满意: the call-back owed, due by a working-day limit, until it is recorded as handled. */
  callback: z
    .strictObject({
      due: DateSchema,
      date: DateSchema.optional(),
      notes: paragraph(T.notes).optional(),
      by: line(T.personName).optional(),
    })
    .optional(),
});
export type RequestFollowUp = z.infer<typeof RequestFollowUpSchema>;

export const RequestSchema = z.strictObject({
  id: z.uuid(),
  /** 登记编号: station code + year + sequence, never reused (requests/numbering). */
  number: storedCode(T.caseNumber).min(1),
  receivedAt: ReceivedAtSchema,
  channel: tableCode(REQUEST_CHANNELS),
  businessType: tableCode(BUSINESS_TYPES),
  visitor: VisitorSchema,
  /** 来访事项, in the visitor's words. */
  matter: requiredParagraph(T.matter, '请填写来访事项'),
  /** 纠纷类型, where the request is about a dispute. */
  category: tableCode(DISPUTE_TYPES).optional(),
  /** 首问负责人: owns the request until it is answered or handed over on record. */
  firstResponder: requiredLine(T.personName, '首问负责人不能为空'),
  handling: tableCode(REQUEST_HANDLINGS),
  answer: z.strictObject({ ...doneBy, text: requiredParagraph(T.matter, '请填写答复内容') }).optional(),
  /** 约期答复: the day the answer is promised by. */
  answerDue: DateSchema.optional(),
  /** 转办 registered but not yet routed: the day it must be routed by. */
  routeDue: DateSchema.optional(),
  routing: RoutingSchema.optional(),
  /** 转人民调解: the case made from this request, which links back. */
  mediationCase: z.strictObject({ id: z.uuid(), number: storedCode(T.caseNumber).min(1), date: DateSchema }).optional(),
  /** The back office's result (承办单位反馈). */
  feedback: z.strictObject({ ...doneBy, result: requiredParagraph(T.matter, '请填写办理结果') }).optional(),
  /** The visitor told the result. */
  notified: z.strictObject({ ...doneBy, method: tableCode(NOTIFY_METHODS), notes: paragraph(T.notes).optional() }).optional(),
  followUps: list(RequestFollowUpSchema, LIMITS.followUpsPerRequest, '回访记录'),
  state: tableCode(REQUEST_STATES),
  closedAt: DateSchema.optional(),
  /** At the centre: the station it came from (read-only there). */
  origin: OriginSchema.optional(),
  /** At the station: the centre's receipt. */
  centreMark: CentreMarkSchema.optional(),
  events: list(CaseEventSchema, LIMITS.eventsPerCase, '办理记录'),
  revision: z.int().positive(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Request = z.infer<typeof RequestSchema>;

// ---------------------------------------------------------------- input (request add, the quick-entry form, CLI)

export const VisitorInputSchema = z
  .strictObject({
    name: requiredLine(T.personName, '请填写来访人姓名'),
    idType: inputCode(ID_TYPES).default('resident-id'),
    idNumber: z
      .string()
      .max(T.idNumber * 2, `不能超过${T.idNumber}位`)
      .optional(),
    idDeclined: z.boolean().optional(),
    phone: PhoneInput.optional(),
    address: line(T.address).optional(),
    groupSize: z
      .int('来访人数应为整数')
      .positive('来访人数至少为1')
      .max(LIMITS.groupSize, `来访人数不能超过${LIMITS.groupSize}`)
      .default(1),
  })
  .transform((visitor, ctx) => {
    const checked = checkIdNumber(visitor.idType, visitor.idNumber, ctx);
    if (checked === z.NEVER) return z.NEVER;
    if (checked.idNumber && visitor.idDeclined) {
      ctx.addIssue({ code: 'custom', path: ['idDeclined'], message: '已填写证件号码，不能同时记为拒绝提供' });
      return z.NEVER;
    }
    const { idType, idNumber: _typed, idDeclined, ...rest } = visitor;
    return {
      ...rest,
      ...(checked.idNumber ? { idType, idNumber: checked.idNumber } : {}),
      ...(idDeclined ? { idDeclined: true as const } : {}),
    };
  });
export type VisitorInput = z.input<typeof VisitorInputSchema>;

/** A respondent as typed for 转人民调解: a party whose role is 被申请人 unless said otherwise. */
const RespondentInput = z.unknown().transform((raw, ctx) => {
  const withRole = raw && typeof raw === 'object' && !Array.isArray(raw) ? { role: 'respondent', ...raw } : raw;
  const result = PartyInputSchema.safeParse(withRole);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: issue.path } as never);
  return z.NEVER;
});

/** What a case needs that the request lacks (转人民调解): the respondents, the dispute type if not yet known. */
const MediationDetails = {
  respondents: list(RespondentInput, LIMITS.partiesPerCase - 1, '被申请人', { count: 1, message: '至少需要一名被申请人' }),
  disputeType: inputCode(DISPUTE_TYPES).optional(),
  summary: line(T.summary).optional(),
  mediators: list(requiredLine(T.personName, '调解员姓名不能为空'), LIMITS.mediatorsPerCase, '人民调解员').default([]),
};

/** Handlings answered at the desk: the answer is given with the registration. */
export const ANSWERED_AT_DESK = new Set<string>(['on-the-spot', 'legal-aid-guidance', 'other-channel']);

/** `request add`: exactly these field names; unknown fields are refused. */
export const RequestInputSchema = z
  .strictObject({
    receivedAt: ReceivedAtInput.optional(),
    channel: inputCode(REQUEST_CHANNELS).default('visit'),
    businessType: inputCode(BUSINESS_TYPES).default('consultation'),
    visitor: VisitorInputSchema,
    matter: requiredParagraph(T.matter, '请填写来访事项'),
    category: inputCode(DISPUTE_TYPES).optional(),
    handling: inputCode(REQUEST_HANDLINGS).default('on-the-spot'),
    /** The answer given at the desk (当场解答, 引导申请法律援助, 告知其他渠道). */
    answer: paragraph(T.matter).optional(),
    /** 转办 at once: the back office. */
    office: line(T.organizationName).optional(),
    /** Close it at once (a consultation answered on the spot that needs nothing more). */
    close: z.boolean().default(false),
    /** 转人民调解 at once: the case is made in the same save. */
    mediation: z.strictObject(MediationDetails).optional(),
  })
  .superRefine((input, ctx) => {
    if (ANSWERED_AT_DESK.has(input.handling) && !input.answer) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: '当场处理的登记请填写答复内容' });
    }
    if (input.answer && !ANSWERED_AT_DESK.has(input.handling)) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: '约期答复、转办或转人民调解的登记，答复在办理后登记' });
    }
    if (input.office && input.handling !== 'route') {
      ctx.addIssue({ code: 'custom', path: ['office'], message: '只有处理方式为“转办”时才填写承办单位' });
    }
    if (input.close && !ANSWERED_AT_DESK.has(input.handling)) {
      ctx.addIssue({ code: 'custom', path: ['close'], message: '只有当场答复的登记可以在登记时办结' });
    }
    if (input.mediation && input.handling !== 'to-mediation') {
      ctx.addIssue({ code: 'custom', path: ['mediation'], message: '只有处理方式为“转人民调解”时才填写被申请人' });
    }
  });
export type RequestInput = z.input<typeof RequestInputSchema>;
export type ParsedRequestInput = z.output<typeof RequestInputSchema>;

/** Editing a request's registration (not its handling record): any subset of these. */
export const RequestEditSchema = z.strictObject({
  receivedAt: ReceivedAtInput.optional(),
  channel: inputCode(REQUEST_CHANNELS).optional(),
  businessType: inputCode(BUSINESS_TYPES).optional(),
  visitor: VisitorInputSchema.optional(),
  matter: requiredParagraph(T.matter, '请填写来访事项').optional(),
  category: inputCode(DISPUTE_TYPES).optional(),
});
export type RequestEdit = z.input<typeof RequestEditSchema>;

// ---------------------------------------------------------------- workflow action details

const day = DateSchema.optional();

export const REQUEST_ACTION_SCHEMAS = {
  answer: z.strictObject({ date: day, answer: requiredParagraph(T.matter, '请填写答复内容') }),
  route: z.strictObject({ date: day, office: requiredLine(T.organizationName, '请选择承办单位') }),
  extend: z
    .strictObject({
      date: day,
      /** The new due date; or `days`: working days from the routing date. */
      until: DateSchema.optional(),
      days: z.int().positive().max(365).optional(),
      reason: requiredParagraph(T.reason, '请填写延期理由'),
    })
    .refine((v) => (v.until === undefined) !== (v.days === undefined), {
      message: '请给出延至日期（until）或工作日数（days）之一',
      path: ['until'],
    }),
  feedback: z.strictObject({ date: day, result: requiredParagraph(T.matter, '请填写办理结果'), by: line(T.personName).optional() }),
  notify: z.strictObject({ date: day, method: inputCode(NOTIFY_METHODS).default('phone'), notes: paragraph(T.notes).optional() }),
  'follow-up': z.strictObject({ date: day, satisfaction: inputCode(SATISFACTION), notes: paragraph(T.notes).optional() }),
  'call-back': z.strictObject({ date: day, notes: requiredParagraph(T.notes, '请填写回复不满意的情况') }),
  'to-mediation': z.strictObject({ date: day, ...MediationDetails }),
  close: z.strictObject({ date: day }),
} as const;

export type RequestAction = keyof typeof REQUEST_ACTION_SCHEMAS;
export const REQUEST_ACTIONS = Object.keys(REQUEST_ACTION_SCHEMAS) as RequestAction[];
export type RequestActionDetails<A extends RequestAction> = z.output<(typeof REQUEST_ACTION_SCHEMAS)[A]>;

export const REQUEST_ACTION_LABELS: Record<RequestAction, string> = {
  answer: '答复',
  route: '转办',
  extend: '延期',
  feedback: '登记办理结果',
  notify: '告知来访人',
  'follow-up': '回访',
  'call-back': '处理不满意',
  'to-mediation': '转人民调解',
  close: '办结',
};
