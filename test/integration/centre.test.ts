/**
 * The centre supervises its stations, on two real data directories: the overview (last batch, counts,
 * silent stations, the month's 零上报), 退回补正 carried by the next receipt (on import and on demand),
 * the station's queue until a corrected revision is exported, and the return closing when it arrives.
 * A correction of every kind reaches the centre as a new revision with a valid log.
 */

import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { verifyLog } from '../../electron/core/cases/events';
import { IDS, sampleCaseInput, TEST_SETTINGS } from '../support/desk';
import { pdfInfoField, pdfPageTexts, squash } from '../support/paper';
import { rejection } from '../support/rejection';
import { CENTRE_SETTINGS, type Offices, setupOffices } from './batches-support';

describe('the centre supervises its stations', () => {
  let o: Offices;
  let seq = 0;
  const file = (name: string) => path.join(o.work, `${name}-${++seq}`);
  beforeEach(async () => {
    o = await setupOffices();
  });
  afterEach(async () => {
    await o.station.close();
    await o.centre.close();
  });

  /** Station exports what is pending, the centre imports it, the station applies the receipt. */
  async function roundTrip() {
    const batch = await call(o.station, 'batches.export', { out: file('batch.zip') });
    const receipt = file('receipt.json');
    const imported = await call(o.centre, 'batches.import', { file: batch.file, receiptOut: receipt });
    const applied = await call(o.station, 'batches.applyReceipt', { file: receipt });
    return { batch, imported, applied };
  }

  it('prints a station’s 卷宗 at the centre in the station’s name: cover and documents, nothing of the centre’s', async () => {
    const c = await call(o.station, 'cases.add', sampleCaseInput());
    await call(o.station, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
    await call(o.station, 'cases.act', { id: c.id, action: 'record-session', details: { date: '2026-11-04', content: '双方陈述事实。' } });
    await call(o.station, 'cases.act', {
      id: c.id,
      action: 'agree',
      details: { date: '2026-11-06', terms: ['被申请人于2026年11月30日前清除杂物。'] },
    });
    await call(o.station, 'cases.act', { id: c.id, action: 'sign', details: { date: '2026-11-07' } });
    await roundTrip();

    const out = file('dossier.pdf');
    const printed = await call(o.centre, 'dossier.pdf', { id: c.id, out });
    expect(printed.contents.map((i) => i.title)).toContain('人民调解协议书');
    const pages = pdfPageTexts(out).map(squash);
    expect(pages[0]).toContain('东城街道人民调解委员会');
    expect(pages[0]).toContain('人民调解卷宗');
    // the agreement, the last document, signed by the station's committee
    const agreement = pages.slice(Number(printed.contents.find((i) => i.title === '人民调解协议书')!.page) - 1).join('');
    expect(agreement).toContain('东城街道人民调解委员会（人民调解委员会印）');
    // neither the centre's name nor its signed-in operator (立卷人, 登记人 are the station's people)
    for (const page of pages) {
      expect(page).not.toContain(CENTRE_SETTINGS.name);
      expect(page).not.toContain(CENTRE_SETTINGS.shortName);
      expect(page).not.toContain(CENTRE_SETTINGS.operator);
    }
    // The 受理登记表 names the station's registrar, from the log the centre verified on import; the file's
    // Author is the centre, which made it.
    const registration = file('registration.pdf');
    await call(o.centre, 'documents.render', { caseId: c.id, template: 'registration', format: 'pdf', out: registration });
    expect(squash(pdfPageTexts(registration).join(''))).toContain(`登记人：${TEST_SETTINGS.operator}`);
    expect(pdfInfoField(registration, 'Author')).toBe(CENTRE_SETTINGS.name);
  });

  it('returns a case for correction; the station corrects it; the next batch closes the return', async () => {
    const c = await call(o.station, 'cases.add', sampleCaseInput());
    await call(o.station, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
    await call(o.station, 'cases.add', sampleCaseInput({ summary: '另一件纠纷' }));
    const first = await roundTrip();
    expect(first.imported.new).toBe(2);

    // the overview after one batch
    const overview = await call(o.centre, 'centre.overview', {});
    expect(overview.stations).toHaveLength(1);
    expect(overview.stations[0]).toMatchObject({
      code: '510702-001',
      name: '东城街道人民调解委员会',
      trusted: true,
      month: { batches: 1, cases: 2 },
      year: { batches: 1, cases: 2 },
      daysSilent: 0,
      silent: false,
      monthStatus: 'reported',
      lastBatch: { sequence: 1, caseCount: 2 },
    });
    expect(overview.recentBatches).toHaveLength(1);

    // 退回补正 at the centre: only imported cases, once at a time, with a reason
    const returned = await call(o.centre, 'centre.return', { id: c.number, reason: '被申请人身份证号码有误，请核对' });
    expect(returned).toMatchObject({ status: 'open', revision: 2, stationCode: '510702-001' });
    expect((await rejection(call(o.centre, 'centre.return', { id: c.id, reason: '再退一次' }))).message).toContain('已于');
    expect((await rejection(call(o.station, 'centre.return', { id: c.id, reason: 'x' }))).code).toBe('NOT_ALLOWED');
    expect((await call(o.centre, 'centre.overview', {})).totals.openReturns).toBe(1);

    // the receipt issued on demand carries it; the station shows it in its queue
    const issued = await call(o.centre, 'centre.issueReceipt', { station: '510702-001', out: file('issued.json') });
    expect(issued).toMatchObject({ cases: 2, returned: 1, received: 1 });
    const applied = await call(o.station, 'batches.applyReceipt', { file: issued.file });
    expect(applied.returnedCases).toEqual([{ id: c.id, number: c.number, reason: '被申请人身份证号码有误，请核对' }]);
    const queue = await call(o.station, 'batches.returned', {});
    expect(queue.items.map((x) => [x.number, x.reason])).toEqual([[c.number, '被申请人身份证号码有误，请核对']]);
    // applying the receipt is not a correction: nothing is pending, the case stays in the queue
    expect((await call(o.station, 'batches.preview', {})).count).toBe(0);

    // the station corrects the party; the corrected revision goes out in the next batch
    const current = o.station.getCase(c.id);
    const parties = current.parties.map((p, i) => (i === 1 ? { ...p, idNumber: IDS.wangWu, gender: undefined, birthDate: undefined } : p));
    await call(o.station, 'cases.edit', { id: c.id, changes: { parties: parties as never } });
    expect((await call(o.station, 'batches.returned', {})).total).toBe(1);
    const second = await roundTrip();
    expect(second.imported).toMatchObject({ updated: 1, returnsClosed: [{ id: c.id, number: c.number }], returnsOpen: 0 });
    expect((await call(o.station, 'batches.returned', {})).total).toBe(0);
    const atCentre = o.centre.getCase(c.id);
    expect(atCentre.parties[1]).toMatchObject({ idNumber: IDS.wangWu });
    expect(verifyLog(atCentre.events).ok).toBe(true);
    expect(await call(o.centre, 'centre.returns', { status: 'open' })).toEqual([]);
    const closed = await call(o.centre, 'centre.returns', {});
    expect(closed[0]).toMatchObject({ status: 'closed', statusLabel: '已补正', closed: { revision: atCentre.revision } });
    expect(o.station.getCase(c.id).centreMark).toMatchObject({ mark: 'received', revision: atCentre.revision });
  });

  it('carries an open return in the receipt of the next import, also when the case was not in that batch', async () => {
    const a = await call(o.station, 'cases.add', sampleCaseInput());
    await roundTrip();
    await call(o.centre, 'centre.return', { id: a.id, reason: '案由填写不规范' });
    // a batch of other cases: the receipt still says the first one is returned
    await call(o.station, 'cases.add', sampleCaseInput({ summary: '新的纠纷' }));
    const next = await roundTrip();
    expect(next.imported.returnsOpen).toBe(1);
    expect(next.applied).toMatchObject({ received: 1, returned: 1 });
    expect(o.station.getCase(a.id).centreMark).toMatchObject({ mark: 'returned', reason: '案由填写不规范' });
    // an export of everything without a correction does not close it
    const all = await call(o.station, 'batches.export', { out: file('all.zip'), selection: 'all' });
    const again = await call(o.centre, 'batches.import', { file: all.file });
    expect(again.returnsClosed).toEqual([]);
    expect(again.returnsOpen).toBe(1);
  });

  it('every correction reaches the centre as a new revision with a valid log', async () => {
    const c = await call(o.station, 'cases.add', sampleCaseInput());
    const act = (action: string, details: unknown) => call(o.station, 'cases.act', { id: c.id, action: action as never, details });
    await act('accept', { date: '2026-11-03' });
    await act('record-session', { date: '2026-11-04', content: '调解经过。', recorder: '王调解王调解' });
    await act('agree', { date: '2026-11-05', terms: ['被申请人赔偿一千元。'] });
    await roundTrip();
    await act('amend-agreement', { terms: ['被申请人赔偿一千二百元。'], reason: '金额写错' });
    await act('edit-session', { session: 1, recorder: '王调解', reason: '记录人重复' });
    await act('sign', { date: '2026-11-06' });
    await act('supplement', { date: '2026-11-20', terms: ['履行期限延长至12月31日。'], performanceDeadline: '2026-12-31' });
    await act('sign-supplement', { date: '2026-11-21' });
    const withDocuments = await call(o.station, 'batches.export', { out: file('docs.zip'), withDocuments: true });
    expect(withDocuments.documents).toBe(3);
    const imported = await call(o.centre, 'batches.import', { file: withDocuments.file });
    expect(imported.updated).toBe(1);
    const atCentre = o.centre.getCase(c.id);
    expect(atCentre.revision).toBe(o.station.getCase(c.id).revision);
    expect(atCentre.agreement?.terms).toEqual(['被申请人赔偿一千二百元。']);
    expect(atCentre.sessions[0].recorder).toBe('王调解');
    expect(atCentre.supplements?.[0].effectiveDate).toBe('2026-11-21');
    expect(verifyLog(atCentre.events).ok).toBe(true);
    expect(atCentre.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['amend-agreement', 'edit-session', 'supplement', 'sign-supplement']),
    );
  });

  it('a station with nothing new sends a 零上报; the overview tells reported, zero and silent stations apart', async () => {
    expect((await rejection(call(o.station, 'batches.export', { out: file('none.zip') }))).message).toContain('零上报');
    const zero = await call(o.station, 'batches.export', { out: file('zero.zip'), zeroReport: true });
    expect(zero).toMatchObject({ cases: 0, period: { from: '2026-11-01', to: '2026-11-23' } });
    const imported = await call(o.centre, 'batches.import', { file: zero.file });
    expect(imported).toMatchObject({ new: 0, alreadyImported: false });
    let overview = await call(o.centre, 'centre.overview', {});
    expect(overview.stations[0]).toMatchObject({ monthStatus: 'zero', month: { batches: 1, cases: 0 } });

    await call(o.station, 'cases.add', sampleCaseInput());
    expect((await rejection(call(o.station, 'batches.export', { out: file('z.zip'), zeroReport: true }))).message).toContain('不能零上报');

    // 40 days later, with a lower limit set: the station is silent
    o.centre.clock.now = () => new Date('2027-01-02T12:00:00+08:00');
    await call(o.centre, 'settings.update', { silentStationDays: 30 });
    overview = await call(o.centre, 'centre.overview', {});
    expect(overview.stations[0]).toMatchObject({
      silent: true,
      daysSilent: 40,
      monthStatus: 'none',
      month: { batches: 0 },
      year: { batches: 0 },
    });
    expect(overview.totals).toMatchObject({ silent: 1, none: 1 });
  });

  it('shows station names in the centre lists and statistics, and filters by station', async () => {
    await call(o.station, 'cases.add', sampleCaseInput());
    await roundTrip();
    const list = await call(o.centre, 'cases.list', { station: '510702-001' });
    expect(list.items[0]).toMatchObject({ station: '510702-001', stationName: '东城街道人民调解委员会' });
    expect((await call(o.centre, 'cases.list', { station: '510702-999' })).total).toBe(0);
    expect(await call(o.centre, 'centre.stationNames', {})).toEqual([{ code: '510702-001', name: '东城街道人民调解委员会' }]);
    const stats = await call(o.centre, 'stats.report', { month: '2026-11', by: 'station' });
    expect(stats.rows.map((r) => r.label)).toEqual(['东城街道人民调解委员会（510702-001）']);
    const register = await call(o.centre, 'register.export', { station: '510702-001', format: 'xlsx' });
    expect(register.rows).toBe(1);
  });
});
