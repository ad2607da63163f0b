/**
 * The fields a template can use, built from a case and the office settings. English paths, documented
 * in the README (section `documents`) and in FIELD_HELP below. Every field is always present: an empty
 * one is `null` (nil in Liquid, so `{% if party.agent %}` works and `{{ party.occupation }}` prints the
 * blank to fill by hand); a misspelt field is therefore an error, never a silent gap.
 *
 * Every date comes from the case's record (received, agreed, applied, session, follow-up, ended), so a
 * document printed again a year later carries the same dates; ages are counted on a recorded date too.
 * `today` is there only for documents whose date really is the day they are printed (see service.ts).
 * Case numbers and phone numbers are joined (`keepWhole`) so that no line breaks inside them (ID numbers
 * and credit codes are letters and digits, which no renderer breaks).
 */

import { acceptanceDate } from '../cases/event-text';
import { addDays } from '../dates';
import { fenToYuan } from '../money';
import type { Case, Party, Session, Supplement } from '../schema/case';
import {
  AGREEMENT_FORMS,
  CASE_SOURCES,
  CASE_STATUSES,
  DISPUTE_TYPES,
  FOLLOW_UP_METHODS,
  GENDERS,
  GUIDANCE_ROUTES,
  ID_TYPES,
  PARTY_ROLES,
  PERFORMANCE_STATES,
} from '../schema/codes';
import { ageOn } from '../schema/identity';
import type { Settings } from '../schema/settings';
import { keepWhole } from './linebreak';

export const orNull = <T>(value: T | undefined | null | ''): T | null => (value === undefined || value === '' ? null : value);
/** A number printed whole (case number, phone number), or null. */
export const whole = (value: string | undefined | null): string | null => (value ? keepWhole(value) : null);

export interface DocumentExtras {
  /** The session a 人民调解记录 is for. */
  session?: Session;
  /** The 补充协议 a 补充协议书 is for. */
  supplement?: Supplement;
  /** The day of printing (YYYY-MM-DD), only for documents dated the day they are printed; else absent. */
  today?: string;
  /** The documents of the 卷内目录, in order. */
  dossierItems?: { title: string; note?: string; page?: string }[];
  /** The signed-in operator making the document (立卷人 on the 卷宗 cover); absent for documents that name only the people of the record. */
  operator?: string;
}

function partyFields(p: Party, index: number, onDate: string) {
  const common = {
    index: index + 1,
    role: p.role,
    roleLabel: PARTY_ROLES.label(p.role),
    kind: p.kind,
    isPerson: p.kind === 'person',
    isOrganization: p.kind === 'organization',
    name: p.name,
    phone: whole(p.phone),
    address: orNull(p.address),
    agent: p.agent
      ? { name: p.agent.name, relation: orNull(p.agent.relation), phone: whole(p.agent.phone), idNumber: orNull(p.agent.idNumber) }
      : null,
  };
  if (p.kind === 'person') {
    return {
      ...common,
      gender: p.gender ? GENDERS.label(p.gender) : null,
      ethnicity: orNull(p.ethnicity),
      birthDate: orNull(p.birthDate),
      age: p.birthDate ? ageOn(p.birthDate, onDate) : null,
      idType: ID_TYPES.label(p.idType),
      idNumber: orNull(p.idNumber),
      occupation: orNull(p.occupation),
      creditCode: null,
      representative: null,
      representativeTitle: null,
    };
  }
  return {
    ...common,
    gender: null,
    ethnicity: null,
    birthDate: null,
    age: null,
    idType: '统一社会信用代码',
    idNumber: orNull(p.creditCode),
    occupation: null,
    creditCode: orNull(p.creditCode),
    representative: orNull(p.representative),
    representativeTitle: orNull(p.representativeTitle),
  };
}

function sessionFields(s: Session, index: number) {
  return {
    index: index + 1,
    id: s.id,
    date: s.date,
    place: orNull(s.place),
    participants: orNull(s.participants),
    content: s.content,
    result: orNull(s.result),
    recorder: orNull(s.recorder),
  };
}

