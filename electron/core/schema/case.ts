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

import { z } from 'zod';

import { isRealDate, localDate } from '../dates';
import { yuanToFen } from '../money';
import {
  creditCodeProblem,
  normaliseCode,
  normalisePhone,
  normaliseResidentId,
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

z.config(z.locales.zhCN());

// ---------------------------------------------------------------- primitives

export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
  .refine(isRealDate, '不是有效的日期');

export const TimestampSchema = z.iso.datetime({ offset: true, message: '时间格式应为ISO 8601' });

const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`);
const requiredText = (max: number, what = '不能为空') => text(max).min(1, what);

/** A stored code: exactly one of the table's codes. */
const storedCode = <C extends string>(tbl: { codes: readonly [C, ...C[]] }) => z.enum(tbl.codes);

/** An input code: the code or its Chinese label; the message lists the choices. */
export function inputCode<C extends string>(tbl: { resolve(v: string): C | undefined; entries: readonly { code: C; label: string }[] }) {
  return z.string().transform((value, ctx): C => {
    const code = tbl.resolve(value);
    if (code === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `“${value}”不是可选的值，可选：${tbl.entries.map((e) => e.label).join('、')}`,
      });
      return z.NEVER;
    }
    return code;
  });
}

const PhoneInput = z.string().transform((raw, ctx) => {
  const phone = normalisePhone(raw);
  if (phone === '') return undefined;
  const problem = phoneProblem(phone);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return phone;
});

const CreditCodeInput = z.string().transform((raw, ctx) => {
  const code = normaliseCode(raw);
  if (code === '') return undefined;
  const problem = creditCodeProblem(code);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return code;
});

/** Decimal yuan (`"12300.05"`) to integer fen, never through floating point. */
export const AmountInput = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const fen = yuanToFen(String(raw));
  if (typeof fen === 'string') {
    ctx.addIssue({ code: 'custom', message: fen });
    return z.NEVER;
  }
  return fen;
});

// ---------------------------------------------------------------- stored model

export const AgentSchema = z.strictObject({
  name: requiredText(50, '委托代理人姓名不能为空'),
  relation: text(50).optional(),
  phone: z.string().optional(),
  idNumber: z.string().optional(),
});
export type Agent = z.infer<typeof AgentSchema>;

const partyCommon = {
  id: z.uuid(),
  role: storedCode(PARTY_ROLES),
  phone: z.string().optional(),
  address: text(200).optional(),
  agent: AgentSchema.optional(),
};

export const PersonPartySchema = z.strictObject({
  ...partyCommon,
  kind: z.literal('person'),
  name: requiredText(50, '姓名不能为空'),
  gender: storedCode(GENDERS).optional(),
  ethnicity: text(20),
  birthDate: DateSchema.optional(),
  idType: storedCode(ID_TYPES),
  idNumber: z.string().optional(),
  occupation: text(100).optional(),
});
export type PersonParty = z.infer<typeof PersonPartySchema>;

export const OrganizationPartySchema = z.strictObject({
  ...partyCommon,
  kind: z.literal('organization'),
  name: requiredText(100, '名称不能为空'),
  creditCode: z.string().optional(),
  representative: text(50).optional(),
  representativeTitle: text(50).optional(),
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
  place: text(200).optional(),
  participants: text(500).optional(),
  content: text(20_000),
  result: text(2_000).optional(),
  recorder: text(50).optional(),
});
export type Session = z.infer<typeof SessionSchema>;

export const AgreementSchema = z.strictObject({
  date: DateSchema,
  form: storedCode(AGREEMENT_FORMS),
  terms: z.array(requiredText(5_000, '协议条款不能为空')).min(1, '至少要有一条协议条款'),
  performanceMethod: text(1_000).optional(),
  performanceDeadline: DateSchema.optional(),
  /** Number of copies printed (当事人各执一份 + 调委会留存一份) when not parties + 1. */
  copies: z.int().positive().optional(),
  /** The day the agreement took effect: signing for a written agreement, the agreement date for an oral one. */
  effectiveDate: DateSchema.optional(),
});
export type Agreement = z.infer<typeof AgreementSchema>;

export const OutcomeSchema = z.strictObject({
  kind: z.enum(['declined', 'failed', 'withdrawn']),
  date: DateSchema,
  reason: text(2_000),
  guidance: storedCode(GUIDANCE_ROUTES).optional(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

export const ConfirmationSchema = z.strictObject({
  appliedAt: DateSchema,
  court: requiredText(100, '人民法院不能为空'),
  result: z
    .strictObject({
      date: DateSchema,
      result: storedCode(CONFIRMATION_RESULTS),
      rulingNumber: text(100).optional(),
      reason: text(2_000).optional(),
    })
    .optional(),
});
export type Confirmation = z.infer<typeof ConfirmationSchema>;

export const FollowUpSchema = z.strictObject({
  id: z.uuid(),
  date: DateSchema,
  method: storedCode(FOLLOW_UP_METHODS),
  performance: storedCode(PERFORMANCE_STATES),
  notes: text(5_000).optional(),
  visitor: text(50).optional(),
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
  mark: storedCode(CENTRE_MARKS),
  reason: z.string().optional(),
  at: TimestampSchema,
  batchId: z.string(),
  revision: z.int(),
});
export type CentreMarkRecord = z.infer<typeof CentreMarkSchema>;

export const CaseSchema = z.strictObject({
  id: z.uuid(),
  number: z.string().min(1),
  receivedAt: DateSchema,
  source: storedCode(CASE_SOURCES),
  disputeType: storedCode(DISPUTE_TYPES),
  summary: requiredText(100, '案由不能为空'),
  facts: text(20_000),
  claims: text(5_000),
  amountFen: z.int().nonnegative(),
  peopleInvolved: z.int().positive(),
  mediators: z.array(requiredText(50)),
  parties: z.array(PartySchema).min(2),
  status: storedCode(CASE_STATUSES),
  /** The status a closed case had before closing, so that `reopen` can return to it. */
  statusBeforeClose: storedCode(CASE_STATUSES).optional(),
  outcome: OutcomeSchema.optional(),
  events: z.array(CaseEventSchema),
  sessions: z.array(SessionSchema),
  agreement: AgreementSchema.optional(),
  confirmation: ConfirmationSchema.optional(),
  followUps: z.array(FollowUpSchema),
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
  name: requiredText(50, '委托代理人姓名不能为空'),
  relation: text(50).optional(),
  phone: PhoneInput.optional(),
  idNumber: z
    .string()
    .transform((raw) => normaliseCode(raw) || undefined)
    .optional(),
});

const partyInputCommon = {
  /** Kept when editing an existing party, so links to it survive; new parties get one. */
  id: z.uuid().optional(),
  role: inputCode(PARTY_ROLES),
  phone: PhoneInput.optional(),
  address: text(200).optional(),
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
    name: requiredText(50, '姓名不能为空'),
    gender: inputCode(GENDERS).optional(),
    ethnicity: text(20).default('汉族'),
    birthDate: DateSchema.optional(),
    idType: inputCode(ID_TYPES).default('resident-id'),
    idNumber: z.string().optional(),
    occupation: text(100).optional(),
  })
  .transform((person, ctx) => {
    const idType = person.idType;
    const idNumber =
      person.idNumber === undefined ? '' : idType === 'resident-id' ? normaliseResidentId(person.idNumber) : normaliseCode(person.idNumber);
    if (idNumber === '') return { ...person, idType, idNumber: undefined };
    if (idType !== 'resident-id') return { ...person, idType, idNumber };
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
  name: requiredText(100, '名称不能为空'),
  creditCode: CreditCodeInput.optional(),
  representative: text(50).optional(),
  representativeTitle: text(50).optional(),
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
    summary: requiredText(100, '案由不能为空'),
    facts: text(20_000).default(''),
    claims: text(5_000).default(''),
    amount: AmountInput.default(0),
    peopleInvolved: z.int().positive().optional(),
    mediators: z.array(requiredText(50, '调解员姓名不能为空')).default([]),
    parties: z.array(PartyInputSchema),
  })
  .superRefine((input, ctx) => checkPartyRoles(input.parties, ctx));
export type CaseInput = z.input<typeof CaseInputSchema>;
export type ParsedCaseInput = z.output<typeof CaseInputSchema>;

/** Editing a registered or accepted case: the same fields, all optional; parties replace the list. */
export const CaseEditSchema = z
  .strictObject({
    receivedAt: DateSchema.optional(),
    source: inputCode(CASE_SOURCES).optional(),
    disputeType: inputCode(DISPUTE_TYPES).optional(),
    summary: requiredText(100, '案由不能为空').optional(),
    facts: text(20_000).optional(),
    claims: text(5_000).optional(),
    amount: AmountInput.optional(),
    peopleInvolved: z.int().positive().optional(),
    mediators: z.array(requiredText(50, '调解员姓名不能为空')).optional(),
    parties: z.array(PartyInputSchema).optional(),
  })
  .superRefine((edit, ctx) => {
    if (edit.parties) checkPartyRoles(edit.parties, ctx);
  });
export type CaseEdit = z.input<typeof CaseEditSchema>;

// ---------------------------------------------------------------- workflow action details

const dateDefaultToday = DateSchema.optional();

export const ACTION_SCHEMAS = {
  accept: z.strictObject({ date: dateDefaultToday }),
  decline: z.strictObject({ date: dateDefaultToday, reason: requiredText(2_000, '请填写不予受理的理由') }),
  'record-session': z.strictObject({
    date: dateDefaultToday,
    place: text(200).optional(),
    participants: text(500).optional(),
    content: requiredText(20_000, '请填写调解记录的内容'),
    result: text(2_000).optional(),
    recorder: text(50).optional(),
  }),
  agree: z.strictObject({
    date: dateDefaultToday,
    form: inputCode(AGREEMENT_FORMS).default('written'),
    terms: z.array(requiredText(5_000, '协议条款不能为空')).min(1, '至少要有一条协议条款'),
    performanceMethod: text(1_000).optional(),
    performanceDeadline: DateSchema.optional(),
    copies: z.int().positive().optional(),
  }),
  sign: z.strictObject({ date: dateDefaultToday }),
  fail: z.strictObject({
    date: dateDefaultToday,
    reason: requiredText(2_000, '请填写调解不成的理由'),
    guidance: inputCode(GUIDANCE_ROUTES).optional(),
  }),
  withdraw: z.strictObject({ date: dateDefaultToday, reason: text(2_000).default('') }),
  'apply-confirmation': z.strictObject({ date: dateDefaultToday, court: text(100).optional() }),
  'confirmation-result': z.strictObject({
    date: dateDefaultToday,
    result: inputCode(CONFIRMATION_RESULTS),
    rulingNumber: text(100).optional(),
    reason: text(2_000).optional(),
  }),
  'follow-up': z.strictObject({
    date: dateDefaultToday,
    method: inputCode(FOLLOW_UP_METHODS).default('visit'),
    performance: inputCode(PERFORMANCE_STATES),
    notes: text(5_000).optional(),
    visitor: text(50).optional(),
  }),
  close: z.strictObject({ date: dateDefaultToday, acknowledgeIncomplete: z.boolean().optional() }),
  reopen: z.strictObject({ reason: requiredText(2_000, '请填写重新开启的理由') }),
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
};
