/**
 * Office settings: who this installation is. Stored in the data directory, edited in 设置 and by `init`.
 * Checked for what they will produce, not only their shape: the 案号 pattern must make valid numbers
 * (./number-pattern.ts) and the station code a valid batch file name.
 */

import { z } from 'zod';

import { LIMITS, TEXT_LIMITS as T } from '../limits';
import { withLabels } from '../validate';
import { DateSchema } from './case';
import { OFFICE_ROLES } from './codes';
import { numberPatternProblem } from './number-pattern';
import { line, requiredLine } from './text';

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

const days = (max: number) => z.int().max(max, `不能超过${max}天`);
const workdays = (min: number, max: number) => z.int('应为整数').min(min, `不能少于${min}个工作日`).max(max, `不能超过${max}个工作日`);
const dateList = (what: string) =>
  z.array(DateSchema).max(LIMITS.calendarDatesInSettings, `${what}不能超过${LIMITS.calendarDatesInSettings}个`);

/** 登记编号 of front-desk requests: station code + year + sequence. */
export const DEFAULT_REQUEST_NUMBER_PATTERN = '{stationCode}-{year}-{seq:6}';

/** The back offices a request can be routed to (后台分别办理); each office edits its own list. */
export const DEFAULT_BACK_OFFICES = ['法律援助中心', '公证处', '司法鉴定机构', '行政复议机构', '人民调解委员会', '律师事务所', '其他部门'];

/**
 * The front desk (统一受理): the back offices, the time limits in working days (defaults after the
 * provincial 12348 rules: route within 1 working day, feedback within 5, extended at most to 15; a
 * dissatisfied caller called back within 1), and dates the working-day calendar does not know yet.
 */
export const FrontDeskSettingsSchema = z
  .strictObject({
    /** Checked with the office's short name and station code by `SettingsSchema` (./number-pattern.ts). */
    numberPattern: line(T.numberPattern).default(DEFAULT_REQUEST_NUMBER_PATTERN),
    offices: z
      .array(requiredLine(T.organizationName, '承办单位名称不能为空'))
      .min(1, '至少需要一个承办单位')
      .max(LIMITS.backOfficesInSettings, `承办单位不能超过${LIMITS.backOfficesInSettings}个`)
      .refine((list) => new Set(list).size === list.length, '承办单位有重复')
      .default(DEFAULT_BACK_OFFICES),
    /** 转办: within this many working days of registration. */
    routeDays: workdays(0, 30).default(1),
    /** 反馈: within this many working days of routing. */
    feedbackDays: workdays(1, 60).default(5),
    /** 延期: the feedback limit may be extended up to this many working days of routing. */
    maxFeedbackDays: workdays(1, 120).default(15),
    /** 约期答复: the answer promised within this many working days. */
    answerDays: workdays(1, 60).default(5),
    /** 不满意: called back within this many working days of the follow-up. */
    callbackDays: workdays(0, 30).default(1),
    /** Public holidays announced for a year the built-in calendar does not know yet (放假日). */
    extraHolidays: dateList('补充放假日').default([]),
    /** Adjusted working days (调休上班) for such a year. */
    extraWorkdays: dateList('补充调休上班日').default([]),
  })
  .superRefine((s, ctx) => {
    if (s.maxFeedbackDays < s.feedbackDays)
      ctx.addIssue({ code: 'custom', path: ['maxFeedbackDays'], message: `延期上限不能少于反馈时限（${s.feedbackDays}个工作日）` });
    const both = s.extraHolidays.filter((d) => s.extraWorkdays.includes(d));
    if (both.length) ctx.addIssue({ code: 'custom', path: ['extraWorkdays'], message: `${both.join('、')}不能既是放假日又是调休上班日` });
  });
export type FrontDeskSettings = z.infer<typeof FrontDeskSettingsSchema>;

