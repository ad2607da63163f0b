/**
 * What every screen shares: the office settings (null before first-run setup), the larger-text mode,
 * and a data version that screens watch to reload lists after something changed a case.
 */

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

import type { Settings } from '../../../electron/core/schema/settings';
import { call } from '../api/client';

export type SettingsPatch = Partial<Settings>;

interface DeskState {
  /** undefined while loading; null before the office has been set up. */
  settings: Settings | null | undefined;
  loadError?: string;
  largeText: boolean;
  setLargeText(on: boolean): Promise<void>;
  reloadSettings(): Promise<void>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  initSettings(input: SettingsPatch): Promise<Settings>;
  /** Bumped after any change to cases; lists reload when it moves. */
  dataVersion: number;
  dataChanged(): void;
}

const DeskContext = createContext<DeskState | null>(null);

const LARGE_TEXT_KEY = 'mediation-desk.largeText';

export function DeskProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string>();
  // Remembered locally too, so the first paint (before settings load) already has the right size.
  const [largeText, setLargeTextState] = useState(() => localStorage.getItem(LARGE_TEXT_KEY) === '1');
  const [dataVersion, setDataVersion] = useState(0);

  const apply = useCallback((next: Settings | null) => {
    setSettings(next);
    if (next) {
      setLargeTextState(next.largeText);
      localStorage.setItem(LARGE_TEXT_KEY, next.largeText ? '1' : '0');
    }
  }, []);

  const reloadSettings = useCallback(async () => {
    try {
      apply((await call('settings.get', {})) as Settings | null);
      setLoadError(undefined);
    } catch (error) {
      setLoadError((error as Error).message);
    }
  }, [apply]);

  useEffect(() => {
    void reloadSettings();
  }, [reloadSettings]);

  const updateSettings = useCallback(
    async (patch: SettingsPatch) => {
      // The whole settings object is sent, not just the patch: `settings.update` parses the patch with
      // SettingsSchema.partial(), whose field defaults would otherwise reset every field not named
      // (a bare {largeText:true} cleared the operator and the mediators).
      const next = (await call('settings.update', { ...(settings ?? {}), ...patch })) as Settings;
      apply(next);
      return next;
    },
    [apply, settings],
  );

  const initSettings = useCallback(
    async (input: SettingsPatch) => {
      const next = (await call('settings.init', input)) as Settings;
      apply(next);
      return next;
    },
    [apply],
  );

  const setLargeText = useCallback(
    async (on: boolean) => {
      setLargeTextState(on);
      localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
      if (settings) await updateSettings({ largeText: on });
    },
    [settings, updateSettings],
  );

  const dataChanged = useCallback(() => setDataVersion((v) => v + 1), []);

  const value = useMemo<DeskState>(
    () => ({ settings, loadError, largeText, setLargeText, reloadSettings, updateSettings, initSettings, dataVersion, dataChanged }),
    [settings, loadError, largeText, setLargeText, reloadSettings, updateSettings, initSettings, dataVersion, dataChanged],
  );
  return <DeskContext.Provider value={value}>{children}</DeskContext.Provider>;
}

export function useDesk(): DeskState {
  const state = useContext(DeskContext);
  if (!state) throw new Error('useDesk outside DeskProvider');
  return state;
}
