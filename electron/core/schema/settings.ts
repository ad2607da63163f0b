/**
 * Office settings: who this installation is. Stored in the data directory, edited in 设置 and by `init`.
 */

import { z } from 'zod';

import { OFFICE_ROLES } from './codes';

export const DEFAULT_NUMBER_PATTERN = '（{year}）{shortName}调字第{seq}号';

/**
 * The 案号 pattern's fields, as stored (`{year}`) and as people read and write them in 设置 (`{年份}`).
 * `{seq:4}` / `{序号:4}` pads the number to four digits. Either spelling is accepted on input.
 */
export const NUMBER_TOKENS = [
  { stored: 'year', chinese: '年份', meaning: '登记日期的年份，如 2026' },
  { stored: 'shortName', chinese: '简称', meaning: '本机构简称' },
  { stored: 'seq', chinese: '序号', meaning: '当年的顺序号，写成 {序号:4} 则补足4位' },
] as const;

const TOKEN = /\{(year|shortName|seq|年份|简称|序号)(?::(\d+))?\}/g;

function spellTokens(pattern: string, as: 'stored' | 'chinese'): string {
  return pattern.replace(TOKEN, (_, name: string, width?: string) => {
    const token = NUMBER_TOKENS.find((t) => t.stored === name || t.chinese === name)!;
    return `{${token[as]}${width ? `:${width}` : ''}}`;
  });
}

/** `（{year}）{shortName}调字第{seq}号` → `（{年份}）{简称}调字第{序号}号`. */
export const patternInChinese = (pattern: string): string => spellTokens(pattern, 'chinese');
/** The stored spelling of a pattern written with Chinese (or stored) field names. */
export const patternToStore = (pattern: string): string => spellTokens(pattern, 'stored');

export const ReminderSettingsSchema = z.strictObject({
  /** Warn this many days before the 30-day judicial-confirmation window closes. */
  confirmationWarnDays: z.int().nonnegative().default(7),
  /** A follow-up visit is due this many days after the agreement. */
  followUpDueDays: z.int().positive().default(15),
  /** A case in mediation longer than this is flagged. */
  longMediationDays: z.int().positive().default(30),
});

export const SettingsSchema = z.strictObject({
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
    .transform(patternToStore)
    .refine((p) => /\{seq(:\d+)?\}/.test(p), '案号格式必须包含{序号}')
    .default(DEFAULT_NUMBER_PATTERN),
  mediators: z.array(z.string().trim().min(1).max(50)).default([]),
  reminders: ReminderSettingsSchema.default({ confirmationWarnDays: 7, followUpDueDays: 15, longMediationDays: 30 }),
  updateServer: z.string().trim().max(500).default(''),
  largeText: z.boolean().default(false),
  /** Days of automatic daily backups to keep. */
  backupKeep: z.int().positive().max(365).default(14),
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