export const ReminderSettingsSchema = z.strictObject({
  /** Warn this many days before the 30-day judicial-confirmation window closes. */
  confirmationWarnDays: days(30).nonnegative().default(7),
  /** A follow-up visit is due this many days after the agreement. */
  followUpDueDays: days(3_650).positive().default(15),
  /** A case in mediation longer than this is flagged. */
  longMediationDays: days(3_650).positive().default(30),
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

/** Chinese names of the settings' fields: `role` here is 机构角色, not a party's 当事人身份. */
export const SETTINGS_LABELS = {
  name: '调委会或机构名称',
  shortName: '简称',
  court: '人民法院',
  stationCode: '站点代码',
  operator: '当前操作员',
  role: '机构角色',
  organization: '所属单位',
  address: '机构地址',
  phone: '机构电话',
  numberPattern: '案号格式',
  mediators: '人民调解员名单',
  reminders: '提醒设置',
  confirmationWarnDays: '司法确认期限提前提醒天数',
  followUpDueDays: '回访期限天数',
  longMediationDays: '久调未结天数',
  updateServer: '更新服务器',
  largeText: '大字模式',
  backupKeep: '自动备份保留天数',
  frontDesk: '统一受理设置',
  'frontDesk.numberPattern': '登记编号格式',
  offices: '承办单位',
  routeDays: '转办时限（工作日）',
  feedbackDays: '反馈时限（工作日）',
  maxFeedbackDays: '延期上限（工作日）',
  answerDays: '约期答复时限（工作日）',
  callbackDays: '不满意回复时限（工作日）',
  extraHolidays: '补充放假日',
  extraWorkdays: '补充调休上班日',
  backupReminderDays: '多少天未备份到U盘提醒',
  silentStationDays: '站点多少天未上报算未上报',
  database: '数据库地址',
} as const;

const settingsShape = {
  name: requiredLine(T.mediumText, '调委会或机构名称不能为空'),
  shortName: requiredLine(20, '简称不能为空'),
  court: line(T.mediumText).default(''),
  stationCode: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{1,32}$/, '站点代码只能由字母、数字和连字符组成（1到32位）')
    .default('000000-000'),
  /** The first administrator's name, given at `init`; who is working is whoever has signed in. */
  operator: line(T.personName).default(''),
  role: z
    .enum(OFFICE_ROLES.codes, {
      message: `应为：${OFFICE_ROLES.codes.join('、')}（${OFFICE_ROLES.entries.map((e) => e.label).join('、')}）`,
    })
    .default('station'),
  organization: line(T.mediumText).default(''),
  address: line(T.address).default(''),
  phone: line(T.shortText).default(''),
  // checked as a whole by numberPatternProblem below (a field-level check here would stop that more precise one)
  numberPattern: line(T.numberPattern).transform(patternToStore).default(DEFAULT_NUMBER_PATTERN),
  mediators: z
    .array(requiredLine(T.personName, '调解员姓名不能为空'))
    .max(LIMITS.mediatorsInSettings, `人民调解员不能超过${LIMITS.mediatorsInSettings}名`)
    .default([]),
  reminders: ReminderSettingsSchema.default({ confirmationWarnDays: 7, followUpDueDays: 15, longMediationDays: 30 }),
  updateServer: line(500).default(''),
  largeText: z.boolean().default(false),
  /** Days of automatic daily backups to keep. */
  backupKeep: z.int().positive().max(365).default(14),
  frontDesk: FrontDeskSettingsSchema.default(() => FrontDeskSettingsSchema.parse({})),
  /** Remind daily to copy a backup off the PC (备份到U盘) when none was written for this many days; 0: never. */
  backupReminderDays: z.int().nonnegative().max(365).default(7),
  /** At a centre: a station with no batch for more than this many days is listed as silent. */
  silentStationDays: z.int().positive().max(366).default(35),
  /** The workbench locks after this many minutes without use. */
  idleLockMinutes: z.int('请填写整数分钟').min(1, '至少1分钟').max(240, '最长240分钟').default(10),
  /**
   * A centre whose register is in PostgreSQL: the database's address, without the password
   * (docs/postgresql.md). Absent: the embedded store in the data directory.
   */
  database: line(2_000)
    .optional()
    .superRefine((url, ctx) => {
      const problem = url ? databaseUrlProblem(url) : null;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((url) => url || undefined),
};

export const SettingsSchema = withLabels(
  z.strictObject(settingsShape).superRefine((settings, ctx) => {
    const problem = numberPatternProblem(settings.numberPattern, { shortName: settings.shortName });
    if (problem) ctx.addIssue({ code: 'custom', path: ['numberPattern'], message: problem });
    const requestProblem = numberPatternProblem(settings.frontDesk.numberPattern, settings, '登记编号');
    if (requestProblem) ctx.addIssue({ code: 'custom', path: ['frontDesk', 'numberPattern'], message: requestProblem });
    if (settings.database && settings.role !== 'centre') {
      ctx.addIssue({ code: 'custom', path: ['database'], message: '只有公共法律服务中心（role: centre）可以把案件库放在数据库中' });
    }
  }),
  SETTINGS_LABELS,
);
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

/**
 * `设置` may change any subset of the settings. Built without the defaults: `.partial()` would keep
 * them and reset every field the patch does not name. The merged result is checked with `SettingsSchema`.
 */
export const SettingsPatchSchema = withLabels(
  z.strictObject(
    Object.fromEntries(
      Object.entries(settingsShape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()]),
    ) as unknown as { [K in keyof typeof settingsShape]: z.ZodOptional<z.ZodType<z.output<(typeof settingsShape)[K]>>> },
  ),
  SETTINGS_LABELS,
);
