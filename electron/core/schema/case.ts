/**
 * The case model: the single source of truth. TypeScript types are inferred from these schemas;
 * the same schemas validate command-line input, IPC calls and imported batches, and produce the
 * JSON Schema shipped inside export batches (see ./json-schema.ts).
 *
 * Two families:
 * - stored schemas (`CaseSchema`, …) describe a case as it is saved and exported: codes only, fen amounts;
 * - input schemas (`CaseInputSchema`, …) accept what a person types: codes or Chinese labels,
 *   yuan strings, full-width digits; they normalise, derive and refuse unknown fields.
 */

import './messages';

import { z } from 'zod';

import { isRealDate, localDate } from '../dates';
import { LIMITS, TEXT_LIMITS as T } from '../limits';
import { yuanToFen } from '../money';
import {
  creditCodeProblem,
  normaliseCode,
  normalisePhone,
  normaliseResidentId,
  otherIdProblem,
  phoneProblem,
  residentIdFacts,
  residentIdProblem,
} from '../schema/identity';
import {
  AGREEMENT_FORMS,
  CASE_SOURCES,
  CASE_STATUSES,
  CENTRE_MARKS,
  CONFIRMATION_RESULTS,
  DISPUTE_TYPES,
  FOLLOW_UP_METHODS,
  GENDERS,
  GUIDANCE_ROUTES,
  ID_TYPES,
  PARTY_ROLES,
  PERFORMANCE_STATES,
} from './codes';
import { line, paragraph, requiredLine, requiredParagraph } from './text';

// ---------------------------------------------------------------- primitives

export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
  .refine(isRealDate, '不是有效的日期');

export const TimestampSchema = z.iso.datetime({ offset: true, message: '时间格式应为ISO 8601' });

/** An array of at most `max` items, counted before any item is parsed: a huge list is refused at once. */
const list = <S extends z.ZodType>(item: S, max: number, what: string, min?: { count: number; message: string }) => {
  const tooMany = `${what}不能超过${max}项`;
  const items = z.array(item).max(max, tooMany);
  // Typed as the array of items it yields: the leading `unknown[]` only counts.
  return z
    .array(z.unknown())
    .max(max, tooMany)
    .pipe(min ? items.min(min.count, min.message) : items) as unknown as z.ZodType<z.output<S>[], z.input<S>[]>;
};

/** Identifiers as stored: any string the input rules produced, bounded. */
const storedCode = (max: number) => z.string().max(max, `不能超过${max}位`);

/** A stored code: exactly one of the table's codes. */
const tableCode = <C extends string>(tbl: { codes: readonly [C, ...C[]] }) => z.enum(tbl.codes);

/** An input code: the code or its Chinese label; the message lists the choices. */
export function inputCode<C extends string>(tbl: { resolve(v: string): C | undefined; entries: readonly { code: C; label: string }[] }) {
  return z.string().transform((value, ctx): C => {
    const code = tbl.resolve(value.length > 50 ? '' : value.trim());
    if (code === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `“${value.slice(0, 50)}”不是可选的值，可选：${tbl.entries.map((e) => e.label).join('、')}`,
      });
      return z.NEVER;
    }
    return code;
  });
}

/** An optional number a person types (phone, credit code): cleaned by `normalise`, empty as absent, else checked. */
function checkedNumberInput(
  maxChars: number,
  maxMessage: string,
  normalise: (raw: string) => string,
  problemOf: (value: string) => string | null,
) {
  return z
    .string()
    .max(maxChars, maxMessage)
    .transform((raw, ctx) => {
      const value = normalise(raw);
      if (value === '') return undefined;
      const problem = problemOf(value);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return value;
    });
}

const PhoneInput = checkedNumberInput(T.phone, `不能超过${T.phone}个字符`, normalisePhone, phoneProblem);
const CreditCodeInput = checkedNumberInput(T.idNumber, `不能超过${T.idNumber}位`, normaliseCode, creditCodeProblem);

/** Decimal yuan (`"12300.05"`) to integer fen, never through floating point. */
export const AmountInput = z.union([z.string().max(30, '金额写法不正确'), z.number()]).transform((raw, ctx) => {
  const fen = yuanToFen(String(raw));
  if (typeof fen === 'string') {
    ctx.addIssue({ code: 'custom', message: fen });
    return z.NEVER;
  }
  return fen;
});

