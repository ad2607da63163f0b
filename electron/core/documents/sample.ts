/**
 * Sample cases for checking templates without a real case (`template validate`, saving in 设置, the
 * editor's preview when no case is chosen). They fill every field, so that rendering them in strict mode
 * finds every misspelt field: one with a written agreement, an organization party and agents, one with
 * an oral agreement and no agents, so both branches of the usual conditionals are tried. For the same
 * reason both also carry how a mediation ends without agreement (failed in one, withdrawn in the other),
 * which a real agreed case never has.
 */

import { makeEvent } from '../cases/events';
import type { Case } from '../schema/case';
import type { Request } from '../schema/request';
import { SettingsSchema } from '../schema/settings';
import { type DocumentContext, documentContext } from './context';
import { type RequestDocumentContext, requestDocumentContext } from './request-context';
import { isRequestTemplate } from './request-templates';

const SETTINGS = SettingsSchema.parse({
  name: '示例街道人民调解委员会',
  shortName: '示例',
  court: '示例市示例区人民法院',
  address: '示例市示例区示例路1号',
  phone: '0818-2000000',
});

export const sampleSettings = () => SETTINGS;

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function sampleCase(form: 'written' | 'oral'): Case {
  const at = '2026-11-20T10:00:00.000+08:00';
  const withAgents = form === 'written';
  return {
    id: ID(1),
    number: '（2026）示例调字第1号',
    receivedAt: '2026-11-02',
    source: 'application',
    disputeType: 'neighbour',
    summary: '相邻通行纠纷',
    facts: '申请人与被申请人系邻居，因通道堆放杂物发生纠纷。',
    claims: '请求清除杂物并赔偿损失。',
    amountFen: 1_230_005,
    peopleInvolved: 3,
    mediators: ['王调解', '李调解'],
    parties: [
      {
        id: ID(2),
        role: 'applicant',
        kind: 'person',
        name: '张三',
        gender: 'female',
        ethnicity: '汉族',
        birthDate: '1949-12-31',
        idType: 'resident-id',
        idNumber: '11010519491231002X',
        occupation: '退休',
        phone: '13800138000',
        address: '示例市示例区1号',
        ...(withAgents ? { agent: { name: '赵律师', relation: '律师', phone: '13900139000', idNumber: '510702198503150017' } } : {}),
      },
      {
        id: ID(3),
        role: 'respondent',
        kind: 'organization',
        name: '示例物业服务有限公司',
        creditCode: '91350100M000100Y43',
        representative: '钱经理',
        representativeTitle: '总经理',
        phone: '0818-2345678',
        address: '示例市示例区2号',
        ...(withAgents ? { agent: { name: '孙职员', relation: '公司员工' } } : {}),
      },
      {
        id: ID(4),
        role: 'third-party',
        kind: 'person',
        name: '周五',
        gender: 'male',
        ethnicity: '汉族',
        idType: 'resident-id',
        idNumber: '510702198503150017',
        birthDate: '1985-03-15',
        occupation: '个体',
      },
    ],
    status: 'agreed',
    // Registered by an operator of its own, so that `case.registrar` is filled and told apart from the mediators.
    events: [makeEvent([], 'created', { number: '（2026）示例调字第1号', parties: 3 }, '陈登记', at)],
    sessions: [
      {
        id: ID(5),
        date: '2026-11-10',
        place: '调解室',
        participants: '社区网格员',
        content: '双方陈述事实。',
        result: '达成一致',
        recorder: '刘记录',
      },
    ],
    agreement: {
      date: '2026-11-20',
      form,
      terms: ['被申请人于2026年11月30日前清除杂物。', '被申请人赔偿申请人损失人民币壹万贰仟叁佰元零伍分。'],
      performanceMethod: '现金支付',
      performanceDeadline: '2026-11-30',
      effectiveDate: '2026-11-20',
    },
    // One signed 补充协议 (written sample) and one awaiting signatures (oral sample): both branches.
    supplements: [
      {
        id: ID(7),
        date: '2026-11-28',
        terms: ['被申请人的清除期限延长至2026年12月15日。'],
        performanceMethod: '分两期现金支付',
        performanceDeadline: '2026-12-15',
        ...(form === 'written' ? { effectiveDate: '2026-11-28' } : {}),
      },
    ],
    confirmation: {
      appliedAt: '2026-11-21',
      court: '示例市示例区人民法院',
      result: { date: '2026-11-25', result: 'confirmed', rulingNumber: '（2026）示0105民特1号' },
    },
    followUps: [{ id: ID(6), date: '2026-12-05', method: 'visit', performance: 'performed', notes: '已履行完毕。', visitor: '王调解' }],
    outcome: withAgents
      ? { kind: 'failed', date: '2026-11-18', reason: '双方对赔偿数额分歧过大', guidance: 'litigation' }
      : { kind: 'withdrawn', date: '2026-11-18', reason: '申请人要求终止调解' },
    revision: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * A routed front-desk request with every field filled (for the 转办单). `declined`: a group visit whose
 * spokesman declined to give an ID number, routed with an extended limit.
 */
export function sampleRequest(variant: 'plain' | 'declined' = 'plain'): Request {
  const at = '2026-11-23T09:30:00.000+08:00';
  const declined = variant === 'declined';
  return {
    id: ID(11),
    number: '511702-001-2026-000012',
    receivedAt: '2026-11-23T09:05',
    channel: 'visit',
    businessType: 'legal-aid',
    visitor: declined
      ? { name: '赵六', idDeclined: true, phone: '13700137000', address: '示例市示例区3号', groupSize: 5 }
      : {
          name: '张三',
          idType: 'resident-id',
          idNumber: '11010519491231002X',
          phone: '13800138000',
          address: '示例市示例区1号',
          groupSize: 1,
        },
    matter: '在示例建筑公司务工三个月，被拖欠工资人民币一万二千元，申请法律援助。',
    category: 'labour',
    firstResponder: '王窗口',
    handling: 'route',
    routeDue: '2026-11-24',
    routing: {
      office: '法律援助中心',
      date: '2026-11-23',
      by: '王窗口',
      feedbackDue: '2026-11-30',
      ...(declined ? { extendedTo: '2026-12-11', extendReason: '需调取用工记录' } : {}),
    },
    feedback: { date: '2026-11-27', by: '法律援助中心', result: '已受理法律援助申请，指派律师承办。' },
    followUps: [],
    state: 'fed-back',
    events: [],
    revision: 3,
    createdAt: at,
    updatedAt: at,
  };
}

let cached: DocumentContext[] | undefined;
let cachedRequests: RequestDocumentContext[] | undefined;

/** The sample data a template named `name` is checked against: requests for front-desk templates, cases otherwise. */
export function sampleContexts(name = ''): (DocumentContext | RequestDocumentContext)[] {
  if (isRequestTemplate(name)) {
    cachedRequests ??= (['plain', 'declined'] as const).map((variant) =>
      requestDocumentContext(sampleRequest(variant), SETTINGS, { today: '2026-11-23' }),
    );
    return cachedRequests;
  }
  cached ??= (['written', 'oral'] as const).map((form) => {
    const c = sampleCase(form);
    return documentContext(c, SETTINGS, {
      today: '2026-11-23',
      session: c.sessions[0],
      supplement: c.supplements?.[0],
      dossierItems: [{ title: '人民调解申请书' }, { title: '人民调解协议书', note: '原件' }],
    });
  });
  return cached;
}
