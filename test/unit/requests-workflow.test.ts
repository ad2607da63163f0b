/**
 * The front desk's requests through the handler table on an in-memory desk: registration (quick and
 * routed), bad input, the workflow with its working-day limits across a holiday, the call-back queue,
 * 转人民调解 making a linked case, reminders, and recognising a returning visitor.
 */

import { describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import type { DeskError } from '../../electron/core/errors';
import { fixedClock, IDS, memoryDesk, TEST_SETTINGS } from '../support/desk';

async function failure(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    return error as DeskError;
  }
  throw new Error('expected a failure');
}

const act = (desk: Desk, id: string, action: string, details: unknown = {}) =>
  call(desk, 'requests.act', { id, action: action as never, details });

describe('registering requests', () => {
  it('records a consultation answered on the spot and closed at once, numbered station + year + sequence', async () => {
    const desk = await memoryDesk();
    const r = await call(desk, 'requests.add', {
      visitor: { name: '张三', phone: '138 0013 8000' },
      matter: '咨询离婚后子女抚养费的标准',
      answer: '告知按子女实际需要、父母负担能力和当地生活水平确定',
      close: true,
    });
    expect(r).toMatchObject({
      number: '510702-001-2026-000001',
      state: 'closed',
      closedAt: '2026-11-23',
      handling: 'on-the-spot',
      channel: 'visit',
      businessType: 'consultation',
      firstResponder: '王调解',
      visitor: { name: '张三', phone: '13800138000', groupSize: 1 },
      answer: { date: '2026-11-23', by: '王调解' },
    });
    expect(r.events.map((e) => e.type)).toEqual(['created']);
    expect(desk.store.getDoc<Record<string, number>>('counters')).toEqual({ 'request:2026': 1 });
    const second = await call(desk, 'requests.add', { visitor: { name: '李四' }, matter: '咨询', answer: '已解答' });
    expect(second.number).toBe('510702-001-2026-000002');
    expect(second.state).toBe('answered');
  });

  it('never issues a number twice, even if the counter went back', async () => {
    const desk = await memoryDesk();
    const first = await call(desk, 'requests.add', { visitor: { name: '张三' }, matter: '咨询', answer: '已解答' });
    await desk.commit({ docs: { counters: {} } });
    const again = await call(desk, 'requests.add', { visitor: { name: '李四' }, matter: '咨询', answer: '已解答' });
    expect(again.number).not.toBe(first.number);
  });

  it('records that a visitor declined to give an ID number, and refuses bad input naming the field', async () => {
    const desk = await memoryDesk();
    const declined = await call(desk, 'requests.add', {
      visitor: { name: '赵六', idDeclined: true, groupSize: 4 },
      matter: '集体咨询',
      answer: '已解答',
    });
    expect(declined.visitor).toEqual({ name: '赵六', idDeclined: true, groupSize: 4 });

    const bad = async (input: unknown) => failure(call(desk, 'requests.add', input as never));
    expect(await bad({ visitor: { name: '赵六', idNumber: IDS.liSi, idDeclined: true }, matter: '咨询', answer: '答' })).toMatchObject({
      code: 'VALIDATION',
      field: 'visitor.idDeclined',
    });
    const wrongId = await bad({ visitor: { name: '赵六', idNumber: '510702198503150018' }, matter: '咨询', answer: '答' });
    expect(wrongId).toMatchObject({ field: 'visitor.idNumber' });
    expect(wrongId.message).toContain('校验位不正确');
    expect(await bad({ visitor: { name: '赵六' }, matter: '咨询' })).toMatchObject({
      field: 'answer',
      message: expect.stringContaining('答复内容'),
    });
    expect(await bad({ visitor: { name: '赵六' }, matter: '咨询', handling: '约期答复', close: true })).toMatchObject({ field: 'close' });
    expect(await bad({ visitor: { name: '赵六' }, matter: '咨询', handling: '约期答复', office: '公证处' })).toMatchObject({
      field: 'office',
    });
    expect(await bad({ visitor: { name: '' }, matter: '' })).toMatchObject({ code: 'VALIDATION' });
    expect(await bad({ visitor: { name: '赵六' }, matter: '咨询', answer: '答', channel: '飞鸽' })).toMatchObject({
      field: 'channel',
      message: expect.stringContaining('可选：来访、电话、信函、网络、其他'),
    });
    expect(await bad({ visitor: { name: '赵六' }, matter: '咨询', answer: '答', colour: 'red' })).toMatchObject({ code: 'VALIDATION' });
    expect(await bad({ visitor: { name: '赵六' }, matter: '咨询', answer: '答', receivedAt: '2026-11-24 09:00' })).toMatchObject({
      field: 'receivedAt',
    });
    expect(await bad({ visitor: { name: '赵六' }, matter: '咨询', answer: '答', receivedAt: '2026-11-23 25:00' })).toMatchObject({
      field: 'receivedAt',
    });
    expect(desk.store.recordCount('requests')).toBe(1);
  });

  it('is not done at a centre, where requests come from stations', async () => {
    const desk = await memoryDesk({ settings: { ...TEST_SETTINGS, role: 'centre' } });
    expect(await failure(call(desk, 'requests.add', { visitor: { name: '张三' }, matter: '咨询', answer: '答' }))).toMatchObject({
      code: 'NOT_ALLOWED',
    });
  });
});

