/**
 * The background updater around electron-updater's `autoUpdater`. A village mediation point is
 * offline most of the time, so failures are never shown as dialogs: they become one line in the log
 * and a status string that 设置 displays. The update server is the centre's intranet server
 * (settings.updateServer, read again before every check so a change in 设置 applies without restart).
 * A downloaded update is offered once; the app never restarts while the renderer reports unsaved work.
 */

import electronUpdater from 'electron-updater';

import type { UpdaterStatus } from '../preload/bridge';

type Logger = { info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void };

/** The part of electron-updater's AppUpdater the wrapper uses (so tests can hand in a fake). */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: unknown;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<CheckResult | null | undefined>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  // Node's EventEmitter types listeners as `(...args: any[])`; each event's payload differs, and a
  // narrower type here would not accept electron-updater's own emitter (nor the test's fake).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
}

/** The part of electron-updater's UpdateCheckResult the wrapper uses: the background download it started. */
export interface CheckResult {
  cancellationToken?: { cancel(): void };
  downloadPromise?: Promise<unknown> | null;
}

/** electron-updater's platform updater (NSIS on Windows, AppImage/deb on Linux), created on first use. */
export function platformAutoUpdater(): AutoUpdaterLike {
  return electronUpdater.autoUpdater as unknown as AutoUpdaterLike;
}

export interface UpdaterDeps {
  /** Default: electron-updater's autoUpdater. */
  autoUpdater?: AutoUpdaterLike;
  /** settings.updateServer, '' when not set. */
  feedUrl(): string;
  /** Ask whether to restart now (a native dialog in the app). Resolves true for 立即重启. */
  offerRestart(version: string): Promise<boolean>;
  hasUnsavedWork(): boolean;
  isPackaged: boolean;
  log: Logger;
  now?(): Date;
  /** Between checks; default 4 hours. */
  intervalMs?: number;
  /** A download with no progress for this long is given up (and retried at the next check); default 10 minutes. */
  stallMs?: number;
}

export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
export const STALL_MS = 10 * 60 * 1000;

