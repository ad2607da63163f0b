/**
 * The only place that constructs BrowserWindow (a unit test scans electron/main for any other).
 * Every window gets the secure options, the hardened web contents and the CSP'd session.
 */

import { BrowserWindow } from 'electron';

import { hardenWebContents, isSecureWindowOptions, secureWindowOptions, type WindowLook } from './security';

type Logger = { warn(...data: unknown[]): void };

export function createSecureWindow(look: WindowLook, log: Logger, preload?: string): BrowserWindow {
  const options = secureWindowOptions(look, preload);
  // Belt and braces: a change to secureWindowOptions that loosens anything stops the app at once.
  if (!isSecureWindowOptions(options)) throw new Error('窗口安全设置不完整，拒绝创建窗口');
  const window = new BrowserWindow(options);
  hardenWebContents(window.webContents, log);
  return window;
}

/** The workbench window: hidden until first paint so no white flash on old PCs. */
export function createMainWindow(options: { preload: string; icon?: string; log: Logger }): BrowserWindow {
  const window = createSecureWindow(
    {
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      title: '人民调解工作台',
      backgroundColor: '#f5f5f5',
      ...(options.icon ? { icon: options.icon } : {}),
    },
    options.log,
    options.preload,
  );
  window.once('ready-to-show', () => {
    window.maximize();
    window.show();
  });
  return window;
}

/** A second launch, or a call to bring the desk forward: restore, show and focus the window. */
export function focusWindow(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
