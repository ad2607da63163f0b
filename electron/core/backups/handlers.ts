/** Handlers for backups: create, list, restore (a restore first snapshots the current state, so it can be undone). */

import { z } from 'zod';

import type { Desk } from '../desk';
import { notAllowed } from '../errors';
import { handler } from '../handler';
import { restoreBackup } from '../store';

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
    z.strictObject({ name: z.string().min(1, '请指定要恢复的备份名称') }),
    '从备份恢复（恢复前自动备份当前数据，可撤销）',
    (desk, input) => {
      embeddedOnly(desk);
      return desk.withStoreClosed((dataDir) => restoreBackup(dataDir, input.name, { now: () => desk.clock.now() }));
    },
  ),
};
