/**
 * Handlers for backups: create, list, restore (a restore first snapshots the current state, so it can be
 * undone); archives to a folder or USB stick and their restore; the reminder to copy one off the PC.
 */

import { z } from 'zod';

import type { Desk } from '../desk';
import { notAllowed } from '../errors';
import { handler, Overwrite } from '../handler';
import { ALLOW } from '../schema/operators';
import { restoreBackup, restoreBackupFolder } from '../store';
import { removeQuietly } from '../store/fsio';
import { exportBackupArchive, inspectBackupArchive, unpackBackupArchive } from './archive';
import { backupReminderOf } from './reminder';

const ArchiveFile = z.string().trim().min(1, '请指定备份文件');
/** Not trimmed: spaces may be part of a passphrase. */
const Passphrase = z.string().min(1, '请输入口令').max(1_000);

/** A centre on PostgreSQL backs up its database with the server's tools; the data directory holds only this PC's settings. */
function embeddedOnly(desk: Desk): void {
  if (desk.database) {
    throw notAllowed(
      `本中心的案件库在数据库（${desk.database.description}）中：请用 pg_dump 备份、用 pg_restore 恢复（见 docs/postgresql.md），本机的备份只含本机设置`,
    );
  }
}

export const backupHandlers = {
  'backups.create': handler(z.strictObject({}), '立即备份全部数据', (desk) => {
    embeddedOnly(desk);
    return desk.store.createBackup('manual');
  }),

  'backups.list': handler(z.strictObject({}), '列出备份（最新的在前）', (desk) => {
    embeddedOnly(desk);
    return desk.store.listBackups();
  }),

  'backups.restore': handler(
    z.strictObject({ name: z.string().min(1, '请指定要恢复的备份名称').max(200, '备份名称过长') }),
    '从备份恢复（恢复前自动备份当前数据，可撤销）',
    (desk, input) => {
      embeddedOnly(desk);
      return desk.withStoreClosed((dataDir) => restoreBackup(dataDir, input.name, { now: () => desk.clock.now(), key: desk.officeKey() }));
    },
    ALLOW.admin,
  ),

  'backups.export': handler(
    z.strictObject({
      out: z.string().trim().min(1, '请指定保存位置（U盘或文件夹，或 .zip 文件名）').max(4_096, '路径过长'),
      passphrase: Passphrase.optional(),
      overwrite: Overwrite,
    }),
    '备份到U盘或文件夹：一个备份文件（zip，含每个文件的SHA-256），可用口令加密（AES-256-GCM，scrypt）',
    (desk, input, context) => {
      embeddedOnly(desk);
      return exportBackupArchive(desk, { out: input.out, passphrase: input.passphrase, overwrite: input.overwrite }, context);
    },
    // the whole register leaves the PC: the administrator's, like restoring
    ALLOW.admin,
  ),

  'backups.inspect': handler(
    z.strictObject({ file: ArchiveFile }),
    '查看备份文件的说明（机构、时间、案件数、是否加密），不恢复',
    (_desk, input) => inspectBackupArchive(input.file),
    ALLOW.admin,
  ),

  'backups.import': handler(
    z.strictObject({ file: ArchiveFile, passphrase: Passphrase.optional() }),
    '从备份文件恢复：先完整校验；恢复前自动备份当前数据，可撤销；口令错误或文件损坏时不做任何更改',
    async (desk, input) => {
      embeddedOnly(desk);
      // Unpacked and checked while the desk stays open; the store closes only for the restore itself.
      const staged = await unpackBackupArchive(desk.dataDir, input.file, input.passphrase);
      try {
        const result = await desk.withStoreClosed((dataDir) =>
          restoreBackupFolder(dataDir, staged.dir, { now: () => desk.clock.now(), key: desk.officeKey() }),
        );
        return { ...result, archive: staged.info };
      } finally {
        removeQuietly(staged.dir);
      }
    },
    ALLOW.admin,
  ),

  'backups.reminder': handler(z.strictObject({}), '是否该把备份复制到U盘了（多少天没有备份到U盘或文件夹）', (desk) =>
    backupReminderOf(desk),
  ),
};
