/**
 * The shell's security settings. Fails when any window could be created without them: the factory's
 * options are checked here, and electron/main is scanned for BrowserWindow constructions or
 * webPreferences anywhere outside the factory.
 */

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import {
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isSecureWindowOptions,
  REMOTE_URL_PATTERNS,
  SECURE_WEB_PREFERENCES,
  secureWindowOptions,
} from '../../electron/main/security';
import { createMainWindow, createSecureWindow } from '../../electron/main/window';

const fakes = vi.hoisted(() => {
  type Listener = (...args: any[]) => unknown;
  class FakeContents {
    listeners = new Map<string, Listener[]>();
    openHandler?: (details: { url: string }) => { action: string };
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    webContents = new FakeContents();
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
  }
  return { FakeBrowserWindow, FakeContents };
});

vi.mock('electron', () => ({ BrowserWindow: fakes.FakeBrowserWindow }));

const silent = { warn: vi.fn() };
const mainDir = path.resolve(import.meta.dirname, '../../electron/main');

describe('window security settings', () => {
  it('every window option set is the secure one', () => {
    const options = secureWindowOptions({ width: 800, show: false }, '/app/dist/preload/preload.cjs');
    expect(options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      plugins: true,
      preload: '/app/dist/preload/preload.cjs',
    });
    expect(options.width).toBe(800);
    expect(isSecureWindowOptions(options)).toBe(true);
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
  });

  it('refuses web preferences from callers, and spots a weakened set', () => {
    expect(() => secureWindowOptions({ webPreferences: { nodeIntegration: true } } as never)).toThrow();
    for (const [key, value] of Object.entries(SECURE_WEB_PREFERENCES)) {
      const weakened = { webPreferences: { ...SECURE_WEB_PREFERENCES, [key]: !value } };
      expect(isSecureWindowOptions(weakened), key).toBe(false);
    }
    expect(isSecureWindowOptions({})).toBe(false);
  });

  it('the factory builds every window with those options and hardens its contents', () => {
    fakes.FakeBrowserWindow.created.length = 0;
    createMainWindow({ preload: '/p.cjs', log: silent });
    createSecureWindow({ show: false }, silent);
    expect(fakes.FakeBrowserWindow.created).toHaveLength(2);
    for (const window of fakes.FakeBrowserWindow.created) {
      expect(isSecureWindowOptions(window.options)).toBe(true);
      expect(window.webContents.openHandler).toBeTypeOf('function');
      expect(window.webContents.listeners.get('will-navigate')).toHaveLength(1);
    }
    expect((fakes.FakeBrowserWindow.created[0].options.webPreferences as { preload: string }).preload).toBe('/p.cjs');
    expect((fakes.FakeBrowserWindow.created[1].options.webPreferences as { preload?: string }).preload).toBeUndefined();
  });

  it('no file in electron/main constructs a window or sets web preferences outside the factory', () => {
    const offenders: string[] = [];
    for (const file of readdirSync(mainDir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(path.join(mainDir, file), 'utf8');
      if (/new\s+BrowserWindow\s*\(/.test(text) && file !== 'window.ts') offenders.push(`${file}: new BrowserWindow(`);
      if (/new\s+(BaseWindow|WebContentsView|BrowserView)\s*\(/.test(text)) offenders.push(`${file}: other window or view`);
      if (/webPreferences\s*:/.test(text) && file !== 'security.ts') offenders.push(`${file}: webPreferences`);
    }
    expect(offenders).toEqual([]);
    const factory = readFileSync(path.join(mainDir, 'window.ts'), 'utf8');
    expect(factory.match(/new\s+BrowserWindow\s*\(/g)).toHaveLength(1);
    expect(factory).toMatch(/new BrowserWindow\(options\)/);
  });
});

describe('web contents and session', () => {
  it('denies new windows, navigation, redirects and <webview>', () => {
    const contents = new fakes.FakeContents();
    const log = { warn: vi.fn() };
    hardenWebContents(contents as never, log);
    expect(contents.openHandler!({ url: 'https://example.com/?idNumber=1' })).toEqual({ action: 'deny' });
    expect(log.warn).toHaveBeenCalledWith('拒绝打开新窗口', 'https://example.com/');
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn(), url: 'https://example.com/' };
      contents.emit(event, e, 'https://example.com/');
      expect(e.preventDefault, event).toHaveBeenCalled();
    }
  });

  it('denies every permission, cancels remote requests, adds the CSP header', () => {
    let request: ((...args: any[]) => void) | undefined;
    let check: ((...args: any[]) => boolean) | undefined;
    let before: { filter: { urls: string[] }; listener: (...args: any[]) => void } | undefined;
    let headers: ((...args: any[]) => void) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      webRequest: {
        onBeforeRequest: (filter: { urls: string[] }, listener: (...args: any[]) => void) => (before = { filter, listener }),
        onHeadersReceived: (listener: typeof headers) => (headers = listener),
      },
    };
    hardenSession(session as never, { warn: () => {} });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'fileSystem']) {
      const callback = vi.fn();
      request!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!({}, permission, 'file://', {})).toBe(false);
    }
    expect(before!.filter.urls).toEqual(REMOTE_URL_PATTERNS);
    const cancel = vi.fn();
    before!.listener({ url: 'https://cdn.example.com/x.js' }, cancel);
    expect(cancel).toHaveBeenCalledWith({ cancel: true });
    const done = vi.fn();
    headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, done);
    expect(done).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('the CSP allows nothing remote, no eval, no inline script', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval|wss?:/);
    // Every directive of the renderer's own meta policy is at least as strict in the header.
    const renderer = readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(renderer)?.[1];
    if (meta) {
      for (const directive of meta
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)) {
        const [name, ...values] = directive.split(/\s+/);
        for (const value of directives[name] ?? []) expect(values, `${name} ${value}`).toContain(value);
      }
    }
  });
});

describe('preload', () => {
  it('requires only electron, and only contextBridge and ipcRenderer from it', () => {
    const preloadDir = path.resolve(import.meta.dirname, '../../electron/preload');
    const text = readFileSync(path.join(preloadDir, 'preload.ts'), 'utf8');
    const imports = [...text.matchAll(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/gm)].map((m) => ({
      typeOnly: !!m[1],
      names: m[2],
      from: m[3],
    }));
    const runtime = imports.filter((i) => !i.typeOnly);
    expect(runtime.map((i) => i.from).sort()).toEqual(['../main/channels', './bridge', 'electron']);
    const fromElectron = runtime
      .find((i) => i.from === 'electron')!
      .names.split(',')
      .map((n) => n.trim())
      .filter((n) => !n.startsWith('type '));
    expect(fromElectron.sort()).toEqual(['contextBridge', 'ipcRenderer']);
    // What the preload pulls in at run time imports nothing itself.
    expect(readFileSync(path.join(mainDir, 'channels.ts'), 'utf8')).not.toMatch(/^import /m);
    expect(readFileSync(path.join(preloadDir, 'bridge.ts'), 'utf8')).not.toMatch(/^import (?!type )/m);
  });
});
