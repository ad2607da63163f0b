/**
 * Realistic, valid, deterministic cases for benchmarks and tests (store, batches, statistics…).
 *
 * `generateCases(n, { seed })` always yields the same cases for the same arguments: two or three
 * parties (persons with valid 居民身份证 numbers, sometimes an organization with a valid 统一社会信用代码),
 * a few hundred characters of Chinese facts, sessions, an agreement where the status calls for one,
 * and a hash-chained event log built with the core's own `makeEvent` — every case passes `CaseSchema`.
 *
 * Use `iterateCases` for large registers (200,000 cases) so that callers can commit in chunks without
 * holding every generated case at once.
 */

import { makeEvent } from '../../electron/core/cases/events';
import type { Counters } from '../../electron/core/cases/numbering';
import { formatCaseNumber } from '../../electron/core/cases/numbering';
import { addDays } from '../../electron/core/dates';
import type { Agreement, Case, CaseEvent, FollowUp, Outcome, Party, Session } from '../../electron/core/schema/case';
import {
  type CaseSource,
  type CaseStatus,
  DISPUTE_TYPES,
  type DisputeType,
  type FollowUpMethod,
  type GuidanceRoute,
  type PerformanceState,
} from '../../electron/core/schema/codes';
import { creditCodeCheckChar, residentIdCheckChar } from '../../electron/core/schema/identity';

export interface GenerateOptions {
  /** PRNG seed; the same seed and options give the same cases. Default 1. */
  seed?: number;
  /**
   * Which statuses to produce: a list (equal weights) or weights per status.
   * Default: a realistic mix (mostly agreed/closed, some in progress, a few failed/declined/withdrawn).
   */
  statuses?: readonly CaseStatus[] | Partial<Record<CaseStatus, number>>;
  /** Received dates are spread uniformly over [from, to] (YYYY-MM-DD). Default 2022-01-01 … 2026-10-31. */
  from?: string;
  to?: string;
  /** Office short name used in 案号. Default 东城. */
  shortName?: string;
  /** Case-number pattern, as in the settings. Default `（{year}）{shortName}调字第{seq}号`. */
  numberPattern?: string;
  /** Court named in judicial-confirmation applications. Default 达州市通川区人民法院. */
  court?: string;
  /** Mediators to pick from. */
  mediators?: readonly string[];
  /** Operator recorded in events. Default 王调解. */
  operator?: string;
  /** Share of agreed/closed-agreed cases with a judicial-confirmation application (0…1). Default 0.15. */
  confirmationShare?: number;
}

