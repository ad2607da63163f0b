/**
 * Stand-in for the `electron` package under vitest: importing the real one tries to download the
 * Electron binary. Tests that need particular behaviour replace these with `vi.mock('electron', …)`.
 */
export const app = {};
export const BrowserWindow = class {};
export const ipcMain = {};
export const contextBridge = {};
export const ipcRenderer = {};
export const dialog = {};
export const shell = {};
export const Menu = {};
export const session = {};
export const Notification = class {};
export const powerMonitor = {};
export default { app, BrowserWindow, ipcMain, contextBridge, ipcRenderer, dialog, shell, Menu, session, Notification };
