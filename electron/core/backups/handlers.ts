/** Handlers for backups: create, list, restore (a restore first snapshots the current state, so it can be undone). */

import { z } from 'zod';

import { handler } from '../handler';
import { restoreBackup } from '../store';

export const backupHandlers = {
  'backups.create': handler(z.strictObject({}), '立即备份全部数据', (desk) => desk.store.createBackup('manual')),

  'backups.list': handler(z.strictObject({}), '列出备份（最新的在前）', (desk) => desk.store.listBackups()),

  'backups.restore': handler(
    z.strictObject({ name: z.string().min(1, '请指定要恢复的备份名称').max(200, '备份名称过长') }),
    '从备份恢复（恢复前自动备份当前数据，可撤销）',
    (desk, input) => desk.withStoreClosed((dataDir) => restoreBackup(dataDir, input.name, { now: () => desk.clock.now() })),
  ),
};