/** The office's fields, the same in every document (case documents and the front desk's 转办单); the operator is the one signed in. */
export function officeFields(settings: Settings, operator: string | undefined) {
  return {
    name: settings.name,
    shortName: settings.shortName,
    court: orNull(settings.court),
    organization: orNull(settings.organization),
    address: orNull(settings.address),
    phone: whole(settings.phone),
    operator: orNull(operator ?? ''),
  };
}

/**
 * The office a case's documents speak for. Its own case: this office. A station's case imported at a
 * centre: the station that mediated and files it, by the name the centre trusted its key with
 * (`origin.stationName`). The centre holds none of the station's other particulars, nor knows who files
 * the case there (立卷人): those are left blank to fill in by hand rather than printed with the centre's.
 * Who registered it (登记人) is the case's own record, `case.registrar`.
 */
export function caseOfficeFields(c: Case, settings: Settings, operator: string | undefined) {
  const own = officeFields(settings, operator);
  if (!c.origin) return own;
  return {
    ...own,
    name: c.origin.stationName,
    shortName: null,
    court: null,
    organization: null,
    address: null,
    phone: null,
    operator: null,
  };
}

/** What a register from before operators signed in logged when its settings named no operator. */
const NO_OPERATOR = '未设置';

/**
 * Who registered the case (登记人): the operator of its `created` event, the first of its log, so that the
 * 受理登记表 names the same person however late and by whomever it is printed. null (a blank to fill by
 * hand) when the log names nobody: an empty operator, or `未设置` from before operators signed in (such a
 * register logged the settings' operator, a real name when one was set).
 *
 * A station's case at a centre prints the station's registrar from the imported log: the document speaks
 * for the station, and the name is the station's own record, the first link of the hash chain the centre
 * verified on import from a batch signed with the station's trusted key (the name the station's own print
 * shows), not a guess of the centre's. The 立卷人, who files the paper now, stays blank there.
 */
function registrarOf(c: Case): string | null {
  const operator = c.events.find((e) => e.type === 'created')?.operator;
  return operator === NO_OPERATOR ? null : orNull(operator);
}

function supplementFields(s: Supplement, index: number) {
  return {
    index: index + 1,
    id: s.id,
    date: s.date,
    terms: s.terms,
    performanceMethod: orNull(s.performanceMethod),
    performanceDeadline: orNull(s.performanceDeadline),
    effectiveDate: orNull(s.effectiveDate),
    isSigned: s.effectiveDate !== undefined,
  };
}

type PartyFields = ReturnType<typeof partyFields>;

/**
 * Everyone who signs for the parties, in order: each party (a company with its seal), a company's legal
 * representative, each agent. `seals`: signs by seal (盖章); `isParty`: the party itself (签名或按指印).
 */
function signersOf(parties: PartyFields[]) {
  return parties.flatMap((p) => {
    const of = { role: p.role, roleLabel: p.roleLabel, party: p.name, partyIndex: p.index };
    const list = [
      { ...of, label: p.roleLabel, name: p.name, isParty: true, seals: p.isOrganization, isRepresentative: false, isAgent: false },
    ];
    if (p.isOrganization) {
      list.push({
        ...of,
        label: '法定代表人',
        name: p.representative ?? '',
        isParty: false,
        seals: false,
        isRepresentative: true,
        isAgent: false,
      });
    }
    if (p.agent)
      list.push({ ...of, label: '委托代理人', name: p.agent.name, isParty: false, seals: false, isRepresentative: false, isAgent: true });
    return list.map((s) => ({ ...s, name: orNull(s.name) }));
  });
}