describe('routing, feedback and follow-up over the National Day holiday', () => {
  it('takes a legal-aid request through 转办, 延期, 反馈, 告知, 不满意 and its call-back to 办结', async () => {
    const clock = fixedClock('2026-09-30');
    const desk = await memoryDesk({ clock });
    const r = await call(desk, 'requests.add', {
      receivedAt: '2026-09-30 16:40',
      channel: '电话',
      businessType: '法律援助',
      handling: '转办',
      visitor: { name: '李四', idNumber: IDS.liSi, phone: '0818-2345678' },
      matter: '被拖欠工资三个月，申请法律援助',
      category: '劳动争议',
    });
    // within 1 working day of Wednesday 09-30: the holiday runs to 10-07, so Thursday 10-08
    expect(r).toMatchObject({ state: 'registered', routeDue: '2026-10-08' });

    clock.set('2026-10-08');
    expect(await failure(act(desk, r.id, 'route', { office: '劳动仲裁委' }))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('可选：法律援助中心、公证处'),
    });
    expect(await failure(act(desk, r.id, 'answer', { answer: '自行答复' }))).toMatchObject({ code: 'NOT_ALLOWED' });
    const routed = await act(desk, r.id, 'route', { office: '法律援助中心' });
    // 5 working days from 10-08: 10-09, 10-10 (调休上班, a Saturday), 10-12, 10-13, 10-14
    expect(routed.request).toMatchObject({
      state: 'routed',
      routing: { office: '法律援助中心', date: '2026-10-08', feedbackDue: '2026-10-14' },
    });
    expect(routed.deadlines).toEqual([
      { kind: 'route', due: '2026-10-08', met: '2026-10-08', label: '待转办' },
      { kind: 'feedback', due: '2026-10-14', label: '待反馈' },
    ]);

    // extended: at most 15 working days of routing (10-08 + 15 = 10-28)
    expect(await failure(act(desk, r.id, 'extend', { until: '2026-10-29', reason: '需调取证据' }))).toMatchObject({
      code: 'NOT_ALLOWED',
      message: expect.stringContaining('2026-10-28'),
    });
    expect(await failure(act(desk, r.id, 'extend', { reason: '需调取证据' }))).toMatchObject({ code: 'VALIDATION' });
    const extended = await act(desk, r.id, 'extend', { days: 10, reason: '需调取用工记录' });
    expect(extended.request).toMatchObject({ state: 'in-progress', routing: { extendedTo: '2026-10-21', extendReason: '需调取用工记录' } });

    clock.set('2026-10-20');
    expect(await failure(act(desk, r.id, 'feedback', { date: '2026-10-21', result: '已受理' }))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('晚于今天'),
    });
    expect(await failure(act(desk, r.id, 'feedback', { date: '2026-10-01', result: '已受理' }))).toMatchObject({ code: 'NOT_ALLOWED' });
    await act(desk, r.id, 'feedback', { result: '已受理法律援助申请，指派律师承办' });
    expect(await failure(act(desk, r.id, 'follow-up', { satisfaction: '满意' }))).toMatchObject({
      message: expect.stringContaining('请先登记告知'),
    });
    expect(await failure(act(desk, r.id, 'close'))).toMatchObject({ code: 'NOT_ALLOWED' });
    await act(desk, r.id, 'notify', { method: '电话' });

    clock.set('2026-10-23'); // a Friday: the call-back is due the next working day, Monday 10-26
    const unhappy = await act(desk, r.id, 'follow-up', { satisfaction: '不满意', notes: '认为办理太慢' });
    expect(unhappy.request.state).toBe('followed-up');
    expect(unhappy.request.followUps[0].callback).toEqual({ due: '2026-10-26' });
    expect((await call(desk, 'requests.list', { callbacks: true })).items.map((i) => i.id)).toEqual([r.id]);
    expect(await failure(act(desk, r.id, 'close'))).toMatchObject({ message: expect.stringContaining('回访不满意尚未处理') });

    clock.set('2026-10-27');
    const reminders = await call(desk, 'reminders.list', {});
    expect(reminders.reminders).toEqual([
      expect.objectContaining({
        kind: 'request-callback',
        subject: 'request',
        caseId: r.id,
        severity: 'overdue',
        dueDate: '2026-10-26',
        daysLeft: -1,
      }),
    ]);
    await act(desk, r.id, 'call-back', { notes: '向来访人说明法律援助审查的时限，来访人表示理解' });
    expect((await call(desk, 'requests.list', { callbacks: true })).total).toBe(0);
    const closed = await act(desk, r.id, 'close');
    expect(closed.request).toMatchObject({ state: 'closed', closedAt: '2026-10-27' });
    expect(closed.timeliness).toBe('overdue'); // the call-back came a day late
    expect(closed.request.events.map((e) => e.type)).toEqual([
      'created',
      'route',
      'extend',
      'feedback',
      'notify',
      'follow-up',
      'call-back',
      'close',
    ]);
    expect((await call(desk, 'requests.verifyLog', { id: r.number })).ok).toBe(true);
  });

  it('routes at registration when the office is given, and reminds of a route or answer coming due', async () => {
    const clock = fixedClock('2026-11-20'); // a Friday
    const desk = await memoryDesk({ clock });
    const routed = await call(desk, 'requests.add', {
      handling: '转办',
      office: '公证处',
      visitor: { name: '王五' },
      matter: '办理继承公证',
    });
    expect(routed).toMatchObject({ state: 'routed', routeDue: '2026-11-23', routing: { date: '2026-11-20', feedbackDue: '2026-11-27' } });
    const waiting = await call(desk, 'requests.add', { handling: '转办', visitor: { name: '钱七' }, matter: '行政复议咨询' });
    const scheduled = await call(desk, 'requests.add', { handling: '约期答复', visitor: { name: '孙八' }, matter: '房屋继承份额' });
    expect(scheduled.answerDue).toBe('2026-11-27');
    clock.set('2026-11-23');
    const due = await call(desk, 'requests.list', { due: true });
    expect(due.items.map((i) => [i.number, i.due])).toEqual([
      [waiting.number, { kind: 'route', date: '2026-11-23' }],
      [routed.number, { kind: 'feedback', date: '2026-11-27' }],
      [scheduled.number, { kind: 'answer', date: '2026-11-27' }],
    ]);
    const reminders = await call(desk, 'reminders.list', {});
    expect(reminders.reminders.map((x) => [x.kind, x.severity, x.caseNumber])).toEqual([['request-route', 'warning', waiting.number]]);
    const answered = await act(desk, scheduled.id, 'answer', { answer: '按法定继承，子女均等' });
    expect(answered.timeliness).toBe('on-time');
  });
});

