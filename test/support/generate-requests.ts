/**
 * Deterministic front-desk requests (来访登记) for benchmarks: a station's year (20,000) or a centre's
 * (500,000 from 50 stations, each with its `origin`). Mostly consultations answered on the spot, some
 * scheduled answers, routings with feedback and follow-ups (a few 不满意 with their call-back), a few
 * handed over to mediation; a visitor with a phone, half with a valid 居民身份证 number. Each record
 * carries a one-event hash-chained log made with the core's `makeEvent`, and passes `RequestSchema`.
 */

import { randomUUID } from 'node:crypto';

import { makeEvent } from '../../electron/core/cases/events';
import { addDays } from '../../electron/core/dates';
import { DISPUTE_TYPES } from '../../electron/core/schema/codes';
import { residentIdCheckChar } from '../../electron/core/schema/identity';
import type { Request, RequestFollowUp } from '../../electron/core/schema/request';

export interface GenerateRequestOptions {
  seed?: number;
  /** Received dates spread over [from, to]. Default the year 2026 up to 2026-10-31. */
  from?: string;
  to?: string;
  /** Station codes: one for a station's own register; several for a centre (each request gets an origin). */
  stations?: readonly string[];
  /** The centre's copy: requests carry `origin` (the station they came from). */
  atCentre?: boolean;
  /** Added to every sequence number: chunks generated apart (to commit in parts) keep their numbers apart. */
  sequenceBase?: number;
}

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英';
const MATTERS = [
  '邻居装修噪音扰民，咨询如何维权',
  '工地拖欠工资三个月，询问如何讨要',
  '离婚后子女抚养费一直未付',
  '房屋租赁押金不退，房东拒绝沟通',
  '交通事故对方不赔偿医疗费',
  '承包地边界与邻居有争议',
  '网购商品质量问题商家拒绝退货',
  '申请法律援助的条件和材料',
];
const OFFICES = ['法律援助中心', '公证处', '司法鉴定机构', '行政复议机构', '东城街道人民调解委员会'];

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function generateRequests(n: number, options: GenerateRequestOptions = {}): Request[] {
  const random = prng(options.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const stations = options.stations ?? ['510702-001'];
  const from = Date.parse(`${options.from ?? '2026-01-01'}T00:00:00Z`);
  const to = Date.parse(`${options.to ?? '2026-10-31'}T00:00:00Z`);
  const days = Math.round((to - from) / 86_400_000) + 1;
  const sequence = new Map<string, number>();
  const out: Request[] = [];
  for (let i = 0; i < n; i++) {
    const station = stations[i % stations.length];
    const day = new Date(from + Math.floor(random() * days) * 86_400_000).toISOString().slice(0, 10);
    const receivedAt = `${day}T${pad(8 + Math.floor(random() * 9))}:${pad(Math.floor(random() * 60))}`;
    const key = `${station}-${day.slice(0, 4)}`;
    const seq = (sequence.get(key) ?? 0) + 1;
    sequence.set(key, seq);
    const name = pick([...SURNAMES]) + pick([...GIVEN]) + (random() < 0.5 ? pick([...GIVEN]) : '');
    const idBase = `510702${1950 + Math.floor(random() * 50)}${pad(1 + Math.floor(random() * 12))}${pad(1 + Math.floor(random() * 28))}${pad(Math.floor(random() * 1000), 3)}`;
    const visitor: Request['visitor'] = {
      name,
      phone: `13${pad(Math.floor(random() * 1_000_000_000), 9)}`,
      groupSize: random() < 0.03 ? 2 + Math.floor(random() * 8) : 1,
      ...(random() < 0.5
        ? { idType: 'resident-id' as const, idNumber: idBase + residentIdCheckChar(idBase) }
        : { idDeclined: true as const }),
    };
    const roll = random();
    const handling: Request['handling'] =
      roll < 0.6 ? 'on-the-spot' : roll < 0.7 ? 'scheduled' : roll < 0.78 ? 'legal-aid-guidance' : roll < 0.95 ? 'route' : 'to-mediation';
    const operator = pick(['王窗口', '李受理', '张前台']);
    const at = `${day}T${receivedAt.slice(11)}:00.000Z`;
    const r: Request = {
      id: randomUUID(),
      number: `${station}-${day.slice(0, 4)}-${pad(seq + (options.sequenceBase ?? 0), 6)}`,
      receivedAt,
      channel: pick(['visit', 'visit', 'visit', 'phone', 'phone', 'letter', 'online', 'other'] as const),
      businessType: pick([
        'consultation',
        'consultation',
        'consultation',
        'legal-aid',
        'mediation',
        'notary',
        'complaint',
        'suggestion',
      ] as const),
      visitor,
      matter: pick(MATTERS),
      ...(random() < 0.5 ? { category: pick(DISPUTE_TYPES.codes) } : {}),
      firstResponder: operator,
      handling,
      followUps: [],
      state: 'registered',
      events: [],
      revision: 1,
      createdAt: at,
      updatedAt: at,
    };
    if (handling === 'on-the-spot' || handling === 'legal-aid-guidance') {
      r.answer = { date: day, by: operator, text: '已当场解答，告知相关法律规定和办理途径' };
      r.state = random() < 0.7 ? 'closed' : 'answered';
      if (r.state === 'closed') r.closedAt = day;
    } else if (handling === 'scheduled') {
      r.answerDue = addDays(day, 7);
      if (random() < 0.8) {
        r.answer = { date: addDays(day, Math.floor(random() * 10)), by: operator, text: '电话答复' };
        r.state = 'answered';
      }
    } else if (handling === 'route') {
      const feedbackDue = addDays(day, 7);
      r.routing = { office: pick(OFFICES), date: day, by: operator, feedbackDue };
      r.state = 'routed';
      if (random() < 0.8) {
        const fed = addDays(day, Math.floor(random() * 10));
        r.feedback = { date: fed, by: '承办人', result: '已受理并办结' };
        r.notified = { date: fed, by: operator, method: 'phone' };
        r.state = 'fed-back';
        if (random() < 0.7) {
          const satisfaction = pick(['satisfied', 'satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'] as const);
          const followUp: RequestFollowUp = { id: randomUUID(), date: addDays(fed, 3), by: operator, satisfaction };
          if (satisfaction === 'dissatisfied')
            followUp.callback = { due: addDays(fed, 4), ...(random() < 0.6 ? { date: addDays(fed, 4) } : {}) };
          r.followUps = [followUp];
          r.state = 'followed-up';
        }
      }
    } else {
      r.routeDue = addDays(day, 1);
    }
    r.events = [makeEvent([], 'created', { number: r.number, handling }, operator, at)];
    if (options.atCentre) {
      r.origin = { stationCode: station, stationName: `站点${station}`, fingerprint: `fp-${station}`, batchId: 'bench', importedAt: at };
    }
    out.push(r);
  }
  return out;
}
