/**
 * The front desk's table checked cell by cell on a fixed set of requests (November 2026, as of 11-30),
 * by business type, channel, handling and station, and its XLSX and CSV read back.
 */

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { requestReportCsv, requestReportXlsx } from '../../electron/core/requests/export';
import { buildRequestReport, REQUEST_STATS_COLUMNS, type RequestStatsRow } from '../../electron/core/requests/stats';
import { type Request, RequestSchema } from '../../electron/core/schema/request';

let seq = 0;
function request(fields: Partial<Request> & Pick<Request, 'receivedAt' | 'handling' | 'state'>): Request {
  seq++;
  const r: Request = {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    number: `510702-001-2026-${String(seq).padStart(6, '0')}`,
    channel: 'visit',
    businessType: 'consultation',
    visitor: { name: `来访人${seq}`, groupSize: 1 },
    matter: '事项',
    firstResponder: '王窗口',
    followUps: [],
    events: [],
    revision: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...fields,
  };
  RequestSchema.parse(r);
  return r;
}

const by = '王窗口';
const fu = (
  n: number,
  date: string,
  satisfaction: Request['followUps'][number]['satisfaction'],
  callback?: { due: string; date?: string },
) => ({
  id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  date,
  by,
  satisfaction,
  ...(callback ? { callback } : {}),
});

const A = request({
  receivedAt: '2026-11-02T09:00',
  handling: 'on-the-spot',
  answer: { date: '2026-11-02', by, text: '答' },
  state: 'closed',
  closedAt: '2026-11-02',
  followUps: [fu(1, '2026-11-05', 'satisfied')],
});
const B = request({
  receivedAt: '2026-11-03T10:00',
  channel: 'phone',
  businessType: 'legal-aid',
  handling: 'route',
  visitor: { name: '集体来访', groupSize: 3 },
  routeDue: '2026-11-04',
  routing: { office: '法律援助中心', date: '2026-11-04', by, feedbackDue: '2026-11-11' },
  feedback: { date: '2026-11-10', by: '法律援助中心', result: '已指派律师' },
  notified: { date: '2026-11-11', by, method: 'phone' },
  followUps: [fu(2, '2026-11-12', 'dissatisfied', { due: '2026-11-13', date: '2026-11-13' }), fu(3, '2026-11-16', 'basically-satisfied')],
  state: 'closed',
  closedAt: '2026-11-16',
});
const C = request({
  receivedAt: '2026-11-05T11:00',
  businessType: 'legal-aid',
  handling: 'route',
  routeDue: '2026-11-06',
  routing: { office: '法律援助中心', date: '2026-11-09', by, feedbackDue: '2026-11-16' }, // routed late
  feedback: { date: '2026-11-13', by: '法律援助中心', result: '不符合条件' },
  state: 'fed-back',
});
const D = request({
  receivedAt: '2026-11-10T14:00',
  channel: 'online',
  businessType: 'complaint',
  handling: 'scheduled',
  answerDue: '2026-11-17',
  state: 'registered',
});
const E = request({
  receivedAt: '2026-11-25',
  channel: 'letter',
  businessType: 'suggestion',
  handling: 'scheduled',
  answerDue: '2026-12-02',
  state: 'registered',
});
const F = request({
  receivedAt: '2026-11-20T15:00',
  businessType: 'mediation',
  handling: 'to-mediation',
  mediationCase: { id: '20000000-0000-4000-8000-000000000001', number: '（2026）东城调字第9号', date: '2026-11-20' },
  state: 'in-progress',
});
const G = request({
  receivedAt: '2026-11-12T08:30',
  channel: 'phone',
  handling: 'legal-aid-guidance',
  answer: { date: '2026-11-12', by, text: '引导申请法律援助' },
  followUps: [fu(4, '2026-11-27', 'dissatisfied', { due: '2026-11-30' })],
  state: 'followed-up',
});
const H = request({
  receivedAt: '2026-10-30T09:00',
  handling: 'on-the-spot',
  answer: { date: '2026-10-30', by, text: '答' },
  state: 'answered',
});
const I = request({
  receivedAt: '2026-11-30T16:00',
  businessType: 'other',
  handling: 'other-channel',
  visitor: { name: '夫妻二人', groupSize: 2 },
  answer: { date: '2026-11-30', by, text: '告知向劳动仲裁委申请' },
  state: 'answered',
});
const ALL = [A, B, C, D, E, F, G, H, I];
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const CTX = { stationCode: '510702-001', stationName: '东城街道公共法律服务站', ownStationRow: true, today: '2026-11-30' };

const ZERO = Object.fromEntries(REQUEST_STATS_COLUMNS.map((c) => [c.field, c.field.endsWith('Rate') ? null : 0]));
const row = (key: string, cells: Partial<RequestStatsRow>) => ({ ...ZERO, key, ...cells });