// ---------------------------------------------------------------- stored model

export const AgentSchema = z.strictObject({
  name: requiredLine(T.personName, '委托代理人姓名不能为空'),
  relation: line(T.shortText).optional(),
  phone: storedCode(T.phone).optional(),
  idNumber: storedCode(T.idNumber).optional(),
});
export type Agent = z.infer<typeof AgentSchema>;

const partyCommon = {
  id: z.uuid(),
  role: tableCode(PARTY_ROLES),
  phone: storedCode(T.phone).optional(),
  address: line(T.address).optional(),
  agent: AgentSchema.optional(),
};

export const PersonPartySchema = z.strictObject({
  ...partyCommon,
  kind: z.literal('person'),
  name: requiredLine(T.personName, '姓名不能为空'),
  gender: tableCode(GENDERS).optional(),
  ethnicity: line(20),
  birthDate: DateSchema.optional(),
  idType: tableCode(ID_TYPES),
  idNumber: storedCode(T.idNumber).optional(),
  occupation: line(T.mediumText).optional(),
});
export type PersonParty = z.infer<typeof PersonPartySchema>;

export const OrganizationPartySchema = z.strictObject({
  ...partyCommon,
  kind: z.literal('organization'),
  name: requiredLine(T.organizationName, '名称不能为空'),
  creditCode: storedCode(T.idNumber).optional(),
  representative: line(T.personName).optional(),
  representativeTitle: line(T.shortText).optional(),
});
export type OrganizationParty = z.infer<typeof OrganizationPartySchema>;

export const PartySchema = z.discriminatedUnion('kind', [PersonPartySchema, OrganizationPartySchema]);
export type Party = z.infer<typeof PartySchema>;

