/**
 * `cases.edit`: the same received-date rule as `cases.add` (one function, `checkReceivedAt`), the
 * statuses in which a case can be edited (every one before 结案; a reason once an agreement exists),
 * and the rule that a case keeps a 申请人 and a 被申请人.
 * Every refusal names its field and writes nothing.
 */

import { describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { checkReceivedAt } from '../../electron/core/cases/service';
import type { Desk } from '../../electron/core/desk';
import { DeskError } from '../../electron/core/errors';
import type { CaseAction, Origin } from '../../electron/core/schema/case';
import { memoryDesk, sampleCaseInput } from '../support/desk';
import { rejection } from '../support/rejection';

const snapshot = (desk: Desk) => JSON.stringify([...desk.store.allCases()]);

/** The test clock's today is 2026-11-23 (test/support/desk.ts). */
const TODAY = '2026-11-23';

describe('the received-date rule, shared by cases.add and cases.edit', () => {
  it('allows today and earlier, refuses a later day naming 登记日期', () => {
    expect(() => checkReceivedAt(TODAY, TODAY)).not.toThrow();
    expect(() => checkReceivedAt('2020-01-01', TODAY)).not.toThrow();
    expect(() => checkReceivedAt('2026-11-24', TODAY)).toThrow(DeskError);
    try {
      checkReceivedAt('2026-11-24', TODAY);
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION', field: 'receivedAt', message: '登记日期：2026-11-24晚于今天' });
    }
  });

  it('cases.edit refuses a future received date as cases.add does, and accepts today', async () => {
    const desk = await memoryDesk();
    const added = await rejection(call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2026-11-24' })));
    const c = await call(desk, 'cases.add', sampleCaseInput());
    const before = snapshot(desk);
    const edited = await rejection(call(desk, 'cases.edit', { id: c.id, changes: { receivedAt: '2026-11-24' } }));
    expect(edited).toMatchObject({ code: 'VALIDATION', field: 'receivedAt' });
    expect(edited.message).toBe(added.message);
    expect(snapshot(desk)).toBe(before);
    expect((await call(desk, 'cases.edit', { id: c.id, changes: { receivedAt: TODAY } })).receivedAt).toBe(TODAY);
  });
});

/** Valid details for the actions used below. */
const DETAILS: Partial<Record<CaseAction, unknown>> = {
  accept: { date: '2026-11-03' },
  decline: { date: '2026-11-03', reason: '不属于人民调解范围' },
  agree: { date: '2026-11-06', form: 'written', terms: ['被申请人于2026年11月30日前清除杂物。'] },
  sign: { date: '2026-11-07' },
  fail: { date: '2026-11-06', reason: '双方分歧较大', guidance: '诉讼' },
  withdraw: { date: '2026-11-06', reason: '申请人撤回' },
  close: { date: '2026-11-21', acknowledgeIncomplete: true },
};

async function caseAt(desk: Desk, path: CaseAction[]) {
  const c = await call(desk, 'cases.add', sampleCaseInput());
  for (const action of path) await call(desk, 'cases.act', { id: c.id, action, details: DETAILS[action] });
  return desk.getCase(c.id);
}

describe('which cases can be edited', () => {
  it.each([
    ['已登记', []],
    ['已受理（调解中）', ['accept']],
    ['不予受理', ['decline']],
    ['调解不成', ['accept', 'fail']],
    ['撤回', ['accept', 'withdraw']],
  ] as [string, CaseAction[]][])('%s: editable without a reason (no agreement yet)', async (_status, path) => {
    const desk = await memoryDesk();
    const c = await caseAt(desk, path);
    const edited = await call(desk, 'cases.edit', { id: c.id, changes: { summary: '相邻通道纠纷' } });
    expect(edited).toMatchObject({ summary: '相邻通道纠纷', revision: c.revision + 1 });
    expect(edited.events.at(-1)).toMatchObject({ type: 'edited', details: { fields: ['summary'] } });
  });

  it.each([
    ['调解成功（协议未签）', ['accept', 'agree']],
    ['调解成功（已签署）', ['accept', 'agree', 'sign']],
  ] as [string, CaseAction[]][])('%s: editable with a reason only, nothing written without one', async (_status, path) => {
    const desk = await memoryDesk();
    const c = await caseAt(desk, path);
    const before = snapshot(desk);
    const error = await rejection(call(desk, 'cases.edit', { id: c.id, changes: { summary: '改了' } }));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'reason' });
    expect(snapshot(desk)).toBe(before);
    const edited = await call(desk, 'cases.edit', { id: c.id, changes: { summary: '改了', reason: '案由写错' } });
    expect(edited.events.at(-1)).toMatchObject({ type: 'edited', details: { fields: ['summary'], reason: '案由写错' } });
  });

  it('结案归档: refused, nothing written', async () => {
    const desk = await memoryDesk();
    const c = await caseAt(desk, ['accept', 'agree', 'sign', 'close']);
    const before = snapshot(desk);
    const error = await rejection(call(desk, 'cases.edit', { id: c.id, changes: { summary: '改了', reason: '案由写错' } }));
    expect(error.code).toBe('NOT_ALLOWED');
    expect(error.message).toContain('已结案归档的案件不能修改');
    expect(snapshot(desk)).toBe(before);
  });

  it('a case imported from a station cannot be edited at the centre', async () => {
    const desk = await memoryDesk();
    const c = await caseAt(desk, []);
    const origin: Origin = {
      stationCode: '510702-002',
      stationName: '西城街道人民调解委员会',
      fingerprint: 'ABCD-EFGH',
      batchId: 'b-1',
      importedAt: '2026-11-23T04:00:00.000Z',
    };
    await desk.commit({ cases: [{ ...c, origin }] });
    const error = await rejection(call(desk, 'cases.edit', { id: c.id, changes: { summary: '改了' } }));
    expect(error).toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('从站点导入的案件') });
  });
});

