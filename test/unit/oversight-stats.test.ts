/**
 * The statistics report against a hand-counted register of 40 cases, built through the real workflow
 * (cases.add / cases.act with dates). Every expected figure below was counted by hand from the case
 * list in `REGISTER` (see the comments beside each case), not computed by the code under test.
 */

import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { caseIndex } from '../../electron/core/cases/search';
import { Desk } from '../../electron/core/desk';
import { displayWidth, reportCsv, reportTable } from '../../electron/core/oversight/export';
import type { StatsReport, StatsRow } from '../../electron/core/oversight/stats';
import { DISPUTE_TYPES } from '../../electron/core/schema/codes';
import { SettingsSchema } from '../../electron/core/schema/settings';
import { sampleCaseInput, TEST_SETTINGS } from '../support/desk';
import { memoryStore } from '../support/memory-store';

type Step = [string, Record<string, unknown>];
const acc = (date: string): Step => ['accept', { date }];
const agreeW = (date: string): Step => ['agree', { date, form: 'written', terms: ['被申请人赔偿申请人损失。'] }];
const agreeO = (date: string): Step => ['agree', { date, form: 'oral', terms: ['双方互谅互让，不再追究。'] }];
const sign = (date: string): Step => ['sign', { date }];
const fail = (date: string): Step => ['fail', { date, reason: '双方分歧较大' }];
const wd = (date: string): Step => ['withdraw', { date, reason: '申请人撤回' }];
const dec = (date: string): Step => ['decline', { date, reason: '不属于人民调解范围' }];
const apply = (date: string): Step => ['apply-confirmation', { date }];
const ruling = (date: string, result: 'confirmed' | 'rejected'): Step => [
  'confirmation-result',
  { date, result, ...(result === 'rejected' ? { reason: '协议内容违反法律规定' } : { rulingNumber: '（2026）川1702民特1号' }) },
];
const fu = (date: string, performance: string): Step => ['follow-up', { date, method: 'phone', performance }];
const close = (date: string): Step => ['close', { date, acknowledgeIncomplete: true }];
const reopen: Step = ['reopen', { reason: '当事人反映协议条款需补充' }];

interface Spec {
  id: string;
  rec: string;
  type: string;
  amount?: string;
  source?: string;
  people?: number;
  third?: boolean;
  mediators?: string[];
  steps: Step[];
}

