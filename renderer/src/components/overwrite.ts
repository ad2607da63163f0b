/**
 * Saving over an existing file is asked, never assumed. The core refuses an output path where a file
 * already is unless the call says `overwrite` (the desktop save dialog asks by itself, so a path chosen
 * there is passed with `overwrite: true`). For a path typed into a field, `withOverwriteQuestion` runs
 * the call once; if the core answers that the file exists, it asks 覆盖吗？ and runs it again with
 * `overwrite: true` only when the person says yes.
 */

import { ApiError } from '../api/client';

/** The core's refusal of an existing file (electron/core/files.ts `isExistingFileRefusal`). */
export function isExistingFile(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.details as { exists?: unknown } | undefined)?.exists === true;
}

/** `run(false)`; on "file exists", ask with `confirm` and `run(true)` if confirmed. Undefined when declined. */
export async function withOverwriteQuestion<T>(
  run: (overwrite: boolean) => Promise<T>,
  confirm: (message: string) => Promise<boolean>,
): Promise<T | undefined> {
  try {
    return await run(false);
  } catch (error) {
    if (!isExistingFile(error)) throw error;
    const path = (error.details as { path?: string }).path ?? '';
    if (!(await confirm(`文件“${path}”已存在。要用新的内容覆盖它吗？`))) return undefined;
    return run(true);
  }
}

type ConfirmModal = {
  confirm(config: { title: string; content: string; okText: string; cancelText: string; onOk(): void; onCancel(): void }): unknown;
};

/** A yes/no question as an antd confirmation (`App.useApp().modal`), answering true for `okText`. */
export function askConfirmation(modal: ConfirmModal, title: string, okText: string): (message: string) => Promise<boolean> {
  return (content) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({ title, content, okText, cancelText: '取消', onOk: () => resolve(true), onCancel: () => resolve(false) });
    });
}

/** The overwrite question, answering true for 覆盖. */
export function askOverwrite(modal: ConfirmModal): (message: string) => Promise<boolean> {
  return askConfirmation(modal, '覆盖已有文件？', '覆盖');
}