/** One entry of the append-only, hash-chained event log. */
export const CaseEventSchema = z.strictObject({
  seq: z.int().nonnegative(),
  type: z.string().min(1),
  at: TimestampSchema,
  operator: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type CaseEvent = z.infer<typeof CaseEventSchema>;

export const SessionSchema = z.strictObject({
  id: z.uuid(),
  date: DateSchema,
  place: line(T.address).optional(),
  participants: line(T.participants).optional(),
  content: paragraph(T.sessionContent),
  result: paragraph(T.reason).optional(),
  recorder: line(T.personName).optional(),
});
export type Session = z.infer<typeof SessionSchema>;

export const AgreementSchema = z.strictObject({
  date: DateSchema,
  form: tableCode(AGREEMENT_FORMS),
  terms: list(requiredParagraph(T.term, '协议条款不能为空'), LIMITS.termsPerAgreement, '协议条款', {
    count: 1,
    message: '至少要有一条协议条款',
  }),
  performanceMethod: paragraph(T.performanceMethod).optional(),
  performanceDeadline: DateSchema.optional(),
  /** Number of copies printed (当事人各执一份 + 调委会留存一份) when not parties + 1. */
  copies: z.int().positive().max(300, '协议份数不能超过300').optional(),
  /** The day the agreement took effect: signing for a written agreement, the agreement date for an oral one. */
  effectiveDate: DateSchema.optional(),
});
export type Agreement = z.infer<typeof AgreementSchema>;

/**
 * A 补充协议: a later change between the parties to a signed agreement, which is never rewritten. It
 * states only what changes and takes effect like the original, when signed (reference addendum).
 */
export const SupplementSchema = z.strictObject({
  id: z.uuid(),
  date: DateSchema,
  terms: list(requiredParagraph(T.term, '补充协议条款不能为空'), LIMITS.termsPerAgreement, '补充协议条款', {
    count: 1,
    message: '至少要有一条补充协议条款',
  }),
  performanceMethod: paragraph(T.performanceMethod).optional(),
  performanceDeadline: DateSchema.optional(),
  effectiveDate: DateSchema.optional(),
});
export type Supplement = z.infer<typeof SupplementSchema>;

export const OutcomeSchema = z.strictObject({
  kind: z.enum(['declined', 'failed', 'withdrawn']),
  date: DateSchema,
  reason: paragraph(T.reason),
  guidance: tableCode(GUIDANCE_ROUTES).optional(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

export const ConfirmationSchema = z.strictObject({
  appliedAt: DateSchema,
  court: requiredLine(T.mediumText, '人民法院不能为空'),
  result: z
    .strictObject({
      date: DateSchema,
      result: tableCode(CONFIRMATION_RESULTS),
      rulingNumber: line(T.mediumText).optional(),
      reason: paragraph(T.reason).optional(),
    })
    .optional(),
});
export type Confirmation = z.infer<typeof ConfirmationSchema>;

export const FollowUpSchema = z.strictObject({
  id: z.uuid(),
  date: DateSchema,
  method: tableCode(FOLLOW_UP_METHODS),
  performance: tableCode(PERFORMANCE_STATES),
  notes: paragraph(T.notes).optional(),
  visitor: line(T.personName).optional(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** At the centre: where an imported case came from. Imported cases are read-only there. */
export const OriginSchema = z.strictObject({
  stationCode: z.string(),
  stationName: z.string(),
  fingerprint: z.string(),
  batchId: z.string(),
  importedAt: TimestampSchema,
});
export type Origin = z.infer<typeof OriginSchema>;

/** At the station: the centre's verdict from an applied receipt. */
export const CentreMarkSchema = z.strictObject({
  mark: tableCode(CENTRE_MARKS),
  reason: z.string().optional(),
  at: TimestampSchema,
  batchId: z.string(),
  revision: z.int(),
});
export type CentreMarkRecord = z.infer<typeof CentreMarkSchema>;

export const CaseSchema = z.strictObject({
  id: z.uuid(),
  number: z.string().min(1).max(T.caseNumber),
  receivedAt: DateSchema,
  source: tableCode(CASE_SOURCES),
  disputeType: tableCode(DISPUTE_TYPES),
  summary: requiredLine(T.summary, '案由不能为空'),
  facts: paragraph(T.facts),
  claims: paragraph(T.claims),
  amountFen: z.int().nonnegative(),
  peopleInvolved: z.int().positive(),
  mediators: list(requiredLine(T.personName), LIMITS.mediatorsPerCase, '人民调解员'),
  parties: list(PartySchema, LIMITS.partiesPerCase, '当事人', { count: 2, message: '至少需要两方当事人' }),
  status: tableCode(CASE_STATUSES),
  /** The status a closed case had before closing, so that `reopen` can return to it. */
  statusBeforeClose: tableCode(CASE_STATUSES).optional(),
  outcome: OutcomeSchema.optional(),
  events: list(CaseEventSchema, LIMITS.eventsPerCase, '操作记录'),
  sessions: list(SessionSchema, LIMITS.sessionsPerCase, '调解记录'),
  agreement: AgreementSchema.optional(),
  /** 补充协议 to the signed agreement, in signing order. */
  supplements: list(SupplementSchema, LIMITS.termsPerAgreement, '补充协议').optional(),
  confirmation: ConfirmationSchema.optional(),
  followUps: list(FollowUpSchema, LIMITS.followUpsPerCase, '回访记录'),
  closedAt: DateSchema.optional(),
  origin: OriginSchema.optional(),
  centreMark: CentreMarkSchema.optional(),
  /** Templates of the 卷宗 documents marked as signed on paper (oversight/dossier.ts). */
  paperSigned: z.array(z.string()).optional(),
  revision: z.int().positive(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Case = z.infer<typeof CaseSchema>;

// ---------------------------------------------------------------- input (case add, forms, CLI)

export const AgentInputSchema = z.strictObject({
  name: requiredLine(T.personName, '委托代理人姓名不能为空'),
  relation: line(T.shortText).optional(),
  phone: PhoneInput.optional(),
  idNumber: z
    .string()
    .max(T.idNumber * 2, `不能超过${T.idNumber}位`)
    .transform((raw, ctx) => {
      const code = normaliseCode(raw);
      const problem = code === '' ? null : otherIdProblem('other', code);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return code || undefined;
    })
    .optional(),
});

const partyInputCommon = {
  /** Kept when editing an existing party, so links to it survive; new parties get one. */
  id: z.uuid().optional(),
  role: inputCode(PARTY_ROLES),
  phone: PhoneInput.optional(),
  address: line(T.address).optional(),
  agent: AgentInputSchema.optional(),
};

/**
 * A person as typed. For a 居民身份证 number, the number is normalised (15 → 18 digits), checked,
 * and the birth date and gender are derived; a given date or gender that contradicts it is refused.
 * `today` is taken at parse time, which is when the input is checked.
 */
export const PersonInputSchema = z
  .strictObject({
    ...partyInputCommon,
    kind: z.literal('person').default('person'),
    name: requiredLine(T.personName, '姓名不能为空'),
    gender: inputCode(GENDERS).optional(),
    ethnicity: line(20).default('汉族'),
    birthDate: DateSchema.optional(),
    idType: inputCode(ID_TYPES).default('resident-id'),
    idNumber: z
      .string()
      .max(T.idNumber * 2, `不能超过${T.idNumber}位`)
      .optional(),
    occupation: line(T.mediumText).optional(),
  })
  .transform((person, ctx) => {
    const idType = person.idType;
    const idNumber =
      person.idNumber === undefined ? '' : idType === 'resident-id' ? normaliseResidentId(person.idNumber) : normaliseCode(person.idNumber);
    if (idNumber === '') return { ...person, idType, idNumber: undefined };
    if (idType !== 'resident-id') {
      const problem = otherIdProblem(idType, idNumber);
      if (problem) {
        ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `${ID_TYPES.label(idType)}号码${problem}` });
        return z.NEVER;
      }
      return { ...person, idType, idNumber };
    }
    const todayString = localDate(new Date());
    const problem = residentIdProblem(idNumber, todayString);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `居民身份证号码${problem}` });
      return z.NEVER;
    }
    const facts = residentIdFacts(idNumber);
    if (person.birthDate && person.birthDate !== facts.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: `与身份证号码中的出生日期（${facts.birthDate}）不一致`,
      });
      return z.NEVER;
    }
    if (person.gender && person.gender !== facts.gender) {
      ctx.addIssue({
        code: 'custom',
        path: ['gender'],
        message: `与身份证号码中的性别（${GENDERS.label(facts.gender)}）不一致`,
      });
      return z.NEVER;
    }
    return { ...person, idType, idNumber, birthDate: facts.birthDate, gender: facts.gender };
  });

export const OrganizationInputSchema = z.strictObject({
  ...partyInputCommon,
  kind: z.literal('organization'),
  name: requiredLine(T.organizationName, '名称不能为空'),
  creditCode: CreditCodeInput.optional(),
  representative: line(T.personName).optional(),
  representativeTitle: line(T.shortText).optional(),
});

/** Chinese labels accepted for `kind`. */
const KIND_ALIASES: Record<string, 'person' | 'organization'> = {
  自然人: 'person',
  个人: 'person',
  法人或其他组织: 'organization',
  单位: 'organization',
  法人: 'organization',
  组织: 'organization',
};

type PartyInputShape = z.input<typeof PersonInputSchema> | z.input<typeof OrganizationInputSchema>;
type ParsedPartyInput = z.output<typeof PersonInputSchema> | z.output<typeof OrganizationInputSchema>;

/**
 * A party as typed: `kind` (default `person`, Chinese labels accepted) picks the schema, so that a
 * problem is reported at its own field (`parties[1].creditCode`), not as "matches no alternative".
 */
export const PartyInputSchema = z.custom<PartyInputShape>().transform((raw, ctx): ParsedPartyInput => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    ctx.addIssue({ code: 'custom', message: '当事人信息应为一个对象' });
    return z.NEVER;
  }
  const given = (raw as { kind?: unknown }).kind;
  const kind = given === undefined ? 'person' : typeof given === 'string' ? (KIND_ALIASES[given] ?? given) : given;
  const schema = kind === 'organization' ? OrganizationInputSchema : kind === 'person' ? PersonInputSchema : undefined;
  if (!schema) {
    ctx.addIssue({ code: 'custom', path: ['kind'], message: `“${String(given)}”不是可选的值，可选：自然人、法人或其他组织` });
    return z.NEVER;
  }
  const result = schema.safeParse({ ...raw, kind });
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: issue.path } as never);
  return z.NEVER;
});
export type PartyInput = z.input<typeof PartyInputSchema>;

