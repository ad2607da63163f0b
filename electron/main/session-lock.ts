/**
 * The workbench locks when the operating system locks the screen or goes to sleep (where Electron
 * reports it: `powerMonitor`'s `lock-screen` on Windows and macOS, `suspend` on all three), and the
 * window is told whenever the session changes, so it shows the unlock screen at once.
 */

import type { Session, SessionState } from '../core/session';

type Logger = { info(...data: unknown[]): void };

export const LOCKING_EVENTS = ['lock-screen', 'suspend'] as const;

export function lockWithScreen(
  powerMonitor: { on(event: (typeof LOCKING_EVENTS)[number], listener: () => void): unknown },
  session: Session,
  log: Logger,
): void {
  for (const event of LOCKING_EVENTS) {
    powerMonitor.on(event, () => {
      if (session.state().state !== 'signed-in') return;
      session.lock();
      log.info(event === 'lock-screen' ? '系统锁屏，工作台已锁定' : '系统休眠，工作台已锁定');
    });
  }
}

/** Forward every change of `session` to the window (`send`); returns the unsubscribe function. */
export function forwardSessionChanges(session: Session, send: (state: SessionState) => void): () => void {
  return session.onChange(send);
}
