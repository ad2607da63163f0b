/**
 * The Electron main process: wiring only. Security settings live in ./security.ts and ./window.ts, the
 * IPC door in ./ipc.ts, the updater in ./updater.ts, the start-up dialogs in ./startup.ts; the work is
 * done by the core's handler table. Bundled by scripts/build-main.ts to dist/main/main.mjs (ESM).
 */

import { existsSync } from 'node:fs';
import path from 'node:path';

import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, Menu, Notification, powerMonitor, session, shell } from 'electron';
import log from 'electron-log/main';

import { call, handlers } from '../core/api';
import { caseIndex } from '../core/cases/search';
import { Desk } from '../core/desk';
import { defaultUserDataDir, resolveDataDir } from '../core/paths';
import { restoreBackup } from '../core/store';
import { listBackupsIn } from '../core/store/backups';
import { dataDirArgument, shellPaths } from './app-paths';
import { CHANNELS } from './channels';
import { createDispatcher, isSameDocument, registerIpc } from './ipc';
import { configureLogging, logFilePath } from './log';
import { contextMenuTemplate, menuTemplate } from './menu';
import { startReminderNotifications } from './notifications';
import { hardenSession, hardenWebContents } from './security';
import { forwardSessionChanges, lockWithScreen } from './session-lock';
import { ipcTable, shellHandlers } from './shell-handlers';
import { createShellServices } from './shell-services';
import { openDeskInteractively, restoreCandidates } from './startup';
import { CLOSE_QUESTION, guardClose, UnsavedWork } from './unsaved-work';
import { DeskUpdater } from './updater';
import { createMainWindow, createSecureWindow, focusWindow } from './window';

// The command line and the app must agree on the data directory (electron/core/paths.ts); Electron's
// default would be a folder named after the Chinese product name.
app.setPath('userData', defaultUserDataDir());
configureLogging(log, app.getPath('userData'));

const paths = shellPaths({ appPath: app.getAppPath(), isPackaged: app.isPackaged, resourcesPath: process.resourcesPath });
const dataDir = resolveDataDir(dataDirArgument(process.argv));
let desk: Desk | undefined;
let mainWindow: BrowserWindow | undefined;
const unsavedWork = new UnsavedWork();

