/**
 * The updater wrapper with electron-updater replaced by a fake AppUpdater (an EventEmitter, as the real
 * one is): offline is silent (a log line and a status, no dialog), an update found downloads in the
 * background, a downloaded update is offered once, and nothing restarts over unsaved work.
 */

import { EventEmitter } from 'node:events';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { type AutoUpdaterLike, type CheckResult, DeskUpdater, isOfflineError } from '../../electron/main/updater';

vi.mock('electron-updater', async () => {
  const { EventEmitter } = await import('node:events');
  const autoUpdater = Object.assign(new EventEmitter(), {
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
  });
  return { default: { autoUpdater }, autoUpdater };
});
vi.mock('electron', () => ({ dialog: { showMessageBox: vi.fn(), showErrorBox: vi.fn() } }));

class FakeAutoUpdater extends EventEmitter implements AutoUpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: unknown = null;
  feed: unknown;
  setFeedURL = vi.fn((options: unknown) => {
    this.feed = options;
  });
  quitAndInstall = vi.fn();
  /** What the next check does: emit events and resolve, or fail like a network error. */
  next: (updater: FakeAutoUpdater) => Promise<CheckResult | null> = async () => null;
  checkForUpdates = vi.fn(() => this.next(this));
}

function setup(options: { url?: string; unsaved?: boolean; accept?: boolean; packaged?: boolean; stallMs?: number } = {}) {
  const fake = new FakeAutoUpdater();
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  let unsaved = options.unsaved ?? false;
  const offerRestart = vi.fn(async () => options.accept ?? true);
  const updater = new DeskUpdater({
    autoUpdater: fake,
    feedUrl: () => options.url ?? 'http://10.1.2.3/mediation-desk',
    offerRestart,
    hasUnsavedWork: () => unsaved,
    isPackaged: options.packaged ?? true,
    log,
    now: () => new Date('2026-11-23T04:00:00Z'),
    intervalMs: 1000,
    stallMs: options.stallMs,
  });
  return { fake, log, offerRestart, updater, setUnsaved: (value: boolean) => (unsaved = value) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('updater wrapper', () => {
  it('offline: no dialog, one log line, a status for 设置', async () => {
    const { fake, log, offerRestart, updater } = setup();
    const { dialog } = await import('electron');
    fake.next = async (u) => {
      const error = new Error('net::ERR_INTERNET_DISCONNECTED');
      u.emit('error', error); // electron-updater both emits and rejects
      throw error;
    };
    await updater.check();
    expect(updater.status()).toEqual({
      state: 'offline',
      message: '暂时无法连接更新服务器（离线），稍后会自动重试',
      checkedAt: '2026-11-23T04:00:00.000Z',
    });
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(String(log.warn.mock.calls[0][0])).toMatch(/离线/);
    expect(log.error).not.toHaveBeenCalled();
    expect(offerRestart).not.toHaveBeenCalled();
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('uses the generic provider with the URL from settings, set again when it changes', async () => {
    const { fake, updater } = setup({ url: 'http://update.centre.local/desk/' });
    await updater.check();
    expect(fake.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'http://update.centre.local/desk/' });
    expect(fake.autoDownload).toBe(true);
    await updater.check();
    expect(fake.setFeedURL).toHaveBeenCalledTimes(1);
  });

  it('says why it does not check: no server set, an invalid address, a development run', async () => {
    const none = setup({ url: '' });
    await none.updater.check();
    expect(none.updater.status().state).toBe('disabled');
    expect(none.fake.checkForUpdates).not.toHaveBeenCalled();
    const bad = setup({ url: 'file:///etc/passwd' });
    await bad.updater.check();
    expect(bad.updater.status()).toMatchObject({ state: 'error', message: expect.stringContaining('地址无效') });
    const dev = setup({ packaged: false });
    await dev.updater.check();
    expect(dev.updater.status().state).toBe('disabled');
    expect(dev.fake.checkForUpdates).not.toHaveBeenCalled();
  });

  it('update found: downloads in the background with a status, no question yet', async () => {
    const { fake, offerRestart, updater } = setup();
    fake.next = async (u) => {
      u.emit('checking-for-update');
      u.emit('update-available', { version: '0.2.0' });
      u.emit('download-progress', { percent: 42.7 });
      return {};
    };
    await updater.check();
    expect(updater.status()).toMatchObject({ state: 'downloading', version: '0.2.0', message: expect.stringContaining('42%') });
    expect(offerRestart).not.toHaveBeenCalled();
    expect(fake.quitAndInstall).not.toHaveBeenCalled();
  });

  it('downloaded: offers a restart once, and installs when accepted', async () => {
    const { fake, offerRestart } = setup({ accept: true });
    fake.emit('update-available', { version: '0.2.0' });
    fake.emit('update-downloaded', { version: '0.2.0' });
    await flush();
    expect(offerRestart).toHaveBeenCalledTimes(1);
    expect(offerRestart).toHaveBeenCalledWith('0.2.0');
    expect(fake.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('downloaded but declined: installs at the next quit, no second question', async () => {
    const { fake, offerRestart, updater } = setup({ accept: false });
    fake.emit('update-downloaded', { version: '0.2.0' });
    await flush();
    expect(fake.quitAndInstall).not.toHaveBeenCalled();
    expect(fake.autoInstallOnAppQuit).toBe(true);
    expect(updater.status().message).toMatch(/下次退出/);
    updater.unsavedWorkChanged();
    await flush();
    expect(offerRestart).toHaveBeenCalledTimes(1);
  });

  it('unsaved work: no offer and no restart until it is saved', async () => {
    const { fake, offerRestart, updater, setUnsaved } = setup({ unsaved: true, accept: true });
    fake.emit('update-downloaded', { version: '0.2.0' });
    await flush();
    expect(offerRestart).not.toHaveBeenCalled();
    expect(updater.status()).toMatchObject({ state: 'downloaded', message: expect.stringContaining('请先保存') });
    expect(updater.restartToUpdate()).toBe(false);
    expect(fake.quitAndInstall).not.toHaveBeenCalled();

    setUnsaved(false);
    updater.unsavedWorkChanged();
    await flush();
    expect(offerRestart).toHaveBeenCalledTimes(1);
    expect(fake.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('unsaved work started while the question was open: still no restart', async () => {
    const { fake, offerRestart, updater, setUnsaved } = setup();
    offerRestart.mockImplementation(async () => {
      setUnsaved(true);
      return true;
    });
    fake.emit('update-downloaded', { version: '0.2.0' });
    await flush();
    expect(fake.quitAndInstall).not.toHaveBeenCalled();
    expect(updater.status().state).toBe('downloaded');
  });

  it('restartToUpdate from 设置 refuses when nothing is downloaded', () => {
    const { fake, updater } = setup();
    expect(updater.restartToUpdate()).toBe(false);
    expect(fake.quitAndInstall).not.toHaveBeenCalled();
  });

  it('checks at start and again every interval; never two checks at once', async () => {
    vi.useFakeTimers();
    const { fake, updater } = setup();
    let release!: () => void;
    fake.next = () => new Promise((resolve) => (release = () => resolve(null)));
    updater.start();
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(1); // the first is still running
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(2);
    updater.stop();
    release();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('wraps electron-updater’s own autoUpdater by default', async () => {
    const { autoUpdater } = (await import('electron-updater')) as unknown as { autoUpdater: FakeAutoUpdater };
    const updater = new DeskUpdater({
      feedUrl: () => 'http://10.1.2.3/desk',
      offerRestart: async () => false,
      hasUnsavedWork: () => false,
      isPackaged: true,
      log: { info() {}, warn() {}, error() {} },
    });
    await updater.check();
    expect(autoUpdater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'http://10.1.2.3/desk' });
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(autoUpdater.listenerCount('error')).toBe(1);
    autoUpdater.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'));
    expect(updater.status().state).toBe('offline');
  });

  it('tells offline errors from other failures', () => {
    expect(isOfflineError(new Error('getaddrinfo ENOTFOUND update.centre.local'))).toBe(true);
    expect(isOfflineError(Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isOfflineError(new Error('sha512 checksum mismatch'))).toBe(false);
  });

  it('a server error is a status line, not a dialog', async () => {
    const { fake, updater, log } = setup();
    fake.next = async () => {
      throw new Error('HttpError: 404 Not Found\n"method: GET url: http://10.1.2.3/mediation-desk/latest.yml"');
    };
    await updater.check();
    expect(updater.status()).toMatchObject({ state: 'error', message: '检查更新失败：HttpError: 404 Not Found' });
    expect(log.warn).toHaveBeenCalledTimes(1);
  });
});

/** What electron-updater's checkForUpdates does when it finds an update: events, then a result with the download under way. */
function findsUpdate(version: string, download: Promise<unknown>) {
  const cancel = vi.fn();
  return {
    cancel,
    next: async (u: FakeAutoUpdater) => {
      u.emit('checking-for-update');
      u.emit('update-available', { version });
      return { cancellationToken: { cancel }, downloadPromise: download };
    },
  };
}

describe('updater wrapper: the background download', () => {
  it('a download that stalls is given up after the timeout, and the next check starts again', async () => {
    vi.useFakeTimers();
    const { fake, log, updater } = setup({ stallMs: 60_000 });
    const stalled = findsUpdate('0.2.0', new Promise(() => {}));
    fake.next = stalled.next;
    await updater.check();
    fake.emit('download-progress', { percent: 10 });
    expect(updater.status()).toMatchObject({ state: 'downloading', message: expect.stringContaining('10%') });

    // progress keeps it alive; silence for the whole timeout does not
    await vi.advanceTimersByTimeAsync(50_000);
    fake.emit('download-progress', { percent: 11 });
    await vi.advanceTimersByTimeAsync(50_000);
    expect(updater.status().state).toBe('downloading');
    await updater.check(); // while it is alive, a check does not start a second download
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_001);
    expect(updater.status()).toMatchObject({ state: 'error', message: expect.stringContaining('长时间没有进展') });
    expect(stalled.cancel).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledTimes(1);
    fake.emit('download-progress', { percent: 12 }); // a late event from the cancelled download
    expect(updater.status().state).toBe('error');

    // three later checks make three calls (before: one, then nothing ever again)
    fake.next = async (u) => {
      u.emit('update-not-available', { version: '0.1.0' });
      return null;
    };
    for (let i = 0; i < 3; i++) await updater.check();
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(4);
    expect(updater.status()).toMatchObject({ state: 'none', message: '已是最新版本' });
  });

  it('a download that fails: one log line, a status, no unhandled rejection, and the next check tries again', async () => {
    const { fake, log, updater } = setup();
    let failDownload!: (error: Error) => void;
    const download = new Promise((_resolve, reject) => (failDownload = reject));
    fake.next = findsUpdate('0.2.0', download).next;
    await updater.check();
    const error = new Error('sha512 checksum mismatch');
    fake.emit('error', error); // electron-updater emits, then rejects the download promise
    failDownload(error);
    await flush();
    expect(updater.status()).toMatchObject({ state: 'error', message: '下载更新失败：sha512 checksum mismatch' });
    expect(log.warn).toHaveBeenCalledTimes(1);
    fake.next = async () => null;
    await updater.check();
    expect(fake.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('an error after the update was downloaded leaves it ready to install', async () => {
    const { fake, log, updater } = setup({ accept: false });
    fake.emit('update-downloaded', { version: '0.2.0' });
    await flush();
    fake.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
    expect(updater.status()).toMatchObject({ state: 'downloaded', version: '0.2.0' });
    expect(log.warn).toHaveBeenCalledTimes(1);
    await updater.check(); // nothing more to fetch until it is installed
    expect(fake.checkForUpdates).not.toHaveBeenCalled();
  });

  it('update-not-available: 已是最新版本, with the time of the check', async () => {
    const { fake, updater, offerRestart } = setup();
    fake.next = async (u) => {
      u.emit('checking-for-update');
      expect(updater.status().state).toBe('checking');
      u.emit('update-not-available', { version: '0.1.0' });
      return null;
    };
    await updater.check();
    expect(updater.status()).toEqual({ state: 'none', message: '已是最新版本', checkedAt: '2026-11-23T04:00:00.000Z' });
    expect(offerRestart).not.toHaveBeenCalled();
  });
});
