/**
 * The intake form as plain data, its checks while typing, and its conversion to `cases.add` input.
 * Pure (no React), so the per-keystroke cost is measured by the benchmark. The core's schema stays the
 * judge: these checks give instant feedback with the same helpers (identity.ts, money.ts); the form
 * also asks `cases.check` and shows its answers at the same field paths (`parties[1].idNumber`).
 */

import { isRealDate } from '../../../../electron/core/dates';
import { fenToYuan, yuanToFen } from '../../../../electron/core/money';
import type { Case, Party } from '../../../../electron/core/schema/case';
import {
  creditCodeProblem,
  normaliseCode,
  normalisePhone,
  normaliseResidentId,
  phoneProblem,
  residentIdFacts,
  residentIdProblem,
} from '../../../../electron/core/schema/identity';

export type Role = 'applicant' | 'respondent' | 'third-party';
export type Kind = 'person' | 'organization';

export interface PartyForm {
  /** Stable React key (not sent). */
  key: string;
  /** The stored party's id when editing a case (kept, so links to the party survive). */
  id?: string;
  role: Role;
  kind: Kind;
  name: string;
  gender: '' | 'male' | 'female';
  ethnicity: string;
  birthDate: string;
  idType: string;
  idNumber: string;
  phone: string;
  address: string;
  occupation: string;
  creditCode: string;
  representative: string;
  representativeTitle: string;
  agentName: string;
  agentRelation: string;
  agentPhone: string;
}

export interface IntakeForm {
  receivedAt: string;
  source: string;
  disputeType: string;
  summary: string;
  facts: string;
  claims: string;
  /** Yuan as typed. */
  amount: string;
  peopleInvolved: string;
  mediators: string[];
  parties: PartyForm[];
}

/** Field path → Chinese message. */
export type Problems = Record<string, string>;

let keySeq = 0;
export function newKey(): string {
  keySeq += 1;
  return `p${Date.now().toString(36)}${keySeq}`;
}

export function emptyParty(role: Role, kind: Kind = 'person'): PartyForm {
  return {
    key: newKey(),
    role,
    kind,
    name: '',
    gender: '',
    ethnicity: '汉族',
    birthDate: '',
    idType: 'resident-id',
    idNumber: '',
    phone: '',
    address: '',
    occupation: '',
    creditCode: '',
    representative: '',
    representativeTitle: '',
    agentName: '',
    agentRelation: '',
    agentPhone: '',
  };
}

export function emptyIntake(today: string, mediator?: string): IntakeForm {
  return {
    receivedAt: today,
    source: 'application',
    disputeType: '',
    summary: '',
    facts: '',
    claims: '',
    amount: '',
    peopleInvolved: '',
    mediators: mediator ? [mediator] : [],
    parties: [emptyParty('applicant'), emptyParty('respondent')],
  };
}

/** Birth date and gender read from a complete, valid 居民身份证 number; null otherwise. */
export function idFacts(
  party: Pick<PartyForm, 'kind' | 'idType' | 'idNumber'>,
  today: string,
): { birthDate: string; gender: 'male' | 'female' } | null {
  if (party.kind !== 'person' || party.idType !== 'resident-id') return null;
  const id = normaliseResidentId(party.idNumber);
  if (id.length !== 18 || residentIdProblem(id, today) !== null) return null;
  const facts = residentIdFacts(id);
  return { birthDate: facts.birthDate, gender: facts.gender };
}

function checkParty(p: PartyForm, at: string, today: string, problems: Problems): void {
  if (!p.name.trim()) problems[`${at}.name`] = p.kind === 'person' ? '姓名不能为空' : '名称不能为空';
  else if (p.name.trim().length > (p.kind === 'person' ? 50 : 100)) problems[`${at}.name`] = '名称过长';
  if (p.phone.trim()) {
    const problem = phoneProblem(normalisePhone(p.phone));
    if (problem) problems[`${at}.phone`] = problem;
  }
  if (p.kind === 'person') {
    if (p.idNumber.trim()) {
      if (p.idType === 'resident-id') {
        const problem = residentIdProblem(normaliseResidentId(p.idNumber), today);
        if (problem) problems[`${at}.idNumber`] = `居民身份证号码${problem}`;
      }
    }
    if (p.birthDate && (!isRealDate(p.birthDate) || p.birthDate > today)) problems[`${at}.birthDate`] = '不是有效的出生日期';
  } else if (p.creditCode.trim()) {
    const problem = creditCodeProblem(normaliseCode(p.creditCode));
    if (problem) problems[`${at}.creditCode`] = `统一社会信用代码${problem}`;
  }
  if (p.agentPhone.trim()) {
    const problem = phoneProblem(normalisePhone(p.agentPhone));
    if (problem) problems[`${at}.agent.phone`] = problem;
  }
  if (!p.agentName.trim() && (p.agentRelation.trim() || p.agentPhone.trim())) problems[`${at}.agent.name`] = '委托代理人姓名不能为空';
}

