/**
 * A recording stand-in for the `electron` module, for running the BUNDLED main process
 * (dist/main/main.mjs) under plain Node where no Electron binary exists. Loaded with
 * `node --require stub.cjs --import register.mjs main.mjs`: CommonJS `require('electron')` (electron-updater)
 * is answered here, ES `import … from 'electron'` through register.mjs. Once the window has loaded,
 * it calls the registered IPC channels like the renderer would and writes what happened to
 * $SMOKE_REPORT, then exits.
 */
const Module = require('node:module');
const fs = require('node:fs');
const { EventEmitter } = require('node:events');
const { pathToFileURL } = require('node:url');

const report = {
  setPath: {},
  singleInstance: 0,
  appEvents: [],
  session: [],
  ipc: [],
  ipcOn: [],
  notifications: [],
  windows: [],
  loaded: [],
  menu: [],
  dialogs: [],
  calls: {},
  closing: [],
};
const appEmitter = new EventEmitter();
const paths = { documents: process.env.SMOKE_TMP, temp: process.env.SMOKE_TMP };

const app = {
  isPackaged: false,
  setPath: (name, value) => {
    report.setPath[name] = value;
    paths[name] = value;
  },
  getPath: (name) => paths[name] ?? process.env.SMOKE_TMP,
  getAppPath: () => process.env.SMOKE_APP_PATH,
  getVersion: () => '0.1.0',
  getName: () => 'mediation-desk',
  requestSingleInstanceLock: () => (report.singleInstance++, true),
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  setAppUserModelId: () => {},
  on: (event, listener) => (report.appEvents.push(event), appEmitter.on(event, listener), app),
  off: (event, listener) => (appEmitter.off(event, listener), app),
  once: (event, listener) => (appEmitter.once(event, listener), app),
  quit: () => finish('quit'),
  exit: () => finish('exit'),
};

const webRequest = {
  onBeforeRequest: (filter) => report.session.push(['onBeforeRequest', filter.urls]),
  onHeadersReceived: () => report.session.push(['onHeadersReceived']),
};
const session = {
  defaultSession: {
    setPermissionRequestHandler: () => report.session.push(['permissionRequest']),
    setPermissionCheckHandler: () => report.session.push(['permissionCheck']),
    webRequest,
  },
  fromPartition: () => session.defaultSession,
};

const handlers = new Map();
const ipcMain = {
  handle: (channel, listener) => (report.ipc.push(channel), handlers.set(channel, listener)),
  on: (channel) => report.ipcOn.push(channel),
};

let nextId = 1;
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    report.windows.push(options);
    const contents = new EventEmitter();
    contents.id = nextId++;
    contents.setWindowOpenHandler = () => {};
    contents.isDestroyed = () => false;
    contents.send = () => {};
    this.webContents = contents;
  }
  async loadFile(file) {
    report.loaded.push(file);
    setTimeout(
      () =>
        exercise(this, file).then(
          () => finish('done'),
          (error) => finish(`error: ${error.stack}`),
        ),
      50,
    );
  }
  async loadURL(url) {
    report.loaded.push(url);
  }
  close() {
    report.closing.push('closed by main');
  }
  isDestroyed() {
    return false;
  }
  static fromWebContents() {
    return null;
  }
}

async function exercise(window, file) {
  const event = { sender: window.webContents, senderFrame: { url: pathToFileURL(file).href + '#/', parent: null } };
  const call = (request) => handlers.get('desk:call')(event, request);
  report.calls.status = await call({ name: 'session.status', input: {}, callId: 's0' });
  report.calls.settings = await call({ name: 'settings.get', input: {}, callId: 's1' });
  report.calls.init = await call({
    name: 'settings.init',
    input: { name: '东城街道人民调解委员会', shortName: '东城', operator: '王调解', password: 'wangtiaojie-2026' },
    callId: 's2',
  });
  report.calls.signedIn = await call({ name: 'settings.get', input: {}, callId: 's4' });
  report.calls.invalid = await call({ name: 'cases.add', input: { parties: 'x' }, callId: 's3' });
  report.calls.unknown = await call({ name: 'nope', input: {} });
  report.calls.updater = await handlers.get('desk:updaterStatus')(event);
  report.calls.updatesStatus = await call({ name: 'updates.status', input: {} });
  // last: the operating system locks the screen, and the workbench with it
  report.calls.locked =
    ((report.powerMonitor = powerMonitor.eventNames()),
    powerMonitor.emit('lock-screen'),
    await call({ name: 'settings.get', input: {}, callId: 's5' }));
  const foreign = { ...event, senderFrame: { url: 'https://example.com/', parent: null } };
  report.calls.foreign = await handlers
    .get('desk:call')(foreign, { name: 'settings.get', input: {} })
    .then(
      () => 'accepted',
      (e) => e.message,
    );
  // The close button, with and without unsaved work reported by the page (the dialog answers 仍然关闭).
  const tryClose = async (label) => {
    const closeEvent = { defaultPrevented: false, preventDefault: () => (closeEvent.defaultPrevented = true) };
    window.emit('close', closeEvent);
    await new Promise((resolve) => setTimeout(resolve, 20));
    report.closing.push(`${label}: ${closeEvent.defaultPrevented ? 'held' : 'closes'}`);
  };
  await handlers.get('desk:setUnsavedWork')(event, true);
  await tryClose('unsaved');
  await handlers.get('desk:setUnsavedWork')(event, false);
  await tryClose('saved');
}

const dialog = {
  showMessageBox: async (...args) => (report.dialogs.push(args.at(-1)), { response: 1 }),
  showSaveDialog: async () => ({ canceled: true }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showErrorBox: (title, content) => report.dialogs.push({ title, content }),
};
const Menu = {
  buildFromTemplate: (template) => ((report.menu = template.map((m) => m.label)), { template }),
  setApplicationMenu: () => {},
};
const shell = { openPath: async () => '' };

class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    report.notifications.push(this.options);
  }
}

let finished = false;
function finish(how) {
  if (finished) return;
  finished = true;
  report.finish = how;
  fs.writeFileSync(process.env.SMOKE_REPORT, JSON.stringify(report, null, 2));
  // Let main's will-quit close the store, as Electron would.
  const quitEvent = {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
  appEmitter.emit('will-quit', quitEvent);
  setTimeout(() => process.exit(0), quitEvent.defaultPrevented ? 300 : 0);
}

const powerMonitor = new EventEmitter();
const electron = {
  app,
  session,
  ipcMain,
  BrowserWindow,
  dialog,
  Menu,
  shell,
  net: {},
  autoUpdater: new EventEmitter(),
  Notification,
  powerMonitor,
};
globalThis.__electronStub = electron;
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
