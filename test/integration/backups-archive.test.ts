/**
 * Backups to a folder or USB stick: an archive exported from a real data directory restores into an
 * empty folder byte-identical in content (plain and encrypted); a wrong passphrase or a damaged archive
 * is refused with nothing changed; importing into an office with data keeps that data as an undo.
 */

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';

import { call } from '../../electron/core/api';
import { unpackBackupArchive } from '../../electron/core/backups/archive';
import { backupReminder } from '../../electron/core/backups/reminder';
import type { Desk } from '../../electron/core/desk';
import { restoreBackupFolder } from '../../electron/core/store';
import { BACKUPS_DIR, listDataFiles } from '../../electron/core/store/backups';
import { runCli } from '../support/cli';
import { diskDesk, fixedClock, IDS, sampleCaseInput, tempDataDir, TEST_SETTINGS } from '../support/desk';
import { rejection } from '../support/rejection';

/** Every data file's bytes, by relative path. */
function contents(dataDir: string): Map<string, string> {
  return new Map(listDataFiles(dataDir).map((rel) => [rel, readFileSync(path.join(dataDir, rel)).toString('base64')]));
}

async function officeWithCases(): Promise<Desk> {
  const desk = await diskDesk({ clock: fixedClock('2026-11-23') });
  const rare = await call(
    desk,
    'cases.add',
    sampleCaseInput({
      parties: [
        { role: 'applicant', kind: 'person', name: '𠮷田𡈽', idNumber: IDS.zhangSan },
        { role: 'respondent', kind: 'person', name: '李四', idNumber: IDS.liSi },
      ],
    }),
  );
  await call(desk, 'cases.act', { id: rare.id, action: 'accept', details: { date: '2026-11-03' } });
  for (let i = 0; i < 5; i++) await call(desk, 'cases.add', sampleCaseInput({ summary: `相邻通行纠纷${i}` }));
  return desk;
}

function zipNames(file: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: false }, (error, zip) => {
      if (error || !zip) return reject(error);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => names.push(e.fileName));
      zip.on('end', () => resolve(names));
    }),
  );
}

/** Every entry of a zip, uncompressed. */
function zipEntries(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (e: yauzl.Entry) =>
        zip.openReadStream(e, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => (entries.set(e.fileName, Buffer.concat(chunks)), zip.readEntry()));
        }),
      );
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    }),
  );
}

