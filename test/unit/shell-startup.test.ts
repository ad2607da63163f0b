/**
 * Start-up dialogs (Chinese) for a data directory that cannot be opened, the application menu, and the
 * shell's paths (same data directory as the command line; resources outside the ASAR when packaged).
 */

import path from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import { DeskError } from '../../electron/core/errors';
import { resolveDataDir } from '../../electron/core/paths';
import type { BackupInfo } from '../../electron/core/store/types';
import { dataDirArgument, shellPaths } from '../../electron/main/app-paths';
import { contextMenuTemplate, menuTemplate } from '../../electron/main/menu';
import { type AskOptions, openDeskInteractively, restoreCandidates } from '../../electron/main/startup';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

function startup(options: { failures: DeskError[]; answers: number[]; backups?: string[]; restoreFails?: string[] }) {
  const failures = [...options.failures];
  const answers = [...options.answers];
  const asked: AskOptions[] = [];
  const restored: string[] = [];
  const open = vi.fn(async () => {
    const failure = failures.shift();
    if (failure) throw failure;
    return { desk: true };
  });
  const run = openDeskInteractively({
    dataDir: '/data',
    open,
    ask: async (o) => {
      asked.push(o);
      return answers.shift() ?? 0;
    },
    listBackups: () => options.backups ?? [],
    restore: async (name) => {
      if (options.restoreFails?.includes(name)) throw new DeskError('STORE_CORRUPT', `备份“${name}”已损坏`);
      restored.push(name);
    },
    log: silent,
  });
  return { run, asked, restored, open };
}

const corrupt = () => new DeskError('STORE_CORRUPT', '文件“cases/3.json”无法读取');
const locked = () => new DeskError('STORE_LOCKED', '数据目录正被另一个程序使用');

describe('start-up with a data directory that cannot be opened', () => {
  it('opens straight away when all is well, without a dialog', async () => {
    const s = startup({ failures: [], answers: [] });
    expect(await s.run).toEqual({ desk: true });
    expect(s.asked).toEqual([]);
  });

  it('STORE_LOCKED: explains in Chinese and retries on 重试', async () => {
    const s = startup({ failures: [locked(), locked()], answers: [0, 0] });
    expect(await s.run).toEqual({ desk: true });
    expect(s.asked).toHaveLength(2);
    expect(s.asked[0]).toMatchObject({ message: '数据正被另一个程序使用', buttons: ['重试', '退出'] });
    expect(s.asked[0].detail).toMatch(/命令行/);
    expect(s.open).toHaveBeenCalledTimes(3);
  });

  it('STORE_LOCKED: 退出 ends the start', async () => {
    const s = startup({ failures: [locked()], answers: [1] });
    expect(await s.run).toBeNull();
  });

  it('STORE_CORRUPT: offers the newest backup, restores it and says so', async () => {
    const s = startup({ failures: [corrupt()], answers: [0, 0], backups: ['2026-11-23T08-00-00_daily', '2026-11-22T08-00-00_daily'] });
    expect(await s.run).toEqual({ desk: true });
    expect(s.asked[0]).toMatchObject({ message: '数据文件已损坏', buttons: ['从最近的备份恢复', '退出'] });
    expect(s.asked[0].detail).toContain('2026-11-23T08-00-00_daily');
    expect(s.asked[0].detail).toMatch(/不会被删除/);
    expect(s.restored).toEqual(['2026-11-23T08-00-00_daily']);
    expect(s.asked[1]).toMatchObject({ message: '已从备份恢复' });
  });

  it('STORE_CORRUPT: a damaged backup is skipped for the next older one', async () => {
    const s = startup({ failures: [corrupt()], answers: [0, 0], backups: ['b3', 'b2', 'b1'], restoreFails: ['b3'] });
    expect(await s.run).toEqual({ desk: true });
    expect(s.restored).toEqual(['b2']);
    expect(s.asked[1].detail).toContain('b2');
  });

  it('STORE_CORRUPT without backups: explains, changes nothing, quits', async () => {
    const s = startup({ failures: [corrupt()], answers: [0], backups: [] });
    expect(await s.run).toBeNull();
    expect(s.asked[0].message).toBe('数据文件已损坏，且没有可用的备份');
    expect(s.restored).toEqual([]);
  });

  it('STORE_CORRUPT declined: nothing restored', async () => {
    const s = startup({ failures: [corrupt()], answers: [1], backups: ['b1'] });
    expect(await s.run).toBeNull();
    expect(s.restored).toEqual([]);
  });

  it('tries before-restore snapshots last (they may hold the damaged state)', () => {
    const info = (name: string, kind: BackupInfo['kind']): BackupInfo => ({ name, kind, createdAt: name, caseCount: 1, bytes: 1 });
    expect(restoreCandidates([info('c', 'before-restore'), info('b', 'daily'), info('a', 'manual')])).toEqual(['b', 'a', 'c']);
  });
});

