/** Handlers for the office settings (`init`, 设置) and the deliberate change of station code (`recode`). */

import { z } from 'zod';

import type { Desk } from '../desk';
import { DeskError, invalid } from '../errors';
import { handler } from '../handler';
import { ALLOW } from '../schema/operators';
import { type Settings, SettingsPatchSchema, SettingsSchema } from '../schema/settings';
import { requiredParagraph } from '../schema/text';
import type { Session, SignedIn } from '../session';
import { parseOrThrow, withLabels } from '../validate';
import { identityHistory, withIdentityEntry } from './identity-log';

/** Judgements and steps of upper layers the settings need, injected by the handler table (api.ts). */
export interface SettingsRules {
  /** This station has handed batches to a centre under its current code (batches/log.ts knows). */
  hasReported(desk: Desk): boolean;
  /** What the operators layer does when an office gets its first administrator. */
  setUpOffice(
    desk: Desk,
    session: Session,
    settings: Settings,
    options: { password: unknown; encrypt?: boolean; progress?(done: number, total: number): void },
  ): Promise<{ recoveryCode: string; administrator: SignedIn }>;
}

/** Display preferences every operator may change for the office (the rest of 设置 is the administrator's). */
const DISPLAY_ONLY = new Set(['largeText']);

const ROLE_LOCKED = '已有案件、来访登记或上报记录，不能更改机构角色（站点/中心）';

/** The office's role cannot change once it holds cases or front-desk requests, or has reported batches. */
const roleLocked = async (desk: Desk, rules: SettingsRules) =>
  (await desk.caseCount()) > 0 || desk.store.recordCount('requests') > 0 || rules.hasReported(desk);

/**
 * Use the database these settings name (settings `database`, or MEDIATION_DESK_DATABASE at a centre):
 * connected and migrated before anything is saved, so that one that cannot be used is reported and the
 * settings stay as they were. Returns how to go back to the previous one if the save then fails.
 */
async function useDatabaseOf(desk: Desk, settings: Settings): Promise<() => Promise<void>> {
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
  return () => desk.useDatabase(previous).catch(() => undefined);
}

/**
 * Save new settings. A change of station code is logged; once batches were reported under the old code
 * it is refused here (the centre counts cases by code): `recode` does it deliberately, with a reason.
 */
async function saveSettings(desk: Desk, current: Settings | undefined, settings: Settings, rules: SettingsRules): Promise<Settings> {
  if (current && current.role !== settings.role && (await roleLocked(desk, rules))) {
    throw new DeskError('NOT_ALLOWED', ROLE_LOCKED, { field: 'role' });
  }
  const recoded = current !== undefined && current.stationCode !== settings.stationCode;
  if (recoded && rules.hasReported(desk)) {
    throw new DeskError(
      'NOT_ALLOWED',
      `站点代码：本站已用代码“${current.stationCode}”向中心上报过批次，不能在设置中直接改为“${settings.stationCode}”。确需更改时，请用命令行 recode --code ${settings.stationCode} --reason 原因（会记入身份与信任记录），并把新的公钥文件交中心电话核实后确认`,
      { field: 'stationCode' },
    );
  }
  const identityLog = recoded
    ? withIdentityEntry(desk, 'station-code-changed', { from: current.stationCode, to: settings.stationCode, via: 'settings' })
    : undefined;
  const restore = await useDatabaseOf(desk, settings);
  try {
    await desk.commit({ docs: { settings, ...(identityLog ? { identityLog } : {}) } });
  } catch (error) {
    await restore();
    throw error;
  }
  return settings;
}

const RecodeInput = withLabels(
  z.strictObject({
    stationCode: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z-]{1,32}$/, '站点代码只能由字母、数字和连字符组成（1到32位）'),
    reason: requiredParagraph(500, '请写明更改站点代码的原因（如：区划调整，县中心重新编码）'),
  }),
  { stationCode: '新的站点代码', reason: '更改原因' },
);

export const settingsHandlers = (rules: SettingsRules) => ({
  'settings.get': handler(z.strictObject({}), '查看本机构设置', (desk) => desk.maybeSettings() ?? null),

  'settings.init': handler(
    z.unknown(),
    '初始化本机构设置（首次使用：同时设置管理员和密码；中心可用 database 指定 PostgreSQL 数据库）',
    async (desk, raw, { session, progress }) => {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        throw new DeskError('VALIDATION', '设置：应为一个JSON对象（{ "name": …, "shortName": … }）');
      const { password, encrypt, ...fields } = raw as Record<string, unknown>;
      if (encrypt !== undefined && typeof encrypt !== 'boolean') throw invalid('encrypt', '应为 true 或 false');
      // the first set-up: no administrator exists yet (a signed-in session means one does, e.g. in tests)
      const first = desk.store.keyring() === undefined && !session.active();
      if (!first && password !== undefined) throw invalid('password', '管理员已经设置；修改密码请在“设置→操作员”中进行');
      const current = desk.maybeSettings();
      const settings = parseOrThrow(SettingsSchema, { ...(current ?? {}), ...fields });
      if (!first) return { settings: await saveSettings(desk, current, settings, rules) };
      if (current && current.role !== settings.role && (await roleLocked(desk, rules))) {
        throw new DeskError('NOT_ALLOWED', ROLE_LOCKED, { field: 'role' });
      }
      const restore = await useDatabaseOf(desk, settings);
      const { recoveryCode, administrator } = await rules
        .setUpOffice(desk, session, settings, { password, encrypt, progress })
        .catch(async (error: unknown) => {
          await restore();
          throw error;
        });
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
      const settings = parseOrThrow(SettingsSchema, { ...current, ...patch });
      return saveSettings(desk, current, settings, rules);
    },
    (patch) => (Object.keys(patch).every((key) => DISPLAY_ONLY.has(key)) ? 'signed-in' : ALLOW.admin),
  ),

  'settings.recode': handler(
    RecodeInput,
    '更改本站站点代码（有意为之并记录；之后须把新的公钥文件交中心确认）',
    async (desk, input) => {
      const current = desk.settings();
      if (current.stationCode === input.stationCode) {
        throw new DeskError('VALIDATION', `新的站点代码：与现在的代码“${current.stationCode}”相同`, { field: 'stationCode' });
      }
      const settings = { ...current, stationCode: input.stationCode };
      const identityLog = withIdentityEntry(desk, 'station-code-changed', {
        from: current.stationCode,
        to: input.stationCode,
        reason: input.reason,
        via: 'recode',
      });
      await desk.commit({ docs: { settings, identityLog } });
      return { settings, from: current.stationCode, to: input.stationCode };
    },
    ALLOW.admin,
  ),

  'identity.log': handler(z.strictObject({}), '身份与信任记录：站点代码变更、中心公钥的登记与更换、站点的登记、改码与吊销', (desk) =>
    identityHistory(desk),
  ),
});
