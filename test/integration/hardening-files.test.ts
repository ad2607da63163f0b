/**
 * Regression tests of issue 12 for files and sizes: item 2 (no output lands in the data directory, a
 * backup or the templates; nothing is overwritten unless confirmed), item 4 (limits on every input,
 * refused within a second: the time is measured by `npm run bench -- limits`) and item 9 (only `init` creates a register).
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { commandAdvice } from '../../electron/cli/actions';
import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import { actionOf, DeskError } from '../../electron/core/errors';
import { LIMITS } from '../../electron/core/limits';
import { appAdvice } from '../../renderer/src/components/errorText';
import { cliHere } from '../support/cli-here';
import { diskDesk, sampleCaseInput, tempDataDir, TEST_SETTINGS } from '../support/desk';
import { assertGoodRefusal, snapshot } from '../support/hostile';
import { craftBatch, setupOffices, writeTo } from './batches-support';

describe('item 2: outputs never land in the data directory, a backup or the templates', () => {
  let dataDir: string;
  let outside: string;
  let caseId: string;
  let backup: string;
  beforeAll(async () => {
    const desk = await diskDesk();
    dataDir = desk.dataDir;
    const c = await call(desk, 'cases.add', sampleCaseInput());
    await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
    caseId = c.id;
    backup = (await desk.store.createBackup('manual')).name;
    await call(desk, 'keys.show', {});
    await desk.close();
    // The first command of the day makes the store's daily backup: let it happen before the comparison.
    await cliHere(dataDir, ['case', 'list']);
    outside = await tempDataDir('mdesk-outputs-');
    symlinkSync(dataDir, path.join(outside, 'shortcut'));
  });

  const inside = () => [
    path.join(dataDir, 'meta.json'),
    path.join(dataDir, 'docs', 'settings.json'),
    path.join(dataDir, 'docs', 'keys.json'),
    path.join(dataDir, 'backups', backup, 'docs', 'keys.json'),
    path.join(dataDir, 'templates', 'agreement.txt'),
    path.join(outside, 'shortcut', 'docs', 'keys.json'),
  ];
  const commands = (out: string): string[][] => [
    ['doc', 'render', caseId, '--template', 'registration', '--out', out],
    ['doc', 'dossier', caseId, '--out', out],
    ['stats', '--year', '2026', '--format', 'csv', '--out', out],
    ['stats', '--year', '2026', '--format', 'json', '--out', out],
    ['keys', 'export', '--out', out],
    ['export', '--all', '--out', out],
  ];

  it('refuses every command that writes a file there, with exit 2 naming the path, and changes nothing', async () => {
    const before = snapshot(dataDir);
    for (const out of inside()) {
      for (const args of commands(out)) {
        const run = await cliHere(dataDir, [...args, '--force']);
        expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(2);
        expect(run.stderr).toContain(out);
        expect(run.stderr).toMatch(/数据目录|备份文件夹|模板文件夹/);
      }
    }
    const folder = await cliHere(dataDir, ['export', '--all', '--out', path.join(dataDir, 'exports')]);
    expect(folder.status).toBe(2);
    expect(snapshot(dataDir)).toEqual(before);
    expect(existsSync(path.join(dataDir, 'exports'))).toBe(false);
    expect((await cliHere(dataDir, ['case', 'list'])).status).toBe(0);
  });

  it('refuses a receipt written into the centre’s data directory before importing anything', async () => {
    const o = await setupOffices();
    await call(o.station, 'cases.add', sampleCaseInput());
    const exported = await call(o.station, 'batches.export', { out: o.work });
    const before = o.centre.store.caseCount();
    const error = await call(o.centre, 'batches.import', {
      file: exported.file,
      receiptOut: path.join(o.centre.dataDir, 'docs', 'keys.json'),
    }).catch(assertGoodRefusal);
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'receiptOut' });
    expect(o.centre.store.caseCount()).toBe(before);
    await o.station.close();
    await o.centre.close();
  });

  it('never overwrites an existing file without --force, and does with it', async () => {
    for (const [i, args] of commands('').entries()) {
      const out = path.join(outside, `existing-${i}.out`);
      writeFileSync(out, 'keep me');
      const withOut = args.map((a) => (a === '' ? out : a));
      const refused = await cliHere(dataDir, withOut);
      expect(refused.status, refused.stderr).toBe(2);
      expect(refused.stderr).toContain('已存在');
      expect(refused.stderr).toContain('--force');
      expect(readFileSync(out, 'utf8')).toBe('keep me');
      const forced = await cliHere(dataDir, [...withOut, '--force']);
      expect(forced.status, forced.stderr).toBe(0);
      expect(readFileSync(out, 'utf8')).not.toBe('keep me');
    }
  });

  it('words the refusal of an existing file for every door: the core names no flag and no dialog, each door its own step', async () => {
    const desk = await diskDesk();
    try {
      const out = path.join(outside, 'existing-key.json');
      writeFileSync(out, 'keep me');
      const refused = await call(desk, 'keys.export', { out }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DeskError);
      const { message, details } = refused as DeskError;
      expect(details).toMatchObject({ exists: true, action: { kind: 'confirm-overwrite' } });
      expect(message).toContain(`文件“${out}”已存在，没有覆盖`);
      expect(message).not.toMatch(/--force|命令行|对话框|桌面/);
      expect(commandAdvice(actionOf(details)!)).toContain('--force');
      expect(appAdvice(actionOf(details)!)).toContain('覆盖已有文件？');
      expect(readFileSync(out, 'utf8')).toBe('keep me');
    } finally {
      await desk.close();
    }
  });

  it('refuses a folder inside another register or a backup found anywhere (a copied backup on a USB stick)', async () => {
    const usb = await tempDataDir('mdesk-usb-');
    const copied = path.join(usb, 'backup-copy');
    mkdirSync(copied);
    writeFileSync(path.join(copied, 'backup.json'), '{}');
    const other = await diskDesk();
    await other.close();
    for (const out of [path.join(copied, 'x.pdf'), path.join(other.dataDir, 'cases', 'x.pdf')]) {
      const run = await cliHere(dataDir, ['keys', 'export', '--out', out]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/备份文件夹|数据目录/);
    }
  });
});

describe('item 9: only init creates a register', () => {
  it('every other command on a folder without one exits 4, says how to make one, and leaves nothing', async () => {
    const root = await tempDataDir('mdesk-nothing-');
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    for (const dataDir of [path.join(root, 'wrong', 'path'), empty]) {
      for (const args of [
        ['case', 'list'],
        ['backup', 'list'],
        ['keys', 'show'],
        ['stats'],
        ['reminders'],
        ['template', 'list'],
        ['backup', 'restore', 'x'],
      ]) {
        const run = await cliHere(dataDir, args);
        expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(4);
        expect(run.stderr).toContain('没有案件数据');
        expect(run.stderr).toContain('init');
      }
    }
    expect(existsSync(path.join(root, 'wrong'))).toBe(false);
    expect(readdirSync(empty)).toEqual([]);
    const settings = path.join(root, 'settings.json');
    writeFileSync(settings, JSON.stringify(TEST_SETTINGS));
    expect((await cliHere(path.join(root, 'wrong', 'path'), ['init', '--json', settings])).status).toBe(0);
    const listed = await cliHere(path.join(root, 'wrong', 'path'), ['case', 'list']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('共0件');
  });
});

describe('item 4: limits on every input, refused naming the field', () => {
  let desk: Desk;
  let work: string;
  beforeAll(async () => {
    desk = await diskDesk();
    work = await tempDataDir('mdesk-limits-');
  });
  afterAll(async () => desk?.close());

  /** Refused with a good refusal (how fast: `npm run bench -- limits`, not a timed test). */
  const refused = async (work: Promise<unknown>) =>
    work.then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: unknown) => assertGoodRefusal(e),
    );

  it('refuses a 51 MB case file and 190,001 parties at once', async () => {
    const dataDir = desk.dataDir;
    await desk.close();
    try {
      const big = path.join(work, 'big.json');
      writeFileSync(big, `{"summary":"${'x'.repeat(51 * 1024 * 1024)}"}`);
      const run = await cliHere(dataDir, ['case', 'add', '--json', big]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/过大（51 MB），上限为 4 MB/);
      const many = path.join(work, 'many.json');
      writeFileSync(many, JSON.stringify({ ...sampleCaseInput(), parties: Array.from({ length: 190_001 }, () => ({})) }));
      const parties = await cliHere(dataDir, ['case', 'add', '--json', many]);
      expect(parties.status).toBe(2);
      expect(parties.stderr).toContain('当事人：');
    } finally {
      desk = await diskDesk({ dataDir });
    }
  });

  it('refuses too many parties, terms and mediators, and text over its length, naming the field', async () => {
    const party = sampleCaseInput().parties[1];
    const parties = [sampleCaseInput().parties[0], ...Array.from({ length: LIMITS.partiesPerCase }, () => party)];
    expect((await refused(call(desk, 'cases.add', sampleCaseInput({ parties })))).message).toContain('当事人：当事人不能超过200项');
    const facts = await refused(call(desk, 'cases.add', sampleCaseInput({ facts: '事'.repeat(20_001) })));
    expect(facts).toMatchObject({ field: 'facts' });
    expect(facts.message).toContain('纠纷简要情况：不能超过20000个字');
    const c = await call(desk, 'cases.add', sampleCaseInput());
    await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
    const terms = await refused(
      call(desk, 'cases.act', { id: c.id, action: 'agree', details: { terms: Array.from({ length: 101 }, () => '条款') } }),
    );
    expect(terms.message).toContain('协议条款不能超过100项');
    const mediators = await refused(
      call(desk, 'cases.add', sampleCaseInput({ mediators: Array.from({ length: 21 }, (_, i) => `调解员${i}`) })),
    );
    expect(mediators.field).toBe('mediators');
    const huge = await refused(call(desk, 'cases.list', { q: '查'.repeat(5 * 1024 * 1024) }));
    expect(huge.message).toContain('输入过大');
    const deep = await refused(call(desk, 'cases.check', JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`)));
    expect(deep.message).toContain('嵌套');
  });

  it('refuses a template over its size or its render time', async () => {
    const big = await refused(call(desk, 'templates.validate', { source: `# 标题\n${'文'.repeat(LIMITS.templateChars)}` }));
    expect(big.message).toContain('模板过长');
    const slow = await refused(
      call(desk, 'templates.validate', {
        source: '# 标题\n{% for i in (1..2000) %}{% for j in (1..2000) %}{{ i }}{% endfor %}{% endfor %}\n',
      }),
    );
    expect(slow.message).toMatch(/超过上限/);
  });

  it('refuses a batch announcing more cases than a batch may hold (exit 5)', async () => {
    const o = await setupOffices();
    const file = await writeTo(
      o.work,
      'huge.zip',
      await craftBatch(o.station, { cases: [], manifest: (m) => (m.caseCount = LIMITS.batchCases + 1) }),
    );
    const error = await refused(call(o.centre, 'batches.verify', { file }));
    expect(error.code).toBe('BATCH_INVALID');
    expect(error.message).toContain(`超过每批上限 ${LIMITS.batchCases} 件`);
    await o.station.close();
    await o.centre.close();
  });
});
