/**
 * Case shapes for checking printed documents page by page: the four an office meets every day (two
 * persons with three terms; three applicants and a company with a lawyer agent; an oral agreement; a
 * failed mediation) and one made to break pages badly (five parties, twelve long terms). Each is built
 * through the API, so its dates are the dates a mediator would have recorded.
 */

import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import type { Case, PartyInput } from '../../electron/core/schema/case';
import { residentIdCheckChar } from '../../electron/core/schema/identity';
import { IDS, sampleCaseInput } from './desk';

const id = (body17: string) => body17 + residentIdCheckChar(body17);
export const MORE_IDS = {
  zhao: id('51070219720611003'),
  qian: id('51072219880909004'),
  sun: id('51070319950101005'),
  zhou: id('51072219650315006'),
};

/** A natural-person party as typed at intake. */
export const person = (role: string, name: string, idNumber: string, extra: Partial<PartyInput> = {}): PartyInput =>
  ({ role, kind: 'person', name, idNumber, phone: '13800138000', address: `达州市通川区东城街道${name}家`, ...extra }) as PartyInput;

/** The company party (a property manager with its legal representative), as typed at intake. */
export const company = (role: string, extra: Partial<PartyInput> = {}): PartyInput =>
  ({
    role,
    kind: 'organization',
    name: '达州市通川区安居物业服务有限公司',
    creditCode: '91350100M000100Y43',
    representative: '钱经理',
    representativeTitle: '总经理',
    phone: '0818-2345678',
    address: '达州市通川区朝阳路8号',
    ...extra,
  }) as PartyInput;

const THREE_TERMS = [
  '被申请人于2026年11月30日前清除堆放在公共通道的杂物，恢复通道原状。',
  '被申请人赔偿申请人损失人民币壹万贰仟叁佰元零伍分（¥12,300.05），于2026年11月30日前一次性付清。',
  '双方今后互谅互让，不再因此事发生纠纷。',
];

/** Twelve terms long enough to run over several pages, with amounts and dates that must not break. */
const LONG_TERMS = Array.from(
  { length: 12 },
  (_, i) =>
    `被申请人第${i + 1}期向申请人支付赔偿款人民币贰仟叁佰肆拾伍元陆角柒分（¥2,345.67），于2027年${i + 1}月15日前通过银行转账方式支付到申请人张三在达州市通川区某银行开立的账户（账号以申请人书面提供的为准），逾期未付的，申请人可以就剩余全部款项向人民法院申请强制执行。`,
);

export interface Shape {
  /** How the shape is named in test titles and file names. */
  name: string;
  parties: PartyInput[];
  mediators: string[];
  /** 'written' / 'oral': agreed; 'failed': mediation ended without agreement. */
  ending: 'written' | 'oral' | 'failed';
  terms: string[];
  facts?: string;
}

export const SHAPES: Shape[] = [
  {
    name: 'two-persons',
    parties: [person('applicant', '张三', IDS.zhangSan), person('respondent', '李四', IDS.liSi)],
    mediators: ['王调解'],
    ending: 'written',
    terms: THREE_TERMS,
  },
  {
    name: 'three-applicants-company',
    parties: [
      person('applicant', '张三', IDS.zhangSan),
      person('applicant', '王五', IDS.wangWu),
      person('applicant', '赵六', MORE_IDS.zhao),
      company('respondent', { agent: { name: '孙律师', relation: '四川某律师事务所律师', phone: '13900139000' } }),
    ],
    mediators: ['王调解', '李调解'],
    ending: 'written',
    terms: THREE_TERMS,
  },
  {
    name: 'oral',
    parties: [person('applicant', '张三', IDS.zhangSan), person('respondent', '李四', IDS.liSi)],
    mediators: ['王调解'],
    ending: 'oral',
    terms: THREE_TERMS.slice(0, 2),
  },
  {
    name: 'failed',
    parties: [
      person('applicant', '张三', IDS.zhangSan, { agent: { name: '张小三', relation: '申请人之子', phone: '13700137000' } }),
      person('respondent', '李四', IDS.liSi),
    ],
    mediators: ['王调解'],
    ending: 'failed',
    terms: [],
  },
  {
    name: 'five-parties-twelve-terms',
    parties: [
      person('applicant', '张三', IDS.zhangSan, { agent: { name: '张小三', relation: '申请人之子', phone: '13700137000' } }),
      person('applicant', '王五', IDS.wangWu),
      person('respondent', '赵六', MORE_IDS.zhao, { agent: { name: '周律师', relation: '四川某律师事务所律师', phone: '13600136000' } }),
      company('respondent', { agent: { name: '孙职员', relation: '公司员工', phone: '13500135000' } }),
      person('third-party', '钱七', MORE_IDS.qian),
    ],
    mediators: ['王调解', '李调解', '刘调解'],
    ending: 'written',
    terms: LONG_TERMS,
    facts: Array.from(
      { length: 4 },
      () =>
        '申请人与被申请人系同一院落的邻居。被申请人在公共通道内长期堆放木料、砖块等杂物，致使申请人的车辆无法通行，申请人多次要求清除未果，双方因此发生争执，并造成申请人误工、车辆受损等损失。',
    ).join(''),
  },
];

/** A case of the shape, taken through the workflow with recorded dates (received 9-01 … follow-up 11-22). */
export async function shapeCase(desk: Desk, shape: Shape): Promise<Case> {
  const c = await call(
    desk,
    'cases.add',
    sampleCaseInput({
      parties: shape.parties,
      mediators: shape.mediators,
      receivedAt: '2026-09-01',
      ...(shape.facts ? { facts: shape.facts } : {}),
    }),
  );
  await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-09-02' } });
  await call(desk, 'cases.act', {
    id: c.id,
    action: 'record-session',
    details: { date: '2026-09-10', place: '调解室', content: '双方陈述了事实。', result: '达成一致', recorder: '刘记录' },
  });
  if (shape.ending === 'failed') {
    await call(desk, 'cases.act', {
      id: c.id,
      action: 'fail',
      details: { date: '2026-09-20', reason: '双方对赔偿数额分歧过大，经多次调解仍不能达成协议', guidance: 'litigation' },
    });
    return desk.getCase(c.id);
  }
  await call(desk, 'cases.act', {
    id: c.id,
    action: 'agree',
    details: {
      date: '2026-11-20',
      form: shape.ending,
      terms: shape.terms,
      performanceMethod: '现金支付',
      performanceDeadline: '2026-11-30',
    },
  });
  if (shape.ending === 'written') {
    await call(desk, 'cases.act', { id: c.id, action: 'sign', details: { date: '2026-11-20' } });
    await call(desk, 'cases.act', { id: c.id, action: 'apply-confirmation', details: { date: '2026-11-21' } });
  }
  await call(desk, 'cases.act', {
    id: c.id,
    action: 'follow-up',
    details: { date: '2026-11-22', performance: 'performed', notes: '已履行完毕', visitor: '王调解' },
  });
  return desk.getCase(c.id);
}
