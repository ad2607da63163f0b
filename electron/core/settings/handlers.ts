/** Handlers for the office settings (`init`, 设置). */

import { z } from 'zod';

import { DeskError } from '../errors';
import { handler } from '../handler';
import { SettingsPatchSchema, SettingsSchema } from '../schema/settings';
import { parseOrThrow } from '../validate';

export const settingsHandlers = {
  'settings.get': handler(z.strictObject({}), '查看本机构设置', (desk) => desk.maybeSettings() ?? null),

  'settings.init': handler(z.unknown(), '初始化本机构设置（首次使用）', async (desk, raw) => {
    const current = desk.maybeSettings();
    const settings = parseOrThrow(SettingsSchema, { ...(current ?? {}), ...(raw as object) });
    if (current && current.role !== settings.role && desk.store.caseCount() > 0) {
      throw new DeskError('NOT_ALLOWED', '已有案件数据，不能更改机构角色（站点/中心）', { field: 'role' });
    }
    await desk.commit({ docs: { settings } });
    return settings;
  }),

  'settings.update': handler(SettingsPatchSchema, '修改本机构设置', async (desk, patch) => {
    const current = desk.settings();
    if (patch.role !== undefined && patch.role !== current.role && desk.store.caseCount() > 0) {
      throw new DeskError('NOT_ALLOWED', '已有案件数据，不能更改机构角色（站点/中心）', { field: 'role' });
    }
    const settings = parseOrThrow(SettingsSchema, { ...current, ...patch });
    await desk.commit({ docs: { settings } });
    return settings;
  }),
};