/** Every case has at least one 申请人 and one 被申请人: checked when registering and when the parties are edited. */
function checkPartyRoles(parties: readonly { role: string }[], ctx: z.RefinementCtx): void {
  const roles = parties.map((p) => p.role);
  if (!roles.includes('applicant')) ctx.addIssue({ code: 'custom', path: ['parties'], message: '至少需要一名申请人' });
  if (!roles.includes('respondent')) ctx.addIssue({ code: 'custom', path: ['parties'], message: '至少需要一名被申请人' });
}

/** `case add` input: exactly these field names; unknown fields are refused. */
export const CaseInputSchema = z
  .strictObject({
    receivedAt: DateSchema.optional(),
    source: inputCode(CASE_SOURCES).default('application'),
    disputeType: inputCode(DISPUTE_TYPES),
    summary: requiredLine(T.summary, '案由不能为空'),
    facts: paragraph(T.facts).default(''),
    claims: paragraph(T.claims).default(''),
    amount: AmountInput.default(0),
    peopleInvolved: z.int().positive().max(1_000_000, '涉及人数不能超过1000000').optional(),
    mediators: list(requiredLine(T.personName, '调解员姓名不能为空'), LIMITS.mediatorsPerCase, '人民调解员').default([]),
    parties: list(PartyInputSchema, LIMITS.partiesPerCase, '当事人'),
  })
  .superRefine((input, ctx) => checkPartyRoles(input.parties, ctx));
