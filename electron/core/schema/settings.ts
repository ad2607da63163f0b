/**
 * Office settings: who this installation is. Stored in the data directory, edited in 设置 and by `init`.
 */

import { z } from 'zod';

import { OFFICE_ROLES } from './codes';

export const DEFAULT_NUMBER_PATTERN = '（{year}）{shortName}调字第{seq}号';

export const ReminderSettingsSchema = z.strictObject({
  /** Warn this many days before the 30-day judicial-confirmation window closes. */
  confirmationWarnDays: z.int().nonnegative().default(7),
  /** A follow-up visit is due this many days after the agreement. */
  followUpDueDays: z.int().positive().default(15),
  /** A case in mediation longer than this is flagged. */
  longMediationDays: z.int().positive().default(30),
});

const DATABASE_SCHEMES = ['postgresql:', 'postgres:'];

/**
 * Why `url` cannot be a centre's `database` setting, or null. A password is refused where it would be
 * kept in the settings (shown in 设置, copied into backups); the environment variable may carry one.
 */
export function databaseUrlProblem(url: string, where: 'settings' | 'environment' = 'settings'): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '数据库地址格式不正确，应为 postgresql://用户名@服务器:端口/数据库名';
  }
  if (!DATABASE_SCHEMES.includes(parsed.protocol)) return `数据库地址应以 postgresql:// 开头（现为“${parsed.protocol}”）`;
  if (!parsed.hostname && !parsed.searchParams.get('host')) return '数据库地址中缺少服务器地址';
  if (parsed.pathname.length <= 1) return '数据库地址中缺少数据库名（如 postgresql://desk@服务器/mediation）';
  if (where === 'settings' && parsed.password) {
    return '数据库密码不能写在设置中（设置会显示在界面上并随备份复制）：请把密码放在 PostgreSQL 密码文件（pgpass）或环境变量 PGPASSWORD 中，或用环境变量 MEDIATION_DESK_DATABASE 给出完整地址';
  }
  return null;
}

export const SettingsSchema = z
  .strictObject({
    name: z.string().trim().min(1, '调委会或机构名称不能为空').max(100),
    shortName: z.string().trim().min(1, '简称不能为空').max(20),
    court: z.string().trim().max(100).default(''),
    stationCode: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z-]{1,32}$/, '站点代码只能由字母、数字和连字符组成')
      .default('000000-000'),
    operator: z.string().trim().max(50).default(''),
    role: z.enum(OFFICE_ROLES.codes).default('station'),
    organization: z.string().trim().max(100).default(''),
    address: z.string().trim().max(200).default(''),
    phone: z.string().trim().max(50).default(''),
    numberPattern: z
      .string()
      .default(DEFAULT_NUMBER_PATTERN)
      .refine((p) => /\{seq(:\d+)?\}/.test(p), '案号格式必须包含{seq}（序号）'),
    mediators: z.array(z.string().trim().min(1).max(50)).default([]),
    reminders: ReminderSettingsSchema.default({ confirmationWarnDays: 7, followUpDueDays: 15, longMediationDays: 30 }),
    updateServer: z.string().trim().max(500).default(''),
    largeText: z.boolean().default(false),
    /** Days of automatic daily backups to keep. */
    backupKeep: z.int().positive().max(365).default(14),
    /**
     * A centre whose register is in PostgreSQL: the database's address, without the password
     * (docs/postgresql.md). Absent: the embedded store in the data directory.
     */
    database: z
      .string()
      .trim()
      .max(2_000)
      .optional()
      .superRefine((url, ctx) => {
        const problem = url ? databaseUrlProblem(url) : null;
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform((url) => url || undefined),
  })
  .superRefine((settings, ctx) => {
    if (settings.database && settings.role !== 'centre') {
      ctx.addIssue({ code: 'custom', path: ['database'], message: '只有公共法律服务中心（role: centre）可以把案件库放在数据库中' });
    }
  });
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

/**
 * `设置` may change any subset of the settings. Built without the defaults: `.partial()` would keep
 * them and reset every field the patch does not name.
 */
export const SettingsPatchSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(SettingsSchema.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()]),
  ) as unknown as { [K in keyof typeof SettingsSchema.shape]: z.ZodOptional<z.ZodType<z.output<(typeof SettingsSchema.shape)[K]>>> },
);
