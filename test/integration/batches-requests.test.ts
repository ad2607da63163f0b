/**
 * Front-desk requests in batches (format version 2), station → centre → receipt → station, on two real
 * data directories: requests carried beside cases with their CSV and JSON Schema; verified, imported
 * (new, again, newer), read-only and counted by station at the centre; marked from the receipt at the
 * station; a request with a broken log rejected on its own; a batch of cases alone still version 1.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import Ajv2020 from 'ajv/dist/2020';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { SafeZip } from '../../electron/core/batches/zip';
import type { Desk } from '../../electron/core/desk';
import type { Request } from '../../electron/core/schema/request';
import { IDS, sampleCaseInput } from '../support/desk';
import { craftBatch, type Offices, setupOffices, writeTo } from './batches-support';

async function entry(file: string, name: string): Promise<Buffer> {
  const zip = await SafeZip.open(file);
  try {
    return (await zip.readBuffer(name, 1 << 30)).data;
  } finally {
    zip.close();
  }
}

/** Three requests: a consultation closed on the spot, a routed legal-aid request, one made into a mediation case. */
async function addRequests(station: Desk): Promise<Request[]> {
  const quick = await call(station, 'requests.add', {
    receivedAt: '2026-11-20 09:10',
    visitor: { name: '张三', phone: '13800138000', idDeclined: true },
    matter: '咨询赡养费的标准',
    answer: '告知可协商确定，协商不成可起诉',
    close: true,
  });
  const aid = await call(station, 'requests.add', {
    receivedAt: '2026-11-20 10:00',
    businessType: '法律援助',
    handling: '转办',
    office: '法律援助中心',
    visitor: { name: '李四', idNumber: IDS.liSi, phone: '0818-2345678', groupSize: 3 },
    matter: '被拖欠工资三个月，申请法律援助',
    category: '劳动争议',
  });
  const mediation = await call(station, 'requests.add', {
    receivedAt: '2026-11-21 15:30',
    businessType: '人民调解',
    handling: '转人民调解',
    visitor: { name: '王五', idNumber: IDS.wangWu },
    matter: '邻居修建排水沟，雨水流入院坝',
    category: '邻里',
  });
  await call(station, 'requests.act', {
    id: mediation.id,
    action: 'to-mediation',
    details: { date: '2026-11-21', respondents: [{ name: '赵六' }] },
  });
  return [quick, aid, mediation].map((r) => station.store.getRecord<Request>('requests', r.id)!);
}

