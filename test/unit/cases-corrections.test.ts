/**
 * Corrections within the law's limits: what each one changes, what the log records (old → new, with the
 * reason), what stays frozen, and that the hash chain is valid after each. The matrix of every action
 * from every status, corrections included, is in cases.test.ts.
 */

import { describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { performanceDeadlineOf } from '../../electron/core/cases/agreement';
import { verifyLog } from '../../electron/core/cases/events';
import type { Desk } from '../../electron/core/desk';
import { plainText } from '../../electron/core/documents/model';
import { buildCaseDocument } from '../../electron/core/documents/service';
import { computeReminders } from '../../electron/core/oversight/reminders';
import type { Case, CaseAction } from '../../electron/core/schema/case';
import { ReminderSettingsSchema } from '../../electron/core/schema/settings';
import { fixedClock, IDS, memoryDesk, sampleCaseInput } from '../support/desk';
import { rejection } from '../support/rejection';

const act = (desk: Desk, c: Case, action: CaseAction, details: unknown = {}) => call(desk, 'cases.act', { id: c.id, action, details });

const AGREE = {
  date: '2026-11-06',
  form: 'written',
  terms: ['被申请人于2026年11月30日前清除杂物。', '被申请人赔偿申请人一万元。'],
  performanceMethod: '现金',
  performanceDeadline: '2026-11-30',
};

async function agreed(desk: Desk, signed = false): Promise<Case> {
  let c = await call(desk, 'cases.add', sampleCaseInput());
  c = await act(desk, c, 'accept', { date: '2026-11-03' });
  c = await act(desk, c, 'record-session', { date: '2026-11-05', content: '双方陈述。', recorder: '王调解王调解' });
  c = await act(desk, c, 'agree', AGREE);
  return signed ? act(desk, c, 'sign', { date: '2026-11-07' }) : c;
}

async function documentText(desk: Desk, c: Case, template: string, supplementId?: number): Promise<string> {
  return plainText((await buildCaseDocument(desk, c.id, template, { supplementId })).model);
}

describe('amending an agreement before it is signed', () => {
  it('changes the terms, records old → new with the reason, and the document prints the amended text', async () => {
    const desk = await memoryDesk();
    const c = await agreed(desk);
    const amended = await act(desk, c, 'amend-agreement', {
      terms: ['被申请人于2026年12月15日前清除杂物。', '被申请人赔偿申请人一万二千元。'],
      performanceDeadline: '2026-12-15',
      performanceMethod: null,
      reason: '当事人阅读协议时发现期限写错',
    });
    expect(amended.agreement).toMatchObject({ date: '2026-11-06', performanceDeadline: '2026-12-15' });
    expect(amended.agreement?.performanceMethod).toBeUndefined();
    const event = amended.events.at(-1)!;
    expect(event.type).toBe('amend-agreement');
    expect(event.details).toMatchObject({
      reason: '当事人阅读协议时发现期限写错',
      changes: {
        performanceDeadline: { from: '2026-11-30', to: '2026-12-15' },
        performanceMethod: { from: '现金', to: null },
        terms: { from: AGREE.terms },
      },
    });
    expect(verifyLog(amended.events).ok).toBe(true);
    const text = await documentText(desk, amended, 'agreement');
    expect(text).toContain('一万二千元');
    expect(text).toContain('2026年12月15日前履行完毕');
    expect(text).not.toContain('一万元');
  });

  it('turns a written agreement into an oral one, effective on the day it was reached', async () => {
    const desk = await memoryDesk();
    const c = await agreed(desk);
    const oral = await act(desk, c, 'amend-agreement', { form: '口头', reason: '当事人不需要书面协议' });
    expect(oral.agreement).toMatchObject({ form: 'oral', effectiveDate: '2026-11-06' });
  });

  it('refuses once signed, and refuses an amendment that changes nothing or breaks the dates', async () => {
    const desk = await memoryDesk();
    const c = await agreed(desk);
    expect(await rejection(act(desk, c, 'amend-agreement', { terms: AGREE.terms, reason: '无' }))).toMatchObject({
      code: 'NOT_ALLOWED',
      message: expect.stringContaining('没有修改任何内容'),
    });
    expect(await rejection(act(desk, c, 'amend-agreement', { performanceDeadline: '2026-11-01', reason: '改期' }))).toMatchObject({
      code: 'NOT_ALLOWED',
      message: expect.stringContaining('早于协议日期'),
    });
    expect(await rejection(act(desk, c, 'amend-agreement', { terms: ['x'] }))).toMatchObject({ code: 'VALIDATION', field: 'reason' });
    const signed = await act(desk, c, 'sign', { date: '2026-11-07' });
    const refused = await rejection(act(desk, signed, 'amend-agreement', { terms: ['改写'], reason: '改写' }));
    expect(refused.code).toBe('NOT_ALLOWED');
    expect(refused.message).toContain('补充协议');
    expect(desk.getCase(c.id).agreement?.terms).toEqual(AGREE.terms);
  });
});

describe('补充协议 after signing', () => {
  it('adds and signs a supplement beside the frozen agreement; documents, 卷宗 and reminders follow it', async () => {
    const desk = await memoryDesk();
    const signed = await agreed(desk, true);
    const added = await act(desk, signed, 'supplement', {
      date: '2026-11-20',
      terms: ['履行期限延长至2026年12月31日，分两期支付。'],
      performanceDeadline: '2026-12-31',
    });
    expect(added.agreement).toEqual(signed.agreement);
    expect(added.supplements).toHaveLength(1);
    expect(added.supplements![0].effectiveDate).toBeUndefined();
    // unsigned: it does not count yet, and the case cannot be closed
    expect(performanceDeadlineOf(added)).toBe('2026-11-30');
    expect(await rejection(act(desk, added, 'close', { date: '2026-11-21', acknowledgeIncomplete: true }))).toMatchObject({
      message: expect.stringContaining('补充协议尚未签署'),
    });
    expect(await rejection(act(desk, added, 'supplement', { date: '2026-11-21', terms: ['再改'] }))).toMatchObject({ code: 'NOT_ALLOWED' });
    const done = await act(desk, added, 'sign-supplement', { date: '2026-11-21' });
    expect(done.supplements![0].effectiveDate).toBe('2026-11-21');
    expect(performanceDeadlineOf(done)).toBe('2026-12-31');
    expect(verifyLog(done.events).ok).toBe(true);

    const supplement = await documentText(desk, done, 'supplement');
    expect(supplement).toContain('人民调解补充协议书');
    expect(supplement).toContain(`编号：${done.number}（第一份补充协议）`);
    expect(supplement).toContain('达成人民调解协议书（编号：');
    expect(supplement).toContain('履行期限延长至2026年12月31日');
    expect(supplement).toContain('2026年11月20日');
    const confirmation = await documentText(desk, done, 'confirmation-application');
    expect(confirmation).toContain('及其补充协议有效');
    expect(confirmation).toContain('第一份补充协议');
    expect(confirmation).toContain('补充协议书（共一份）');
    const agreement = await documentText(desk, done, 'agreement');
    expect(agreement).not.toContain('补充协议');

    const dossier = await call(desk, 'dossier.check', { id: done.id });
    expect(dossier.missing).toContain('人民调解补充协议书');

    // the performance reminder follows the deadline in force
    const settings = ReminderSettingsSchema.parse({});
    expect(computeReminders([done], '2026-12-05', settings).byKind.performance).toBe(0);
    expect(computeReminders([done], '2027-01-02', settings).byKind.performance).toBe(1);
  });

  it('is refused before the agreement takes effect or dated before it', async () => {
    const desk = await memoryDesk();
    const unsigned = await agreed(desk);
    expect((await rejection(act(desk, unsigned, 'supplement', { terms: ['x'] }))).message).toContain('协议尚未生效');
    const signed = await act(desk, unsigned, 'sign', { date: '2026-11-07' });
    expect((await rejection(act(desk, signed, 'supplement', { date: '2026-11-06', terms: ['x'] }))).message).toContain('早于协议生效日期');
    expect((await rejection(act(desk, signed, 'sign-supplement', {}))).message).toContain('没有待签署的补充协议');
  });
});

describe('correcting party details and basic fields (case edit)', () => {
  it('is allowed at every status before 结案 and records every field old → new', async () => {
    const desk = await memoryDesk();
    const c = await agreed(desk, true);
    const noReason = await rejection(call(desk, 'cases.edit', { id: c.id, changes: { summary: '相邻通行纠纷（更正）' } }));
    expect(noReason).toMatchObject({ code: 'VALIDATION', field: 'reason' });
    const parties = c.parties.map((p, i) =>
      i === 1 ? { ...p, name: '李肆', idNumber: IDS.wangWu, gender: undefined, birthDate: undefined } : p,
    );
    const edited = await call(desk, 'cases.edit', {
      id: c.id,
      changes: { summary: '相邻通行纠纷（更正）', parties: parties as never, reason: '当事人核对身份证时发现姓名、号码录错' },
    });
    const event = edited.events.at(-1)!;
    expect(event.type).toBe('edited');
    expect(event.details).toMatchObject({
      reason: '当事人核对身份证时发现姓名、号码录错',
      fields: ['summary', 'parties'],
      changes: {
        summary: { from: '相邻通行纠纷', to: '相邻通行纠纷（更正）' },
        'parties[1].name': { from: '李四', to: '李肆' },
        'parties[1].idNumber': { from: IDS.liSi, to: IDS.wangWu },
        'parties[1].gender': { from: 'male', to: 'female' },
      },
    });
    expect(edited.parties[1].id).toBe(c.parties[1].id);
    expect(verifyLog(edited.events).ok).toBe(true);
    expect(await documentText(desk, edited, 'agreement')).toContain('李肆');
  });

  it('needs no reason before an agreement, refuses a closed case, and keeps the received date before the first step', async () => {
    const desk = await memoryDesk();
    let c = await call(desk, 'cases.add', sampleCaseInput());
    c = await act(desk, c, 'accept', { date: '2026-11-03' });
    const edited = await call(desk, 'cases.edit', { id: c.id, changes: { claims: '请求清除杂物。' } });
    expect(edited.events.at(-1)?.details).toMatchObject({ changes: { claims: { to: '请求清除杂物。' } } });
    expect(await rejection(call(desk, 'cases.edit', { id: c.id, changes: { receivedAt: '2026-11-04' } }))).toMatchObject({
      code: 'VALIDATION',
      field: 'receivedAt',
    });
    const unchanged = await call(desk, 'cases.edit', { id: c.id, changes: { claims: '请求清除杂物。' } });
    expect(unchanged.revision).toBe(edited.revision);
    c = await act(desk, edited, 'withdraw', { date: '2026-11-05', reason: '撤回' });
    c = await act(desk, c, 'close', { date: '2026-11-06', acknowledgeIncomplete: true });
    const closed = await rejection(call(desk, 'cases.edit', { id: c.id, changes: { summary: '改' } }));
    expect(closed.code).toBe('NOT_ALLOWED');
    expect(closed.message).toContain('重新开启');
  });
});

describe('session records', () => {
  it('edits a record with a reason (记录人：王调解王调解 → 王调解) and deletes one, keeping it whole in the log', async () => {
    const desk = await memoryDesk();
    const c = await agreed(desk, true);
    const edited = await act(desk, c, 'edit-session', { session: 1, recorder: '王调解', place: '调解室', reason: '记录人重复' });
    expect(edited.sessions[0]).toMatchObject({ recorder: '王调解', place: '调解室', content: '双方陈述。' });
    expect(edited.events.at(-1)?.details).toMatchObject({
      reason: '记录人重复',
      session: 1,
      changes: { recorder: { from: '王调解王调解', to: '王调解' }, place: { from: null, to: '调解室' } },
    });
    expect(await documentText(desk, edited, 'session-record')).not.toContain('王调解王调解');
    const deleted = await act(desk, edited, 'delete-session', { session: edited.sessions[0].id, reason: '记录在了错误的案件上' });
    expect(deleted.sessions).toHaveLength(0);
    expect(deleted.events.at(-1)?.details).toMatchObject({ removed: edited.sessions[0] });
    expect(verifyLog(deleted.events).ok).toBe(true);
    expect((await rejection(act(desk, deleted, 'delete-session', { session: 1, reason: 'x' }))).message).toContain('没有调解记录');
  });

  it('refuses a session that does not exist, a future date, and a change without a reason', async () => {
    const desk = await memoryDesk();
    const c = await agreed(desk);
    expect((await rejection(act(desk, c, 'edit-session', { session: 3, content: 'x', reason: 'y' }))).message).toContain('没有第“3”次');
    expect((await rejection(act(desk, c, 'edit-session', { session: 1, date: '2026-12-01', reason: 'y' }))).message).toContain('晚于今天');
    expect(await rejection(act(desk, c, 'edit-session', { session: 1, content: 'x' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'reason',
    });
  });
});

describe('undoing the last step', () => {
  it('takes back an unsigned agreement, a session and an acceptance, one at a time, keeping each in the log', async () => {
    const desk = await memoryDesk();
    let c = await agreed(desk);
    c = await act(desk, c, 'undo-last', { reason: '协议尚未谈妥，误点了达成协议' });
    expect(c.status).toBe('accepted');
    expect(c.agreement).toBeUndefined();
    expect(c.events.at(-1)?.details).toMatchObject({ undone: { type: 'agree' }, removed: { terms: AGREE.terms } });
    c = await act(desk, c, 'undo-last', { reason: '调解记录记在了错误的案件上' });
    expect(c.sessions).toHaveLength(0);
    c = await act(desk, c, 'undo-last', { reason: '受理了错误的案件' });
    expect(c.status).toBe('registered');
    expect(verifyLog(c.events).ok).toBe(true);
    expect((await rejection(act(desk, c, 'undo-last', { reason: 'x' }))).code).toBe('NOT_ALLOWED');
    // after undoing, the workflow goes on as normal
    c = await act(desk, c, 'accept', { date: '2026-11-04' });
    expect(c.status).toBe('accepted');
  });

  it('never undoes a legally final step: signing, an oral agreement, a court ruling, a decision told to the parties', async () => {
    const desk = await memoryDesk();
    const signed = await agreed(desk, true);
    expect((await rejection(act(desk, signed, 'undo-last', { reason: 'x' }))).message).toContain('协议已签署生效');
    const applied = await act(desk, signed, 'apply-confirmation', { date: '2026-11-10' });
    const ruled = await act(desk, applied, 'confirmation-result', { date: '2026-11-15', result: 'confirmed' });
    expect((await rejection(act(desk, ruled, 'undo-last', { reason: 'x' }))).message).toContain('人民法院的裁定');
    let oral = await call(desk, 'cases.add', sampleCaseInput());
    oral = await act(desk, oral, 'accept', { date: '2026-11-03' });
    oral = await act(desk, oral, 'agree', { ...AGREE, form: 'oral' });
    expect((await rejection(act(desk, oral, 'undo-last', { reason: 'x' }))).message).toContain('口头协议');
    let failed = await call(desk, 'cases.add', sampleCaseInput());
    failed = await act(desk, failed, 'accept', { date: '2026-11-03' });
    failed = await act(desk, failed, 'fail', { date: '2026-11-04', reason: '分歧大' });
    expect((await rejection(act(desk, failed, 'undo-last', { reason: 'x' }))).code).toBe('NOT_ALLOWED');
  });

  it('takes back a follow-up and an unsigned supplement, skipping corrections and documents in between', async () => {
    const desk = await memoryDesk({ clock: fixedClock('2026-11-23') });
    let c = await agreed(desk, true);
    c = await act(desk, c, 'follow-up', { date: '2026-11-20', performance: 'partial' });
    c = await act(desk, c, 'edit-session', { session: 1, recorder: '王调解', reason: '重复' });
    c = await act(desk, c, 'undo-last', { reason: '回访记在了错误的案件上' });
    expect(c.followUps).toHaveLength(0);
    expect(c.sessions[0].recorder).toBe('王调解');
    c = await act(desk, c, 'supplement', { date: '2026-11-21', terms: ['延期'] });
    c = await act(desk, c, 'undo-last', { reason: '双方又不同意了' });
    expect(c.supplements).toBeUndefined();
    expect((await rejection(act(desk, c, 'undo-last', { reason: 'x' }))).message).toContain('协议已签署生效');
  });
});
