/** Handlers for the office settings (`init`, 设置). */

import { z } from 'zod';

import type { Desk } from '../desk';
import { DeskError } from '../errors';
import { handler } from '../handler';
import { SettingsPatchSchema, SettingsSchema } from '../schema/settings';
import { parseOrThrow } from '../validate';

/** The office's role cannot change once it holds cases or front-desk requests. */
const hasRecords = (desk: Desk) => desk.store.caseCount() > 0 || desk.store.recordCount('requests') > 0;

export const settingsHandlers = {
  'settings.get': handler(z.strictObject({}), '查看本机构设置', (desk) => desk.maybeSettings() ?? null),

  'settings.init': handler(z.unknown(), '初始化本机构设置（首次使用）', async (desk, raw) => {
    const current = desk.maybeSettings();
    const settings = parseOrThrow(SettingsSchema, { ...(current ?? {}), ...(raw as object) });
    if (current && current.role !== settings.role && hasRecords(desk)) {
      throw new DeskError('NOT_ALLOWED', '已有案件或来访登记数据，不能更改机构角色（站点/中心）', { field: 'role' });
    }
    await desk.commit({ docs: { settings } });
    return settings;
  }),

  'settings.update': handler(SettingsPatchSchema, '修改本机构设置', async (desk, patch) => {
    const current = desk.settings();
    if (patch.role !== undefined && patch.role !== current.role && hasRecords(desk)) {
      throw new DeskError('NOT_ALLOWED', '已有案件或来访登记数据，不能更改机构角色（站点/中心）', { field: 'role' });
    }
    const settings = parseOrThrow(SettingsSchema, { ...current, ...patch });
    await desk.commit({ docs: { settings } });
    return settings;
  }),
};