describe('editing the parties', () => {
  const [applicant, respondent] = sampleCaseInput().parties;

  it.each([
    ['without a 申请人', [respondent], '至少需要一名申请人'],
    ['without a 被申请人', [applicant], '至少需要一名被申请人'],
    ['with neither', [{ ...applicant, role: 'third-party' as const }], '至少需要一名申请人'],
  ])('refuses a party list %s, naming 当事人, nothing written', async (_what, parties, message) => {
    const desk = await memoryDesk();
    const c = await caseAt(desk, ['accept']);
    const before = snapshot(desk);
    const error = await rejection(call(desk, 'cases.edit', { id: c.id, changes: { parties } }));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'changes.parties' });
    expect(error.message).toContain(message);
    expect(snapshot(desk)).toBe(before);
  });

  it('the same rule and message as registering', async () => {
    const desk = await memoryDesk();
    const added = await rejection(call(desk, 'cases.add', sampleCaseInput({ parties: [applicant] })));
    const c = await caseAt(desk, []);
    const edited = await rejection(call(desk, 'cases.edit', { id: c.id, changes: { parties: [applicant] } }));
    expect(edited.message.endsWith(added.message)).toBe(true);
  });

  it('replaces the list when both roles remain, keeping given party ids', async () => {
    const desk = await memoryDesk();
    const c = await caseAt(desk, []);
    const keptId = c.parties[0].id;
    const edited = await call(desk, 'cases.edit', {
      id: c.id,
      changes: { parties: [{ ...applicant, id: keptId }, respondent, { role: 'third-party', kind: 'person', name: '王五' }] },
    });
    expect(edited.parties.map((p) => [p.role, p.name])).toEqual([
      ['applicant', '张三'],
      ['respondent', '李四'],
      ['third-party', '王五'],
    ]);
    expect(edited.parties[0].id).toBe(keptId);
  });
});