/** The register. Dates are 2026 unless written in full. Comments: what the case adds to October / November. */
const REGISTER: Spec[] = [
  // received in September
  {
    id: 'A1',
    rec: '2026-09-10',
    type: 'neighbour',
    steps: [
      acc('2026-09-11'),
      agreeW('2026-10-05'),
      sign('2026-10-06'),
      apply('2026-10-10'),
      ruling('2026-10-20', 'confirmed'),
      fu('2026-10-25', 'performed'),
    ],
  }, // Oct: resolved, written, applied, confirmed, performed
  { id: 'A2', rec: '2026-09-15', type: 'neighbour', steps: [acc('2026-09-15'), agreeO('2026-09-28'), fu('2026-10-03', 'performed')] }, // Oct: performed
  { id: 'A3', rec: '2026-09-20', type: 'contract', steps: [acc('2026-09-21')] }, // Oct, Nov: in progress
  { id: 'A4', rec: '2026-09-25', type: 'contract', steps: [acc('2026-09-26'), fail('2026-11-05')] }, // Oct: in progress; Nov: failed
  { id: 'A5', rec: '2026-09-05', type: 'damages', steps: [dec('2026-09-06')] }, // nothing
  { id: 'A6', rec: '2026-09-28', type: 'damages', steps: [dec('2026-10-02')] }, // nothing
  { id: 'A7', rec: '2026-09-30', type: 'labour', steps: [acc('2026-10-01'), wd('2026-10-15')] }, // Oct: withdrawn
  {
    id: 'A8',
    rec: '2026-09-12',
    type: 'marriage-family',
    steps: [acc('2026-09-12'), agreeW('2026-09-20'), sign('2026-09-22'), apply('2026-10-08'), close('2026-10-30')],
  }, // Oct: applied
  { id: 'A9', rec: '2026-09-01', type: 'labour', steps: [acc('2026-09-02'), agreeO('2026-09-30'), fu('2026-10-01', 'performed')] }, // Oct: performed
  // received in October
  {
    id: 'B1',
    rec: '2026-10-02',
    type: 'marriage-family',
    amount: '5000',
    mediators: ['王调解', '李调解'],
    steps: [acc('2026-10-03'), agreeW('2026-10-10'), sign('2026-10-11')],
  }, // Oct: received 5000/2, resolved, written
  {
    id: 'B2',
    rec: '2026-10-05',
    type: 'marriage-family',
    amount: '0',
    third: true,
    steps: [acc('2026-10-05'), agreeO('2026-10-20'), fu('2026-10-25', 'partial')],
  }, // Oct: received 0/3, resolved, oral
  { id: 'B3', rec: '2026-10-08', type: 'marriage-family', amount: '1200.50', steps: [acc('2026-10-09'), fail('2026-10-30')] }, // Oct: received, failed
  { id: 'B4', rec: '2026-10-10', type: 'neighbour', amount: '300', steps: [] }, // Oct: received, in progress; Nov: in progress
  { id: 'B5', rec: '2026-10-12', type: 'neighbour', amount: '0', steps: [dec('2026-10-13')] }, // nothing (declined)
  { id: 'B6', rec: '2026-10-15', type: 'neighbour', amount: '800', steps: [dec('2026-11-02')] }, // Oct: in progress only (declined later)
  {
    id: 'B7',
    rec: '2026-10-18',
    type: 'contract',
    amount: '20000',
    steps: [acc('2026-10-18'), agreeW('2026-10-25'), sign('2026-10-26'), apply('2026-10-28'), ruling('2026-11-10', 'rejected')],
  }, // Oct: received, resolved, written, applied
  { id: 'B8', rec: '2026-10-20', type: 'contract', amount: '15000.75', steps: [acc('2026-10-20'), agreeW('2026-11-03')] }, // Oct: received, in progress; Nov: resolved, written
  { id: 'B9', rec: '2026-10-22', type: 'damages', amount: '3000', steps: [acc('2026-10-22'), wd('2026-10-29')] }, // Oct: received, withdrawn
  { id: 'B10', rec: '2026-10-25', type: 'damages', amount: '100', steps: [acc('2026-10-26')] }, // Oct: received, in progress; Nov: in progress
  {
    id: 'B11',
    rec: '2026-10-28',
    type: 'labour',
    amount: '6000',
    steps: [acc('2026-10-28'), agreeO('2026-10-31'), fu('2026-11-05', 'performed')],
  }, // Oct: received, resolved, oral; Nov: performed
  { id: 'B12', rec: '2026-10-31', type: 'traffic', amount: '45000', people: 12, steps: [acc('2026-10-31'), fail('2026-10-31')] }, // Oct: received 45000/12, failed
  {
    id: 'B13',
    rec: '2026-10-01',
    type: 'traffic',
    amount: '2000',
    steps: [acc('2026-10-01'), agreeW('2026-10-15'), sign('2026-10-16'), close('2026-10-20'), reopen],
  }, // Oct: received, resolved, written (closed and reopened: counted once)
  { id: 'B14', rec: '2026-10-14', type: 'labour', amount: '500', steps: [acc('2026-10-14'), fail('2026-10-16'), close('2026-10-18')] }, // Oct: received, failed
  { id: 'B15', rec: '2026-10-30', type: 'marriage-family', amount: '0', source: 'court-referral', steps: [acc('2026-10-30')] }, // Oct: received, in progress; Nov: in progress
  {
    id: 'B16',
    rec: '2026-10-09',
    type: 'neighbour',
    amount: '250',
    source: 'initiative',
    steps: [acc('2026-10-09'), agreeW('2026-10-12'), sign('2026-10-12'), fu('2026-10-20', 'not-performed'), fu('2026-11-01', 'performed')],
  }, // Oct: received, resolved, written; Nov: performed
  {
    id: 'B17',
    rec: '2026-10-03',
    type: 'damages',
    amount: '7000',
    source: 'petition-referral',
    steps: [acc('2026-10-03'), agreeW('2026-10-07'), sign('2026-10-08'), apply('2026-10-09'), ruling('2026-10-19', 'confirmed')],
  }, // Oct: received, resolved, written, applied, confirmed
  { id: 'E1', rec: '2026-10-31', type: 'marriage-family', amount: '0', steps: [] }, // Oct: received, in progress; Nov: in progress
  // received in November
  {
    id: 'C1',
    rec: '2026-11-01',
    type: 'marriage-family',
    amount: '1000',
    mediators: ['李调解'],
    steps: [acc('2026-11-01'), agreeW('2026-11-10'), sign('2026-11-11')],
  }, // Nov: received, resolved, written
  { id: 'C2', rec: '2026-11-03', type: 'neighbour', amount: '0', mediators: [], steps: [] }, // Nov: received, in progress
  { id: 'C3', rec: '2026-11-05', type: 'contract', amount: '2500', steps: [acc('2026-11-05'), fail('2026-11-20')] }, // Nov: received, failed
  { id: 'C4', rec: '2026-11-10', type: 'damages', amount: '800', steps: [dec('2026-11-11')] }, // nothing
  { id: 'C5', rec: '2026-11-15', type: 'labour', amount: '0', steps: [acc('2026-11-15')] }, // Nov: received, in progress
  { id: 'C6', rec: '2026-11-20', type: 'traffic', amount: '10000', steps: [acc('2026-11-20'), wd('2026-11-22')] }, // Nov: received, withdrawn
  { id: 'C7', rec: '2026-11-22', type: 'other', amount: '0', source: 'police-referral', steps: [] }, // Nov: received, in progress
  { id: 'C8', rec: '2026-11-18', type: 'contract', amount: '999.99', steps: [acc('2026-11-18'), agreeO('2026-11-18')] }, // Nov: received, resolved, oral
  // older
  { id: 'D1', rec: '2026-08-10', type: 'marriage-family', steps: [acc('2026-08-10')] }, // Oct, Nov: in progress
  {
    id: 'D2',
    rec: '2026-08-15',
    type: 'contract',
    steps: [acc('2026-08-16'), agreeW('2026-08-30'), sign('2026-09-01'), fu('2026-09-15', 'performed')],
  }, // nothing in Oct/Nov
  { id: 'D3', rec: '2026-07-01', type: 'traffic', steps: [dec('2026-07-02')] }, // nothing
  { id: 'D4', rec: '2026-08-20', type: 'neighbour', steps: [acc('2026-08-21'), wd('2026-10-31')] }, // Oct: withdrawn (last day)
  { id: 'E2', rec: '2025-12-20', type: 'contract', steps: [acc('2025-12-21'), agreeW('2026-01-05'), sign('2026-01-06')] }, // 2026: resolved; not received in 2026
];

