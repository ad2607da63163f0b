/**
 * A centre on PostgreSQL (a real server: the throw-away cluster of test/support/postgres-setup.ts):
 * set-up and migrations, trust, import (new, again, newer, older, rejected), receipts applied at the
 * station, the register's reads (show, list, search, statistics, reminders, duplicates, documents),
 * and what is refused: backups of the data directory, passwords in the settings.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { call } from '../../../electron/core/api';
import { PENDING_GIN_INDEXES } from '../../../electron/core/database/cases';
import { diskDesk, fixedClock } from '../../support/desk';
import { createDatabase, sqlRows } from '../../support/postgres';
import { describeWithPostgres } from '../../support/postgres-tests';
import { rejection } from '../../support/rejection';
import { addMixedCases, CENTRE_SETTINGS, craftBatch, type Offices, setupOffices, writeTo } from '../batches-support';

const sql = sqlRows;

describeWithPostgres('a centre on PostgreSQL', ({ adminUrl, port, password }) => {
  let url: string;
  let o: Offices;
  let cases: Awaited<ReturnType<typeof addMixedCases>>;

  beforeAll(async () => {
    url = await createDatabase(adminUrl);
    o = await setupOffices({ database: url });
    cases = await addMixedCases(o.station);
  });
  afterAll(async () => {
    await o.station.close();
    await o.centre.close();
  });

  it('migrates the empty database on set-up and keeps the shared records there, not in the data directory', async () => {
    expect(o.centre.database?.description).toMatch(/^desk_admin@127\.0\.0\.1:\d+\/desk_/);
    const versions = await sql<{ version: number }>(url, 'SELECT version FROM desk_schema ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // the centre's keys and the trusted station are in the database; the data directory holds this PC's settings
    expect((await sql(url, "SELECT name FROM documents WHERE name = 'keys'")).length).toBe(1);
    expect((await sql<{ station_code: string }>(url, 'SELECT station_code FROM stations')).map((s) => s.station_code)).toEqual([
      '510702-001',
    ]);
    expect(o.centre.store.getDoc('keys')).toBeUndefined();
    expect(o.centre.store.getDoc('stations')).toBeUndefined();
    expect((await call(o.centre, 'centre.stations', {})).stations).toMatchObject([
      { stationCode: '510702-001', name: '东城街道人民调解委员会' },
    ]);
    // the statement timeout applies to every connection
    const timeout = await o.centre.database!.read('test', async (db) => (await db.query('SHOW statement_timeout')).rows[0]);
    expect(timeout).toEqual({ statement_timeout: '2min' });
  });

  it('imports a batch in one transaction, again as unchanged, and issues a receipt the station applies', async () => {
    const exported = await call(o.station, 'batches.export', { out: path.join(o.work, 'out') });
    const receiptFile = path.join(o.work, 'receipt.json');
    const imported = await call(o.centre, 'batches.import', { file: exported.file, receiptOut: receiptFile, perCase: true });
    expect(imported).toMatchObject({ new: 4, updated: 0, unchanged: 0, skipped: [], rejected: [], alreadyImported: false });
    expect(imported.cases?.map((c) => c.result)).toEqual(['new', 'new', 'new', 'new']);

    for (const original of cases) {
      const { origin, ...rest } = await o.centre.findCase(original.id);
      expect(rest).toEqual(original);
      expect(origin).toMatchObject({ stationCode: '510702-001', batchId: exported.batchId });
      expect((await call(o.centre, 'cases.verifyLog', { id: original.number })).ok).toBe(true);
    }
    const ledger = await sql<{ batch_id: string; sequence: number; receipt_id: string; receipt: { receipt: { cases: unknown[] } } }>(
      url,
      'SELECT batch_id, sequence, receipt_id, receipt FROM batches',
    );
    expect(ledger).toMatchObject([{ batch_id: exported.batchId, sequence: 1, receipt_id: imported.receipt.receiptId }]);
    expect(ledger[0].receipt.receipt.cases).toHaveLength(4);
    // the duplicate check's keys are hashes: no ID number in clear in the parties table
    const parties = await sql<{ keys: Buffer[] }>(url, 'SELECT keys FROM parties');
    expect(parties.length).toBe(cases.reduce((n, c) => n + c.parties.length, 0));
    expect(JSON.stringify(parties)).not.toContain(cases[0].parties[0].kind === 'person' ? cases[0].parties[0].idNumber : 'x');

    // migrations 5 and 8: the search indexes and the party keys take a batch into their pending lists, and the import merged them before committing
    await sql(url, 'CREATE EXTENSION IF NOT EXISTS pageinspect');
    const pending = await sql<{ index: string; n: number }>(
      url,
      `SELECT i AS index, (gin_metapage_info(get_raw_page(i, 0))).n_pending_tuples::int AS n
       FROM unnest($1::text[]) AS i`,
      [[...PENDING_GIN_INDEXES]],
    );
    expect(pending).toEqual(
      ['case_search_haystack', 'case_search_pinyin', 'case_search_bigrams', 'parties_keys'].map((index) => ({ index, n: 0 })),
    );

    const again = await call(o.centre, 'batches.import', { file: exported.file });
    expect(again).toMatchObject({ new: 0, unchanged: 4, alreadyImported: true });
    expect((await sql(url, 'SELECT 1 FROM batches')).length).toBe(1);
    const log = await call(o.centre, 'batches.log', {});
    expect(log).toMatchObject({ role: 'centre', imports: [{ batchId: exported.batchId, new: 4, receiptId: imported.receipt.receiptId }] });

    expect(await call(o.station, 'batches.applyReceipt', { file: receiptFile })).toMatchObject({ received: 4, returned: 0 });
  });

  it('takes a newer revision, skips an older one, rejects a bad case and returns it in the receipt', async () => {
    await call(o.station, 'cases.edit', { id: cases[2].id, changes: { claims: '请求修缮墙体。' } });
    const newer = await call(o.station, 'batches.export', { out: path.join(o.work, 'out') });
    expect(await call(o.centre, 'batches.import', { file: newer.file })).toMatchObject({ updated: 1, new: 0 });
    expect((await o.centre.findCase(cases[2].id)).claims).toBe('请求修缮墙体。');

    const older = await writeTo(o.work, 'older.zip', await craftBatch(o.station, { cases: [cases[2]] }));
    const skipped = await call(o.centre, 'batches.import', { file: older });
    expect(skipped.skipped).toEqual([
      expect.objectContaining({ id: cases[2].id, revision: cases[2].revision, centreRevision: o.station.getCase(cases[2].id).revision }),
    ]);

    const broken = { ...cases[0], id: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f', summary: '' };
    const receipt = path.join(o.work, 'r2.json');
    const file = await writeTo(o.work, 'broken.zip', await craftBatch(o.station, { cases: [broken] }));
    const imported = await call(o.centre, 'batches.import', { file, receiptOut: receipt });
    expect(imported).toMatchObject({ new: 0, rejected: [{ id: broken.id }] });
    expect(imported.rejected[0].reason).toContain('summary');
    await expect(o.centre.findCase(broken.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers the register, statistics, reminders, the duplicate check and documents from the database', async () => {
    const listed = await call(o.centre, 'cases.list', { station: '510702-001' });
    expect(listed.total).toBe(4);
    // newest first, as the station's own register lists the same cases
    expect(listed.items.map((i) => i.number)).toEqual((await call(o.station, 'cases.list', {})).items.map((i) => i.number));
    expect((await call(o.centre, 'cases.list', { q: '李四' })).total).toBeGreaterThan(0);
    expect((await call(o.centre, 'cases.list', { q: 'ls' })).items.every((i) => i.parties.some((p) => p.name === '李四'))).toBe(true);
    expect((await call(o.centre, 'cases.list', { q: '𠮷田' })).items.map((i) => i.id)).toEqual([cases[0].id]);
    expect((await call(o.centre, 'cases.list', { q: '物业' })).items.map((i) => i.id)).toEqual([cases[1].id]);
    expect((await call(o.centre, 'cases.list', { q: '100%_\\' })).total).toBe(0);

    const report = await call(o.centre, 'stats.report', { year: 2026, by: 'station' });
    expect(report.rows).toMatchObject([{ key: '510702-001', label: '东城街道人民调解委员会（510702-001）', received: 3 }]);
    expect(report.total.received).toBe(3);
    const oneStation = await call(o.centre, 'stats.report', { year: 2026, station: '510702-001' });
    expect(oneStation.total).toEqual(report.total);
    expect((await call(o.centre, 'stats.report', { year: 2026, station: '999' })).total.received).toBe(0);
    expect((await call(o.centre, 'stats.series', { year: 2026 })).months).toHaveLength(12);

    const reminders = await call(o.centre, 'reminders.list', {});
    expect(reminders).toMatchObject({ total: 0, reminders: [], clock: { ok: true } });

    const duplicates = await call(o.centre, 'duplicates.check', { parties: [{ name: '李四', idNumber: '510702198503150017' }] });
    expect(duplicates.parties[0].matches.map((m) => m.caseId).sort()).toEqual(
      cases
        .filter((c) => c.parties.some((p) => p.name === '李四'))
        .map((c) => c.id)
        .sort(),
    );
    expect(duplicates.parties[0].matches[0].party.idNumberMasked).not.toContain('198503');
    const forCase = await call(o.centre, 'duplicates.forCase', { id: cases[2].id });
    expect(forCase.parties[0].matches.length).toBeGreaterThan(0);
    const [a, b] = [forCase.parties[0], forCase.parties[0].matches[0]];
    expect(
      await call(o.centre, 'duplicates.link', {
        a: { caseId: cases[2].id, partyId: a.partyId },
        b: { caseId: b.caseId, partyId: b.party.id },
      }),
    ).toEqual({
      linked: true,
      pairs: 1,
    });
    expect((await call(o.centre, 'duplicates.links', {})).pairs).toMatchObject([{ a: { caseNumber: cases[2].number } }]);
    expect((await call(o.centre, 'duplicates.forCase', { id: cases[2].id })).parties[0].matches[0].linked).toBe(true);

    expect((await call(o.centre, 'dossier.check', { id: cases[0].id })).caseNumber).toBe(cases[0].number);
    const pdf = await call(o.centre, 'documents.render', { caseId: cases[0].number, template: 'agreement', format: 'pdf' });
    expect('base64' in pdf && Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect((await rejection(call(o.centre, 'cases.act', { id: cases[2].id, action: 'accept', details: {} }))).code).toBe('NOT_ALLOWED');
  });

  it('refuses what a database centre does elsewhere: file backups, a password in the settings, a station with a database', async () => {
    expect((await rejection(call(o.centre, 'backups.create', {}))).message).toContain('pg_dump');
    const withPassword = await rejection(call(o.centre, 'settings.update', { database: 'postgresql://desk:secret@127.0.0.1/mediation' }));
    expect(withPassword).toMatchObject({ code: 'VALIDATION', field: 'database' });
    expect(withPassword.message).not.toContain('secret');
    expect((await rejection(call(o.station, 'settings.update', { database: 'postgresql://desk@127.0.0.1/mediation' }))).message).toContain(
      '只有公共法律服务中心',
    );
    expect((await rejection(call(o.centre, 'settings.update', { database: 'mysql://desk@127.0.0.1/m' }))).field).toBe('database');
  });

  it('says in Chinese, without the password, when the database cannot be used, and changes nothing', async () => {
    const attempts = [
      `postgresql://desk_admin:wrong-${password}@127.0.0.1:${port}/postgres`,
      `postgresql://desk_admin:${password}@127.0.0.1:${port}/no_such_database`,
      `postgresql://desk_admin:${password}@127.0.0.1:1/postgres`,
    ];
    const expected = ['拒绝了登录', '数据库不存在', '无法连接数据库'];
    for (const [i, attempt] of attempts.entries()) {
      const centre = await diskDesk({
        clock: fixedClock('2026-11-23'),
        database: attempt,
        settings: { name: '测试', shortName: '测试', operator: '王调解' },
      });
      const error = await rejection(call(centre, 'settings.update', { role: 'centre' }));
      expect(error.code).toBe('STORE_UNAVAILABLE');
      expect(error.message).toContain(expected[i]);
      expect(error.message).not.toContain(password);
      expect(JSON.stringify(error.details)).not.toContain(password);
      expect(centre.settings().role).toBe('station');
      await centre.close();
    }
    expect(CENTRE_SETTINGS.role).toBe('centre');
    expect(await readFile(path.join(o.centre.dataDir, 'docs', 'settings.json'), 'utf8')).not.toContain(password);
  });

  it('imports a batch carrying front-desk requests with its cases in one transaction, and shows them read only', async () => {
    const added = await call(o.station, 'requests.add', {
      receivedAt: '2026-11-20 09:10',
      visitor: { name: '张三', phone: '138-0013-8000', idNumber: '11010519491231002X' },
      matter: '咨询赡养费的标准',
      answer: '告知可协商确定，协商不成可起诉',
      close: true,
    });
    await call(o.station, 'cases.edit', { id: cases[2].id, changes: { claims: '请求修缮墙体和院坝。' } });
    const exported = await call(o.station, 'batches.export', { out: path.join(o.work, 'with-requests') });
    expect(exported).toMatchObject({ requests: 1, formatVersion: 2 });
    const receiptOut = path.join(o.work, 'r-requests.json');

    const imported = await call(o.centre, 'batches.import', { file: exported.file, receiptOut });
    expect(imported).toMatchObject({ updated: 1, requests: { new: 1, updated: 0, unchanged: 0, rejected: [] } });
    const rows = await sql<{ id: string; station_code: string; received_key: string; haystack: string }>(
      url,
      'SELECT id, station_code, received_key, haystack FROM requests',
    );
    expect(rows).toEqual([
      {
        id: added.id,
        station_code: '510702-001',
        received_key: '202611200910',
        haystack: expect.stringContaining('13800138000') as string,
      },
    ]);
    expect(o.centre.store.recordCount('requests')).toBe(0); // in the database, not the data directory
    expect(await readFile(receiptOut, 'utf8')).toContain(added.number);
    // again: unchanged, nothing new in the ledger
    const batchesBefore = (await sql(url, 'SELECT 1 FROM batches')).length;
    const again = await call(o.centre, 'batches.import', { file: exported.file });
    expect(again).toMatchObject({ alreadyImported: true, requests: { new: 0, unchanged: 1 } });
    expect((await sql(url, 'SELECT 1 FROM batches')).length).toBe(batchesBefore);

    // 来访登记 at the centre: listed with the ID number masked, searched, opened read only
    const listed = await call(o.centre, 'requests.list', {});
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ number: added.number, station: '510702-001' });
    expect(listed.items[0].visitor.idNumberMasked).not.toContain('19491231');
    expect((await call(o.centre, 'requests.list', { q: '赡养' })).total).toBe(1);
    expect((await call(o.centre, 'requests.list', { q: '13800138000' })).total).toBe(1);
    expect((await call(o.centre, 'requests.list', { q: '抚养' })).total).toBe(0);
    const shown = await call(o.centre, 'requests.get', { id: added.number });
    expect(shown.request).toMatchObject({ id: added.id, origin: { stationCode: '510702-001' } });
    expect((await call(o.centre, 'requests.verifyLog', { id: added.id })).ok).toBe(true);
    const refused = await rejection(call(o.centre, 'requests.act', { id: added.id, action: 'close' }));
    expect(refused.code).toBe('NOT_ALLOWED');
    expect((await rejection(call(o.centre, 'requests.get', { id: 'no-such' }))).code).toBe('NOT_FOUND');
    // 统计 → 统一受理, by station
    const table = await call(o.centre, 'requests.stats', { year: 2026, by: 'station' });
    expect(table.rows).toMatchObject([{ key: '510702-001', received: 1, onTheSpot: 1, closed: 1 }]);
    // a receipt on demand carries the station's request too
    const issued = await call(o.centre, 'centre.issueReceipt', { station: '510702-001', out: path.join(o.work, 'on-demand.json') });
    expect(issued.requests).toBe(1);
  });
});