const DEFAULT_STATUS_WEIGHTS: Partial<Record<CaseStatus, number>> = {
  registered: 4,
  accepted: 8,
  declined: 2,
  agreed: 20,
  failed: 5,
  withdrawn: 2,
  closed: 59,
};

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
export const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A version-4-shaped UUID from the PRNG (deterministic, passes `z.uuid()`). */
export function uuid(rng: Rng): string {
  const hex: string[] = [];
  for (let i = 0; i < 16; i++)
    hex.push(
      Math.floor(rng() * 256)
        .toString(16)
        .padStart(2, '0'),
    );
  hex[6] = `4${hex[6][1]}`;
  hex[8] = ((parseInt(hex[8], 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
export const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬建国德志海波辉鹏飞斌宇浩凯秀云莲荣梅琴春兰淑珍凤洁雪琳晨阳',
];
const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '土家族', '彝族', '回族', '藏族', '羌族'];
/** 达州 and neighbouring county codes (valid province prefix 51, 50). */
const REGION_CODES = ['511702', '511703', '511722', '511723', '511724', '511725', '511781', '510502', '511502', '500101'];
const VILLAGES = ['金山村', '凤凰村', '河东社区', '石桥村', '柳树湾村', '新华社区', '双河村', '白鹤村', '红旗村', '朝阳社区'];
const TOWNS = ['东城街道', '西城街道', '北山镇', '蒲家镇', '复兴镇', '罗江镇', '碑庙镇', '金石镇'];
export const COMPANIES = [
  '达州市通川区顺达建材有限公司',
  '四川蜀通物流有限公司',
  '达州市鑫源物业服务有限公司',
  '通川区惠民农业专业合作社',
  '达州市川东餐饮管理有限公司',
  '四川巴山建筑劳务有限公司',
];
const DEFAULT_MEDIATORS = ['王调解', '李明华', '张桂兰', '刘建国', '陈秀英', '赵志强'];

const FACT_TEMPLATES: Record<string, readonly string[]> = {
  'marriage-family': [
    '双方系夫妻关系，婚后育有一子，因家庭琐事及子女抚养问题长期发生争吵，',
    '双方为兄弟关系，因父母赡养费用分担问题产生矛盾，',
    '申请人与被申请人离婚后，因子女探望时间及抚养费支付问题多次发生争执，',
  ],
  neighbour: [
    '双方系相邻住户，因被申请人在房屋后侧修建排水沟，雨季积水流入申请人院坝，',
    '双方为上下楼邻居，因楼上卫生间渗水导致楼下房屋天花板受损，',
    '双方因公共通道堆放杂物、通行受阻问题多次发生口角，',
  ],
  'housing-homestead': [
    '双方宅基地相邻，因界址不清，被申请人翻修房屋时占用申请人宅基地约三平方米，',
    '申请人租住被申请人房屋，因房屋漏雨维修责任及押金退还问题产生争议，',
  ],
  contract: [
    '双方签订房屋装修合同，约定工期六十日，被申请人逾期未完工且部分工程质量不合格，',
    '申请人向被申请人出售农产品，被申请人收货后以质量问题为由拒付剩余货款，',
  ],
  'production-business': [
    '双方合伙经营养殖场，因经营亏损后合伙财产分割问题产生争议，',
    '被申请人经营的砂石场运输车辆损坏申请人承包地内的农作物，',
  ],
  damages: [
    '被申请人饲养的犬只咬伤申请人，申请人就医花费医疗费若干元，',
    '双方因口角发生肢体冲突，申请人面部受伤，经派出所出警后移送调解，',
  ],
  'land-forest': [
    '双方承包地相邻，因地界标识缺失，对约半亩土地的承包经营权归属产生争议，',
    '双方因林地界线及林木采伐收益分配问题发生纠纷，',
  ],
  'land-acquisition': ['因道路拓宽工程征收申请人房屋，双方对附属设施补偿标准存在分歧，'],
  'village-affairs': ['申请人认为村民小组集体收益分配方案未将其纳入分配范围，'],
  environment: ['被申请人经营的加工厂夜间生产噪音较大，影响周边居民休息，', '被申请人养殖场排放的污水流入申请人鱼塘，造成鱼苗死亡，'],
  labour: [
    '申请人在被申请人处从事建筑工作，被申请人拖欠申请人劳务工资若干元，',
    '申请人在工作中受伤，双方就医疗费及误工费承担问题产生争议，',
  ],
  medical: ['申请人在被申请人处就诊后病情加重，认为诊疗存在过错，要求赔偿，'],
  'property-management': ['业主以小区电梯长期故障、公共区域清洁不到位为由拒交物业费，物业公司要求补缴，'],
  traffic: [
    '双方驾驶的车辆在乡村道路会车时发生刮擦，交警部门认定双方负同等责任，',
    '被申请人驾驶电动车将行人申请人撞伤，经交警认定被申请人负主要责任，',
  ],
  consumer: ['申请人在被申请人处购买的家用电器使用不久即出现故障，多次维修未果，'],
  other: ['双方因借款归还问题发生争议，被申请人对借款金额及利息计算有异议，'],
};
const FACT_MIDDLES = [
  '双方多次自行协商未果，矛盾有激化趋势。',
  '经村（社区）干部调解未能达成一致意见，申请人遂向本委员会申请调解。',
  '申请人称已多次与被申请人沟通，被申请人态度消极，拒不解决。',
  '被申请人表示愿意协商，但对申请人提出的金额有较大异议。',
  '调解员接案后及时走访双方当事人及周边群众，查看现场并收集相关证据材料。',
  '经调查核实，双方所述基本事实清楚，争议焦点集中在责任划分及赔偿金额上。',
];
const FACT_ENDINGS = [
  '调解员依据《中华人民共和国民法典》相关规定，向双方释法析理，引导双方换位思考、互谅互让。',
  '调解员充分听取双方意见，结合当地习惯和实际情况，提出了兼顾双方利益的调解方案。',
  '为防止矛盾激化，调解员多次组织双方面对面协商，并邀请村干部、乡贤共同参与调解。',
];
const CLAIMS = [
  '要求被申请人赔偿经济损失',
  '要求被申请人停止侵害、恢复原状',
  '要求被申请人支付拖欠款项',
  '要求确认土地界址并排除妨碍',
  '要求被申请人按月支付赡养费',
  '要求被申请人赔礼道歉并赔偿医疗费',
];
const TERMS = [
  '被申请人于协议签订之日起十日内一次性支付申请人赔偿款人民币{amount}元。',
  '双方以现场测量确定的界桩为界，各自在界线内使用，互不侵占。',
  '被申请人负责在三十日内修复受损设施，费用由被申请人承担。',
  '双方就本纠纷再无其他争议，今后互相尊重，和睦相处。',
  '申请人放弃其他请求。',
];
const DECLINE_REASONS = ['该纠纷已由人民法院受理', '当事人一方明确拒绝调解', '纠纷不属于人民调解的受理范围'];
const FAIL_REASONS = ['双方分歧较大，经多次调解未能达成协议', '被申请人拒不到场参加调解', '一方当事人要求终止调解'];
const GUIDANCES: readonly GuidanceRoute[] = ['litigation', 'arbitration', 'administrative', 'none'];
const SOURCES: readonly CaseSource[] = [
  'application',
  'application',
  'application',
  'initiative',
  'court-referral',
  'police-referral',
  'petition-referral',
  'other-referral',
];
const METHODS: readonly FollowUpMethod[] = ['visit', 'phone', 'phone', 'office'];
const PERFORMANCES: readonly PerformanceState[] = ['performed', 'performed', 'performed', 'partial', 'not-performed'];

export function personName(rng: Rng): string {
  return pick(rng, SURNAMES) + pick(rng, GIVEN) + (rng() < 0.7 ? pick(rng, GIVEN) : '');
}

export function residentId(rng: Rng, birthDate: string, male: boolean): string {
  const seq = int(rng, 0, 99) * 10 + (male ? 2 * int(rng, 0, 4) + 1 : 2 * int(rng, 0, 4));
  const body = `${pick(rng, REGION_CODES)}${birthDate.replace(/-/g, '')}${pad(seq, 3)}`;
  return body + residentIdCheckChar(body);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export function creditCode(rng: Rng): string {
  let body = `91${pick(rng, REGION_CODES)}`;
  while (body.length < 17) body += USCC_CHARS[int(rng, 0, USCC_CHARS.length - 1)];
  return body + creditCodeCheckChar(body);
}

export function mobile(rng: Rng): string {
  return `1${pick(rng, ['3', '5', '7', '8', '9'])}${pad(int(rng, 0, 999_999_999), 9)}`;
}

function address(rng: Rng): string {
  return `四川省达州市通川区${pick(rng, TOWNS)}${pick(rng, VILLAGES)}${int(rng, 1, 12)}组${int(rng, 1, 99)}号`;
}

function person(rng: Rng, role: Party['role']): Party {
  const male = rng() < 0.55;
  const birthDate = `${int(rng, 1945, 2002)}-${pad(int(rng, 1, 12), 2)}-${pad(int(rng, 1, 28), 2)}`;
  const party: Party = {
    id: uuid(rng),
    role,
    kind: 'person',
    name: personName(rng),
    gender: male ? 'male' : 'female',
    ethnicity: pick(rng, ETHNICITIES),
    birthDate,
    idType: 'resident-id',
    idNumber: residentId(rng, birthDate, male),
    phone: mobile(rng),
    address: address(rng),
  };
  if (rng() < 0.1) party.agent = { name: personName(rng), relation: pick(rng, ['配偶', '子女', '律师', '兄弟']), phone: mobile(rng) };
  return party;
}

function organization(rng: Rng, role: Party['role']): Party {
  return {
    id: uuid(rng),
    role,
    kind: 'organization',
    name: pick(rng, COMPANIES),
    creditCode: creditCode(rng),
    representative: personName(rng),
    representativeTitle: pick(rng, ['总经理', '执行董事', '负责人']),
    phone: `0818-${int(rng, 2_000_000, 8_999_999)}`,
    address: address(rng),
  };
}

function facts(rng: Rng, type: DisputeType, amountYuan: number): string {
  const start = pick(rng, FACT_TEMPLATES[type] ?? FACT_TEMPLATES.other);
  // three different sentences, in a random order
  const first = int(rng, 0, FACT_MIDDLES.length - 1);
  const step = int(rng, 1, 2);
  const middles = [0, 1, 2].map((k) => FACT_MIDDLES[(first + k * step) % FACT_MIDDLES.length]);
  const money = amountYuan > 0 ? `申请人主张的损失及费用合计约${amountYuan}元，被申请人仅同意承担其中一部分。` : '';
  return `${start}${middles.join('')}${money}${pick(rng, FACT_ENDINGS)}`;
}

function weightedStatuses(option: GenerateOptions['statuses']): { status: CaseStatus; cumulative: number }[] {
  const weights: Partial<Record<CaseStatus, number>> = Array.isArray(option)
    ? Object.fromEntries((option as CaseStatus[]).map((s) => [s, 1]))
    : ((option as Partial<Record<CaseStatus, number>> | undefined) ?? DEFAULT_STATUS_WEIGHTS);
  const entries = Object.entries(weights).filter(([, w]) => (w ?? 0) > 0) as [CaseStatus, number][];
  if (entries.length === 0) throw new Error('generateCases: no status with a positive weight');
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let running = 0;
  return entries.map(([status, w]) => ({ status, cumulative: (running += w) / total }));
}

function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Timestamp on `date` at a plausible office hour, China time. */
function at(rng: Rng, date: string): string {
  return `${date}T${pad(int(rng, 8, 17), 2)}:${pad(int(rng, 0, 59), 2)}:${pad(int(rng, 0, 59), 2)}.000+08:00`;
}

/**
 * The cases, one by one. Numbers are issued per year of the received date in generation order
 * (so `countersOf` of the result is what the `counters` document should hold).
 */
export function* iterateCases(n: number, options: GenerateOptions = {}): Generator<Case> {
  const rng = prng(options.seed ?? 1);
  const statuses = weightedStatuses(options.statuses);
  const from = options.from ?? '2022-01-01';
  const to = options.to ?? '2026-10-31';
  const span = daysBetweenDates(from, to);
  const shortName = options.shortName ?? '东城';
  const pattern = options.numberPattern ?? '（{year}）{shortName}调字第{seq}号';
  const court = options.court ?? '达州市通川区人民法院';
  const mediatorPool = options.mediators ?? DEFAULT_MEDIATORS;
  const operator = options.operator ?? '王调解';
  const confirmationShare = options.confirmationShare ?? 0.15;
  const seqs = new Map<number, number>();

  for (let i = 0; i < n; i++) {
    const receivedAt = addDays(from, int(rng, 0, span));
    const year = Number(receivedAt.slice(0, 4));
    const seq = (seqs.get(year) ?? 0) + 1;
    seqs.set(year, seq);
    const r = rng();
    const status = (statuses.find((s) => r < s.cumulative) ?? statuses[statuses.length - 1]).status;
    const disputeType = pick(rng, DISPUTE_TYPES.codes);
    const amountYuan = rng() < 0.25 ? 0 : int(rng, 2, 3000) * 100;

    const parties: Party[] = [person(rng, 'applicant'), rng() < 0.15 ? organization(rng, 'respondent') : person(rng, 'respondent')];
    if (rng() < 0.35) parties.push(person(rng, rng() < 0.5 ? 'third-party' : 'respondent'));
    const mediators = [pick(rng, mediatorPool)];
    if (rng() < 0.4)
      mediators.push(
        pick(
          rng,
          mediatorPool.filter((m) => m !== mediators[0]),
        ),
      );

    const createdAt = at(rng, receivedAt);
    let c: Case = {
      id: uuid(rng),
      number: formatCaseNumber(pattern, { year, shortName, seq }),
      receivedAt,
      source: pick(rng, SOURCES),
      disputeType,
      summary: `${parties[0].name}与${parties[1].name}${DISPUTE_TYPES.label(disputeType)}纠纷`,
      facts: facts(rng, disputeType, amountYuan),
      claims: `${pick(rng, CLAIMS)}${amountYuan > 0 ? `人民币${amountYuan}元` : ''}。`,
      amountFen: amountYuan * 100,
      peopleInvolved: parties.length,
      mediators,
      parties,
      status: 'registered',
      events: [],
      sessions: [],
      followUps: [],
      revision: 0,
      createdAt,
      updatedAt: createdAt,
    };

    // Dates advance from the received date; nothing lands after `to`, so no date is in the future.
    let day = receivedAt;
    const later = (maxDays: number): string => {
      const next = addDays(day, int(rng, 0, maxDays));
      day = next > to ? (day > to ? day : to) : next;
      return day;
    };
    const events: CaseEvent[] = [];
    const log = (type: string, details: Record<string, unknown>, when: string) => {
      events.push(makeEvent(events, type, details, operator, when));
    };
    log('created', { number: c.number, parties: parties.length }, createdAt);

    const finishedStatuses: readonly CaseStatus[] = ['accepted', 'agreed', 'failed', 'withdrawn', 'closed'];
    const closedVia: CaseStatus = status === 'closed' ? (rng() < 0.88 ? 'agreed' : rng() < 0.7 ? 'failed' : 'withdrawn') : status;

    if (status === 'declined' || (status === 'closed' && closedVia === 'declined')) {
      const date = later(5);
      const outcome: Outcome = { kind: 'declined', date, reason: pick(rng, DECLINE_REASONS) };
      c = { ...c, status: 'declined', outcome };
      log('decline', { date, reason: outcome.reason }, at(rng, date));
    } else if (finishedStatuses.includes(status)) {
      const acceptDate = later(3);
      c = { ...c, status: 'accepted' };
      log('accept', { date: acceptDate }, at(rng, acceptDate));
      const sessionCount = closedVia === 'withdrawn' ? int(rng, 0, 1) : int(rng, 1, 2);
      const sessions: Session[] = [];
      for (let s = 0; s < sessionCount; s++) {
        const date = later(10);
        const content = `调解员向双方当事人了解纠纷经过，${pick(rng, FACT_MIDDLES)}${pick(rng, FACT_ENDINGS)}`;
        const session: Session = {
          id: uuid(rng),
          date,
          place: `${pick(rng, TOWNS)}人民调解室`,
          participants: parties.map((p) => p.name).join('、'),
          content,
        };
        sessions.push(session);
        log(
          'record-session',
          { date, place: session.place, participants: session.participants, sessionId: session.id, contentLength: content.length },
          at(rng, date),
        );
      }
      c = { ...c, sessions };

      if (closedVia === 'agreed') {
        const date = later(15);
        const form = rng() < 0.85 ? 'written' : 'oral';
        const terms = [
          pick(rng, TERMS).replace('{amount}', String(Math.max(100, Math.round(amountYuan * 0.7)))),
          pick(rng, TERMS.slice(1)),
        ];
        const agreement: Agreement = {
          date,
          form,
          terms,
          performanceMethod: '现金或银行转账一次性履行',
          performanceDeadline: addDays(date, int(rng, 7, 60)),
        };
        if (form === 'oral') agreement.effectiveDate = date;
        log(
          'agree',
          { date, form, terms, performanceMethod: agreement.performanceMethod, performanceDeadline: agreement.performanceDeadline },
          at(rng, date),
        );
        c = { ...c, status: 'agreed', agreement };
        if (form === 'written') {
          const signed = later(2);
          c = { ...c, agreement: { ...agreement, effectiveDate: signed } };
          log('sign', { date: signed }, at(rng, signed));
          if (rng() < confirmationShare) {
            const applied = later(20);
            c = { ...c, confirmation: { appliedAt: applied, court } };
            log('apply-confirmation', { date: applied, court }, at(rng, applied));
            if (rng() < 0.8) {
              const ruled = later(30);
              const result =
                rng() < 0.95
                  ? { date: ruled, result: 'confirmed' as const, rulingNumber: `（${ruled.slice(0, 4)}）川1702民特${int(rng, 1, 999)}号` }
                  : { date: ruled, result: 'rejected' as const, reason: '协议内容违反法律规定' };
              c = { ...c, confirmation: { appliedAt: applied, court, result } };
              log('confirmation-result', { ...result }, at(rng, ruled));
            }
          }
        }
        if (rng() < 0.6) {
          const date = later(30);
          const followUp: FollowUp = {
            id: uuid(rng),
            date,
            method: pick(rng, METHODS),
            performance: pick(rng, PERFORMANCES),
            notes: '双方按协议履行，关系缓和。',
          };
          c = { ...c, followUps: [followUp] };
          log(
            'follow-up',
            { date, method: followUp.method, performance: followUp.performance, notes: followUp.notes, followUpId: followUp.id },
            at(rng, date),
          );
        }
      } else if (closedVia === 'failed') {
        const date = later(20);
        const outcome: Outcome = { kind: 'failed', date, reason: pick(rng, FAIL_REASONS), guidance: pick(rng, GUIDANCES) };
        c = { ...c, status: 'failed', outcome };
        log('fail', { date, reason: outcome.reason, guidance: outcome.guidance }, at(rng, date));
      } else if (closedVia === 'withdrawn') {
        const date = later(20);
        const outcome: Outcome = { kind: 'withdrawn', date, reason: '申请人自愿撤回调解申请' };
        c = { ...c, status: 'withdrawn', outcome };
        log('withdraw', { date, reason: outcome.reason }, at(rng, date));
      }

      if (status === 'closed') {
        const date = later(10);
        c = { ...c, statusBeforeClose: c.status, status: 'closed', closedAt: date };
        log('close', { date }, at(rng, date));
      }
    }

    const last = events[events.length - 1];
    yield { ...c, events, revision: events.length, updatedAt: last.at };
  }
}

export function generateCases(n: number, options: GenerateOptions = {}): Case[] {
  return [...iterateCases(n, options)];
}

/** The `counters` document matching a set of cases: the highest sequence per year found in their numbers. */
export function countersOf(cases: Iterable<Case>, pattern = '（{year}）{shortName}调字第{seq}号'): Counters {
  const counters: Counters = {};
  const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
  const source = pattern
    .split(/(\{(?:year|shortName|seq)(?::\d+)?\})/)
    .map((part) =>
      part.startsWith('{year')
        ? '(?<year>\\d{4})'
        : part.startsWith('{seq')
          ? '(?<seq>\\d+)'
          : part.startsWith('{shortName')
            ? '.*?'
            : escape(part),
    )
    .join('');
  const re = new RegExp(`^${source}$`);
  for (const c of cases) {
    const m = re.exec(c.number);
    if (!m?.groups) continue;
    const year = m.groups.year;
    counters[year] = Math.max(counters[year] ?? 0, Number(m.groups.seq));
  }
  return counters;
}
