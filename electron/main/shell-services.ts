/**
 * Desktop-only services of the bridge: native save/open dialogs (USB stick, shared folder), opening a
 * generated file with the system's program, printing a PDF. Paths come from the renderer, so they are
 * checked here: only existing documents of the kinds the app produces (or a folder) are opened, so a
 * compromised page could not make the shell run a program.
 */

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { BaseWindow, BrowserWindow, Dialog, IpcMainInvokeEvent, Shell } from 'electron';
import { z } from 'zod';

type Logger = { info(...data: unknown[]): void; warn(...data: unknown[]): void };

const FilterSchema = z.strictObject({
  name: z.string().max(100),
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,10})$/, '扩展名格式不正确')).max(20),
});

export const SaveDialogRequestSchema = z.strictObject({
  title: z.string().max(200),
  defaultName: z.string().max(260),
  filters: z.array(FilterSchema).max(10),
});
export const OpenDialogRequestSchema = z.strictObject({
  title: z.string().max(200),
  filters: z.array(FilterSchema).max(10),
});
export const OpenPathRequestSchema = z.string().min(1, '缺少文件路径').max(4096);

/** Kinds of file the app writes or reads: documents, spreadsheets, batches, backups. */
export const OPENABLE_EXTENSIONS = new Set(['.pdf', '.docx', '.doc', '.xlsx', '.xls', '.csv', '.txt', '.json', '.zip', '.html']);

/** Why this path may not be opened, or null. Folders are fine (the file manager shows them). */
export function openPathProblem(target: string): string | null {
  if (!path.isAbsolute(target)) return '文件路径必须是完整路径';
  if (!existsSync(target)) return `文件不存在：${target}`;
  if (statSync(target).isDirectory()) return null;
  const ext = path.extname(target).toLowerCase();
  if (!OPENABLE_EXTENSIONS.has(ext)) return `不能打开此类文件（${ext || '无扩展名'}）`;
  return null;
}

export interface ShellServices {
  chooseSavePath(event: IpcMainInvokeEvent, options: z.output<typeof SaveDialogRequestSchema>): Promise<string | null>;
  chooseOpenPath(event: IpcMainInvokeEvent, options: z.output<typeof OpenDialogRequestSchema>): Promise<string | null>;
  openPath(target: string): Promise<void>;
  printPdf(target: string): Promise<void>;
}

export interface ShellDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  shell: Pick<Shell, 'openPath'>;
  /** The window that asked, so dialogs are modal to it. */
  windowOf(event: IpcMainInvokeEvent): BaseWindow | null;
  /** A hidden window made by the secure factory, for printing. */
  createHiddenWindow(): BrowserWindow;
  /** Where save dialogs start: the last folder used, else the documents folder. */
  defaultFolder(): string;
  log: Logger;
  /** Wait between loading the PDF and printing it (tests set 0). */
  printDelayMs?: number;
}

export function createShellServices(deps: ShellDeps): ShellServices {
  let lastFolder: string | undefined;

  const openWithSystem = async (target: string) => {
    const problem = openPathProblem(target);
    if (problem) throw new Error(problem);
    const failure = await deps.shell.openPath(target);
    if (failure) throw new Error(`无法打开文件：${failure}`);
  };

  return {
    async chooseSavePath(event, options) {
      const window = deps.windowOf(event);
      const defaultPath = path.join(lastFolder ?? deps.defaultFolder(), path.basename(options.defaultName));
      const dialogOptions = {
        title: options.title,
        defaultPath,
        filters: options.filters,
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const result = window ? await deps.dialog.showSaveDialog(window, dialogOptions) : await deps.dialog.showSaveDialog(dialogOptions);
      if (result.canceled || !result.filePath) return null;
      lastFolder = path.dirname(result.filePath);
      return result.filePath;
    },

    async chooseOpenPath(event, options) {
      const window = deps.windowOf(event);
      const dialogOptions = {
        title: options.title,
        defaultPath: lastFolder ?? deps.defaultFolder(),
        filters: options.filters,
        properties: ['openFile' as const],
      };
      const result = window ? await deps.dialog.showOpenDialog(window, dialogOptions) : await deps.dialog.showOpenDialog(dialogOptions);
      if (result.canceled || result.filePaths.length === 0) return null;
      lastFolder = path.dirname(result.filePaths[0]);
      return result.filePaths[0];
    },

    openPath: openWithSystem,

    /**
     * Chromium's PDF viewer in a hidden window, then the system print dialog. Where that fails (no
     * printer driver answering, a viewer that cannot print) the PDF opens in the system's reader, from
     * which the mediator prints as usual.
     */
    async printPdf(target) {
      const problem = openPathProblem(target);
      if (problem) throw new Error(problem);
      if (path.extname(target).toLowerCase() !== '.pdf') throw new Error('只能打印PDF文件');
      let window: BrowserWindow | undefined;
      try {
        window = deps.createHiddenWindow();
        await window.loadURL(pathToFileURL(target).href);
        // The PDF viewer attaches its frame after the load event; printing earlier prints a blank page.
        await new Promise((resolve) => setTimeout(resolve, deps.printDelayMs ?? 500));
        const outcome = await new Promise<{ success: boolean; reason: string }>((resolve) =>
          window!.webContents.print({ silent: false, printBackground: true }, (success, reason) => resolve({ success, reason })),
        );
        if (outcome.success || /cancel/i.test(outcome.reason)) return;
        deps.log.warn('打印失败，改用系统程序打开PDF', outcome.reason);
      } catch (error) {
        deps.log.warn('打印窗口失败，改用系统程序打开PDF', (error as Error).message);
      } finally {
        if (window && !window.isDestroyed()) window.destroy();
      }
      await openWithSystem(target);
    },
  };
}
