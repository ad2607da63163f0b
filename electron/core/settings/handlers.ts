/** Handlers for the office settings (`init`, 设置). */

import { z } from 'zod';

import type { Desk } from '../desk';
import { DeskError } from '../errors';
import { handler } from '../handler';
import { type Settings, SettingsPatchSchema, SettingsSchema } from '../schema/settings';
import { parseOrThrow } from '../validate';

/**
 * Save new settings. A centre's database (settings `database`, or MEDIATION_DESK_DATABASE) is connected
 * and migrated first: one that cannot be used is reported and the settings stay as they were.
 */
async function saveSettings(desk: Desk, current: Settings | undefined, settings: Settings): Promise<Settings> {
  if (current && current.role !== settings.role && (await desk.caseCount()) > 0) {
    throw new DeskError('NOT_ALLOWED', '已有案件数据，不能更改机构角色（站点/中心）', { field: 'role' });
  }
  const url = desk.databaseUrl(settings);
  const previous = desk.database?.url;
  if (url && url !== previous && desk.store.caseCount() > 0) {
    throw new DeskError(
      'NOT_ALLOWED',
      `本机数据目录中已有 ${desk.store.caseCount()} 件案件：请在新的数据目录中设置使用数据库的中心，再把各站点的批次导入数据库（docs/postgresql.md）`,
      { field: 'database' },
    );
  }
  await desk.useDatabase(url);
  try {
    await desk.commit({ docs: { settings } });
  } catch (error) {
    await desk.useDatabase(previous).catch(() => undefined);
    throw error;
  }
  return settings;
}

export const settingsHandlers = {
  'settings.get': handler(z.strictObject({}), '查看本机构设置', (desk) => desk.maybeSettings() ?? null),

  'settings.init': handler(z.unknown(), '初始化本机构设置（首次使用；中心可用 database 指定 PostgreSQL 数据库）', async (desk, raw) => {
    const current = desk.maybeSettings();
    return saveSettings(desk, current, parseOrThrow(SettingsSchema, { ...(current ?? {}), ...(raw as object) }));
  }),

  'settings.update': handler(SettingsPatchSchema, '修改本机构设置', async (desk, patch) => {
    const current = desk.settings();
    return saveSettings(desk, current, parseOrThrow(SettingsSchema, { ...current, ...patch }));
  }),
};