export type CaseInput = z.input<typeof CaseInputSchema>;
export type ParsedCaseInput = z.output<typeof CaseInputSchema>;

/**
 * Correcting a case before 结案: the same fields, all optional; parties replace the list. Once an
 * agreement exists a reason is required (the log records it with every field's old and new value).
 */
export const CaseEditSchema = z
  .strictObject({
    receivedAt: DateSchema.optional(),
    source: inputCode(CASE_SOURCES).optional(),
    disputeType: inputCode(DISPUTE_TYPES).optional(),
    summary: requiredLine(T.summary, '案由不能为空').optional(),
    facts: paragraph(T.facts).optional(),
    claims: paragraph(T.claims).optional(),
    amount: AmountInput.optional(),
    peopleInvolved: z.int().positive().max(1_000_000, '涉及人数不能超过1000000').optional(),
    mediators: list(requiredLine(T.personName, '调解员姓名不能为空'), LIMITS.mediatorsPerCase, '人民调解员').optional(),
    parties: list(PartyInputSchema, LIMITS.partiesPerCase, '当事人').optional(),
    reason: paragraph(T.reason).optional(),
  })
  .superRefine((edit, ctx) => {
    if (edit.parties) checkPartyRoles(edit.parties, ctx);
  });
export type CaseEdit = z.input<typeof CaseEditSchema>;

// ---------------------------------------------------------------- workflow action details

const dateDefaultToday = DateSchema.optional();

const SessionRef = z.union(
  [z.int().positive('调解记录的序号从1开始'), z.string().trim().min(1, '请指定调解记录').max(100, '调解记录ID过长')],
  {
    message: '请指定调解记录（序号或ID）',
  },
);