describe('转人民调解', () => {
  it('makes a mediation case from the request, filled from it and linked both ways, in one save', async () => {
    const desk = await memoryDesk();
    const r = await call(desk, 'requests.add', {
      businessType: '人民调解',
      handling: '转人民调解',
      visitor: { name: '王五', idNumber: IDS.wangWu, phone: '13900139000', address: '东城街道3号' },
      matter: '邻居修建排水沟，雨水流入院坝。请求改建。',
    });
    expect(await failure(act(desk, r.id, 'to-mediation', { respondents: [{ name: '赵六' }] }))).toMatchObject({
      field: 'details.disputeType',
    });
    expect(await failure(act(desk, r.id, 'to-mediation', { respondents: [] }))).toMatchObject({ field: 'details.respondents' });
    expect(
      await failure(act(desk, r.id, 'to-mediation', { disputeType: '邻里', respondents: [{ name: '赵六', idNumber: '123' }] })),
    ).toMatchObject({
      field: 'details.respondents[0].idNumber',
    });
    expect(desk.store.caseCount()).toBe(0);

    const result = await act(desk, r.id, 'to-mediation', {
      disputeType: '邻里',
      respondents: [{ name: '赵六', phone: '13700137000' }],
      mediators: ['李明华'],
    });
    expect(result.request).toMatchObject({
      state: 'in-progress',
      handling: 'to-mediation',
      mediationCase: { id: result.case!.id, number: '（2026）东城调字第1号' },
    });
    const c = desk.getCase(result.case!.id);
    expect(c).toMatchObject({
      source: 'application',
      disputeType: 'neighbour',
      summary: '邻居修建排水沟，雨水流入院坝',
      facts: r.matter,
      receivedAt: '2026-11-23',
      mediators: ['李明华'],
      request: { id: r.id, number: r.number },
      status: 'registered',
    });
    expect(c.parties.map((p) => [p.role, p.name])).toEqual([
      ['applicant', '王五'],
      ['respondent', '赵六'],
    ]);
    expect(c.parties[0]).toMatchObject({
      kind: 'person',
      gender: 'female',
      birthDate: '1990-07-24',
      phone: '13900139000',
      address: '东城街道3号',
    });
    expect(desk.store.getDoc<Record<string, number>>('counters')).toEqual({ '2026': 1, 'request:2026': 1 });
    expect(await failure(act(desk, r.id, 'to-mediation', { disputeType: '邻里', respondents: [{ name: '赵六' }] }))).toMatchObject({
      code: 'NOT_ALLOWED',
    });
    // the mediation's result comes back as feedback; the visitor is told; closed
    await act(desk, r.id, 'feedback', { result: '经调解达成协议' });
    await act(desk, r.id, 'notify', { method: '当面' });
    expect((await act(desk, r.id, 'close')).request.state).toBe('closed');
  });
});

