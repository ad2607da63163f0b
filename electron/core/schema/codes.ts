/**
 * Code tables with their Chinese labels: the one place these lists live.
 * Forms, documents, exports and statistics all read them from here.
 * Codes are stable identifiers: add new ones, never rename or reuse one.
 */

export interface CodeEntry<C extends string = string> {
  code: C;
  label: string;
}

function table<const C extends string>(entries: readonly { code: C; label: string; aliases?: readonly string[] }[]) {
  const codes = entries.map((e) => e.code) as [C, ...C[]];
  const labels = Object.fromEntries(entries.map((e) => [e.code, e.label])) as Record<C, string>;
  const lookup = new Map<string, C>();
  for (const e of entries) {
    lookup.set(e.code, e.code);
    lookup.set(e.label, e.code);
    for (const alias of e.aliases ?? []) lookup.set(alias, e.code);
  }
  return {
    entries: entries.map(({ code, label }) => ({ code, label })),
    codes,
    labels,
    /** The code for a code or a Chinese label (or a common alias), else undefined. */
    resolve: (value: string): C | undefined => lookup.get(value.trim()),
    /** The Chinese label; an unknown code (data from a newer version) is shown as itself, never as `[object Object]`. */
    label: (code: C): string => (Object.hasOwn(labels, code) ? labels[code] : String(code)),
  };
}

/** 纠纷类型, after the MoJ statistics list (reference §4.1), plus 村务管理 seen locally. */
export const DISPUTE_TYPES = table([
  { code: 'marriage-family', label: '婚姻家庭', aliases: ['婚姻家庭纠纷'] },
  { code: 'neighbour', label: '邻里', aliases: ['邻里纠纷'] },
  { code: 'housing-homestead', label: '房屋宅基地', aliases: ['房屋宅基地纠纷', '房屋、宅基地'] },
  { code: 'contract', label: '合同', aliases: ['合同纠纷'] },
  { code: 'production-business', label: '生产经营', aliases: ['生产经营纠纷'] },
  { code: 'damages', label: '损害赔偿', aliases: ['损害赔偿纠纷'] },
  { code: 'land-forest', label: '山林土地', aliases: ['山林土地纠纷'] },
  { code: 'land-acquisition', label: '征地拆迁', aliases: ['征地拆迁纠纷'] },
  { code: 'village-affairs', label: '村务管理', aliases: ['村务管理纠纷'] },
  { code: 'environment', label: '环境污染', aliases: ['环境污染纠纷', '环境保护'] },
  { code: 'labour', label: '劳动争议', aliases: ['劳动争议纠纷'] },
  { code: 'medical', label: '医疗', aliases: ['医疗纠纷'] },
  { code: 'property-management', label: '物业', aliases: ['物业纠纷'] },
  { code: 'traffic', label: '道路交通事故', aliases: ['道路交通事故纠纷', '交通事故'] },
  { code: 'consumer', label: '消费', aliases: ['消费纠纷'] },
  { code: 'other', label: '其他', aliases: ['其它', '其他纠纷', '其它纠纷'] },
] as const);
export type DisputeType = (typeof DISPUTE_TYPES.codes)[number];

/** 案件来源 (reference §4.2). */
export const CASE_SOURCES = table([
  { code: 'application', label: '当事人申请', aliases: ['申请调解'] },
  { code: 'initiative', label: '人民调解委员会主动调解', aliases: ['主动调解'] },
  { code: 'court-referral', label: '人民法院委派/委托', aliases: ['人民法院委派', '人民法院委托', '法院委托'] },
  { code: 'police-referral', label: '公安机关移送', aliases: ['公安机关移交'] },
  { code: 'petition-referral', label: '信访部门移送' },
  { code: 'other-referral', label: '其他单位移送', aliases: ['政府部门指定'] },
] as const);
export type CaseSource = (typeof CASE_SOURCES.codes)[number];

export const PARTY_ROLES = table([
  { code: 'applicant', label: '申请人' },
  { code: 'respondent', label: '被申请人' },
  { code: 'third-party', label: '第三人' },
] as const);
export type PartyRole = (typeof PARTY_ROLES.codes)[number];

export const PARTY_KINDS = table([
  { code: 'person', label: '自然人', aliases: ['个人'] },
  { code: 'organization', label: '法人或其他组织', aliases: ['单位', '法人', '组织'] },
] as const);
export type PartyKind = (typeof PARTY_KINDS.codes)[number];

export const GENDERS = table([
  { code: 'male', label: '男' },
  { code: 'female', label: '女' },
] as const);
export type Gender = (typeof GENDERS.codes)[number];