export const ACTION_SCHEMAS = {
  accept: z.strictObject({ date: dateDefaultToday }),
  decline: z.strictObject({ date: dateDefaultToday, reason: requiredParagraph(T.reason, '请填写不予受理的理由') }),
  'record-session': z.strictObject({
    date: dateDefaultToday,
    place: line(T.address).optional(),
    participants: line(T.participants).optional(),
    content: requiredParagraph(T.sessionContent, '请填写调解记录的内容'),
    result: paragraph(T.reason).optional(),
    recorder: line(T.personName).optional(),
  }),
  agree: z.strictObject({
    date: dateDefaultToday,
    form: inputCode(AGREEMENT_FORMS).default('written'),
    terms: list(requiredParagraph(T.term, '协议条款不能为空'), LIMITS.termsPerAgreement, '协议条款', {
      count: 1,
      message: '至少要有一条协议条款',
    }),
    performanceMethod: paragraph(T.performanceMethod).optional(),
    performanceDeadline: DateSchema.optional(),
    copies: z.int().positive().max(300, '协议份数不能超过300').optional(),
  }),
  sign: z.strictObject({ date: dateDefaultToday }),
  fail: z.strictObject({
    date: dateDefaultToday,
    reason: requiredParagraph(T.reason, '请填写调解不成的理由'),
    guidance: inputCode(GUIDANCE_ROUTES).optional(),
  }),
  withdraw: z.strictObject({ date: dateDefaultToday, reason: paragraph(T.reason).default('') }),
  'apply-confirmation': z.strictObject({ date: dateDefaultToday, court: line(T.mediumText).optional() }),
  'confirmation-result': z.strictObject({
    date: dateDefaultToday,
    result: inputCode(CONFIRMATION_RESULTS),
    rulingNumber: line(T.mediumText).optional(),
    reason: paragraph(T.reason).optional(),
  }),
  'follow-up': z.strictObject({
    date: dateDefaultToday,
    method: inputCode(FOLLOW_UP_METHODS).default('visit'),
    performance: inputCode(PERFORMANCE_STATES),
    notes: paragraph(T.notes).optional(),
    visitor: line(T.personName).optional(),
  }),
  close: z.strictObject({ date: dateDefaultToday, acknowledgeIncomplete: z.boolean().optional() }),
  reopen: z.strictObject({ reason: requiredParagraph(T.reason, '请填写重新开启的理由') }),

  // Corrections: each with a reason, recorded with the old and the new value.
  'amend-agreement': z.strictObject({
    terms: list(requiredParagraph(T.term, '协议条款不能为空'), LIMITS.termsPerAgreement, '协议条款', {
      count: 1,
      message: '至少要有一条协议条款',
    }).optional(),
    form: inputCode(AGREEMENT_FORMS).optional(),
    /** null removes the field. */
    performanceMethod: paragraph(T.performanceMethod).nullable().optional(),
    performanceDeadline: DateSchema.nullable().optional(),
    copies: z.int().positive().max(300, '协议份数不能超过300').nullable().optional(),
    reason: requiredParagraph(T.reason, '请填写修改协议的理由'),
  }),
  supplement: z.strictObject({
    date: dateDefaultToday,
    terms: list(requiredParagraph(T.term, '补充协议条款不能为空'), LIMITS.termsPerAgreement, '补充协议条款', {
      count: 1,
      message: '至少要有一条补充协议条款',
    }),
    performanceMethod: paragraph(T.performanceMethod).optional(),
    performanceDeadline: DateSchema.optional(),
  }),
  'sign-supplement': z.strictObject({ date: dateDefaultToday }),
  'edit-session': z.strictObject({
    /** Which record: its number (1 = the first session) or its id. */
    session: SessionRef,
    date: DateSchema.optional(),
    /** null removes the field. */
    place: line(T.address).nullable().optional(),
    participants: line(T.participants).nullable().optional(),
    content: requiredParagraph(T.sessionContent, '调解记录的内容不能为空').optional(),
    result: paragraph(T.reason).nullable().optional(),
    recorder: line(T.personName).nullable().optional(),
    reason: requiredParagraph(T.reason, '请填写修改调解记录的理由'),
  }),
  'delete-session': z.strictObject({ session: SessionRef, reason: requiredParagraph(T.reason, '请填写删除调解记录的理由') }),
  'undo-last': z.strictObject({ reason: requiredParagraph(T.reason, '请填写撤销的理由') }),
} as const;

export type CaseAction = keyof typeof ACTION_SCHEMAS;
export const CASE_ACTIONS = Object.keys(ACTION_SCHEMAS) as CaseAction[];
export type ActionDetails<A extends CaseAction> = z.output<(typeof ACTION_SCHEMAS)[A]>;

export const ACTION_LABELS: Record<CaseAction, string> = {
  accept: '受理',
  decline: '不予受理',
  'record-session': '记录调解',
  agree: '达成协议',
  sign: '协议签署生效',
  fail: '调解不成/终止调解',
  withdraw: '撤回',
  'apply-confirmation': '申请司法确认',
  'confirmation-result': '登记司法确认结果',
  'follow-up': '回访',
  close: '结案归档',
  reopen: '重新开启',
  'amend-agreement': '修改协议',
  supplement: '补充协议',
  'sign-supplement': '补充协议签署生效',
  'edit-session': '修改调解记录',
  'delete-session': '删除调解记录',
  'undo-last': '撤销上一步',
};

/** Corrections of what was recorded, as opposed to the steps of the workflow. */
export const CORRECTION_ACTIONS: readonly CaseAction[] = ['amend-agreement', 'edit-session', 'delete-session', 'undo-last'];
