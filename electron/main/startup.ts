/**
 * Opening the data directory when the app starts. The two failures a mediator can meet get a Chinese
 * dialog instead of a crash: STORE_LOCKED (another program, usually the command line, holds the data)
 * offers 重试; STORE_CORRUPT offers to restore the newest backup (the damaged data is itself saved as a
 * before-restore backup first, by restoreBackup, so nothing is thrown away).
 */

import { asDeskError, type DeskError } from '../core/errors';
import type { BackupInfo } from '../core/store/types';

type Logger = { info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void };

export interface AskOptions {
  type: 'error' | 'warning' | 'info' | 'question';
  title: string;
  message: string;
  detail?: string;
  buttons: string[];
  defaultId?: number;
  cancelId?: number;
}

export interface StartupDeps<D> {
  dataDir: string;
  open(): Promise<D>;
  /** A native message box; resolves to the index of the button pressed. */
  ask(options: AskOptions): Promise<number>;
  /** Backup names in the order to try them (restoreCandidates). */
  listBackups(): string[];
  restore(name: string): Promise<void>;
  log: Logger;
}

/**
 * The order to try backups in: newest first (the store lists them so), except that snapshots taken just
 * before a restore hold the state being replaced, which may be the damaged one: they come last.
 */
export function restoreCandidates(backups: readonly BackupInfo[]): string[] {
  return [...backups.filter((b) => b.kind !== 'before-restore'), ...backups.filter((b) => b.kind === 'before-restore')].map((b) => b.name);
}

/** The desk, or null when the user chose 退出 (the caller quits the app). */
export async function openDeskInteractively<D>(deps: StartupDeps<D>): Promise<D | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    let error: DeskError;
    try {
      return await deps.open();
    } catch (thrown) {
      error = asDeskError(thrown);
    }
    deps.log.error(`打开数据目录失败：${error.code}`, error.message);

    if (error.code === 'STORE_LOCKED' || error.code === 'STORE_UNWRITABLE') {
      const locked = error.code === 'STORE_LOCKED';
      const choice = await deps.ask({
        type: 'warning',
        title: '人民调解工作台',
        message: locked ? '数据正被另一个程序使用' : '无法写入数据文件夹',
        detail: locked
          ? `${error.message}\n\n可能是命令行工具正在运行，或本电脑的另一位用户正在使用人民调解工作台。请关闭它后点击“重试”。\n\n数据文件夹：${deps.dataDir}`
          : `${error.message}\n\n请检查磁盘是否已满、文件夹是否只读，处理后点击“重试”。\n\n数据文件夹：${deps.dataDir}`,
        buttons: ['重试', '退出'],
        defaultId: 0,
        cancelId: 1,
      });
      if (choice === 0) continue;
      return null;
    }

    if (error.code === 'STORE_CORRUPT') {
      const backups = deps.listBackups();
      if (backups.length === 0) {
        await deps.ask({
          type: 'error',
          title: '人民调解工作台',
          message: '数据文件已损坏，且没有可用的备份',
          detail: `${error.message}\n\n程序没有改动任何文件。请联系中心的技术人员，并提供数据文件夹：${deps.dataDir}`,
          buttons: ['退出'],
        });
        return null;
      }
      const choice = await deps.ask({
        type: 'error',
        title: '人民调解工作台',
        message: '数据文件已损坏',
        detail: `${error.message}\n\n可以从最近的备份“${backups[0]}”恢复。恢复前，当前（损坏的）数据会另存为一份备份，不会被删除；备份之后录入或修改的内容需要重新录入。\n\n数据文件夹：${deps.dataDir}`,
        buttons: ['从最近的备份恢复', '退出'],
        defaultId: 0,
        cancelId: 1,
      });
      if (choice !== 0) return null;
      const restored = await restoreNewestGood(deps, backups);
      if (restored === null) {
        await deps.ask({
          type: 'error',
          title: '人民调解工作台',
          message: '没有能够恢复的备份',
          detail: `所有备份都无法恢复。请联系中心的技术人员，并提供数据文件夹：${deps.dataDir}`,
          buttons: ['退出'],
        });
        return null;
      }
      await deps.ask({
        type: 'info',
        title: '人民调解工作台',
        message: '已从备份恢复',
        detail: `已恢复备份“${restored.name}”。请核对最近录入的案件，备份之后的内容需要重新录入。`,
        buttons: ['确定'],
      });
      return restored.desk;
    }

    await deps.ask({
      type: 'error',
      title: '人民调解工作台',
      message: '程序无法打开数据',
      detail: `${error.message}\n\n数据文件夹：${deps.dataDir}`,
      buttons: ['退出'],
    });
    return null;
  }
  return null;
}

/** Newest first: restore, then open; a backup that is itself damaged is skipped for the next. */
async function restoreNewestGood<D>(deps: StartupDeps<D>, backups: string[]): Promise<{ name: string; desk: D } | null> {
  for (const name of backups) {
    try {
      await deps.restore(name);
      const desk = await deps.open();
      deps.log.info('已从备份恢复', name);
      return { name, desk };
    } catch (thrown) {
      deps.log.warn(`备份“${name}”无法恢复`, asDeskError(thrown).message);
    }
  }
  return null;
}
