/**
 * Unsaved work in the renderer (a half-typed intake form, an edited template), reported per window
 * through `desk:setUnsavedWork`. While any window reports it the updater does not restart the app
 * (updater.ts asks `any()`), and closing that window asks first.
 */

import type { MessageBoxOptions } from 'electron';

export class UnsavedWork {
  private readonly bySender = new Map<number, boolean>();

  set(senderId: number, unsaved: boolean): void {
    this.bySender.set(senderId, unsaved);
  }

  /** The window's page is gone: whatever it held is no longer unsaved work. */
  forget(senderId: number): void {
    this.bySender.delete(senderId);
  }

  of(senderId: number): boolean {
    return this.bySender.get(senderId) === true;
  }

  any(): boolean {
    return [...this.bySender.values()].some(Boolean);
  }
}

/** Buttons: 0 返回保存 (the default, also Esc), 1 仍然关闭. */
export const CLOSE_QUESTION: MessageBoxOptions = {
  type: 'warning',
  title: '人民调解工作台',
  message: '有尚未保存的内容',
  detail: '关闭后，受理登记的草稿会保留，下次打开可以继续；其他未保存的修改将丢失。',
  buttons: ['返回保存', '仍然关闭'],
  defaultId: 0,
  cancelId: 0,
};
export const CLOSE_ANYWAY = 1;

/** The part of BrowserWindow the guard uses. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
}

/**
 * Closing `window` while it holds unsaved work asks `CLOSE_QUESTION` first; only 仍然关闭 closes it.
 * A second click on the close button while the question is open does not ask again.
 */
export function guardClose(window: ClosableWindow, hasUnsavedWork: () => boolean, ask: () => Promise<number>): void {
  let confirmed = false;
  let asking = false;
  window.on('close', (event) => {
    if (confirmed || !hasUnsavedWork()) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    ask().then(
      (response) => {
        asking = false;
        if (response !== CLOSE_ANYWAY) return;
        confirmed = true;
        window.close();
      },
      () => {
        asking = false; // no answer (the dialog failed): the window stays open, nothing is lost
      },
    );
  });
}