if (!app.requestSingleInstanceLock()) {
  // A second launch: the first instance focuses its window (below); this one leaves at once.
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, log);
    contents.on('context-menu', (_e, params) => {
      const template = contextMenuTemplate(params);
      if (template.length) Menu.buildFromTemplate(template).popup();
    });
  });
  app.on('window-all-closed', () => app.quit());
  let storeClosed = false;
  app.on('will-quit', (event) => {
    if (!desk || storeClosed) return;
    // Release the data directory's lock before the process ends, so the command line can use it at once.
    event.preventDefault();
    void desk.close().finally(() => {
      storeClosed = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Without this the app would keep running with no window: say what happened and leave.
      log.error('启动失败', error);
      dialog.showErrorBox(
        '人民调解工作台无法启动',
        `${(error as Error)?.message ?? String(error)}\n\n详细信息已写入日志：${logFilePath(app.getPath('userData'))}`,
      );
      app.exit(1);
    });
}

async function start(): Promise<void> {
  log.info(`启动 人民调解工作台 ${app.getVersion()}（Electron ${process.versions.electron}）`, {
    dataDir,
    resourcesDir: paths.resourcesDir,
  });
  if (process.platform === 'win32') app.setAppUserModelId('cn.gov.mediation.desk');
  hardenSession(session.defaultSession, log);

  const updater = new DeskUpdater({
    feedUrl: () => {
      try {
        return desk?.maybeSettings()?.updateServer ?? '';
      } catch {
        return '';
      }
    },
    offerRestart: async (version) => {
      const options = {
        type: 'info' as const,
        title: '人民调解工作台',
        message: `新版本 ${version} 已下载`,
        detail: '重启程序即可完成安装，大约需要半分钟。',
        buttons: ['立即重启并更新', '稍后'],
        defaultId: 1,
        cancelId: 1,
      };
      const result =
        mainWindow && !mainWindow.isDestroyed() ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
      return result.response === 0;
    },
    hasUnsavedWork: () => unsavedWork.any(),
    isPackaged: app.isPackaged,
    log,
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          openDataFolder: () => void shell.openPath(dataDir),
          openLogFolder: () => void shell.openPath(path.dirname(logFilePath(app.getPath('userData')))),
          checkForUpdates: () => void updater.check(),
          showAbout: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: '关于人民调解工作台',
              message: `人民调解工作台 ${app.getVersion()}`,
              detail: `Electron ${process.versions.electron}\n数据文件夹：${dataDir}\n日志文件：${logFilePath(app.getPath('userData'))}\n更新：${updater.status().message}`,
              buttons: ['确定'],
            }),
        },
        { developer: !app.isPackaged },
      ),
    ),
  );

  desk =
    (await openDeskInteractively({
      dataDir,
      open: () => Desk.open({ dataDir, resourcesDir: paths.resourcesDir }),
      ask: async (options) => (await dialog.showMessageBox(options)).response,
      listBackups: () => restoreCandidates(listBackupsIn(dataDir)),
      restore: async (name) => {
        await restoreBackup(dataDir, name, { now: () => new Date() });
      },
      log,
    })) ?? undefined;
  if (!desk) {
    app.quit();
    return;
  }
  const openDesk = desk;
  // Once an operator has signed in and the register is loaded: build the indexes while the office starts
  // work, so the first search and the first 查重 at intake answer at once.
  openDesk.onLoaded(() => {
    caseIndex(openDesk)
      .warm()
      .catch((error: unknown) => log.warn(`预备案件列表失败：${(error as Error).message}`));
    if (openDesk.session.active()) {
      call(openDesk, 'duplicates.warm', {}).catch((error: unknown) => log.warn(`预建查重索引失败：${(error as Error).message}`));
      // a centre's batch checks (the handler does nothing at a station): the checking thread kept, the checks warm
      call(openDesk, 'batches.warm', {}).catch((error: unknown) => log.warn(`预热批次校验失败：${(error as Error).message}`));
    }
  });
  lockWithScreen(powerMonitor, openDesk.session, log);

  const dispatcher = createDispatcher({ table: ipcTable(handlers, shellHandlers(updater)), getDesk: () => openDesk, log });
  registerIpc(
    ipcMain,
    {
      dispatcher,
      shell: createShellServices({
        dialog,
        shell,
        windowOf: (event) => BrowserWindow.fromWebContents(event.sender),
        createHiddenWindow: () => createSecureWindow({ show: false, title: '打印' }, log),
        defaultFolder: () => app.getPath('documents'),
        log,
      }),
      updater: { status: () => updater.status(), restartToUpdate: () => updater.restartToUpdate() },
      setUnsavedWork: (senderId, unsaved) => {
        unsavedWork.set(senderId, unsaved);
        updater.unsavedWorkChanged();
      },
      isTrustedSender: (event: IpcMainInvokeEvent) =>
        !!event.senderFrame && event.senderFrame.parent === null && isSameDocument(event.senderFrame.url, paths.rendererUrl),
    },
    log,
  );

  if (!existsSync(paths.rendererIndex)) {
    await dialog.showMessageBox({
      type: 'error',
      title: '人民调解工作台',
      message: '界面文件缺失',
      detail: `找不到 ${paths.rendererIndex}。\n开发时请先运行 npm run build。`,
      buttons: ['退出'],
    });
    app.quit();
    return;
  }

  const window = createMainWindow({ preload: paths.preload, icon: paths.icon, log });
  mainWindow = window;
  const senderId = window.webContents.id;
  const stopForwarding = forwardSessionChanges(openDesk.session, (state) => {
    if (!window.webContents.isDestroyed()) window.webContents.send(CHANNELS.session, state);
  });
  window.webContents.on('destroyed', stopForwarding);
  window.webContents.on('destroyed', () => {
    dispatcher.cancelAll(senderId);
    unsavedWork.forget(senderId);
  });
  guardClose(
    window,
    () => unsavedWork.of(senderId),
    async () => (await dialog.showMessageBox(window, CLOSE_QUESTION)).response,
  );
  await window.loadFile(paths.rendererIndex);
  updater.start();
  startReminderNotifications({
    state: () => call(openDesk, 'reminders.notification', {}),
    markNotified: async () => {
      await call(openDesk, 'reminders.markNotified', {});
    },
    show: (text) => {
      if (!Notification.isSupported()) return false;
      const notification = new Notification({ title: text.title, body: text.body, icon: paths.icon });
      notification.on('click', () => focusWindow(mainWindow));
      notification.show();
      return true;
    },
    log,
  });
}
