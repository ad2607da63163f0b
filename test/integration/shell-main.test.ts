/**
 * The bundled main process (what `npm run build` writes and the installer ships) run under plain
 * Node with a recording stand-in for electron (test/support/electron-stub): it must load with its
 * external packages, use the command line's data directory, take the single-instance lock, harden the
 * session, register the IPC channels, open the desk, create a secure window on the renderer, and answer
 * calls through the handler table. This is as close to launching the app as this machine allows.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LOCK_FILE } from '../../electron/core/store/lock';
import { CHANNELS } from '../../electron/main/channels';
import { SECURE_WEB_PREFERENCES } from '../../electron/main/security';
import { buildMain } from '../../scripts/build-main';

const root = path.resolve(import.meta.dirname, '../..');
// Inside the checkout, so the bundle's external packages resolve from its node_modules.
const appPath = path.join(root, 'test-results', `shell-main-${process.pid}`);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'shell-main-'));
let report: any;

beforeAll(async () => {
  await buildMain(path.join(appPath, 'dist'));
  mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>stand-in</title>');
  const stub = path.join(root, 'test', 'support', 'electron-stub');
  const reportFile = path.join(tmp, 'report.json');
  const result = spawnSync(
    process.execPath,
    [
      '--require',
      path.join(stub, 'stub.cjs'),
      '--import',
      path.join(stub, 'register.mjs'),
      path.join(appPath, 'dist', 'main', 'main.mjs'),
      '--data',
      path.join(tmp, 'office-data'),
    ],
    {
      env: {
        ...process.env,
        SMOKE_APP_PATH: appPath,
        SMOKE_TMP: tmp,
        SMOKE_REPORT: reportFile,
        XDG_CONFIG_HOME: path.join(tmp, 'config'),
        APPDATA: path.join(tmp, 'config'),
        MEDIATION_DESK_DATA: '',
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (result.status !== 0) throw new Error(`main exited ${result.status}: ${result.stderr}`);
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
}, 120_000);

afterAll(() => {
  rmSync(appPath, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe('bundled main process', () => {
  it('starts without errors and uses the command line’s user-data folder', () => {
    expect(report.finish).toBe('done');
    expect(report.setPath.userData).toBe(path.join(tmp, 'config', 'mediation-desk'));
    expect(report.singleInstance).toBe(1);
    expect(report.appEvents).toEqual(expect.arrayContaining(['second-instance', 'web-contents-created', 'will-quit']));
  });

  it('hardens the session and registers every IPC channel', () => {
    expect(report.session.map((s: unknown[]) => s[0])).toEqual([
      'permissionRequest',
      'permissionCheck',
      'onBeforeRequest',
      'onHeadersReceived',
    ]);
    // electron-log adds its own '__ELECTRON_LOG__' channel; the page cannot reach it (the preload exposes
    // no ipcRenderer), and whatever arrived there would pass the same masking hook.
    const ours = Object.values(CHANNELS).filter((c) => c !== CHANNELS.progress && c !== CHANNELS.session);
    expect([...report.ipc].sort()).toEqual([...ours, '__ELECTRON_LOG__'].sort());
    expect(report.ipcOn).toEqual(['__ELECTRON_LOG__']);
    expect(report.menu.map((l: string) => l.replace(/\(&\w\)$/, ''))).toEqual(['文件', '编辑', '视图', '帮助']);
  });

  it('creates one secure window with the bundled preload and loads the built renderer from disk', () => {
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0].webPreferences).toEqual({
      ...SECURE_WEB_PREFERENCES,
      preload: path.join(appPath, 'dist', 'preload', 'preload.cjs'),
    });
    expect(report.loaded).toEqual([path.join(appPath, 'dist', 'renderer', 'index.html')]);
  });

  it('asks before closing a window whose page reports unsaved work, and only then', () => {
    expect(report.closing).toEqual(['closed by main', 'unsaved: held', 'saved: closes']);
    // the one dialog of the run: the question, answered 仍然关闭 by the stand-in
    expect(report.dialogs).toEqual([expect.objectContaining({ message: '有尚未保存的内容', buttons: ['返回保存', '仍然关闭'] })]);
  });

  it('answers calls through the handler table, on a real data directory', () => {
    expect(report.calls.status).toMatchObject({ ok: true, data: { state: 'signed-out', setUp: 'new', office: null } });
    expect(report.calls.settings).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(report.calls.init).toMatchObject({
      ok: true,
      data: { settings: { name: '东城街道人民调解委员会', shortName: '东城' }, administrator: { name: '王调解', role: 'admin' } },
    });
    expect(report.calls.init.data.recoveryCode).toMatch(/^\d{4}(-\d{4}){7}$/);
    expect(report.calls.signedIn).toMatchObject({ ok: true, data: { name: '东城街道人民调解委员会' } });
    // the operating system locked the screen: the workbench is locked until a password is given again
    expect(report.powerMonitor).toEqual(expect.arrayContaining(['lock-screen', 'suspend']));
    expect(report.calls.locked).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN', message: '工作台已锁定，请输入密码解锁' });
    expect(report.calls.invalid).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(report.calls.unknown).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(report.calls.updater).toMatchObject({ state: 'disabled', message: '开发运行，不检查更新' });
    expect(report.calls.updatesStatus).toEqual({ ok: true, data: report.calls.updater });
    expect(report.calls.foreign).toMatch(/拒绝访问/);
  });

  it('logs to the user-data folder and releases the data directory’s lock on quit', () => {
    const userData = path.join(tmp, 'config', 'mediation-desk');
    const logText = readFileSync(path.join(userData, 'logs', 'main.log'), 'utf8');
    expect(logText).toContain('启动 人民调解工作台');
    // --data on the app's command line wins over the default <user data>/data, as for the CLI.
    expect(existsSync(path.join(tmp, 'office-data', 'docs'))).toBe(true);
    expect(existsSync(path.join(userData, 'data'))).toBe(false);
    expect(existsSync(path.join(tmp, 'office-data', LOCK_FILE))).toBe(false);
  });
});

describe('the mediation-desk command (bin)', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, args, { cwd: tmp, encoding: 'utf8', timeout: 60_000, env: { ...process.env, MEDIATION_DESK_DATA: '' } });

  it('runs the TypeScript sources through tsx in a checkout', () => {
    const data = path.join(tmp, 'bin-data');
    // No register there: it says so (exit 4) and makes no folder; only `init` creates one.
    const result = run([path.join(root, 'bin', 'mediation-desk.js'), '--data', data, 'backup', 'list']);
    expect(result.stderr).toContain('没有案件数据');
    expect(result.status).toBe(4);
    expect(existsSync(data)).toBe(false);
    expect(run([path.join(root, 'bin', 'mediation-desk.js'), 'no-such-command']).status).toBe(2);
  });

  it('the bundled dist/cli.mjs gives the same command line', () => {
    const data = path.join(tmp, 'bundle-data');
    const script = `const m = await import(${JSON.stringify(pathToFileURL(path.join(appPath, 'dist', 'cli.mjs')).href)}); process.exitCode = await m.runCli(['--data', ${JSON.stringify(data)}, 'backup', 'list']);`;
    const result = run(['--input-type=module', '-e', script]);
    expect(result.stderr).toContain('没有案件数据');
    expect(result.status).toBe(4);
  });
});
