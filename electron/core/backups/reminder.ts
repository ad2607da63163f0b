/**
 * The daily reminder to copy a backup off the PC: the daily backups live on the same disk as the data,
 * so a failed disk or a stolen PC takes both. Due when no archive was written for the configured number
 * of days (never written counts as due once there is something to lose).
 */

import { daysBetween, localDate } from '../dates';
import type { Desk } from '../desk';
import type { BackupExportsDoc } from './archive';

export interface BackupReminder {
  due: boolean;
  /** Days since the last archive was written, or null when none ever was. */
  daysSince: number | null;
  lastExport: BackupExportsDoc['last'] | null;
  reminderDays: number;
  message?: string;
}

/** Pure: the reminder for a last export (ISO time, or none), today's date and the setting. */
export function backupReminder(
  last: BackupExportsDoc['last'] | undefined,
  today: string,
  reminderDays: number,
  hasData: boolean,
): BackupReminder {
  const lastDay = last ? localDate(new Date(last.at)) : undefined;
  const daysSince = lastDay ? daysBetween(lastDay, today) : null;
  const base = { daysSince, lastExport: last ?? null, reminderDays };
  if (reminderDays === 0 || !hasData) return { ...base, due: false };
  if (daysSince === null)
    return { ...base, due: true, message: '还没有把备份复制到U盘或其他电脑：电脑损坏或丢失时，本机的自动备份会一起丢失' };
  if (daysSince < reminderDays) return { ...base, due: false };
  return { ...base, due: true, message: `已有${daysSince}天没有把备份复制到U盘或其他电脑（上次：${lastDay}）` };
}

export function backupReminderOf(desk: Desk): BackupReminder {
  const settings = desk.maybeSettings();
  const doc = desk.store.getDoc<BackupExportsDoc>('backupExports');
  return backupReminder(doc?.last, desk.today(), settings?.backupReminderDays ?? 7, desk.store.caseCount() > 0);
}