/** The data a template is rendered with. */
export function documentContext(c: Case, settings: Settings, extras: DocumentExtras) {
  // Ages as on the agreement (or the day the case was received), never as on the day of printing.
  const onDate = c.agreement?.date ?? c.receivedAt;
  const parties = c.parties.map((p, i) => partyFields(p, i, onDate));
  const agreement = c.agreement;
  const effective = agreement?.effectiveDate ?? null;
  const lastFollowUp = c.followUps.at(-1);
  const supplements = (c.supplements ?? []).map(supplementFields);
  const followUps = c.followUps.map((f, i) => ({
    index: i + 1,
    date: f.date,
    method: FOLLOW_UP_METHODS.label(f.method),
    performance: PERFORMANCE_STATES.label(f.performance),
    notes: orNull(f.notes),
    visitor: orNull(f.visitor),
  }));
  return {
    office: caseOfficeFields(c, settings, extras.operator),
    case: {
      id: c.id,
      number: keepWhole(c.number),
      receivedAt: c.receivedAt,
      acceptedAt: orNull(acceptanceDate(c)),
      source: CASE_SOURCES.label(c.source),
      sourceCode: c.source,
      isApplication: c.source === 'application',
      disputeType: DISPUTE_TYPES.label(c.disputeType),
      summary: c.summary,
      facts: orNull(c.facts),
      claims: orNull(c.claims),
      amount: c.amountFen > 0 ? fenToYuan(c.amountFen) : null,
      amountFen: c.amountFen,
      peopleInvolved: c.peopleInvolved,
      mediators: c.mediators,
      mediator: c.mediators.length ? c.mediators.join('、') : null,
      registrar: registrarOf(c),
      /** The recorder of the latest session (who signs as 记录人), or null. */
      recorder: orNull(c.sessions.at(-1)?.recorder),
      status: CASE_STATUSES.label(c.status),
      closedAt: orNull(c.closedAt),
      /** The day mediation ended: closing, agreement or outcome date. */
      endDate: c.closedAt ?? agreement?.date ?? c.outcome?.date ?? null,
      outcome: c.outcome
        ? {
            kind: c.outcome.kind,
            isFailed: c.outcome.kind === 'failed',
            isWithdrawn: c.outcome.kind === 'withdrawn',
            date: c.outcome.date,
            // Without a closing full stop, so that a template can go on with the sentence (因…，调解不成).
            reason: orNull(c.outcome.reason.replace(/[。；，.;,\s]+$/u, '')),
            guidance: c.outcome.guidance ? GUIDANCE_ROUTES.label(c.outcome.guidance) : null,
            guidanceCode: c.outcome.guidance ?? null,
          }
        : null,
    },
    parties,
    applicants: parties.filter((p) => p.role === 'applicant'),
    respondents: parties.filter((p) => p.role === 'respondent'),
    thirdParties: parties.filter((p) => p.role === 'third-party'),
    partyNames: parties.map((p) => p.name).join('、'),
    anyAgent: parties.some((p) => p.agent !== null),
    signers: signersOf(parties),
    agreement: agreement
      ? {
          date: agreement.date,
          form: AGREEMENT_FORMS.label(agreement.form),
          isWritten: agreement.form === 'written',
          isOral: agreement.form === 'oral',
          terms: agreement.terms,
          performanceMethod: orNull(agreement.performanceMethod),
          performanceDeadline: orNull(agreement.performanceDeadline),
          copies: agreement.copies ?? c.parties.length + 1,
          effectiveDate: effective,
          /** The signed 补充协议: the agreement in force is the original and these. */
          supplements: supplements.filter((s) => s.isSigned),
        }
      : null,
    supplements,
    supplement: extras.supplement ? supplements.find((s) => s.id === extras.supplement!.id)! : null,
    confirmation: {
      court: c.confirmation?.court ?? orNull(settings.court),
      appliedAt: c.confirmation?.appliedAt ?? null,
      /** The last day to apply: 30 days from the agreement's effective date (人民调解法 art. 33). */
      deadline: effective ? addDays(effective, 30) : null,
      rulingNumber: whole(c.confirmation?.result?.rulingNumber),
    },
    sessions: c.sessions.map(sessionFields),
    session: extras.session
      ? sessionFields(
          extras.session,
          c.sessions.findIndex((s) => s.id === extras.session!.id),
        )
      : null,
    followUps,
    followUp: lastFollowUp ? followUps.at(-1)! : null,
    dossier: {
      items: (extras.dossierItems ?? []).map((item, i) => ({
        index: i + 1,
        title: item.title,
        note: item.note ?? null,
        page: item.page ?? null,
      })),
    },
    today: extras.today ?? null,
  };
}

export type DocumentContext = ReturnType<typeof documentContext>;