describe('application menu', () => {
  it('is Chinese: 文件/编辑/视图/帮助, with standard roles and zoom for larger text', () => {
    const actions = { openDataFolder: vi.fn(), openLogFolder: vi.fn(), checkForUpdates: vi.fn(), showAbout: vi.fn() };
    const template = menuTemplate(actions, { developer: false });
    expect(template.map((m) => String(m.label).replace(/\(&\w\)$/, ''))).toEqual(['文件', '编辑', '视图', '帮助']);
    const items = template.flatMap((m) => m.submenu as { label?: string; role?: string; click?: () => void }[]);
    const roles = items.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(
      expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom']),
    );
    expect(roles).not.toContain('toggleDevTools');
    for (const item of items) if (item.label) expect(item.label).toMatch(/[\u4e00-\u9fff]/);
    items.find((i) => i.label === '检查更新')!.click!();
    expect(actions.checkForUpdates).toHaveBeenCalled();
    expect(
      menuTemplate(actions, { developer: true })
        .flatMap((m) => m.submenu as { role?: string }[])
        .map((i) => i.role),
    ).toContain('toggleDevTools');
  });
});

describe('right-click menu', () => {
  const flags = {
    canUndo: true,
    canRedo: false,
    canCut: true,
    canCopy: true,
    canPaste: true,
    canDelete: true,
    canSelectAll: true,
    canEditRichly: false,
  };
  it('in a text field: 撤销…全选, enabled as the page allows', () => {
    const template = contextMenuTemplate({ isEditable: true, selectionText: '', editFlags: flags });
    expect(template.filter((i) => i.role).map((i) => [i.label, i.enabled])).toEqual([
      ['撤销', true],
      ['重做', false],
      ['剪切', true],
      ['复制', true],
      ['粘贴', true],
      ['全选', true],
    ]);
  });

  it('on selected text: 复制 only; elsewhere: no menu', () => {
    expect(
      contextMenuTemplate({ isEditable: false, selectionText: '（2026）东城调字第1号', editFlags: flags }).map((i) => i.label),
    ).toEqual(['复制']);
    expect(contextMenuTemplate({ isEditable: false, selectionText: ' ', editFlags: flags })).toEqual([]);
  });
});

describe('shell paths', () => {
  it('from a checkout: dist/ and resources/ of the checkout', () => {
    const p = shellPaths({ appPath: '/src/desk', isPackaged: false, resourcesPath: '/usr/lib/electron/resources' });
    expect(p.preload).toBe(path.join('/src/desk', 'dist', 'preload', 'preload.cjs'));
    expect(p.rendererUrl).toBe('file:///src/desk/dist/renderer/index.html');
    expect(p.resourcesDir).toBe(path.join('/src/desk', 'resources'));
  });

  it('packaged: the ASAR for code, process.resourcesPath/resources for templates and fonts', () => {
    const p = shellPaths({ appPath: '/opt/desk/resources/app.asar', isPackaged: true, resourcesPath: '/opt/desk/resources' });
    expect(p.preload).toBe(path.join('/opt/desk/resources/app.asar', 'dist', 'preload', 'preload.cjs'));
    expect(p.resourcesDir).toBe(path.join('/opt/desk/resources', 'resources'));
  });

  it('takes --data DIR or --data=DIR from the app’s command line, as the CLI does', () => {
    expect(dataDirArgument(['C:\\App\\mediation-desk.exe', '--data', 'D:\\调解数据'])).toBe('D:\\调解数据');
    expect(dataDirArgument(['/opt/desk/mediation-desk', '--data=/srv/desk'])).toBe('/srv/desk');
    expect(dataDirArgument(['/opt/desk/mediation-desk', '--no-sandbox'])).toBeUndefined();
    expect(dataDirArgument(['/opt/desk/mediation-desk', '--data', '--inspect'])).toBeUndefined();
    expect(dataDirArgument(['/opt/desk/mediation-desk', '--data='])).toBeUndefined();
  });

  it('the app’s data directory is the command line’s', () => {
    // main.ts sets userData to defaultUserDataDir() and opens resolveDataDir(): the CLI's own default.
    const env = { XDG_CONFIG_HOME: '/home/u/.config' };
    expect(resolveDataDir(undefined, env)).toBe(path.join('/home/u/.config', 'mediation-desk', 'data'));
  });
});