describe('batches with front-desk requests', () => {
  let o: Offices;
  beforeEach(async () => {
    o = await setupOffices();
  });
  afterEach(async () => {
    await o.station.close();
    await o.centre.close();
  });

  it('round-trips requests to the centre and the receipt back, as version 2 beside the linked case', async () => {
    const requests = await addRequests(o.station);
    const preview = await call(o.station, 'batches.preview', {});
    expect(preview).toMatchObject({ count: 1, requests: 3 });

    const exported = await call(o.station, 'batches.export', { out: o.work });
    expect(exported).toMatchObject({ cases: 1, requests: 3, formatVersion: 2 });
    const manifest = JSON.parse((await entry(exported.file, 'manifest.json')).toString('utf8'));
    expect(manifest).toMatchObject({ formatVersion: 2, caseCount: 1, requestCount: 3 });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['requests.json', 'requests.csv', 'schema/request.schema.json']),
    );
    // the shipped JSON Schema accepts every request in the batch
    const schema = JSON.parse((await entry(exported.file, 'schema/request.schema.json')).toString('utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const shipped = JSON.parse((await entry(exported.file, 'requests.json')).toString('utf8')) as unknown[];
    for (const r of shipped) expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    const csv = (await entry(exported.file, 'requests.csv')).toString('utf8');
    expect(csv.startsWith('\uFEFF登记编号,')).toBe(true);
    expect(csv).toContain('拒绝提供证件号码');

    const verified = await call(o.centre, 'batches.verify', { file: exported.file });
    expect(verified).toMatchObject({ ok: true, cases: 1, requests: 3, formatVersion: 2 });

    const receiptFile = path.join(o.work, 'receipt.json');
    const imported = await call(o.centre, 'batches.import', { file: exported.file, receiptOut: receiptFile });
    expect(imported).toMatchObject({ new: 1, requests: { new: 3, updated: 0, unchanged: 0, rejected: [] } });
    const atCentre = o.centre.store.getRecord<Request>('requests', requests[1].id)!;
    expect(atCentre.origin).toMatchObject({ stationCode: '510702-001', batchId: exported.batchId });
    const linked = o.centre.getCase(requests[2].mediationCase!.id);
    expect(linked.request).toEqual({ id: requests[2].id, number: requests[2].number });

    // read-only at the centre, listed by station, counted in the table by station
    await expect(
      call(o.centre, 'requests.act', { id: atCentre.id, action: 'feedback', details: { result: '已办结' } }),
    ).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
    });
    expect((await call(o.centre, 'requests.list', { station: '510702-001' })).total).toBe(3);
    const table = await call(o.centre, 'requests.stats', { month: '2026-11', by: 'station' });
    expect(table.rows).toEqual([
      expect.objectContaining({ key: '510702-001', received: 3, visitors: 5, routed: 1, toMediation: 1, closed: 1 }),
    ]);
    await expect(call(o.centre, 'requests.add', { visitor: { name: '钱七' }, matter: '咨询', answer: '已答复' })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
    });

    // again: nothing new; the receipt marks the station's requests received
    const again = await call(o.centre, 'batches.import', { file: exported.file });
    expect(again).toMatchObject({ alreadyImported: true, requests: { new: 0, unchanged: 3 } });
    const applied = await call(o.station, 'batches.applyReceipt', { file: receiptFile });
    expect(applied).toMatchObject({ received: 1, requestsReceived: 3, requestsReturned: [] });
    expect(o.station.store.getRecord<Request>('requests', requests[0].id)!.centreMark).toMatchObject({ mark: 'received' });
    // a receipt alone does not make a request pending again
    await expect(call(o.station, 'batches.export', { out: o.work })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // a request changed later is pending again, and replaces the centre's copy
    o.station.clock.now = () => new Date('2026-11-26T10:00:00+08:00');
    await call(o.station, 'requests.act', { id: requests[1].id, action: 'feedback', details: { result: '已指派律师承办' } });
    const second = await call(o.station, 'batches.export', { out: o.work });
    expect(second).toMatchObject({ cases: 0, requests: 1, formatVersion: 2 });
    const updated = await call(o.centre, 'batches.import', { file: second.file });
    expect(updated.requests).toMatchObject({ new: 0, updated: 1 });
    expect(o.centre.store.getRecord<Request>('requests', requests[1].id)!.feedback?.result).toBe('已指派律师承办');
  });

  it('writes a batch of cases alone as version 1, readable by a centre that does not know requests', async () => {
    await call(o.station, 'cases.add', sampleCaseInput());
    const exported = await call(o.station, 'batches.export', { out: o.work });
    expect(exported).toMatchObject({ cases: 1, requests: 0, formatVersion: 1 });
    const manifest = JSON.parse((await entry(exported.file, 'manifest.json')).toString('utf8'));
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.requestCount).toBeUndefined();
    expect(manifest.files.some((f: { path: string }) => f.path.startsWith('requests'))).toBe(false);
    expect(await call(o.centre, 'batches.import', { file: exported.file })).toMatchObject({ new: 1, requests: { new: 0 } });
  });

  it('seals requests for the centre like cases', async () => {
    await addRequests(o.station);
    const exported = await call(o.station, 'batches.export', { out: o.work, sealTo: o.centreKey });
    const outer = JSON.parse((await entry(exported.file, 'manifest.json')).toString('utf8'));
    expect(outer).toMatchObject({ format: 'mediation-desk-sealed-batch', formatVersion: 2, requestCount: 3, caseCount: 1 });
    expect(JSON.stringify(outer)).not.toContain('李四');
    expect(await call(o.centre, 'batches.import', { file: exported.file })).toMatchObject({ requests: { new: 3 } });
  });

  it('rejects a request whose log was altered, on its own, and the station marks it returned', async () => {
    const requests = await addRequests(o.station);
    const shipped = requests.map((r) => JSON.parse(JSON.stringify(r)) as Request);
    shipped[1].events[0].details = { ...shipped[1].events[0].details, number: '篡改' };
    const file = await writeTo(o.work, 'tampered.zip', await craftBatch(o.station, { cases: [], requests: shipped }));
    await expect(call(o.centre, 'batches.verify', { file })).rejects.toMatchObject({
      code: 'BATCH_INVALID',
      message: expect.stringContaining('1 件来访登记未通过校验'),
    });
    const receiptFile = path.join(o.work, 'tampered.receipt.json');
    const imported = await call(o.centre, 'batches.import', { file, receiptOut: receiptFile });
    expect(imported.requests.new).toBe(2);
    expect(imported.requests.rejected).toEqual([
      expect.objectContaining({ number: requests[1].number, reason: expect.stringContaining('哈希链') }),
    ]);
    expect(o.centre.store.getRecord('requests', requests[1].id)).toBeUndefined();
    const applied = await call(o.station, 'batches.applyReceipt', { file: receiptFile });
    expect(applied.requestsReturned).toEqual([expect.objectContaining({ id: requests[1].id })]);
    expect(o.station.store.getRecord<Request>('requests', requests[1].id)!.centreMark).toMatchObject({ mark: 'returned' });
  });

  it('refuses a version-2 batch without its requests, and a version-1 batch that carries some', async () => {
    await addRequests(o.station);
    const exported = await call(o.station, 'batches.export', { out: o.work });
    expect((await readFile(exported.file)).length).toBeGreaterThan(0);
    const noRequests = await writeTo(
      o.work,
      'v2-without-requests.zip',
      await craftBatch(o.station, { cases: [], manifest: (m) => ((m.formatVersion = 2), (m.requestCount = 0)) }),
    );
    await expect(call(o.centre, 'batches.verify', { file: noRequests })).rejects.toMatchObject({
      code: 'BATCH_INVALID',
      message: expect.stringContaining('requests.json'),
    });
    const v1WithRequests = await writeTo(
      o.work,
      'v1-with-requests.zip',
      await craftBatch(o.station, { cases: [], requests: [], manifest: (m) => ((m.formatVersion = 1), delete m.requestCount) }),
    );
    await expect(call(o.centre, 'batches.verify', { file: v1WithRequests })).rejects.toMatchObject({ code: 'BATCH_INVALID' });
  });
});