/** One line per field for the template editor's help panel and the README. */
export const FIELD_HELP: [string, string][] = [
  [
    'office.name / office.shortName / office.court / office.address / office.phone / office.operator',
    '本机构名称、简称、默认人民法院、地址、电话、当前登录的操作员（即打印的人，只用于卷宗封面的立卷人和本机构自建的文书；登记人见 case.registrar）；中心打印站点导入的案件时：站点名称，其余留空',
  ],
  [
    'case.number / case.receivedAt / case.acceptedAt / case.source / case.sourceCode / case.isApplication / case.disputeType / case.summary / case.status',
    '案号、登记日期、受理日期（尚未受理时为空）、案件来源（文字 / 代码：application、initiative、court-referral…）、是否当事人申请、纠纷类型、案由、状态',
  ],
  [
    'case.endDate / case.closedAt / case.outcome (case.outcome.kind / .isFailed / .isWithdrawn / .date / .reason / .guidance / .guidanceCode)',
    '调解结束日期、结案日期、调解不成或撤回：种类、是否调解不成、是否撤回、日期、理由、引导途径（文字 / 代码：litigation、arbitration、administrative、none）',
  ],
  [
    'case.facts / case.claims / case.amount / case.peopleInvolved / case.mediator / case.mediators / case.registrar / case.recorder',
    '纠纷简要情况、当事人请求、涉及金额（元）、涉及人数、调解员（顿号分隔）/ 调解员列表（每人一个签名处）、登记人（登记本案的操作员，取自案件日志；站点导入的案件为站点的登记人）、最近一次调解的记录人',
  ],
  ['parties / applicants / respondents / thirdParties', '全部当事人 / 申请人 / 被申请人 / 第三人（列表，用 for 循环）'],
  ['p.name / p.roleLabel / p.isPerson / p.isOrganization / p.index', '姓名或名称、身份（申请人…）、是否自然人、是否单位、序号'],
  [
    'p.gender / p.ethnicity / p.birthDate / p.age / p.idType / p.idNumber / p.occupation',
    '性别、民族、出生日期、年龄、证件类型、证件号码、职业',
  ],
  ['p.creditCode / p.representative / p.representativeTitle', '统一社会信用代码、法定代表人、职务（单位当事人）'],
  ['p.phone / p.address / p.agent (p.agent.name / .relation / .phone / .idNumber)', '联系电话、住址、委托代理人（没有时为空）'],
  ['partyNames / anyAgent', '全部当事人姓名（顿号分隔）/ 是否有当事人委托了代理人'],
  [
    'signers (s.label / s.name / s.isParty / s.seals / s.isRepresentative / s.isAgent / s.role / s.party)',
    '签名人列表：每个当事人（单位盖章）、单位的法定代表人、每个委托代理人；身份、姓名、是否当事人本人、是否盖章、是否法定代表人、是否代理人、所属当事人的身份和姓名',
  ],
  [
    'agreement.date / .form / .isWritten / .isOral / .terms / .performanceMethod / .performanceDeadline / .copies / .effectiveDate',
    '协议日期、形式、书面/口头、条款列表、履行方式、履行期限、份数（当事人数+1，可在案件中改）、生效日期',
  ],
  [
    'confirmation.court / .appliedAt / .deadline / .rulingNumber',
    '受理法院（案件中的或设置中的默认法院）、申请日期、申请期限（生效后30日）、裁定书案号',
  ],
  [
    'supplements (s.index / .date / .terms / .performanceMethod / .performanceDeadline / .effectiveDate / .isSigned) / supplement / agreement.supplements',
    '全部补充协议 / 本份补充协议 / 已签署生效的补充协议（引用协议时用）',
  ],
  ['session (session.index / .date / .place / .participants / .content / .result / .recorder) / sessions', '本次调解记录 / 全部调解记录'],
  ['followUp (followUp.date / .method / .performance / .notes / .visitor) / followUps', '最近一次回访 / 全部回访'],
  ['dossier.items (item.index / item.title / item.page / item.note)', '卷内目录'],
  ['today', '打印当天的日期：只用于以打印日为落款日期的本机构文书；内置文书的日期一律取自案件记录'],
];
