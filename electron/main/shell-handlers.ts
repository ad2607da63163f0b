/**
 * Shell-only entries added to the handler table for the IPC door, so the workbench can ask for them
 * with the same `call(name, input)` it uses for everything else (设置 shows `updates.status`). They
 * exist only inside the desktop app: in the harness the same names answer NOT_FOUND and the UI says
 * 仅在桌面程序中显示. The same services are also on the bridge (`desk.updater`).
 */

import { z } from 'zod';

import { handler, type HandlerTable } from '../core/handler';
import type { UpdaterStatus } from '../preload/bridge';

export function shellHandlers(updater: { status(): UpdaterStatus; restartToUpdate(): boolean; check(): Promise<void> }): HandlerTable {
  return {
    'updates.status': handler(z.strictObject({}), '自动更新的状态（仅桌面程序）', () => updater.status()),
    'updates.check': handler(z.strictObject({}), '立即检查更新（仅桌面程序；离线时只更新状态，不报错）', async () => {
      await updater.check();
      return updater.status();
    }),
    'updates.restart': handler(z.strictObject({}), '重启并安装已下载的新版本；有未保存的内容时不重启，返回false（仅桌面程序）', () =>
      updater.restartToUpdate(),
    ),
  };
}

/** The IPC table: the core's handlers plus the shell's. A name clash would hide a core handler, so it is refused. */
export function ipcTable(core: HandlerTable, shell: HandlerTable): HandlerTable {
  const clash = Object.keys(shell).filter((name) => Object.hasOwn(core, name));
  if (clash.length) throw new Error(`shell handlers clash with core handlers: ${clash.join(', ')}`);
  return { ...core, ...shell };
}