/** Every problem of the form, by field path. Cheap enough to run on each keystroke. */
export function validateIntake(form: IntakeForm, today: string): Problems {
  const problems: Problems = {};
  if (!form.receivedAt || !isRealDate(form.receivedAt)) problems.receivedAt = '请填写登记日期';
  else if (form.receivedAt > today) problems.receivedAt = '登记日期不能晚于今天';
  if (!form.disputeType) problems.disputeType = '请选择纠纷类型';
  if (!form.summary.trim()) problems.summary = '案由不能为空';
  else if (form.summary.trim().length > 100) problems.summary = '不能超过100个字';
  if (form.amount.trim()) {
    const fen = yuanToFen(form.amount);
    if (typeof fen === 'string') problems.amount = fen;
  }
  if (form.peopleInvolved.trim() && !/^[1-9]\d{0,5}$/.test(form.peopleInvolved.trim())) problems.peopleInvolved = '应为正整数';
  const roles = new Set(form.parties.map((p) => p.role));
  if (!roles.has('applicant')) problems.parties = '至少需要一名申请人';
  else if (!roles.has('respondent')) problems.parties = '至少需要一名被申请人';
  form.parties.forEach((p, i) => checkParty(p, `parties[${i}]`, today, problems));
  return problems;
}

const trimmed = (value: string): string | undefined => (value.trim() ? value.trim() : undefined);

/** The form as `cases.add` input: exactly the schema's field names, empty fields left out. */
export function toCaseInput(form: IntakeForm): Record<string, unknown> {
  const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return drop({
    receivedAt: trimmed(form.receivedAt),
    source: form.source || undefined,
    disputeType: form.disputeType,
    summary: form.summary.trim(),
    facts: trimmed(form.facts),
    claims: trimmed(form.claims),
    amount: trimmed(form.amount),
    peopleInvolved: /^\d+$/.test(form.peopleInvolved.trim()) ? Number(form.peopleInvolved.trim()) : undefined,
    mediators: form.mediators.filter((m) => m.trim()),
    parties: form.parties.map((p) => {
      const agent = trimmed(p.agentName)
        ? drop({ name: p.agentName.trim(), relation: trimmed(p.agentRelation), phone: trimmed(p.agentPhone) })
        : undefined;
      const common = {
        id: p.id,
        role: p.role,
        kind: p.kind,
        name: p.name.trim(),
        phone: trimmed(p.phone),
        address: trimmed(p.address),
        agent,
      };
      if (p.kind === 'organization') {
        return drop({
          ...common,
          creditCode: trimmed(p.creditCode),
          representative: trimmed(p.representative),
          representativeTitle: trimmed(p.representativeTitle),
        });
      }
      // A resident ID carries birth date and gender; the core derives them, so they are not sent twice.
      const fromId = p.idType === 'resident-id' && p.idNumber.trim() !== '';
      return drop({
        ...common,
        gender: fromId ? undefined : p.gender || undefined,
        ethnicity: trimmed(p.ethnicity),
        birthDate: fromId ? undefined : trimmed(p.birthDate),
        idType: p.idType,
        idNumber: trimmed(p.idNumber),
        occupation: trimmed(p.occupation),
      });
    }),
  });
}

/** Whether the form holds anything worth keeping as a draft (not just the defaults). */
export function hasContent(form: IntakeForm): boolean {
  return Boolean(
    form.disputeType ||
    form.summary.trim() ||
    form.facts.trim() ||
    form.claims.trim() ||
    form.amount.trim() ||
    form.parties.some((p) => p.name.trim() || p.idNumber.trim() || p.phone.trim()),
  );
}

/** A stored case as the form shows it, for 修改基本信息. */
export function fromCase(c: Case): IntakeForm {
  return {
    receivedAt: c.receivedAt,
    source: c.source,
    disputeType: c.disputeType,
    summary: c.summary,
    facts: c.facts,
    claims: c.claims,
    amount: c.amountFen ? fenToYuan(c.amountFen) : '',
    peopleInvolved: String(c.peopleInvolved),
    mediators: [...c.mediators],
    parties: c.parties.map(partyForm),
  };
}

/** A saved party as the form holds it. */
export function partyForm(p: Party): PartyForm {
  return {
    ...emptyParty(p.role, p.kind),
    id: p.id,
    name: p.name,
    phone: p.phone ?? '',
    address: p.address ?? '',
    agentName: p.agent?.name ?? '',
    agentRelation: p.agent?.relation ?? '',
    agentPhone: p.agent?.phone ?? '',
    ...(p.kind === 'person'
      ? {
          gender: p.gender ?? '',
          ethnicity: p.ethnicity,
          birthDate: p.birthDate ?? '',
          idType: p.idType,
          idNumber: p.idNumber ?? '',
          occupation: p.occupation ?? '',
        }
      : { creditCode: p.creditCode ?? '', representative: p.representative ?? '', representativeTitle: p.representativeTitle ?? '' }),
  };
}

/**
 * 带入已有当事人信息: a party of another case into a draft party — who they are and how to reach
 * them; the draft keeps its own role, place and agent (an agent is engaged for one case).
 */
export function bringIn(draft: PartyForm, existing: Party): PartyForm {
  const known = partyForm(existing);
  return {
    ...known,
    key: draft.key,
    id: draft.id,
    role: draft.role,
    agentName: draft.agentName,
    agentRelation: draft.agentRelation,
    agentPhone: draft.agentPhone,
  };
}

/**
 * Only what the edit changed, as `cases.edit` changes: the log then names exactly the edited fields.
 * Parties go as a whole list when any party changed (the core replaces the list).
 */
export function changedInput(before: IntakeForm, after: IntakeForm): Record<string, unknown> {
  const was = toCaseInput(before);
  const now = toCaseInput(after);
  const changes: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (JSON.stringify(was[key]) !== JSON.stringify(now[key]))
      changes[key] = now[key] ?? (key === 'facts' || key === 'claims' ? '' : key === 'amount' ? '0' : undefined);
  }
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
}