/** Errors that only mean "no network" or "server not reachable": normal, not worth an alarm. */
export function isOfflineError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}` : String(error);
  return /net::ERR_|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ENETDOWN|socket hang up|getaddrinfo|timed? ?out/i.test(
    text,
  );
}

export function validFeedUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

export class DeskUpdater {
  private current: UpdaterStatus = { state: 'idle', message: '尚未检查更新', checkedAt: null };
  private timer: ReturnType<typeof setInterval> | undefined;
  private configuredUrl = '';
  private checking = false;
  private offered = false;
  /** The last failure logged: electron-updater both emits an error and rejects with it, and it is logged once. */
  private lastFailure: unknown;
  /** The download under way, to cancel when it stalls. */
  private download: CheckResult['cancellationToken'];
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => Date;
  private readonly autoUpdater: AutoUpdaterLike;

  constructor(private readonly deps: UpdaterDeps) {
    this.now = deps.now ?? (() => new Date());
    const updater = (this.autoUpdater = deps.autoUpdater ?? platformAutoUpdater());
    updater.autoDownload = true;
    // An update the mediator declined is installed when they quit the app themselves: no work is lost.
    updater.autoInstallOnAppQuit = true;
    updater.logger = deps.log;
    updater.on('checking-for-update', () => this.set('checking', '正在检查更新…'));
    updater.on('update-not-available', () => this.set('none', '已是最新版本', true));
    updater.on('update-available', (info: { version?: string }) => {
      this.set('downloading', `发现新版本 ${info?.version ?? ''}，正在后台下载`, true, info?.version);
      deps.log.info('发现新版本', info?.version);
      this.watchDownload();
    });
    updater.on('download-progress', (progress: { percent?: number }) => {
      if (this.current.state !== 'downloading') return; // a late event from a download already given up
      const percent = Math.floor(progress?.percent ?? 0);
      this.set('downloading', `正在后台下载新版本 ${this.current.version ?? ''}（${percent}%）`, false, this.current.version);
      this.watchDownload();
    });
    updater.on('update-downloaded', (info: { version?: string }) => {
      this.stopWatchingDownload();
      this.set('downloaded', this.downloadedMessage(info?.version), true, info?.version);
      deps.log.info('新版本已下载', info?.version);
      void this.maybeOffer();
    });
    // Without an 'error' listener an EventEmitter would throw; with it, failures stay silent.
    updater.on('error', (error: unknown) => this.fail(error));
  }

  status(): UpdaterStatus {
    return { ...this.current };
  }

  /** First check now, then every few hours. */
  start(): void {
    void this.check();
    this.timer ??= setInterval(() => void this.check(), this.deps.intervalMs ?? CHECK_INTERVAL_MS);
    (this.timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stopWatchingDownload();
  }

  async check(): Promise<void> {
    if (this.checking || this.current.state === 'downloading' || this.current.state === 'downloaded') return;
    if (!this.deps.isPackaged) {
      this.set('disabled', '开发运行，不检查更新');
      return;
    }
    const url = this.deps.feedUrl().trim();
    if (!url) {
      this.set('disabled', '未设置更新服务器（可在“设置”中填写中心提供的地址）');
      return;
    }
    if (!validFeedUrl(url)) {
      this.set('error', `更新服务器地址无效：${url}`, true);
      return;
    }
    if (url !== this.configuredUrl) {
      this.autoUpdater.setFeedURL({ provider: 'generic', url });
      this.configuredUrl = url;
    }
    this.checking = true;
    this.lastFailure = undefined;
    try {
      const result = await this.autoUpdater.checkForUpdates();
      this.download = result?.cancellationToken;
      // A failed download is reported through the 'error' event; its rejected promise must not go unhandled.
      result?.downloadPromise?.catch(() => undefined);
    } catch (error) {
      this.fail(error);
    } finally {
      this.checking = false;
    }
  }

  /** The renderer's report of unsaved work changed; an update waiting for that is offered now. */
  unsavedWorkChanged(): void {
    if (this.current.state === 'downloaded') {
      this.current.message = this.downloadedMessage(this.current.version);
      void this.maybeOffer();
    }
  }

  /** From 设置 (立即重启并更新): true when the app is restarting into the new version. */
  restartToUpdate(): boolean {
    if (this.current.state !== 'downloaded') return false;
    if (this.deps.hasUnsavedWork()) {
      this.deps.log.info('有未保存的内容，暂不重启更新');
      return false;
    }
    this.deps.log.info('重启以安装新版本', this.current.version);
    this.autoUpdater.quitAndInstall(true, true);
    return true;
  }

  private async maybeOffer(): Promise<void> {
    if (this.offered || this.current.state !== 'downloaded' || this.deps.hasUnsavedWork()) return;
    this.offered = true;
    const accepted = await this.deps.offerRestart(this.current.version ?? '');
    if (accepted) {
      // The mediator may have started typing while the dialog was open: check again.
      if (!this.restartToUpdate()) this.current.message = this.downloadedMessage(this.current.version);
    } else {
      this.current.message = `新版本 ${this.current.version ?? ''} 已下载，将在下次退出程序时安装`;
    }
  }

  private downloadedMessage(version: string | undefined): string {
    return this.deps.hasUnsavedWork()
      ? `新版本 ${version ?? ''} 已下载；请先保存正在编辑的内容，之后可重启安装`
      : `新版本 ${version ?? ''} 已下载，重启程序即可安装`;
  }

  /** (Re)start the stall watchdog: called when a download starts and at each sign of progress. */
  private watchDownload(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => this.giveUpStalledDownload(), this.deps.stallMs ?? STALL_MS);
    (this.stallTimer as { unref?: () => void }).unref?.();
  }

  private stopWatchingDownload(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }

  /**
   * A download that stopped making progress would otherwise hold the state at `downloading`, and every
   * later check would return early forever. Cancel it (electron-updater reuses a pending download) so
   * that the next check starts afresh.
   */
  private giveUpStalledDownload(): void {
    this.stallTimer = undefined;
    if (this.current.state !== 'downloading') return;
    const minutes = Math.round((this.deps.stallMs ?? STALL_MS) / 60_000);
    this.deps.log.warn(`下载更新 ${this.current.version ?? ''} 已有 ${minutes} 分钟没有进展，已停止，下次检查时重新下载`);
    this.download?.cancel();
    this.download = undefined;
    this.set('error', `下载新版本 ${this.current.version ?? ''} 长时间没有进展，已停止；稍后会自动重试`, true);
  }

  private fail(error: unknown): void {
    if (error === this.lastFailure) return; // the same failure, once as an event and once as a rejection
    this.lastFailure = error;
    this.stopWatchingDownload();
    const offline = isOfflineError(error);
    const when = this.current.state === 'downloading' ? '下载更新' : '检查更新';
    const detail = error instanceof Error ? error.message : String(error);
    // One line, never a dialog.
    this.deps.log.warn(`${when}失败${offline ? '（离线或服务器不可达）' : ''}：${detail.split('\n')[0]}`);
    if (this.current.state === 'downloaded') return; // a late error does not hide a ready update
    this.set(
      offline ? 'offline' : 'error',
      offline ? `暂时无法连接更新服务器（离线），稍后会自动重试` : `${when}失败：${detail.split('\n')[0].slice(0, 200)}`,
      true,
    );
  }

  private set(state: UpdaterStatus['state'], message: string, finished = false, version?: string): void {
    this.current = {
      state,
      message,
      checkedAt: finished ? this.now().toISOString() : this.current.checkedAt,
      ...(version ? { version } : {}),
    };
  }
}
