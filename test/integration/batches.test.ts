/**
 * Station → centre → receipt → station, on two real data directories: export, verify, import (new,
 * again, newer, older), receipts, sealing, the CSV as Excel reads it, the shipped JSON Schema.
 */

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import Ajv2020 from 'ajv/dist/2020';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { SafeZip } from '../../electron/core/batches/zip';
import { DeskError } from '../../electron/core/errors';
import { diskDesk, fixedClock } from '../support/desk';
import { generateCases } from '../support/generate-cases';
import { addMixedCases, CENTRE_SETTINGS, craftBatch, type Offices, setupOffices, TRICKY_FACTS, writeTo } from './batches-support';

async function entry(file: string, name: string): Promise<Buffer> {
  const zip = await SafeZip.open(file);
  try {
    return (await zip.readBuffer(name, 1 << 30)).data;
  } finally {
    zip.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    return error as DeskError;
  }
  throw new Error('expected a rejection');
}

/** RFC 4180 as Excel reads a UTF-8 CSV: BOM required, quoted fields may hold commas, quotes, CR/LF. */
function readCsvLikeExcel(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

describe('batches: station → centre → receipt → station', () => {
  let o: Offices;
  beforeEach(async () => {
    o = await setupOffices();
  });
  afterEach(async () => {
    await o.station.close();
    await o.centre.close();
  });

  it('round-trips a mixed set of cases and marks them received at the station', async () => {
    const cases = await addMixedCases(o.station);
    const preview = await call(o.station, 'batches.preview', {});
    expect(preview.count).toBe(4);

    const exported = await call(o.station, 'batches.export', { out: path.join(o.work, 'out') });
    expect(exported).toMatchObject({ cases: 4, sealed: false, sequence: 1 });
    expect(exported.fileName).toBe('510702-001_20261015_20261120_001.zip');
    expect(preview).toMatchObject({ fileName: exported.fileName, documents: 3, centre: { name: CENTRE_SETTINGS.name } });
    expect(await readdir(path.join(o.work, 'out'))).toEqual([exported.fileName]);

    const verified = await call(o.centre, 'batches.verify', { file: exported.file });
    expect(verified).toMatchObject({ ok: true, cases: 4, sha256: exported.sha256, station: { code: '510702-001' } });

    const receiptFile = path.join(o.work, 'receipt.json');
    const imported = await call(o.centre, 'batches.import', { file: exported.file, receiptOut: receiptFile });
    expect(imported).toMatchObject({ new: 4, updated: 0, unchanged: 0, skipped: [], rejected: [], alreadyImported: false });

    for (const original of cases) {
      const atCentre = o.centre.getCase(original.id);
      const { origin, ...rest } = atCentre;
      expect(rest).toEqual(original);
      expect(origin).toMatchObject({ stationCode: '510702-001', stationName: '东城街道人民调解委员会', batchId: exported.batchId });
      expect((await call(o.centre, 'cases.verifyLog', { id: original.id })).ok).toBe(true);
    }
    expect(o.centre.getCase(cases[0].id).parties[0].name).toBe('𠮷田𡈽');
    expect(o.centre.getCase(cases[1].id).agreement?.form).toBe('oral');
    expect(o.centre.getCase(cases[1].id).parties[1]).toMatchObject({ kind: 'organization', representative: '赵六' });
    // searchable by station, and read-only at the centre
    expect((await call(o.centre, 'cases.list', { station: '510702-001' })).total).toBe(4);
    const act = await rejection(call(o.centre, 'cases.act', { id: cases[2].id, action: 'accept', details: {} }));
    expect(act.code).toBe('NOT_ALLOWED');

    const applied = await call(o.station, 'batches.applyReceipt', { file: receiptFile });
    expect(applied).toMatchObject({ received: 4, returned: 0, unknown: [] });
    const listed = await call(o.station, 'cases.list', {});
    expect(listed.items.every((item) => item.centreMark?.mark === 'received')).toBe(true);
    // applying the same receipt again changes nothing; a receipt does not make cases pending again
    expect(await call(o.station, 'batches.applyReceipt', { file: receiptFile })).toMatchObject({ received: 0, unchanged: 4 });
    expect((await call(o.station, 'batches.preview', {})).count).toBe(0);
    const log = await call(o.station, 'batches.log', {});
    expect(log).toMatchObject({
      role: 'station',
      pending: 0,
      exports: [{ batchId: exported.batchId, caseCount: 4 }],
      receipts: [{ batchId: exported.batchId, received: 4 }],
    });
  });

  it('imports idempotently: the same batch again, a newer one, then the older one again', async () => {
    const cases = await addMixedCases(o.station);
    const first = await call(o.station, 'batches.export', { out: path.join(o.work, 'out') });
    await call(o.centre, 'batches.import', { file: first.file });

    const again = await call(o.centre, 'batches.import', { file: first.file, perCase: true });
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 4, skipped: [], rejected: [], alreadyImported: true });
    expect(again.cases?.map((c) => c.result)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    const log = await call(o.centre, 'batches.log', {});
    expect(log.role === 'centre' && log.imports.length).toBe(1);

    await call(o.station, 'cases.edit', { id: cases[2].id, changes: { claims: '请求修缮墙体。' } });
    expect((await call(o.station, 'batches.preview', {})).count).toBe(1);
    const second = await call(o.station, 'batches.export', { out: path.join(o.work, 'out') });
    expect(second).toMatchObject({ cases: 1, sequence: 2 });
    expect(await call(o.centre, 'batches.import', { file: second.file })).toMatchObject({ new: 0, updated: 1, unchanged: 0 });
    expect(o.centre.getCase(cases[2].id).claims).toBe('请求修缮墙体。');

    const older = await call(o.centre, 'batches.import', { file: first.file, receiptOut: path.join(o.work, 'old-receipt.json') });
    expect(older).toMatchObject({ new: 0, updated: 0, unchanged: 3 });
    expect(older.skipped).toEqual([expect.objectContaining({ id: cases[2].id, revision: 1, centreRevision: 2 })]);
    expect(o.centre.getCase(cases[2].id).claims).toBe('请求修缮墙体。');

    // re-exporting is always allowed, e.g. everything again
    expect(await call(o.station, 'batches.export', { out: path.join(o.work, 'out'), selection: 'all' })).toMatchObject({
      cases: 4,
      sequence: 3,
    });
  });

  it('returns invalid cases to the station with the reason and applies the rest', async () => {
    const cases = await addMixedCases(o.station);
    const broken = { ...cases[2], summary: '' };
    const file = await writeTo(o.work, 'mixed.zip', await craftBatch(o.station, { cases: [cases[0], broken, cases[3]] }));
    const verify = await rejection(call(o.centre, 'batches.verify', { file }));
    expect(verify.code).toBe('BATCH_INVALID');
    expect(verify.message).toContain('案由不能为空');

    const receipt = path.join(o.work, 'r.json');
    const imported = await call(o.centre, 'batches.import', { file, receiptOut: receipt });
    expect(imported).toMatchObject({ new: 2, rejected: [{ id: cases[2].id, number: cases[2].number }] });
    expect(imported.rejected[0].reason).toContain('summary');
    expect(o.centre.store.getCase(cases[2].id)).toBeUndefined();

    const applied = await call(o.station, 'batches.applyReceipt', { file: receipt });
    expect(applied).toMatchObject({ received: 2, returned: 1, returnedCases: [{ id: cases[2].id }] });
    const returned = o.station.getCase(cases[2].id);
    expect(returned.centreMark).toMatchObject({ mark: 'returned', revision: cases[2].revision });
    expect(returned.centreMark?.reason).toContain('案由不能为空');
    expect(returned.events.at(-1)?.type).toBe('centre-receipt');
  });

  it('refuses a receipt that was altered, or that comes from an unknown centre', async () => {
    await addMixedCases(o.station);
    const exported = await call(o.station, 'batches.export', { out: o.work });
    const receipt = path.join(o.work, 'r.json');
    await call(o.centre, 'batches.import', { file: exported.file, receiptOut: receipt });
    const doc = JSON.parse(await readFile(receipt, 'utf8'));
    doc.receipt.cases[0].result = 'rejected';
    const altered = await writeTo(o.work, 'altered.json', JSON.stringify(doc));
    const error = await rejection(call(o.station, 'batches.applyReceipt', { file: altered }));
    expect(error.code).toBe('BATCH_INVALID');
    expect(error.message).toContain('回执签名校验失败');
    expect([...o.station.store.allCases()].every((c) => c.centreMark === undefined)).toBe(true);

    const stranger = await setupOffices({ trust: false });
    const unknown = await rejection(call(stranger.station, 'batches.applyReceipt', { file: receipt }));
    expect(unknown.message).toContain('尚未登记中心的公钥');
    await stranger.station.close();
    await stranger.centre.close();
  });

  it('imports even when the receipt cannot be written, and re-issues it on a second import', async () => {
    await addMixedCases(o.station);
    const exported = await call(o.station, 'batches.export', { out: o.work });
    const first = await call(o.centre, 'batches.import', {
      file: exported.file,
      receiptOut: path.join(o.work, 'no-such-folder', 'r.json'),
    });
    expect(first).toMatchObject({ new: 4, receipt: { error: expect.stringContaining('案件已导入') } });
    expect(first.receipt.file).toBeUndefined();
    const second = await call(o.centre, 'batches.import', { file: exported.file, receiptOut: path.join(o.work, 'r.json') });
    expect(second).toMatchObject({ new: 0, unchanged: 4, alreadyImported: true, receipt: { file: path.join(o.work, 'r.json') } });
    expect(await call(o.station, 'batches.applyReceipt', { file: path.join(o.work, 'r.json') })).toMatchObject({ received: 4 });
  });

  it('seals a batch so that only the chosen centre can open it', async () => {
    await addMixedCases(o.station);
    const sealed = await call(o.station, 'batches.export', { out: path.join(o.work, 'sealed.zip'), selection: 'all', sealTo: o.centreKey });
    expect(sealed).toMatchObject({ sealed: true, cases: 4, file: path.join(o.work, 'sealed.zip') });

    // the outer manifest tells batches apart without personal data
    const outer = JSON.parse((await entry(sealed.file, 'manifest.json')).toString('utf8'));
    expect(outer).toMatchObject({ format: 'mediation-desk-sealed-batch', caseCount: 4, station: { code: '510702-001' } });
    const raw = await readFile(sealed.file);
    expect(raw.includes(Buffer.from('𠮷田'))).toBe(false);
    expect(raw.includes(Buffer.from('李四'))).toBe(false);

    expect(await call(o.centre, 'batches.verify', { file: sealed.file })).toMatchObject({ ok: true, sealed: true, cases: 4 });
    expect((await rejection(call(o.station, 'batches.verify', { file: sealed.file }))).message).toContain('只有收件中心能打开');
    expect(await call(o.centre, 'batches.import', { file: sealed.file })).toMatchObject({ new: 4, sealed: true });
    // the desktop screen seals to the centre key recorded at the station
    const recorded = await call(o.station, 'batches.export', { out: o.work, selection: 'all', sealToCentre: true });
    expect(recorded).toMatchObject({ sealed: true, recipientFingerprint: outer.seal.recipientFingerprint });

    // another centre (which trusts the station) cannot open it
    const otherCentre = await diskDesk({ settings: { ...CENTRE_SETTINGS, name: '别的中心' }, clock: fixedClock() });
    await call(otherCentre, 'centre.trust', { file: o.stationKey });
    const refused = await rejection(call(otherCentre, 'batches.import', { file: sealed.file }));
    expect(refused.code).toBe('BATCH_INVALID');
    expect(refused.message).toContain('另一个中心');
    expect(refused.message).toContain(outer.seal.recipientFingerprint);
    expect(otherCentre.store.caseCount()).toBe(0);
    await otherCentre.close();
  });

  it('writes a CSV that Excel reads back: BOM, Chinese headers, quoted commas, quotes and line breaks', async () => {
    const cases = await addMixedCases(o.station);
    const exported = await call(o.station, 'batches.export', { out: o.work, selection: 'all' });
    const rows = readCsvLikeExcel(await entry(exported.file, 'cases.csv'));
    const [header, ...body] = rows;
    expect(header.slice(0, 6)).toEqual(['案号', '登记日期', '案件来源', '纠纷类型', '案由', '状态']);
    expect(body).toHaveLength(4);
    expect(body.every((r) => r.length === header.length)).toBe(true);
    const col = (name: string) => header.indexOf(name);
    const tricky = body.find((r) => r[col('案件ID')] === cases[2].id)!;
    expect(tricky[col('纠纷简要情况')]).toBe(TRICKY_FACTS);
    const rare = body.find((r) => r[col('案件ID')] === cases[0].id)!;
    expect(rare[col('申请人')]).toContain('𠮷田𡈽');
    expect(rare[col('申请人')]).toContain('11010519491231002X');
    expect(rare[col('状态')]).toBe('调解成功');
    expect(rare[col('涉及金额（元）')]).toBe('12300.05');
    const organization = body.find((r) => r[col('案件ID')] === cases[1].id)!;
    expect(organization[col('协议形式')]).toBe('口头');
    expect(organization[col('被申请人')]).toMatch(/^达州某某物业有限公司（统一社会信用代码 91511702MA6BXXXX0.，总经理 赵六）$/);
  });

  it('ships cases.json valid against the shipped JSON Schema', async () => {
    await addMixedCases(o.station);
    const exported = await call(o.station, 'batches.export', { out: o.work, selection: 'all' });
    const schema = JSON.parse((await entry(exported.file, 'schema/case.schema.json')).toString('utf8'));
    const cases = JSON.parse((await entry(exported.file, 'cases.json')).toString('utf8'));
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    for (const c of cases) expect(validate(c), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...cases[0], status: 'lost' })).toBe(false);
  });

  it('carries the agreement and the judicial-confirmation application of agreed cases as PDFs', async () => {
    const cases = await addMixedCases(o.station);
    const exported = await call(o.station, 'batches.export', { out: o.work, selection: 'all', withDocuments: true });
    expect(exported.documents).toBe(3);
    const manifest = JSON.parse((await entry(exported.file, 'manifest.json')).toString('utf8'));
    const pdfs = manifest.files
      .map((f: { path: string }) => f.path)
      .filter((p: string) => p.startsWith('documents/'))
      .sort();
    const folder = (n: string) => n.replace(/[\\/:*?"<>|]/g, '_');
    expect(pdfs).toEqual(
      [
        `documents/${folder(cases[0].number)}/人民调解协议书.pdf`,
        `documents/${folder(cases[0].number)}/司法确认申请书.pdf`,
        `documents/${folder(cases[1].number)}/人民调解口头协议登记表.pdf`,
      ].sort(),
    );
    const pdf = await entry(exported.file, pdfs[0]);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await call(o.centre, 'batches.verify', { file: exported.file })).toMatchObject({ ok: true, files: 6 });
  });

  it('renders many PDFs in worker threads', async () => {
    const agreed = generateCases(8, { seed: 5, statuses: ['agreed'], to: '2026-10-31' });
    await o.station.commit({ cases: agreed });
    const progress: number[] = [];
    const exported = await call(
      o.station,
      'batches.export',
      { out: o.work, selection: 'all', withDocuments: true },
      { progress: (done) => progress.push(done) },
    );
    const expected = agreed.reduce((n, c) => n + (c.agreement?.form === 'written' ? 2 : 1), 0);
    expect(exported.documents).toBe(expected);
    expect(expected).toBeGreaterThanOrEqual(12);
    expect(progress.at(-1)).toBe(8 + expected);
    expect(await call(o.centre, 'batches.verify', { file: exported.file })).toMatchObject({ ok: true, files: 3 + expected });

    // cancelled while the workers render: nothing is left in the folder, the log is unchanged
    const controller = new AbortController();
    const out = path.join(o.work, 'cancelled-docs');
    const error = await rejection(
      call(
        o.station,
        'batches.export',
        { out, selection: 'all', withDocuments: true },
        { signal: controller.signal, progress: (done) => done > 10 && controller.abort() },
      ),
    );
    expect(error.code).toBe('CANCELLED');
    expect(await readdir(out)).toEqual([]);
    const log = await call(o.station, 'batches.log', {});
    expect(log.role === 'station' && log.exports.length).toBe(1);
  }, 120_000);

  it('cancels an export without leaving a file behind', async () => {
    await addMixedCases(o.station);
    const controller = new AbortController();
    const out = path.join(o.work, 'cancelled');
    const error = await rejection(
      call(o.station, 'batches.export', { out, selection: 'all' }, { signal: controller.signal, progress: () => controller.abort() }),
    );
    expect(error.code).toBe('CANCELLED');
    expect(await readdir(out)).toEqual([]);
    expect((await call(o.station, 'batches.log', {})).role === 'station' && (await call(o.station, 'batches.preview', {})).count).toBe(4);
  });

  it('shows keys with a fingerprint to read over the phone, and lists trusted stations', async () => {
    const shown = await call(o.station, 'keys.show', {});
    expect(shown.fingerprint).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    expect(shown.centre?.name).toBe(CENTRE_SETTINGS.name);
    const stations = await call(o.centre, 'centre.stations', {});
    expect(stations.stations).toEqual([expect.objectContaining({ fingerprint: shown.fingerprint, stationCode: '510702-001' })]);
    expect(await call(o.centre, 'centre.trust', { file: o.stationKey })).toMatchObject({ already: true });
  });
});