let desk: Desk;

beforeAll(async () => {
  const settings = SettingsSchema.parse(TEST_SETTINGS);
  desk = await Desk.open({
    dataDir: '(memory)',
    store: memoryStore({ docs: { settings } }),
    clock: { now: () => new Date('2026-11-23T10:00:00+08:00') },
  });
  desk.session.begin({ id: 'test-administrator', name: '王调解', role: 'admin' });
  for (const spec of REGISTER) {
    const base = sampleCaseInput();
    const parties = spec.third
      ? [...base.parties, { role: 'third-party', kind: 'person', name: '赵六', phone: '13700137000' }]
      : base.parties;
    const c = await call(
      desk,
      'cases.add',
      sampleCaseInput({
        receivedAt: spec.rec,
        disputeType: spec.type,
        source: spec.source ?? 'application',
        amount: spec.amount ?? '100',
        mediators: spec.mediators ?? ['王调解'],
        parties: parties as never,
        ...(spec.people ? { peopleInvolved: spec.people } : {}),
      }),
    );
    for (const [action, details] of spec.steps) await call(desk, 'cases.act', { id: c.id, action: action as never, details });
  }
});

type Cells = Omit<StatsRow, 'key' | 'label'>;
const ZERO: Cells = {
  received: 0,
  resolved: 0,
  failed: 0,
  withdrawn: 0,
  inProgress: 0,
  successRate: null,
  amountFen: 0,
  people: 0,
  written: 0,
  oral: 0,
  confirmationApplied: 0,
  confirmed: 0,
  performed: 0,
};
const cells = (c: Partial<Cells>): Cells => ({ ...ZERO, ...c });
const row = (r: StatsReport, key: string) => {
  const found = r.rows.find((x) => x.key === key);
  if (!found) throw new Error(`no row ${key}`);
  const { key: _k, label: _l, ...rest } = found;
  return rest;
};