describe('backup archives', () => {
  it('export → import into an empty folder is byte-identical in content, plain and encrypted', async () => {
    const desk = await officeWithCases();
    const work = await tempDataDir('mdesk-archive-');
    // What each archive must hold: the data as it was when it was written (an export records itself after).
    const beforePlain = contents(desk.dataDir);
    const plain = await call(desk, 'backups.export', { out: work });
    const beforeSealed = contents(desk.dataDir);
    expect(beforeSealed.has('docs/backupExports.json')).toBe(true);
    expect(plain).toMatchObject({
      caseCount: 6,
      encrypted: false,
      fileName: expect.stringMatching(/^人民调解工作台备份_510702-001_\d{8}-\d{4}\.zip$/),
    });
    const sealed = await call(desk, 'backups.export', { out: path.join(work, 'sealed.zip'), passphrase: '东城调委会 2026 备份' });
    expect(sealed.encrypted).toBe(true);
    // the encrypted archive shows no data file and no name
    expect(await zipNames(sealed.file)).toEqual(['manifest.json', 'payload.bin']);
    expect(readFileSync(sealed.file).includes(Buffer.from('李四'))).toBe(false);
    expect(beforePlain.size).toBeGreaterThan(3);
    // the office is encrypted at rest: even the archive without a passphrase carries its sealed files
    // (and the keyring that opens them with the office's passwords or 恢复码), no personal data in clear
    const entries = await zipEntries(plain.file);
    expect([...entries.keys()]).toContain('data/keyring.json');
    for (const [name, bytes] of entries)
      for (const value of ['李四', '𠮷田𡈽', IDS.liSi, IDS.zhangSan])
        expect(bytes.includes(Buffer.from(value)), `${name}: ${value}`).toBe(false);
    // the export itself is recorded (after the snapshot): the reminder is off for a week
    expect(await call(desk, 'backups.reminder', {})).toMatchObject({ due: false, daysSince: 0 });
    await desk.close();

    for (const [archive, passphrase, expected] of [
      [plain.file, undefined, beforePlain],
      [sealed.file, '东城调委会 2026 备份', beforeSealed],
    ] as const) {
      const empty = await tempDataDir('mdesk-restored-');
      const staged = await unpackBackupArchive(empty, archive, passphrase);
      const result = await restoreBackupFolder(empty, staged.dir);
      expect(result.restored.caseCount).toBe(6);
      const restored = contents(empty);
      expect([...restored.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [rel, bytes] of expected) expect(restored.get(rel), rel).toBe(bytes);
      const reopened = await diskDesk({ dataDir: empty });
      expect(reopened.store.caseCount()).toBe(6);
      expect((await call(reopened, 'cases.list', { q: '𠮷田' })).total).toBe(1);
      await reopened.close();
    }
  }, 120_000);

  it('refuses a wrong passphrase and a damaged archive, changing nothing', async () => {
    const desk = await officeWithCases();
    const work = await tempDataDir('mdesk-archive-');
    const sealed = await call(desk, 'backups.export', { out: path.join(work, 'b.zip'), passphrase: 'correct horse' });
    const plain = await call(desk, 'backups.export', { out: path.join(work, 'p.zip') });
    expect((await rejection(call(desk, 'backups.export', { out: work, passphrase: 'short' }))).field).toBe('passphrase');
    expect((await rejection(call(desk, 'backups.export', { out: path.join(work, 'missing', 'x.zip') }))).message).toContain('不存在');

    const target = await officeWithCases();
    await call(target, 'cases.add', sampleCaseInput({ summary: '目标机构独有的案件' }));
    const before = contents(target.dataDir);
    const noBackupsLeft = () => readdirSync(path.join(target.dataDir, BACKUPS_DIR)).filter((n) => n.startsWith('.tmp'));

    const wrong = await rejection(call(target, 'backups.import', { file: sealed.file, passphrase: 'wrong horse' }));
    expect(wrong).toMatchObject({ code: 'VALIDATION', field: 'passphrase' });
    expect(wrong.message).toContain('口令不正确');
    const none = await rejection(call(target, 'backups.import', { file: sealed.file }));
    expect(none.message).toContain('已用口令加密');

    const damaged = (source: string, name: string, at: number) => {
      const bytes = readFileSync(source);
      bytes[Math.floor(bytes.length * at)] ^= 0x41;
      const file = path.join(work, name);
      writeFileSync(file, bytes);
      return file;
    };
    for (const file of [
      damaged(sealed.file, 'sealed-damaged.zip', 0.5),
      damaged(plain.file, 'plain-damaged.zip', 0.3),
      damaged(plain.file, 'plain-damaged-2.zip', 0.7),
    ]) {
      const error = await rejection(call(target, 'backups.import', { file, passphrase: 'correct horse' }));
      expect(error.code, `${file}: ${error.message}`).toBe('VALIDATION');
      expect(error.message).toMatch(/备份文件/);
    }
    const truncated = path.join(work, 'truncated.zip');
    writeFileSync(truncated, readFileSync(plain.file).subarray(0, 2000));
    expect((await rejection(call(target, 'backups.import', { file: truncated }))).message).toContain('不是有效的备份文件');
    const notAnArchive = path.join(work, 'batch.json');
    writeFileSync(notAnArchive, '{}');
    expect((await rejection(call(target, 'backups.import', { file: notAnArchive }))).code).toBe('VALIDATION');

    expect(contents(target.dataDir)).toEqual(before);
    expect(noBackupsLeft()).toEqual([]);
    expect(target.store.caseCount()).toBe(7);
  }, 120_000);

  it('importing over an office keeps its data as an undo; an archive sealed with another office key is refused', async () => {
    const source = await officeWithCases();
    const work = await tempDataDir('mdesk-archive-');
    const archive = await call(source, 'backups.export', { out: path.join(work, 'a.zip') });
    await call(source, 'cases.add', sampleCaseInput({ summary: '备份之后登记的案件' }));
    const result = await call(source, 'backups.import', { file: archive.file });
    expect(result.archive).toMatchObject({ caseCount: 6, encrypted: false, office: { name: TEST_SETTINGS.name } });
    expect(source.store.caseCount()).toBe(6);
    await call(source, 'backups.restore', { name: result.undo.name });
    expect(source.store.caseCount()).toBe(7);

    // another office's data key cannot open these files: refused, nothing changed
    const other = await diskDesk({ settings: { ...TEST_SETTINGS, name: '另一个调委会' } });
    await call(other, 'cases.add', sampleCaseInput({ summary: '只在目标中的案件' }));
    const before = contents(other.dataDir);
    const refused = await rejection(call(other, 'backups.import', { file: archive.file }));
    expect(refused.code).toBe('NOT_ALLOWED');
    expect(refused.message).toContain('另一把数据密钥');
    expect(contents(other.dataDir)).toEqual(before);
    expect(other.settings().name).toBe('另一个调委会');
  }, 120_000);

  it('reminds to copy a backup off the PC when none was written for the configured days', () => {
    const last = { at: '2026-11-10T02:00:00.000Z', fileName: 'x.zip', bytes: 1, caseCount: 1, encrypted: false };
    expect(backupReminder(undefined, '2026-11-23', 7, true)).toMatchObject({ due: true, daysSince: null });
    expect(backupReminder(undefined, '2026-11-23', 7, false).due).toBe(false);
    expect(backupReminder(last, '2026-11-16', 7, true)).toMatchObject({ due: false, daysSince: 6 });
    expect(backupReminder(last, '2026-11-17', 7, true)).toMatchObject({ due: true, daysSince: 7 });
    expect(backupReminder(last, '2026-12-31', 0, true).due).toBe(false);
  });
});

describe('backup archives on the command line', () => {
  // No passphrase from the environment unless a test gives one.
  const cli = (dataDir: string, args: string[], env: Record<string, string> = {}) =>
    runCli(dataDir, args, undefined, { MEDIATION_DESK_PASSPHRASE: '', ...env });

  it('backup export --encrypt and backup import into a new folder; a wrong passphrase exits 2', async () => {
    const desk = await officeWithCases();
    const dataDir = desk.dataDir;
    await desk.close();
    const work = await tempDataDir('mdesk-archive-cli-');
    const exported = cli(dataDir, ['backup', 'export', '--out', work, '--encrypt'], { MEDIATION_DESK_PASSPHRASE: 'U盘上的口令123' });
    expect(exported.status, exported.stderr).toBe(0);
    const file = exported.json().file as string;
    const fresh = path.join(await tempDataDir('mdesk-archive-cli-'), 'new-office');
    const wrong = cli(fresh, ['backup', 'import', file], { MEDIATION_DESK_PASSPHRASE: 'not it at all' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('口令不正确');
    const noPassphrase = cli(fresh, ['backup', 'import', file]);
    expect(noPassphrase.status).toBe(2);
    expect(noPassphrase.stderr).toContain('MEDIATION_DESK_PASSPHRASE');
    const imported = cli(fresh, ['backup', 'import', file], { MEDIATION_DESK_PASSPHRASE: 'U盘上的口令123' });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.json().restored.caseCount).toBe(6);
    expect(cli(fresh, ['case', 'list']).stdout).toContain('共6件');
    expect(existsSync(path.join(fresh, 'meta.json'))).toBe(true);
  }, 180_000);
});
