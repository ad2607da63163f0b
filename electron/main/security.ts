/**
 * The shell's security settings in one place. Every window is created from `secureWindowOptions()`
 * (see ./window.ts); every web contents gets `hardenWebContents()`, the session `hardenSession()`.
 * Only types come from electron here, so the settings can be checked by unit tests without the binary.
 */

import type { BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';

/**
 * The same policy as the meta tag in renderer/index.html, also sent as a header for anything the
 * session serves. `style-src 'unsafe-inline'` is for Ant Design's CSS-in-JS; blob: frames and objects
 * let the 文书 screen preview a generated PDF. Nothing remote: no http(s) source is listed anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Never relaxed, for any window. */
export const SECURE_WEB_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
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
  // Chromium's built-in PDF viewer: the 文书 screen previews generated PDFs in a blob: frame.
  plugins: true,
});

/** What a caller may choose about a window: its look, never its web preferences. */
export type WindowLook = Pick<
  BrowserWindowConstructorOptions,
  'width' | 'height' | 'minWidth' | 'minHeight' | 'show' | 'title' | 'icon' | 'backgroundColor' | 'parent' | 'modal' | 'autoHideMenuBar'
>;

/** The options of every window of the app. A preload script is the only web preference a caller adds. */
export function secureWindowOptions(look: WindowLook = {}, preload?: string): BrowserWindowConstructorOptions {
  if ('webPreferences' in (look as object)) throw new Error('secureWindowOptions: webPreferences may not be overridden');
  return {
    ...look,
    webPreferences: { ...SECURE_WEB_PREFERENCES, ...(preload ? { preload } : {}) },
  };
}

/** True when options carry every secure setting unchanged (used by tests and asserted at window creation). */
export function isSecureWindowOptions(options: BrowserWindowConstructorOptions): boolean {
  const prefs = options.webPreferences as Record<string, unknown> | undefined;
  if (!prefs) return false;
  return Object.entries(SECURE_WEB_PREFERENCES).every(([key, value]) => prefs[key] === value);
}

type Logger = { warn(...data: unknown[]): void };

/**
 * No new windows, no navigation away from the loaded page, no <webview>. The renderer is a single
 * page app on file://: any attempt to go elsewhere is a bug or an attack, and is refused and logged.
 */
export function hardenWebContents(contents: WebContents, log: Logger): void {
  contents.setWindowOpenHandler((details) => {
    log.warn('拒绝打开新窗口', safeUrlForLog(details.url));
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log.warn('拒绝页面跳转', safeUrlForLog(url ?? (event as unknown as { url?: string }).url ?? ''));
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** Schemes that can reach outside the machine; the app loads nothing from them. */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

/**
 * The window session: every permission request denied (camera, notifications, geolocation…), every
 * remote request cancelled, and the CSP header added to whatever it serves. The updater downloads
 * through its own session, so this does not stop updates.
 */
export function hardenSession(ses: Session, log: Logger): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('拒绝权限请求', permission);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (details, callback) => {
    log.warn('拒绝远程请求', safeUrlForLog(details.url));
    callback({ cancel: true });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/** URLs in the log without query strings (which could carry names or numbers typed into a form). */
export function safeUrlForLog(url: string): string {
  return url.replace(/[?#].*$/, '');
}
