/** Handlers for the office settings (`init`, 设置). */

import { z } from 'zod';

import type { Desk } from '../desk';
import { DeskError, invalid } from '../errors';
import { handler } from '../handler';
import { type Settings, SettingsPatchSchema, SettingsSchema } from '../schema/settings';
import { ALLOW, type Session, type SignedIn } from '../session';
import { parseOrThrow } from '../validate';

/** What the operators layer does when an office gets its first administrator (injected by api.ts). */
export interface OfficeSetUp {
  setUpOffice(
    desk: Desk,
    session: Session,
    settings: Settings,
    options: { password: unknown; encrypt?: boolean; progress?(done: number, total: number): void },
  ): Promise<{ recoveryCode: string; administrator: SignedIn }>;
}

/** Display preferences every operator may change for the office (the rest of 设置 is the administrator's). */
const DISPLAY_ONLY = new Set(['largeText']);

export const settingsHandlers = (office: OfficeSetUp) => ({
  'settings.get': handler(z.strictObject({}), '查看本机构设置', (desk) => desk.maybeSettings() ?? null),

  'settings.init': handler(
    z.unknown(),
    '初始化本机构设置（首次使用：同时设置管理员和密码）',
    async (desk, raw, { session, progress }) => {
      const { password, encrypt, ...fields } = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
      if (encrypt !== undefined && typeof encrypt !== 'boolean') throw invalid('encrypt', '应为 true 或 false');
      // the first set-up: no administrator exists yet (a signed-in session means one does, e.g. in tests)
      const first = desk.store.keyring() === undefined && !session.active();
      if (!first && password !== undefined) throw invalid('password', '管理员已经设置；修改密码请在“设置→操作员”中进行');
      const current = desk.maybeSettings();
      const settings = parseOrThrow(SettingsSchema, { ...(current ?? {}), ...fields });
      if (current && current.role !== settings.role && desk.store.caseCount() > 0) {
        throw new DeskError('NOT_ALLOWED', '已有案件数据，不能更改机构角色（站点/中心）', { field: 'role' });
      }
      if (!first) {
        await desk.commit({ docs: { settings } });
        return { settings };
      }
      const { recoveryCode, administrator } = await office.setUpOffice(desk, session, settings, { password, encrypt, progress });
      return { settings, administrator, recoveryCode };
    },
    // the first administrator is created by whoever sets the office up; after that, only an administrator changes it
    (_input, desk) => (desk.store.keyring() === undefined ? 'public' : ALLOW.admin),
  ),

  'settings.update': handler(
    SettingsPatchSchema,
    '修改本机构设置',
    async (desk, patch) => {
      const current = desk.settings();
      if (patch.role !== undefined && patch.role !== current.role && desk.store.caseCount() > 0) {
        throw new DeskError('NOT_ALLOWED', '已有案件数据，不能更改机构角色（站点/中心）', { field: 'role' });
      }
      const settings = parseOrThrow(SettingsSchema, { ...current, ...patch });
      await desk.commit({ docs: { settings } });
      return settings;
    },
    (patch) => (Object.keys(patch).every((key) => DISPLAY_ONLY.has(key)) ? 'signed-in' : ALLOW.admin),
  ),
});
