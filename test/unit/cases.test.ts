import { describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { verifyLog } from '../../electron/core/cases/events';
import { ALLOWED_FROM } from '../../electron/core/cases/workflow';
import type { Desk } from '../../electron/core/desk';
import { DeskError } from '../../electron/core/errors';
import { type Case, CASE_ACTIONS, type CaseAction } from '../../electron/core/schema/case';
import type { CaseStatus } from '../../electron/core/schema/codes';
import { IDS, memoryDesk, sampleCaseInput } from '../support/desk';

async function rejection(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeskError) return error;
    throw error;
  }
  throw new Error('expected a DeskError, but the call succeeded');
}

/** The store's full state, to prove that a refused call wrote nothing. */
function snapshot(desk: Desk): string {
  return JSON.stringify({ cases: [...desk.store.allCases()], counters: desk.store.getDoc('counters') });
}

describe('case add', () => {
  it('registers a case with a number, derived fields and a first event', async () => {
    const desk = await memoryDesk();
    const c = await call(desk, 'cases.add', sampleCaseInput());
    expect(c.number).toBe('（2026）东城调字第1号');
    expect(c.status).toBe('registered');
    expect(c.amountFen).toBe(1230005);
    expect(c.peopleInvolved).toBe(2);
    expect(c.revision).toBe(1);
    expect(c.events.map((e) => e.type)).toEqual(['created']);
    const [zhang, li] = c.parties;
    expect(zhang).toMatchObject({ kind: 'person', gender: 'female', birthDate: '1949-12-31', ethnicity: '汉族', idType: 'resident-id' });
    expect(li).toMatchObject({ gender: 'male', birthDate: '1985-03-15', phone: '0818-2345678' });
    expect(desk.store.getDoc('counters')).toEqual({ '2026': 1 });
  });

  it('numbers cases per year of the received date without reuse or duplicates', async () => {
    const desk = await memoryDesk();
    const first = await call(desk, 'cases.add', sampleCaseInput());
    const second = await call(desk, 'cases.add', sampleCaseInput());
    const lastYear = await call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2025-12-30' }));
    expect([first.number, second.number, lastYear.number]).toEqual([
      '（2026）东城调字第1号',
      '（2026）东城调字第2号',
      '（2025）东城调字第1号',
    ]);
    // Counters rolled back (as by a careless edit) must not produce a number already in use.
    await desk.commit({ docs: { counters: { '2026': 1 } } });
    const third = await call(desk, 'cases.add', sampleCaseInput());
    expect(third.number).toBe('（2026）东城调字第3号');
  });

  it('accepts Chinese labels, full-width input and legacy 15-digit ID numbers', async () => {
    const desk = await memoryDesk();
    const c = await call(
      desk,
      'cases.add',
      sampleCaseInput({
        source: '公安机关移送',
        disputeType: '邻里',
        amount: '１２０００',
        parties: [
          { role: '申请人', name: '张三', idNumber: '110105491231002' },
          {
            role: 'respondent',
            kind: 'organization',
            name: '达州某某物业有限公司',
            creditCode: '91350100m000100y43',
            representative: '赵六',
            representativeTitle: '总经理',
          },
        ],
      }),
    );
    expect(c.source).toBe('police-referral');
    expect(c.disputeType).toBe('neighbour');
    expect(c.amountFen).toBe(1_200_000);
    expect(c.parties[0]).toMatchObject({ role: 'applicant', idNumber: IDS.zhangSan });
    expect(c.parties[1]).toMatchObject({ kind: 'organization', creditCode: '91350100M000100Y43' });
  });

  it.each([
    [
      'a wrong ID check character',
      { parties: [sampleCaseInput().parties[0], { ...sampleCaseInput().parties[1], idNumber: '510702198503150018' }] },
      'parties[1].idNumber',
      '当事人第2位·证件号码：居民身份证号码校验位不正确（应为7）',
    ],
    [
      'an impossible birth date in the ID',
      { parties: [{ ...sampleCaseInput().parties[0], idNumber: '110105194902301234' }, sampleCaseInput().parties[1]] },
      'parties[0].idNumber',
      '出生日期“1949-02-30”不存在',
    ],
    [
      'a birth date that contradicts the ID',
      { parties: [{ ...sampleCaseInput().parties[0], birthDate: '1950-01-01' }, sampleCaseInput().parties[1]] },
      'parties[0].birthDate',
      '与身份证号码中的出生日期（1949-12-31）不一致',
    ],
    [
      'a gender that contradicts the ID',
      { parties: [{ ...sampleCaseInput().parties[0], gender: '男' }, sampleCaseInput().parties[1]] },
      'parties[0].gender',
      '与身份证号码中的性别（女）不一致',
    ],
    [
      'a wrong credit code',
      {
        parties: [
          sampleCaseInput().parties[0],
          { role: 'respondent', kind: 'organization', name: '某公司', creditCode: '91350100M000100Y44' },
        ],
      },
      'parties[1].creditCode',
      '统一社会信用代码：校验位不正确',
    ],
    ['no respondent', { parties: [sampleCaseInput().parties[0]] }, 'parties', '至少需要一名被申请人'],
    [
      'a blank name',
      { parties: [{ ...sampleCaseInput().parties[0], name: '  ' }, sampleCaseInput().parties[1]] },
      'parties[0].name',
      '姓名不能为空',
    ],
    ['an amount with three decimals', { amount: '12.345' }, 'amount', '金额最多保留两位小数'],
    ['a negative amount', { amount: '-1' }, 'amount', '金额不能为负数'],
    ['an impossible date', { receivedAt: '2026-02-30' }, 'receivedAt', '不是有效的日期'],
    [
      'a bad phone number',
      { parties: [{ ...sampleCaseInput().parties[0], phone: '12345' }, sampleCaseInput().parties[1]] },
      'parties[0].phone',
      '应为11位手机号码',
    ],
    ['an unknown dispute type', { disputeType: '吵架' }, 'disputeType', '“吵架”不是可选的值'],
    ['an unknown field (a typo)', { sumary: '错字' } as never, 'sumary', '不认识的字段：sumary'],
    [
      'an unknown field in a party',
      { parties: [{ ...sampleCaseInput().parties[0], phon: '1' } as never, sampleCaseInput().parties[1]] },
      'parties[0].phon',
      '不认识的字段：phon',
    ],
  ])('refuses %s, naming the field, and writes nothing', async (_what, overrides, field, message) => {
    const desk = await memoryDesk();
    await call(desk, 'cases.add', sampleCaseInput());
    const before = snapshot(desk);
    const error = await rejection(call(desk, 'cases.add', sampleCaseInput(overrides as never)));
    expect(error.code).toBe('VALIDATION');
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
    expect(snapshot(desk)).toBe(before);
  });

  it('refuses a received date in the future', async () => {
    const desk = await memoryDesk();
    const error = await rejection(call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2026-11-24' })));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'receivedAt' });
  });
});

/** Valid details for each action, so that only the status decides whether it is allowed. */
const DETAILS: Record<CaseAction, unknown> = {
  accept: { date: '2026-11-03' },
  decline: { date: '2026-11-03', reason: '不属于人民调解范围' },
  'record-session': { date: '2026-11-05', place: '调解室', participants: '张三、李四', content: '双方陈述事实，调解员释法明理。' },
  agree: {
    date: '2026-11-06',
    form: 'written',
    terms: ['被申请人于2026年11月30日前清除杂物。', '被申请人赔偿申请人12300.05元。'],
    performanceMethod: '现金',
    performanceDeadline: '2026-11-30',
  },
  sign: { date: '2026-11-07' },
  fail: { date: '2026-11-06', reason: '双方分歧较大', guidance: '诉讼' },
  withdraw: { date: '2026-11-06', reason: '申请人撤回' },
  'apply-confirmation': { date: '2026-11-10' },
  'confirmation-result': { date: '2026-11-15', result: 'confirmed', rulingNumber: '（2026）川1702民特12号' },
  'follow-up': { date: '2026-11-20', method: 'phone', performance: 'performed', notes: '已履行完毕' },
  close: { date: '2026-11-21', acknowledgeIncomplete: true },
  reopen: { reason: '当事人反映未履行' },
  'amend-agreement': {
    terms: ['被申请人于2026年12月15日前清除杂物。'],
    performanceDeadline: '2026-12-15',
    reason: '当事人阅读协议时发现日期有误',
  },
  supplement: { date: '2026-11-20', terms: ['履行期限延长至2026年12月31日。'], performanceDeadline: '2026-12-31' },
  'sign-supplement': { date: '2026-11-20' },
  'edit-session': { session: 1, recorder: '王调解', reason: '记录人写重了' },
  'delete-session': { session: 1, reason: '记录在了错误的案件上' },
  'undo-last': { reason: '误操作' },
};

/** Paths from a new case to each status (and to the sub-states of an agreed case). */
const PATHS: Record<string, CaseAction[]> = {
  registered: [],
  accepted: ['accept'],
  'accepted (session)': ['accept', 'record-session'],
  declined: ['decline'],
  'agreed (unsigned)': ['accept', 'agree'],
  'agreed (signed)': ['accept', 'agree', 'sign'],
  'agreed (supplement)': ['accept', 'agree', 'sign', 'supplement'],
  'agreed (supplement signed)': ['accept', 'agree', 'sign', 'supplement', 'sign-supplement'],
  'agreed (session, signed)': ['accept', 'record-session', 'agree', 'sign'],
  'agreed (applied)': ['accept', 'agree', 'sign', 'apply-confirmation'],
  'agreed (confirmed)': ['accept', 'agree', 'sign', 'apply-confirmation', 'confirmation-result'],
  failed: ['accept', 'fail'],
  withdrawn: ['accept', 'withdraw'],
  closed: ['accept', 'agree', 'sign', 'close'],
};

/** What each starting point allows, written out by hand from the workflow. */
const EXPECTED_ALLOWED: Record<string, CaseAction[]> = {
  registered: ['accept', 'decline'],
  accepted: ['record-session', 'agree', 'fail', 'withdraw', 'undo-last'],
  'accepted (session)': ['record-session', 'agree', 'fail', 'withdraw', 'edit-session', 'delete-session', 'undo-last'],
  declined: ['close'],
  'agreed (unsigned)': ['sign', 'amend-agreement', 'undo-last'],
  'agreed (signed)': ['apply-confirmation', 'follow-up', 'close', 'supplement'],
  'agreed (supplement)': ['apply-confirmation', 'follow-up', 'sign-supplement', 'undo-last'],
  'agreed (supplement signed)': ['apply-confirmation', 'follow-up', 'close', 'supplement'],
  'agreed (session, signed)': ['apply-confirmation', 'follow-up', 'close', 'supplement', 'edit-session', 'delete-session'],
  'agreed (applied)': ['confirmation-result', 'follow-up', 'close', 'supplement'],
  'agreed (confirmed)': ['follow-up', 'close', 'supplement'],
  failed: ['close'],
  withdrawn: ['close'],
  closed: ['reopen'],
};

async function caseAt(desk: Desk, path: CaseAction[]): Promise<Case> {
  let c = await call(desk, 'cases.add', sampleCaseInput());
  for (const action of path) c = await call(desk, 'cases.act', { id: c.id, action, details: DETAILS[action] });
  return c;
}

describe('workflow: every action from every status', () => {
  for (const [start, path] of Object.entries(PATHS)) {
    for (const action of CASE_ACTIONS) {
      const allowed = EXPECTED_ALLOWED[start].includes(action);
      it(`${action} from ${start}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const desk = await memoryDesk();
        const c = await caseAt(desk, path);
        const before = snapshot(desk);
        const attempt = call(desk, 'cases.act', { id: c.id, action, details: DETAILS[action] });
        if (allowed) {
          const next = await attempt;
          expect(next.revision).toBe(c.revision + 1);
          expect(next.events.at(-1)?.type).toBe(action);
          expect(verifyLog(next.events).ok).toBe(true);
        } else {
          const error = await rejection(attempt);
          expect(error.code).toBe('NOT_ALLOWED');
          expect(error.message).toMatch(/^不能/);
          expect(snapshot(desk)).toBe(before);
        }
      });
    }
  }

  it('agrees with the status table used to offer actions', () => {
    expect(Object.keys(ALLOWED_FROM).sort()).toEqual([...CASE_ACTIONS].sort());
    const statuses = new Set<CaseStatus>(Object.values(ALLOWED_FROM).flat());
    expect([...statuses].sort()).toEqual(['accepted', 'agreed', 'closed', 'declined', 'failed', 'registered', 'withdrawn']);
  });

  it('reopens a closed case to the status it had before closing', async () => {
    const desk = await memoryDesk();
    const closed = await caseAt(desk, PATHS.closed);
    const reopened = await call(desk, 'cases.act', { id: closed.number, action: 'reopen', details: DETAILS.reopen });
    expect(reopened.status).toBe('agreed');
    expect(reopened.closedAt).toBeUndefined();
    expect('statusBeforeClose' in reopened).toBe(false);
  });

  it('makes an oral agreement effective on the day it is reached, with nothing to sign', async () => {
    const desk = await memoryDesk();
    const c = await caseAt(desk, ['accept']);
    const agreed = await call(desk, 'cases.act', { id: c.id, action: 'agree', details: { ...(DETAILS.agree as object), form: '口头' } });
    expect(agreed.agreement).toMatchObject({ form: 'oral', effectiveDate: '2026-11-06' });
    const error = await rejection(call(desk, 'cases.act', { id: c.id, action: 'sign', details: {} }));
    expect(error.message).toContain('口头协议自达成之日起生效');
  });

  it('refuses details that break the rules, naming the field', async () => {
    const desk = await memoryDesk();
    const c = await caseAt(desk, ['accept']);
    const noReason = await rejection(call(desk, 'cases.act', { id: c.id, action: 'fail', details: { date: '2026-11-06' } }));
    expect(noReason).toMatchObject({ code: 'VALIDATION', field: 'reason' });
    const noTerms = await rejection(call(desk, 'cases.act', { id: c.id, action: 'agree', details: { terms: [] } }));
    expect(noTerms).toMatchObject({ code: 'VALIDATION', field: 'terms' });
    const early = await rejection(
      call(desk, 'cases.act', { id: c.id, action: 'agree', details: { ...(DETAILS.agree as object), date: '2026-10-01' } }),
    );
    expect(early.code).toBe('NOT_ALLOWED');
    expect(early.message).toContain('早于登记日期');
  });

  it('uses the court from the settings when applying for judicial confirmation', async () => {
    const desk = await memoryDesk();
    const c = await caseAt(desk, PATHS['agreed (applied)']);
    expect(c.confirmation).toEqual({ appliedAt: '2026-11-10', court: '达州市通川区人民法院' });
  });

  it('refuses an unknown case with NOT_FOUND', async () => {
    const desk = await memoryDesk();
    const error = await rejection(call(desk, 'cases.act', { id: 'no-such-case', action: 'accept', details: {} }));
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('event log', () => {
  it('is hash-chained: an edited, deleted or inserted event is detected', async () => {
    const desk = await memoryDesk();
    const c = await caseAt(desk, PATHS.closed);
    expect(verifyLog(c.events)).toEqual({ ok: true, events: 5 });

    const edited = structuredClone(c.events);
    (edited[2].details as { date: string }).date = '2026-01-01';
    expect(verifyLog(edited)).toMatchObject({ ok: false, brokenAt: 2 });

    const deleted = [...c.events.slice(0, 1), ...c.events.slice(2)];
    expect(verifyLog(deleted)).toMatchObject({ ok: false, brokenAt: 1 });

    const swapped = structuredClone(c.events);
    swapped[3].operator = '别人';
    expect(verifyLog(swapped).ok).toBe(false);
  });

  it('is checked by the cases.verifyLog handler', async () => {
    const desk = await memoryDesk();
    const c = await caseAt(desk, ['accept']);
    const tampered = structuredClone(c);
    tampered.events[0].details = { number: '（2026）东城调字第99号' };
    await desk.commit({ cases: [tampered] });
    const verdict = await call(desk, 'cases.verifyLog', { id: c.id });
    expect(verdict.ok).toBe(false);
    expect(verdict.problem).toContain('第1条记录');
  });
});

describe('search', () => {
  it('finds cases by number, name, pinyin initials, ID number and phone, and masks IDs in the list', async () => {
    const desk = await memoryDesk();
    const a = await call(desk, 'cases.add', sampleCaseInput());
    await call(
      desk,
      'cases.add',
      sampleCaseInput({
        summary: '劳务费纠纷',
        disputeType: 'labour',
        parties: [
          { role: 'applicant', name: '王五', idNumber: IDS.wangWu, phone: '13900001111' },
          { role: 'respondent', kind: 'organization', name: '达州建筑有限公司' },
        ],
      }),
    );
    const numbers = async (q: string) => (await call(desk, 'cases.list', { q })).items.map((i) => i.number);
    expect(await numbers('张三')).toEqual([a.number]);
    expect(await numbers('zs')).toEqual([a.number]);
    expect(await numbers('zhangsan')).toEqual([a.number]);
    expect(await numbers(IDS.zhangSan.slice(-6).toLowerCase())).toEqual([a.number]);
    expect(await numbers('0818-2345678')).toEqual([a.number]);
    expect(await numbers('13900001111')).toHaveLength(1);
    expect(await numbers('建筑')).toHaveLength(1);
    expect(await numbers('调字第1号')).toEqual([a.number]);
    const list = await call(desk, 'cases.list', { type: '劳动争议' });
    expect(list.total).toBe(1);
    expect(list.items[0].parties[0].idNumberMasked).toBe('510722********0021');
    expect(JSON.stringify(list)).not.toContain(IDS.wangWu);
  });

  it('filters by status and date and lists newest first', async () => {
    const desk = await memoryDesk();
    const older = await call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2026-10-01' }));
    const newer = await call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2026-11-10' }));
    await call(desk, 'cases.act', { id: older.id, action: 'accept', details: { date: '2026-10-02' } });
    expect((await call(desk, 'cases.list', {})).items.map((i) => i.id)).toEqual([newer.id, older.id]);
    expect((await call(desk, 'cases.list', { status: '调解中' })).items.map((i) => i.id)).toEqual([older.id]);
    expect((await call(desk, 'cases.list', { from: '2026-11-01', to: '2026-11-30' })).items.map((i) => i.id)).toEqual([newer.id]);
  });
});

describe('settings', () => {
  it('updates only the fields a patch names', async () => {
    const desk = await memoryDesk();
    await call(desk, 'settings.update', { numberPattern: '{shortName}调〔{year}〕{seq:3}号', largeText: true });
    const updated = await call(desk, 'settings.update', { court: '达州市达川区人民法院' });
    expect(updated).toMatchObject({
      court: '达州市达川区人民法院',
      largeText: true,
      numberPattern: '{shortName}调〔{year}〕{seq:3}号',
      stationCode: '510702-001',
    });
    const c = await call(desk, 'cases.add', sampleCaseInput());
    expect(c.number).toBe('东城调〔2026〕001号');
  });

  it('refuses a number pattern without {seq}, naming the field', async () => {
    const desk = await memoryDesk();
    const error = await rejection(call(desk, 'settings.update', { numberPattern: '（{year}）东城调字号' }));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'numberPattern' });
  });
});