describe('statistics report (hand-counted register of 40 cases)', () => {
  it('registered all 40 cases', () => {
    expect(REGISTER).toHaveLength(40);
    expect(caseIndex(desk).size).toBe(40);
  });

  it('October 2026 by dispute type, cell by cell', async () => {
    const r = await call(desk, 'stats.report', { month: '2026-10' });
    expect(r.from).toBe('2026-10-01');
    expect(r.to).toBe('2026-10-31');
    expect(r.rows.map((x) => x.key)).toEqual(DISPUTE_TYPES.codes);
    expect(row(r, 'marriage-family')).toEqual(
      cells({
        received: 5,
        resolved: 2,
        failed: 1,
        inProgress: 3,
        successRate: 0.6667,
        amountFen: 620050,
        people: 11,
        written: 1,
        oral: 1,
        confirmationApplied: 1,
      }),
    );
    expect(row(r, 'neighbour')).toEqual(
      cells({
        received: 2,
        resolved: 2,
        withdrawn: 1,
        inProgress: 2,
        successRate: 1,
        amountFen: 55000,
        people: 4,
        written: 2,
        confirmationApplied: 1,
        confirmed: 1,
        performed: 2,
      }),
    );
    expect(row(r, 'contract')).toEqual(
      cells({ received: 2, resolved: 1, inProgress: 3, successRate: 1, amountFen: 3500075, people: 4, written: 1, confirmationApplied: 1 }),
    );
    expect(row(r, 'damages')).toEqual(
      cells({
        received: 3,
        resolved: 1,
        withdrawn: 1,
        inProgress: 1,
        successRate: 1,
        amountFen: 1010000,
        people: 6,
        written: 1,
        confirmationApplied: 1,
        confirmed: 1,
      }),
    );
    expect(row(r, 'labour')).toEqual(
      cells({ received: 2, resolved: 1, failed: 1, withdrawn: 1, successRate: 0.5, amountFen: 650000, people: 4, oral: 1, performed: 1 }),
    );
    expect(row(r, 'traffic')).toEqual(
      cells({ received: 2, resolved: 1, failed: 1, successRate: 0.5, amountFen: 4700000, people: 14, written: 1 }),
    );
    for (const code of DISPUTE_TYPES.codes.filter(
      (c) => !['marriage-family', 'neighbour', 'contract', 'damages', 'labour', 'traffic'].includes(c),
    )) {
      expect(row(r, code)).toEqual(ZERO);
    }
    const { key, label, ...total } = r.total;
    expect([key, label]).toEqual(['total', '合计']);
    expect(total).toEqual(
      cells({
        received: 16,
        resolved: 8,
        failed: 3,
        withdrawn: 3,
        inProgress: 9,
        successRate: 0.7273,
        amountFen: 10535125,
        people: 43,
        written: 6,
        oral: 2,
        confirmationApplied: 4,
        confirmed: 2,
        performed: 3,
      }),
    );
  });

  it('November 2026: totals, and by source', async () => {
    const r = await call(desk, 'stats.report', { from: '2026-11-01', to: '2026-11-30', by: 'source' });
    const { key: _k, label: _l, ...total } = r.total;
    expect(total).toEqual(
      cells({
        received: 7,
        resolved: 3,
        failed: 2,
        withdrawn: 1,
        inProgress: 9,
        successRate: 0.6,
        amountFen: 1449999,
        people: 14,
        written: 2,
        oral: 1,
        performed: 2,
      }),
    );
    expect(r.rows.map((x) => x.key)).toEqual([
      'application',
      'initiative',
      'court-referral',
      'police-referral',
      'petition-referral',
      'other-referral',
    ]);
    expect(row(r, 'application')).toEqual(
      cells({
        received: 6,
        resolved: 3,
        failed: 2,
        withdrawn: 1,
        inProgress: 7,
        successRate: 0.6,
        amountFen: 1449999,
        people: 12,
        written: 2,
        oral: 1,
        performed: 1,
      }),
    );
    expect(row(r, 'initiative')).toEqual(cells({ performed: 1 }));
    expect(row(r, 'court-referral')).toEqual(cells({ inProgress: 1 }));
    expect(row(r, 'police-referral')).toEqual(cells({ received: 1, inProgress: 1, people: 2 }));
    expect(row(r, 'petition-referral')).toEqual(ZERO);
    expect(row(r, 'other-referral')).toEqual(ZERO);
  });

  it('by mediator: a case with two mediators counts in both rows, once in the total', async () => {
    const oct = await call(desk, 'stats.report', { month: '2026-10', by: 'mediator' });
    // Every mediator seen in the register has a row, also with nothing this month (C2 has none: November).
    expect(oct.rows.map((x) => x.label)).toEqual(['李调解', '王调解', '（未指定调解员）']);
    expect(row(oct, '')).toEqual(ZERO);
    expect(row(oct, '李调解')).toEqual(cells({ received: 1, resolved: 1, successRate: 1, amountFen: 500000, people: 2, written: 1 }));
    expect(row(oct, '王调解').resolved).toBe(8);
    expect(oct.total.resolved).toBe(8);

    const nov = await call(desk, 'stats.report', { month: '2026-11', by: 'mediator' });
    expect(nov.rows.map((x) => x.label)).toEqual(['李调解', '王调解', '（未指定调解员）']);
    expect(row(nov, '')).toEqual(cells({ received: 1, inProgress: 1, people: 2 }));
    expect(row(nov, '王调解')).toEqual(
      cells({
        received: 5,
        resolved: 2,
        failed: 2,
        withdrawn: 1,
        inProgress: 8,
        successRate: 0.5,
        amountFen: 1349999,
        people: 10,
        written: 1,
        oral: 1,
        performed: 2,
      }),
    );
  });

  it('a quarter and a year use the same definitions', async () => {
    const q = await call(desk, 'stats.report', { quarter: '2026Q4' });
    expect([q.from, q.to]).toEqual(['2026-10-01', '2026-12-31']);
    // Oct + Nov received (16 + 7), resolved (8 + 3); in progress at the end of December = at the end of November (9).
    expect([q.total.received, q.total.resolved, q.total.failed, q.total.inProgress]).toEqual([23, 11, 5, 9]);
    const y = await call(desk, 'stats.report', { year: '2026' });
    // Received in 2026: every case but E2 (2025) and the six declined ones (A5, A6, B5, B6, C4, D3): 40 - 1 - 6 = 33.
    expect(y.total.received).toBe(33);
    // Agreements in 2026: A1 A2 A8 A9 B1 B2 B7 B8 B11 B13 B16 B17 C1 C8 D2 E2 = 16.
    expect(y.total.resolved).toBe(16);
    expect(y.total.written + y.total.oral).toBe(16);
    expect(y.total.oral).toBe(5); // A2 A9 B2 B11 C8
  });

  it('an empty month still yields a full report (零上报)', async () => {
    const r = await call(desk, 'stats.report', { month: '2026-06' });
    expect(r.rows).toHaveLength(DISPUTE_TYPES.codes.length);
    for (const x of r.rows) expect(row(r, x.key)).toEqual(ZERO);
    const { key: _k, label: _l, ...total } = r.total;
    expect(total).toEqual(ZERO);
    const text = reportTable(r, { office: '东城街道人民调解委员会', by: 'type', today: '2026-11-23' });
    expect(text).toContain('2026年6月');
    expect(text).toContain('合计');
  });

  it('refuses ambiguous or invalid periods', async () => {
    await expect(call(desk, 'stats.report', { month: '2026-13' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'month' });
    await expect(call(desk, 'stats.report', { month: '2026-11', year: '2026' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call(desk, 'stats.report', { from: '2026-11-30', to: '2026-11-01' })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'to',
    });
    await expect(call(desk, 'stats.report', {})).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('chart series: cases by month and success rate over time', async () => {
    const s = await call(desk, 'stats.series', { from: '2026-09-01', to: '2026-11-30' });
    expect(s.months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    const oct = s.months[1];
    expect([oct.received, oct.resolved, oct.failed, oct.successRate]).toEqual([16, 8, 3, 0.7273]);
    expect(s.byType.find((t) => t.key === 'marriage-family')!.received).toBe(5 + 1 + 1); // A8 (Sep) + 5 (Oct) + C1 (Nov)
  });

  it('CSV has a BOM, CRLF lines, the same cells, and amounts in yuan', async () => {
    const r = await call(desk, 'stats.report', { month: '2026-10' });
    const csv = reportCsv(r, { office: '东城', by: 'type', today: '2026-11-23' });
    expect(csv.startsWith('\uFEFF纠纷类型代码,纠纷类型,受理（件）')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 16 + 1);
    expect(lines[1]).toBe('marriage-family,婚姻家庭,5,2,1,0,3,66.7,6200.50,11,1,1,1,0,0');
    expect(lines[17]).toBe('total,合计,16,8,3,3,9,72.7,105351.25,43,6,2,4,2,3');
    expect(lines.find((l) => l.startsWith('medical,'))).toBe('medical,医疗,0,0,0,0,0,,0.00,0,0,0,0,0,0');
  });

  it('the text table aligns CJK text by display width', async () => {
    expect(displayWidth('婚姻家庭')).toBe(8);
    expect(displayWidth('a1')).toBe(2);
    const r = await call(desk, 'stats.report', { month: '2026-10' });
    const lines = reportTable(r, { office: '东城', by: 'type', today: '2026-11-23' }).split('\n').slice(1);
    const widths = new Set(lines.map(displayWidth));
    expect(widths.size).toBe(1);
  });

  it('XLSX: read back with exceljs, title, unit, period, headers, rows and totals', async () => {
    const out = await call(desk, 'stats.export', { month: '2026-10', by: 'type', format: 'xlsx', money: 'wan' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64!, 'base64') as never);
    const ws = wb.getWorksheet('统计表')!;
    expect(ws.getCell('A1').value).toBe('人民调解工作统计表（2026年10月）');
    expect(String(ws.getCell('A2').value)).toBe('填报单位：东城街道人民调解委员会');
    expect(String(ws.getRow(2).values)).toContain('统计期间：2026-10-01至2026-10-31');
    expect(ws.getCell('A3').value).toBe('纠纷类型');
    expect(ws.getCell('C3').value).toBe('办结情况');
    expect(ws.getCell('C4').value).toBe('调解成功（件）');
    expect(ws.getCell('H3').value).toBe('涉及金额（万元）');
    const data = (r: number) => (ws.getRow(r).values as unknown[]).slice(1, 15);
    expect(data(5)).toEqual(['婚姻家庭', 5, 2, 1, 0, 3, 0.6667, 0.6201, 11, 1, 1, 1, 0, 0]);
    expect(data(5 + 16)).toEqual(['合计', 16, 8, 3, 3, 9, 0.7273, 10.5351, 43, 6, 2, 4, 2, 3]);
    expect(ws.getCell('G5').numFmt).toBe('0.0%');
    expect(ws.getCell('A16').value).toBe('医疗');
    expect(ws.getCell('G16').value).toBe('—'); // nothing finished: no rate
    expect(ws.getCell('A21').font?.bold).toBe(true);
    expect(ws.getColumn(8).width).toBeGreaterThan(ws.getColumn(2).width!);
    expect(String(ws.getCell('A22').value)).toContain('受理数按登记日期统计');
  });
});
