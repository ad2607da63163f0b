/**
 * The workbench locks itself after the office's idle time (设置 → 数据安全, default 10 minutes) without
 * a key press, click or scroll. While someone is working, the core is told at most once a minute, so
 * its own idle lock (for every door) does not run out under a long form being typed.
 */

import { useEffect } from 'react';

import { call } from '../api/client';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const TOUCH_EVERY_MS = 60_000;

export function useIdleLock(minutes: number | undefined, active: boolean, lock: () => void): void {
  useEffect(() => {
    if (!active || !minutes) return;
    let last = Date.now();
    let told = last;
    const onActivity = () => {
      last = Date.now();
      if (last - told >= TOUCH_EVERY_MS) {
        told = last;
        call('session.touch', {}).catch(() => undefined);
      }
    };
    for (const event of ACTIVITY) window.addEventListener(event, onActivity, { passive: true, capture: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) lock();
    }, 1000);
    return () => {
      for (const event of ACTIVITY) window.removeEventListener(event, onActivity, { capture: true });
      clearInterval(timer);
    };
  }, [minutes, active, lock]);
}
