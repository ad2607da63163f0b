/**
 * Reminders on the day before, on, and after each deadline, with the clock moved day by day.
 * Case R1: written agreement reached and signed on 2026-10-01, performance deadline 2026-10-20:
 *   judicial-confirmation window ends 2026-10-31 (information from 10-24), follow-up due 2026-10-16 (warn from 10-13),
 *   performance overdue from 2026-10-21.
 * Case R2: accepted on 2026-10-01 and still in mediation: 30 days end on 2026-10-31 (warn from 10-28).
 */

import { describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import type { Reminder } from '../../electron/core/oversight/reminders';
import { fixedClock, memoryDesk, sampleCaseInput } from '../support/desk';

async function setUp() {
  const clock = fixedClock('2026-10-01');
  const desk = await memoryDesk({ clock });
  const r1 = await call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2026-10-01', summary: '合同欠款纠纷' }));
  await call(desk, 'cases.act', { id: r1.id, action: 'accept', details: {} });
  await call(desk, 'cases.act', {
    id: r1.id,
    action: 'agree',
    details: { form: 'written', terms: ['被申请人于10月20日前付清欠款。'], performanceDeadline: '2026-10-20' },
  });
  await call(desk, 'cases.act', { id: r1.id, action: 'sign', details: {} });
  const r2 = await call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2026-09-28', summary: '邻里通行纠纷' }));
  await call(desk, 'cases.act', { id: r2.id, action: 'accept', details: { date: '2026-10-01' } });
  return { desk, clock, r1: r1.id, r2: r2.id };
}

async function on(desk: Desk, clock: ReturnType<typeof fixedClock>, day: string): Promise<Reminder[]> {
  clock.set(day);
  const result = await call(desk, 'reminders.list', {});
  expect(result.today).toBe(day);
  return result.reminders;
}

const pick = (list: Reminder[], kind: Reminder['kind']) =>
  list.filter((r) => r.kind === kind).map((r) => [r.severity, r.dueDate, r.daysLeft]);

describe('reminders', () => {
  it('judicial confirmation: information from 7 days before the 30th day, never an overdue alarm', async () => {
    const { desk, clock } = await setUp();
    expect(pick(await on(desk, clock, '2026-10-23'), 'confirmation')).toEqual([]);
    expect(pick(await on(desk, clock, '2026-10-24'), 'confirmation')).toEqual([['info', '2026-10-31', 7]]);
    expect(pick(await on(desk, clock, '2026-10-30'), 'confirmation')).toEqual([['info', '2026-10-31', 1]]);
    const onDay = await on(desk, clock, '2026-10-31');
    expect(pick(onDay, 'confirmation')).toEqual([['info', '2026-10-31', 0]]);
    expect(onDay.find((r) => r.kind === 'confirmation')).toMatchObject({ group: 'info' });
    expect(onDay.find((r) => r.kind === 'confirmation')!.message).toContain('当事人如需申请司法确认');
    expect(pick(await on(desk, clock, '2026-11-01'), 'confirmation')).toEqual([]);
    // Information is not an alarm: the notification counts only the overdue follow-up and performance.
    clock.set('2026-10-24');
    expect((await call(desk, 'reminders.list', {})).counts).toEqual({ warning: 0, overdue: 2, info: 1 });
    expect((await call(desk, 'reminders.notification', {})).counts).toEqual({ warning: 0, overdue: 2 });
  });

  it('judicial confirmation: none once applied, none for an oral agreement; the warning window follows the settings', async () => {
    const { desk, clock, r1 } = await setUp();
    await call(desk, 'settings.init', { reminders: { confirmationWarnDays: 3, followUpDueDays: 15, longMediationDays: 30 } });
    expect(pick(await on(desk, clock, '2026-10-27'), 'confirmation')).toEqual([]);
    expect(pick(await on(desk, clock, '2026-10-28'), 'confirmation')).toEqual([['info', '2026-10-31', 3]]);
    await call(desk, 'cases.act', { id: r1, action: 'apply-confirmation', details: {} });
    expect(pick(await on(desk, clock, '2026-10-29'), 'confirmation')).toEqual([]);

    clock.set('2026-10-01');
    const oral = await call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2026-10-01' }));
    await call(desk, 'cases.act', { id: oral.id, action: 'accept', details: {} });
    await call(desk, 'cases.act', { id: oral.id, action: 'agree', details: { form: 'oral', terms: ['互不追究。'] } });
    expect((await on(desk, clock, '2026-11-05')).filter((r) => r.caseId === oral.id && r.kind === 'confirmation')).toEqual([]);
  });

  it('performance deadline: overdue the day after it, gone once a follow-up says performed', async () => {
    const { desk, clock, r1 } = await setUp();
    expect(pick(await on(desk, clock, '2026-10-19'), 'performance')).toEqual([]);
    expect(pick(await on(desk, clock, '2026-10-20'), 'performance')).toEqual([]);
    expect(pick(await on(desk, clock, '2026-10-21'), 'performance')).toEqual([['overdue', '2026-10-20', -1]]);
    await call(desk, 'cases.act', { id: r1, action: 'follow-up', details: { performance: 'partial' } });
    expect(pick(await on(desk, clock, '2026-10-22'), 'performance')).toEqual([['overdue', '2026-10-20', -2]]);
    await call(desk, 'cases.act', { id: r1, action: 'follow-up', details: { performance: 'performed' } });
    expect(pick(await on(desk, clock, '2026-10-23'), 'performance')).toEqual([]);
  });

  it('follow-up visit: due 15 days after the agreement, warning 3 days before, overdue after', async () => {
    const { desk, clock, r1 } = await setUp();
    expect(pick(await on(desk, clock, '2026-10-12'), 'follow-up')).toEqual([]);
    expect(pick(await on(desk, clock, '2026-10-13'), 'follow-up')).toEqual([['warning', '2026-10-16', 3]]);
    expect(pick(await on(desk, clock, '2026-10-15'), 'follow-up')).toEqual([['warning', '2026-10-16', 1]]);
    expect(pick(await on(desk, clock, '2026-10-16'), 'follow-up')).toEqual([['warning', '2026-10-16', 0]]);
    expect(pick(await on(desk, clock, '2026-10-17'), 'follow-up')).toEqual([['overdue', '2026-10-16', -1]]);
    await call(desk, 'cases.act', { id: r1, action: 'follow-up', details: { performance: 'not-performed' } });
    expect(pick(await on(desk, clock, '2026-10-18'), 'follow-up')).toEqual([]);
  });

  it('long mediation: more than 30 days since acceptance (not since registration)', async () => {
    const { desk, clock, r2 } = await setUp();
    expect(pick(await on(desk, clock, '2026-10-27'), 'long-mediation')).toEqual([]);
    expect(pick(await on(desk, clock, '2026-10-28'), 'long-mediation')).toEqual([['warning', '2026-10-31', 3]]);
    expect(pick(await on(desk, clock, '2026-10-30'), 'long-mediation')).toEqual([['warning', '2026-10-31', 1]]);
    expect(pick(await on(desk, clock, '2026-10-31'), 'long-mediation')).toEqual([['warning', '2026-10-31', 0]]);
    const after = await on(desk, clock, '2026-11-01');
    expect(pick(after, 'long-mediation')).toEqual([['overdue', '2026-10-31', -1]]);
    expect(after.find((r) => r.kind === 'long-mediation')).toMatchObject({ caseId: r2, summary: '邻里通行纠纷' });
    await call(desk, 'cases.act', { id: r2, action: 'fail', details: { reason: '双方分歧较大' } });
    expect(pick(await on(desk, clock, '2026-11-02'), 'long-mediation')).toEqual([]);
  });

  it('closed cases get no reminders', async () => {
    const { desk, clock, r1 } = await setUp();
    const list = await on(desk, clock, '2026-11-01');
    expect(list.map((r) => r.severity)).toEqual(['overdue', 'overdue', 'overdue']);
    await call(desk, 'cases.act', { id: r1, action: 'close', details: { acknowledgeIncomplete: true } });
    expect((await on(desk, clock, '2026-11-02')).filter((r) => r.caseId === r1)).toEqual([]);
  });

  it('warns when the clock is earlier than the newest saved event', async () => {
    const { desk, clock } = await setUp();
    clock.set('2026-10-05');
    expect((await call(desk, 'reminders.list', {})).clock.ok).toBe(true);
    clock.set('2026-09-30');
    const result = await call(desk, 'reminders.list', {});
    expect(result.clock.ok).toBe(false);
    expect(result.clock.message).toContain('电脑时钟可能不准');
  });

  it('desktop notification: once a day', async () => {
    const { desk, clock } = await setUp();
    clock.set('2026-11-01');
    const first = await call(desk, 'reminders.notification', {});
    expect(first).toMatchObject({ today: '2026-11-01', shown: false, counts: { overdue: 3, warning: 0 } });
    await call(desk, 'reminders.markNotified', {});
    expect((await call(desk, 'reminders.notification', {})).shown).toBe(true);
    clock.set('2026-11-02');
    expect((await call(desk, 'reminders.notification', {})).shown).toBe(false);
  });
});

describe('day arithmetic of the reminders', () => {
  it('agrees with dates.ts across month, leap-year and century boundaries', async () => {
    const { __forTests } = await import('../../electron/core/oversight/reminders');
    const { addDays, daysBetween } = await import('../../electron/core/dates');
    let day = '1899-12-25';
    for (let i = 0; i < 60_000; i += 37) {
      const d = addDays('1899-12-25', i);
      expect(__forTests.dateOf(__forTests.dayNo(d))).toBe(d);
      expect(__forTests.dayNo(d) - __forTests.dayNo(day)).toBe(daysBetween(day, d));
      day = d;
    }
    expect(__forTests.dateOf(__forTests.dayNo('2024-02-28') + 1)).toBe('2024-02-29');
    expect(__forTests.dateOf(__forTests.dayNo('2100-02-28') + 1)).toBe('2100-03-01');
  });
});

describe('reminders limit', () => {
  it("returns the first in the day's order and counts all", async () => {
    const { desk, clock } = await setUp();
    clock.set('2026-11-01');
    const all = await call(desk, 'reminders.list', {});
    const two = await call(desk, 'reminders.list', { limit: 2 });
    expect(all.total).toBe(3);
    expect(two.total).toBe(3);
    expect(two.reminders).toEqual(all.reminders.slice(0, 2));
    // every kind is counted, the front desk's time limits too (none here)
    expect(two.byKind).toEqual({
      confirmation: 0,
      performance: 1,
      'follow-up': 1,
      'long-mediation': 1,
      'request-answer': 0,
      'request-callback': 0,
      'request-feedback': 0,
      'request-route': 0,
    });
    // Overdue ones with the most recent first: long mediation (due 10-31), performance (10-20), follow-up (10-16).
    expect(all.reminders.map((r) => [r.kind, r.daysLeft])).toEqual([
      ['long-mediation', -1],
      ['performance', -12],
      ['follow-up', -16],
    ]);
  });
});

describe('clock check with timestamps in another format', () => {
  it('an imported case saved later than today (with a +08:00 offset) also flags the clock', async () => {
    const { desk, clock, r1 } = await setUp();
    clock.set('2026-11-23');
    expect((await call(desk, 'reminders.list', {})).clock.ok).toBe(true);
    const later = {
      ...desk.getCase(r1),
      id: '00000000-0000-4000-8000-000000000099',
      number: '（2026）外站调字第9号',
      updatedAt: '2026-11-25T09:00:00.000+08:00',
    };
    await desk.commit({ cases: [later] });
    const result = await call(desk, 'reminders.list', {});
    expect(result.clock).toMatchObject({ ok: false, newestEventAt: '2026-11-25T09:00:00.000+08:00' });
  });
});

describe('reminders by severity', () => {
  it('lists only warnings or only overdue ones; counts cover all', async () => {
    const { desk, clock } = await setUp();
    clock.set('2026-10-29'); // follow-up overdue (10-16), performance overdue (10-20), confirmation information (10-31), long mediation warning (10-31)
    const soon = await call(desk, 'reminders.list', { severity: 'warning' });
    const late = await call(desk, 'reminders.list', { severity: 'overdue', limit: 1 });
    expect(soon.reminders.map((r) => r.kind)).toEqual(['long-mediation']);
    expect(late.reminders.map((r) => r.kind)).toEqual(['performance']);
    expect([soon.total, late.total, late.counts.warning, late.counts.overdue, late.counts.info]).toEqual([4, 4, 1, 2, 1]);
    expect(late.byGroup).toEqual({ today: 0, week: 1, overdue: 2, later: 0, info: 1 });
  });
});

describe("the day's order and what the office decided", () => {
  it('today and this week first, then overdue with the most recent first, information last', async () => {
    const { desk, clock } = await setUp();
    clock.set('2026-10-28'); // follow-up -12, performance -8, long mediation +3 (week), confirmation +3 (info)
    const list = (await call(desk, 'reminders.list', {})).reminders;
    expect(list.map((r) => [r.group, r.kind, r.daysLeft])).toEqual([
      ['week', 'long-mediation', 3],
      ['overdue', 'performance', -8],
      ['overdue', 'follow-up', -12],
      ['info', 'confirmation', 3],
    ]);
    clock.set('2026-10-31');
    expect((await call(desk, 'reminders.list', { group: 'today' })).reminders.map((r) => r.kind)).toEqual(['long-mediation']);
  });

  it('done (with a note) until a new due date, snoozed until a day, off for the case; undone again; counts follow', async () => {
    const { desk, clock, r1, r2 } = await setUp();
    clock.set('2026-10-28');
    await call(desk, 'reminders.mark', { caseId: r1, kind: 'follow-up', state: 'done', note: '已电话回访，下周上门' });
    await call(desk, 'reminders.mark', { caseId: r2, kind: 'long-mediation', state: 'snoozed', until: '2026-11-03' });
    await call(desk, 'reminders.mark', { caseId: r1, kind: 'performance', state: 'off' });
    const after = await call(desk, 'reminders.list', {});
    expect(after.reminders.map((r) => r.kind)).toEqual(['confirmation']);
    expect([after.total, after.marked, after.counts.overdue, after.counts.warning]).toEqual([1, 3, 0, 0]);
    expect((await call(desk, 'reminders.notification', {})).counts).toEqual({ warning: 0, overdue: 0 });
    // The snooze ends on its day; the others stay dealt with.
    clock.set('2026-11-03');
    expect((await call(desk, 'reminders.list', {})).reminders.map((r) => r.kind)).toEqual(['long-mediation']);
    const marks = await call(desk, 'reminders.marks', {});
    expect(marks.map((m) => [m.kind, m.state, m.note ?? null])).toEqual([
      ['performance', 'off', null],
      ['long-mediation', 'snoozed', null],
      ['follow-up', 'done', '已电话回访，下周上门'],
    ]);
    await call(desk, 'reminders.unmark', { caseId: r1, kind: 'performance' });
    expect((await call(desk, 'reminders.list', { kind: 'performance' })).reminders).toHaveLength(1);
  });

  it('refuses a snooze into the past, a reminder the case does not have, an unknown kind', async () => {
    const { desk, clock, r1, r2 } = await setUp();
    clock.set('2026-10-28');
    await expect(
      call(desk, 'reminders.mark', { caseId: r1, kind: 'follow-up', state: 'snoozed', until: '2026-10-28' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'until',
    });
    await expect(call(desk, 'reminders.mark', { caseId: r2, kind: 'follow-up', state: 'done' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(call(desk, 'reminders.mark', { caseId: r1, kind: 'nap' as never, state: 'off' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect((await call(desk, 'reminders.marks', {})).length).toBe(0);
  });
});
