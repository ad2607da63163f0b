/**
 * The once-a-day desktop notification of due reminders (issue 6): at start and then hourly (the desk is
 * often left open overnight), if today's notification has not been shown and something is due or the
 * PC's clock looks wrong, show one notification with counts only (no names, no numbers) and record it
 * through the handler table, so the command line, the workbench and the shell agree on "shown today".
 */

type Logger = { info(...data: unknown[]): void; warn(...data: unknown[]): void };

export interface NotificationState {
  shown: boolean;
  /** Alarms not yet dealt with (the core leaves out marked reminders and information). */
  counts: { warning: number; overdue: number };
  /** Of the warnings, those due today. */
  dueToday?: number;
  clockOk: boolean;
}

/** Title and body for today's notification, or null when there is nothing to say. */
export function reminderNotificationText(state: NotificationState): { title: string; body: string } | null {
  if (state.shown) return null;
  // The same order as on 工作台: what is due today first, then this week's, then the overdue ones.
  const today = state.dueToday ?? 0;
  const parts: string[] = [];
  if (today > 0) parts.push(`${today}件今天到期`);
  if (state.counts.warning - today > 0) parts.push(`${state.counts.warning - today}件即将到期`);
  if (state.counts.overdue > 0) parts.push(`${state.counts.overdue}件已逾期`);
  const lines: string[] = [];
  if (parts.length) lines.push(`${parts.join('，')}（回访、履行期限、久调未结），请在“工作台”查看和处理。`);
  if (!state.clockOk) lines.push('本机日期和时间可能不正确，期限计算依赖它，请核对。');
  if (!lines.length) return null;
  return { title: '人民调解工作台 · 到期提醒', body: lines.join('\n') };
}

export interface ReminderNotifierDeps {
  /** `reminders.notification` through the handler table. */
  state(): Promise<NotificationState>;
  /** `reminders.markNotified` through the handler table. */
  markNotified(): Promise<void>;
  /** Show a desktop notification; false when the system has none. */
  show(text: { title: string; body: string }): boolean;
  log: Logger;
}

/** One check: true when a notification was shown now. Failures are logged, never shown. */
export async function notifyDueReminders(deps: ReminderNotifierDeps): Promise<boolean> {
  try {
    const text = reminderNotificationText(await deps.state());
    if (!text) return false;
    if (!deps.show(text)) return false;
    await deps.markNotified();
    deps.log.info('已显示到期提醒通知');
    return true;
  } catch (error) {
    deps.log.warn('到期提醒通知失败', (error as Error).message);
    return false;
  }
}

export const REMINDER_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export function startReminderNotifications(deps: ReminderNotifierDeps, intervalMs = REMINDER_CHECK_INTERVAL_MS): () => void {
  void notifyDueReminders(deps);
  const timer = setInterval(() => void notifyDueReminders(deps), intervalMs);
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}
