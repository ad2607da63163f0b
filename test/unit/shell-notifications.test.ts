/**
 * The daily desktop notification of due reminders: once a day, counts only, recorded through the
 * handler table, and silent on failure. Also against the real handlers on a memory desk.
 */

import { describe, expect, it, vi } from 'vitest';

import { call } from '../../electron/core/api';
import { type NotificationState, notifyDueReminders, reminderNotificationText } from '../../electron/main/notifications';
import { memoryDesk } from '../support/desk';

const silent = { info: vi.fn(), warn: vi.fn() };
const state = (over: Partial<NotificationState> = {}): NotificationState => ({
  shown: false,
  counts: { warning: 0, overdue: 0 },
  clockOk: true,
  ...over,
});

describe('reminder notification text', () => {
  it('counts only, in Chinese', () => {
    const text = reminderNotificationText(state({ counts: { warning: 5, overdue: 2 }, dueToday: 1 }))!;
    expect(text.title).toBe('人民调解工作台 · 到期提醒');
    // Today's first, as on 工作台.
    expect(text.body).toMatch(/^1件今天到期，4件即将到期，2件已逾期/);
  });

  it('nothing when already shown today or nothing is due; a wrong clock is always worth saying', () => {
    expect(reminderNotificationText(state({ shown: true, counts: { warning: 1, overdue: 1 } }))).toBeNull();
    expect(reminderNotificationText(state())).toBeNull();
    expect(reminderNotificationText(state({ clockOk: false }))!.body).toMatch(/日期和时间可能不正确/);
  });
});

describe('notifyDueReminders', () => {
  it('shows once and records it', async () => {
    let shown = false;
    const show = vi.fn(() => true);
    const deps = {
      state: async () => state({ shown, counts: { warning: 0, overdue: 3 } }),
      markNotified: vi.fn(async () => void (shown = true)),
      show,
      log: silent,
    };
    expect(await notifyDueReminders(deps)).toBe(true);
    expect(await notifyDueReminders(deps)).toBe(false);
    expect(show).toHaveBeenCalledTimes(1);
    expect(deps.markNotified).toHaveBeenCalledTimes(1);
  });

  it('does not record a notification the system could not show, and never throws', async () => {
    const markNotified = vi.fn(async () => {});
    expect(
      await notifyDueReminders({
        state: async () => state({ counts: { warning: 1, overdue: 0 } }),
        markNotified,
        show: () => false,
        log: silent,
      }),
    ).toBe(false);
    expect(markNotified).not.toHaveBeenCalled();
    const log = { info: vi.fn(), warn: vi.fn() };
    expect(
      await notifyDueReminders({ state: async () => Promise.reject(new Error('STORE_LOCKED')), markNotified, show: () => true, log }),
    ).toBe(false);
    expect(log.warn).toHaveBeenCalled();
  });

  it('works against the real reminder handlers: shown today is remembered in the data', async () => {
    const desk = await memoryDesk();
    const deps = {
      state: () => call(desk, 'reminders.notification', {}),
      markNotified: async () => void (await call(desk, 'reminders.markNotified', {})),
      show: vi.fn(() => true),
      log: silent,
    };
    const before = await call(desk, 'reminders.notification', {});
    expect(before.shown).toBe(false);
    await notifyDueReminders({ ...deps, state: async () => ({ ...(await deps.state()), clockOk: false }) });
    expect(deps.show).toHaveBeenCalledTimes(1);
    expect((await call(desk, 'reminders.notification', {})).shown).toBe(true);
  });
});
