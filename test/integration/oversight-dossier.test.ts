/**
 * On a real data directory: the whole 卷宗 as one PDF (cover, 卷内目录 with the page each document starts
 * on, then the documents), checked with pdftotext page by page; and the `stats` / `reminders` /
 * `case duplicates` / `doc dossier` commands end to end.
 */

import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../../electron/cli/main';
import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import { diskDesk, sampleCaseInput, tempDataDir, TEST_PASSWORD } from '../support/desk';

const pageText = (file: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

describe('dossier PDF', () => {
  let desk: Desk;
  let dir: string;
  let caseId: string;

  beforeAll(async () => {
    dir = await tempDataDir('ovdossier-');
    desk = await diskDesk({ dataDir: dir });
    const c = await call(desk, 'cases.add', sampleCaseInput());
    caseId = c.id;
    await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
    for (const date of ['2026-11-04', '2026-11-05']) {
      await call(desk, 'cases.act', {
        id: c.id,
        action: 'record-session',
        details: { date, content: `${date}调解：双方陈述事实，调解员释法明理。` },
      });
    }
    await call(desk, 'cases.act', {
      id: c.id,
      action: 'agree',
      details: { date: '2026-11-06', terms: ['被申请人于2026年11月30日前清除杂物。'] },
    });
    await call(desk, 'cases.act', { id: c.id, action: 'sign', details: { date: '2026-11-07' } });
  }, 60_000);

  afterAll(async () => desk?.close());

  it('cover, table of contents with start pages, then every document', async () => {
    // The output guard refuses files inside the data directory: the 卷宗 goes to a folder of its own.
    const out = path.join(await tempDataDir('ovdossier-out-'), 'dossier.pdf');
    const result = await call(desk, 'dossier.pdf', { id: caseId, out });
    expect('path' in result ? result.path : undefined).toBe(out);
    const titles = result.contents.map((i) => i.title);
    expect(titles).toEqual([
      '人民调解申请书',
      '人民调解当事人权利义务告知书',
      '当事人身份证明',
      '人民调解记录（第1次）',
      '人民调解记录（第2次）',
      '人民调解协议书',
      '封底',
    ]);
    expect(pageText(out, 1)).toContain('人民调解卷宗');
    expect(pageText(out, 1)).toContain('（2026）东城调字第1号');
    const contentsPage = [1, 2].find((p) => pageText(out, p).includes('卷内目录'))!;
    expect(contentsPage).toBeDefined();
    let previous = contentsPage;
    for (const item of result.contents.filter((i) => i.page)) {
      const page = Number(item.page);
      expect(page).toBeGreaterThan(previous);
      previous = page;
      const text = pageText(out, page);
      const heading = item.title.replace(/（第\d次）$/, '');
      expect(text, `${item.title} on page ${page}`).toContain(heading);
    }
    expect(result.pages).toBeGreaterThanOrEqual(previous);
    const second = pageText(out, Number(result.contents[4].page));
    expect(second).toContain('2026-11-05调解'.replace(/\s+/g, ''));
    expect(desk.getCase(caseId).events.at(-1)).toMatchObject({ type: 'dossier-printed' });
  }, 120_000);
});

describe('oversight commands', () => {
  let dir: string;
  const run = async (...args: string[]) => {
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
    const errWrite = process.stderr.write.bind(process.stderr);
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      const code = await runCli(['--data', dir, '--operator', '王调解', ...args]);
      return { code, out: chunks.join('') };
    } finally {
      process.stdout.write = write;
      process.stderr.write = errWrite;
    }
  };

  afterAll(() => {
    delete process.env.MEDIATION_DESK_PASSWORD;
  });

  beforeAll(async () => {
    // as a script signs in: the password from the environment, never on the command line
    process.env.MEDIATION_DESK_PASSWORD = TEST_PASSWORD;
    dir = await tempDataDir('ovcli-');
    const desk = await diskDesk({ dataDir: dir });
    const a = await call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2026-11-02' }));
    await call(desk, 'cases.add', sampleCaseInput({ receivedAt: '2026-11-03', disputeType: '合同' }));
    await call(desk, 'cases.act', { id: a.id, action: 'accept', details: { date: '2026-11-02' } });
    await call(desk, 'cases.act', { id: a.id, action: 'agree', details: { date: '2026-11-04', form: '口头', terms: ['互不追究。'] } });
    await desk.close();
  }, 60_000);

  it('stats as JSON, CSV and XLSX agree', async () => {
    const json = await run('stats', '--month', '2026-11', '--format', 'json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(Object.keys(report)).toEqual(['from', 'to', 'rows', 'total']);
    expect(report.total).toMatchObject({
      key: 'total',
      received: 2,
      resolved: 1,
      oral: 1,
      inProgress: 1,
      successRate: 1,
      amountFen: 2460010,
      people: 4,
    });
    const work = await tempDataDir('ovcli-out-');
    const csvFile = path.join(work, 'r.csv');
    expect((await run('stats', '--month', '2026-11', '--format', 'csv', '--out', csvFile)).code).toBe(0);
    const csv = await readFile(csvFile, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('neighbour,邻里,1,1,0,0,0,100.0,12300.05,2,0,1,0,0,0');
    const xlsxFile = path.join(work, 'r.xlsx');
    expect((await run('stats', '--month', '2026-11', '--format', 'xlsx', '--money', 'wan', '--out', xlsxFile)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxFile);
    const ws = wb.worksheets[0];
    expect((ws.getRow(5 + 16).values as unknown[]).slice(1, 9)).toEqual(['合计', 2, 1, 0, 0, 1, 1, 2.46]);
    expect((await run('stats', '--month', '2026-11', '--by', 'color')).code).toBe(2);
  }, 60_000);

  it('reminders, duplicates and the close check from the command line', async () => {
    const reminders = await run('reminders', '--json');
    expect(reminders.code).toBe(0);
    expect(JSON.parse(reminders.out)).toMatchObject({ clock: { ok: true } });
    const dup = await run('case', 'duplicates', '（2026）东城调字第2号', '--json');
    const parsed = JSON.parse(dup.out);
    expect(parsed.parties[0].matches[0]).toMatchObject({
      caseNumber: '（2026）东城调字第1号',
      reasons: ['id-number', 'name-phone', 'name-address'],
    });
    const closeFile = path.join(dir, 'close.json');
    await writeFile(closeFile, '{}');
    expect((await run('case', 'act', '（2026）东城调字第1号', 'close', '--json', closeFile)).code).toBe(3);
    await writeFile(closeFile, '{"acknowledgeIncomplete": true}');
    expect((await run('case', 'act', '（2026）东城调字第1号', 'close', '--json', closeFile)).code).toBe(0);
  }, 60_000);
});