describe('转人民调解 at registration', () => {
  it('registers the request and makes its case in one save, numbers issued in order', async () => {
    const desk = await memoryDesk();
    await call(desk, 'requests.add', { visitor: { name: '甲' }, matter: '咨询', answer: '答' });
    const r = await call(desk, 'requests.add', {
      handling: '转人民调解',
      visitor: { name: '王五', phone: '13900139000' },
      matter: '与邻居因排水沟发生纠纷',
      category: '邻里',
      mediation: { respondents: [{ name: '赵六' }] },
    });
    expect(r).toMatchObject({ number: '510702-001-2026-000002', state: 'in-progress', mediationCase: { number: '（2026）东城调字第1号' } });
    expect(r.events.map((e) => e.type)).toEqual(['created', 'to-mediation']);
    expect(desk.getCase(r.mediationCase!.id).request).toEqual({ id: r.id, number: r.number });
    expect(desk.store.getDoc<Record<string, number>>('counters')).toEqual({ 'request:2026': 2, '2026': 1 });
    expect(
      await failure(
        call(desk, 'requests.add', { visitor: { name: '乙' }, matter: '咨询', answer: '答', mediation: { respondents: [{ name: '丙' }] } }),
      ),
    ).toMatchObject({
      field: 'mediation',
    });
    expect(
      await failure(
        call(desk, 'requests.add', {
          handling: '转人民调解',
          visitor: { name: '乙' },
          matter: '纠纷',
          mediation: { respondents: [{ name: '丙' }] },
        }),
      ),
    ).toMatchObject({ field: 'details.disputeType' });
    expect(desk.store.recordCount('requests')).toBe(2);
  });
});

describe('a returning visitor', () => {
  it('is recognised by phone alone or by ID number among earlier requests, and among parties of cases', async () => {
    const desk = await memoryDesk();
    const earlier = await call(desk, 'requests.add', { visitor: { name: '张三', phone: '13800138000' }, matter: '咨询', answer: '答' });
    const withId = await call(desk, 'requests.add', { visitor: { name: '李四', idNumber: IDS.liSi }, matter: '咨询', answer: '答' });
    await call(desk, 'cases.add', {
      disputeType: '邻里',
      summary: '相邻纠纷',
      parties: [
        { role: 'applicant', name: '张三', phone: '13800138000' },
        { role: 'respondent', name: '钱七' },
      ],
    });
    const byPhone = await call(desk, 'requests.recognise', { phone: '138-0013-8000' });
    expect(byPhone.requests.map((x) => [x.id, x.reasonLabels])).toEqual([[earlier.id, ['电话相同']]]);
    expect(byPhone.cases).toEqual([]); // a case party needs the name with the phone
    const withName = await call(desk, 'requests.recognise', { name: '张三', phone: '13800138000' });
    expect(withName.requests[0].reasons).toEqual(['phone', 'name-phone']);
    expect(withName.cases.map((m) => m.party.name)).toEqual(['张三']);
    const byId = await call(desk, 'requests.recognise', { idNumber: IDS.liSi.toLowerCase() });
    expect(byId.requests.map((x) => [x.id, x.visitor.idNumberMasked])).toEqual([[withId.id, '510702********0017']]);
    // the request being edited is not its own match; an edit is found under its new phone
    await call(desk, 'requests.edit', { id: withId.id, changes: { visitor: { name: '李四', idNumber: IDS.liSi, phone: '13911112222' } } });
    expect((await call(desk, 'requests.recognise', { phone: '13911112222', excludeId: withId.id })).requestCount).toBe(0);
    expect((await call(desk, 'requests.recognise', { phone: '13911112222' })).requestCount).toBe(1);
  });
});