describe('the front-desk table', () => {
  it('by business type, every cell', () => {
    const report = buildRequestReport(ALL, NOVEMBER, 'type', CTX);
    expect(report).toMatchObject({ from: '2026-11-01', to: '2026-11-30', asOf: '2026-11-30', by: 'type' });
    const expected = [
      row('consultation', {
        label: '法律咨询',
        received: 2,
        visitors: 2,
        onTheSpot: 1,
        legalAidGuidance: 1,
        pending: 1,
        closed: 1,
        followedUp: 2,
        satisfied: 1,
        dissatisfied: 1,
        satisfactionRate: 0.5,
        callbacksOpen: 1,
      }),
      row('legal-aid', {
        label: '法律援助',
        received: 2,
        visitors: 4,
        routeHandling: 2,
        routed: 2,
        onTime: 1,
        overdue: 1,
        onTimeRate: 0.5,
        closed: 1,
        followedUp: 1,
        basicallySatisfied: 1,
        satisfactionRate: 1,
      }),
      row('mediation', { label: '人民调解', received: 1, visitors: 1, toMediationHandling: 1, toMediation: 1 }),
      row('notary', { label: '公证' }),
      row('forensic', { label: '司法鉴定' }),
      row('administrative-review', { label: '行政复议' }),
      row('complaint', { label: '投诉', received: 1, visitors: 1, scheduled: 1, overdue: 1, onTimeRate: 0 }),
      row('suggestion', { label: '建议', received: 1, visitors: 1, scheduled: 1, pending: 1 }),
      row('other', { label: '其他', received: 1, visitors: 2, otherChannel: 1 }),
    ];
    expect(report.rows).toEqual(expected);
    expect(report.total).toEqual(
      row('total', {
        label: '合计',
        received: 8,
        visitors: 11,
        onTheSpot: 1,
        scheduled: 2,
        legalAidGuidance: 1,
        routeHandling: 2,
        toMediationHandling: 1,
        otherChannel: 1,
        routed: 2,
        toMediation: 1,
        onTime: 1,
        overdue: 2,
        pending: 2,
        onTimeRate: 0.3333,
        closed: 2,
        followedUp: 3,
        satisfied: 1,
        basicallySatisfied: 1,
        dissatisfied: 1,
        satisfactionRate: 0.6667,
        callbacksOpen: 1,
      }),
    );
  });

  it('by channel and by handling: rows add up to the same total', () => {
    const channel = buildRequestReport(ALL, NOVEMBER, 'channel', CTX);
    expect(channel.rows.map((r) => [r.key, r.received, r.visitors, r.overdue])).toEqual([
      ['visit', 4, 5, 1],
      ['phone', 2, 4, 0],
      ['letter', 1, 1, 0],
      ['online', 1, 1, 1],
      ['other', 0, 0, 0],
    ]);
    const handling = buildRequestReport(ALL, NOVEMBER, 'handling', CTX);
    expect(handling.rows.map((r) => [r.label, r.received])).toEqual([
      ['当场解答', 1],
      ['约期答复', 2],
      ['引导申请法律援助', 1],
      ['转办', 2],
      ['转人民调解', 1],
      ['告知其他渠道', 1],
    ]);
    expect(channel.total).toEqual(handling.total);
  });

  it('judges time limits as of the report day: the call-back due today is pending, tomorrow it is overdue', () => {
    const today = buildRequestReport([G], NOVEMBER, 'type', CTX).total;
    const tomorrow = buildRequestReport([G], NOVEMBER, 'type', { ...CTX, today: '2026-12-01' }).total;
    expect([today.pending, today.overdue]).toEqual([1, 0]);
    expect([tomorrow.pending, tomorrow.overdue]).toEqual([0, 1]);
  });

  it('by station at a centre: a row per station the requests came from', () => {
    const origin = (code: string, name: string) => ({
      stationCode: code,
      stationName: name,
      fingerprint: 'FP',
      batchId: 'b',
      importedAt: '2026-12-01T00:00:00.000Z',
    });
    const imported = [
      { ...A, origin: origin('511702-002', '西城站') },
      { ...B, origin: origin('511702-001', '东城站') },
      { ...C, origin: origin('511702-001', '东城站') },
      { ...H, origin: origin('511702-003', '北城站') },
    ];
    const report = buildRequestReport(imported, NOVEMBER, 'station', { ...CTX, ownStationRow: false });
    expect(report.rows.map((r) => [r.key, r.label, r.received, r.visitors, r.routed])).toEqual([
      ['511702-001', '东城站', 2, 4, 2],
      ['511702-002', '西城站', 1, 1, 0],
      ['511702-003', '北城站', 0, 0, 0], // seen in the register, nothing in November
    ]);
    expect(report.total.received).toBe(3);
  });

  it('writes the same cells to XLSX and CSV', async () => {
    const report = buildRequestReport(ALL, NOVEMBER, 'type', CTX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await requestReportXlsx(report, { office: '东城街道公共法律服务站', today: '2026-11-30' })) as never);
    const ws = wb.getWorksheet('统计表')!;
    expect(String(ws.getCell('A1').value)).toBe('统一受理工作统计表（2026年11月）');
    expect(ws.getCell(3, 4).value).toBe('处理方式'); // the group heading over the handling columns
    const totalRow = ws.getRow(5 + report.rows.length);
    expect(totalRow.getCell(1).value).toBe('合计');
    REQUEST_STATS_COLUMNS.forEach((col, i) => {
      const value = report.total[col.field];
      expect(totalRow.getCell(i + 2).value, col.label).toBe(value === null ? '—' : value);
    });
    const csv = requestReportCsv(report).split('\r\n');
    expect(csv[0]).toMatch(/^\uFEFF业务类型代码,业务类型,登记（件）,来访人次（人次）/);
    expect(csv[report.rows.length + 1]).toBe('total,合计,8,11,1,2,1,2,1,1,2,1,1,2,2,33.3,2,3,1,1,1,66.7,1');
  });
});