export const ID_TYPES = table([
  { code: 'resident-id', label: '居民身份证', aliases: ['身份证'] },
  { code: 'passport', label: '护照' },
  { code: 'hk-macau-permit', label: '港澳居民来往内地通行证' },
  { code: 'taiwan-permit', label: '台湾居民来往大陆通行证' },
  { code: 'foreign-permanent-id', label: '外国人永久居留身份证' },
  { code: 'other', label: '其他', aliases: ['其它'] },
] as const);
export type IdType = (typeof ID_TYPES.codes)[number];

export const CASE_STATUSES = table([
  { code: 'registered', label: '已登记' },
  { code: 'accepted', label: '已受理（调解中）', aliases: ['已受理', '调解中'] },
  { code: 'declined', label: '不予受理' },
  { code: 'agreed', label: '调解成功' },
  { code: 'failed', label: '调解不成/终止调解', aliases: ['调解不成', '终止调解'] },
  { code: 'withdrawn', label: '撤回' },
  { code: 'closed', label: '结案归档', aliases: ['结案', '已归档'] },
] as const);
export type CaseStatus = (typeof CASE_STATUSES.codes)[number];

export const AGREEMENT_FORMS = table([
  { code: 'written', label: '书面' },
  { code: 'oral', label: '口头' },
] as const);
export type AgreementForm = (typeof AGREEMENT_FORMS.codes)[number];

/** Where the parties were guided after a failed mediation. */
export const GUIDANCE_ROUTES = table([
  { code: 'litigation', label: '诉讼' },
  { code: 'arbitration', label: '仲裁' },
  { code: 'administrative', label: '行政途径' },
  { code: 'none', label: '未引导' },
] as const);
export type GuidanceRoute = (typeof GUIDANCE_ROUTES.codes)[number];

export const CONFIRMATION_RESULTS = table([
  { code: 'confirmed', label: '确认有效' },
  { code: 'rejected', label: '驳回申请', aliases: ['驳回'] },
] as const);
export type ConfirmationResult = (typeof CONFIRMATION_RESULTS.codes)[number];

export const PERFORMANCE_STATES = table([
  { code: 'performed', label: '已履行' },
  { code: 'partial', label: '部分履行' },
  { code: 'not-performed', label: '未履行' },
] as const);
export type PerformanceState = (typeof PERFORMANCE_STATES.codes)[number];

export const FOLLOW_UP_METHODS = table([
  { code: 'visit', label: '上门回访' },
  { code: 'phone', label: '电话回访' },
  { code: 'office', label: '来访' },
  { code: 'other', label: '其他' },
] as const);
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS.codes)[number];

/** What a station's case is marked after the centre's receipt was applied. */
export const CENTRE_MARKS = table([
  { code: 'received', label: '已接收' },
  { code: 'returned', label: '退回' },
] as const);
export type CentreMark = (typeof CENTRE_MARKS.codes)[number];

/**
 * 操作员角色: who signs in. What each may do is declared on the handler entries (electron/core/session.ts
 * names the sets): only 管理员 changes settings, keys, templates and operators and restores backups;
 * 受理员 registers and routes cases but does not mediate or sign agreements; 中心工作人员 works at a centre.
 */
export const OPERATOR_ROLES = table([
  { code: 'admin', label: '管理员' },
  { code: 'mediator', label: '调解员' },
  { code: 'clerk', label: '受理员' },
  { code: 'centre', label: '中心工作人员', aliases: ['中心'] },
] as const);
export type OperatorRole = (typeof OPERATOR_ROLES.codes)[number];

export const OFFICE_ROLES = table([
  { code: 'station', label: '调解站点' },
  { code: 'centre', label: '公共法律服务中心' },
] as const);
export type OfficeRole = (typeof OFFICE_ROLES.codes)[number];

/** The built-in documents by template name, with the titles they print and are known by. */
export const DOCUMENT_TEMPLATES = table([
  { code: 'application', label: '人民调解申请书' },
  { code: 'registration', label: '人民调解受理登记表' },
  { code: 'notice', label: '人民调解当事人权利义务告知书' },
  { code: 'session-record', label: '人民调解记录' },
  { code: 'termination-notice', label: '终止人民调解告知书' },
  { code: 'agreement', label: '人民调解协议书' },
  { code: 'oral-agreement', label: '人民调解口头协议登记表' },
  { code: 'confirmation-application', label: '司法确认申请书' },
  { code: 'supplement', label: '人民调解补充协议书' },
  { code: 'follow-up-record', label: '人民调解回访记录' },
  { code: 'dossier-cover', label: '人民调解卷宗封面及卷内目录' },
] as const);

/** A template's Chinese title: the built-in document's, else the office template's own name. */
export function documentTitle(name: string): string {
  return (DOCUMENT_TEMPLATES.labels as Record<string, string>)[name] ?? name;
}
