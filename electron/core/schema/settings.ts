/**
 * Office settings: who this installation is. Stored in the data directory, edited in 设置 and by `init`.
 */

import { z } from 'zod';

import { DateSchema } from './case';
import { OFFICE_ROLES } from './codes';

export const DEFAULT_NUMBER_PATTERN = '（{year}）{shortName}调字第{seq}号';

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
    numberPattern: z
      .string()
      .trim()
      .default(DEFAULT_REQUEST_NUMBER_PATTERN)
      .refine((p) => /\{seq(:\d+)?\}/.test(p), '登记编号格式必须包含{seq}（序号）'),
    offices: z
      .array(z.string().trim().min(1, '承办单位名称不能为空').max(100))
      .min(1, '至少需要一个承办单位')
      .refine((list) => new Set(list).size === list.length, '承办单位有重复')
      .default(DEFAULT_BACK_OFFICES),
    /** 转办: within this many working days of registration. */
    routeDays: z.int().min(0).max(30).default(1),
    /** 反馈: within this many working days of routing. */
    feedbackDays: z.int().min(1).max(60).default(5),
    /** 延期: the feedback limit may be extended up to this many working days of routing. */
    maxFeedbackDays: z.int().min(1).max(120).default(15),
    /** 约期答复: the answer promised within this many working days. */
    answerDays: z.int().min(1).max(60).default(5),
    /** 不满意: called back within this many working days of the follow-up. */
    callbackDays: z.int().min(0).max(30).default(1),
    /** Public holidays announced for a year the built-in calendar does not know yet (放假日). */
    extraHolidays: z.array(DateSchema).default([]),
    /** Adjusted working days (调休上班) for such a year. */
    extraWorkdays: z.array(DateSchema).default([]),
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
    .default(DEFAULT_NUMBER_PATTERN)
    .refine((p) => /\{seq(:\d+)?\}/.test(p), '案号格式必须包含{seq}（序号）'),
  mediators: z.array(z.string().trim().min(1).max(50)).default([]),
  reminders: ReminderSettingsSchema.default({ confirmationWarnDays: 7, followUpDueDays: 15, longMediationDays: 30 }),
  updateServer: z.string().trim().max(500).default(''),
  largeText: z.boolean().default(false),
  /** Days of automatic daily backups to keep. */
  backupKeep: z.int().positive().max(365).default(14),
  frontDesk: FrontDeskSettingsSchema.default(() => FrontDeskSettingsSchema.parse({})),
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
