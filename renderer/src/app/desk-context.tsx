/**
 * What every screen shares: who is signed in (and whether the workbench is locked), the office
 * settings (null before first-run setup), the larger-text mode, and a data version that screens watch
 * to reload lists after something changed a case.
 */

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

import type { ApiResult } from '../../../electron/core/api';
import type { Settings } from '../../../electron/core/schema/settings';
import type { SignedIn } from '../../../electron/core/session';
import { ApiError, call, onSignedOut } from '../api/client';

export type SettingsPatch = Partial<Settings>;
export type SessionStatus = ApiResult<'session.status'>;

interface DeskState {
  /** undefined while loading. */
  status: SessionStatus | undefined;
  /** The signed-in operator, when the workbench is unlocked. */
  operator: SignedIn | undefined;
  /** undefined while loading; null before the office has been set up. */
  settings: Settings | null | undefined;
  loadError?: ApiError;
  largeText: boolean;
  setLargeText(on: boolean): Promise<void>;
  /** Ask the core who is signed in (after a sign-in, a lock, or a refused call), then load the settings. */
  reloadStatus(): Promise<void>;
  reloadSettings(): Promise<void>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  /** The first set-up: settings and the administrator; resolves to the recovery code, shown once. */
  initSettings(input: Record<string, unknown>): Promise<string | undefined>;
  /** Set when the office was just set up or a new code issued: the frame shows it until acknowledged. */
  recoveryCode: string | undefined;
  showRecoveryCode(code: string | undefined): void;
  signIn(name: string, password: string): Promise<SignedIn>;
  lock(): Promise<void>;
  signOut(): Promise<void>;
  /** Bumped after any change to cases; lists reload when it moves. */
  dataVersion: number;
  dataChanged(): void;
}

const DeskContext = createContext<DeskState | null>(null);

const LARGE_TEXT_KEY = 'mediation-desk.largeText';

export function DeskProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>();
  const [settings, setSettings] = useState<Settings | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError>();
  // Remembered locally too, so the first paint (before settings load) already has the right size.
  const [largeText, setLargeTextState] = useState(() => localStorage.getItem(LARGE_TEXT_KEY) === '1');
  const [dataVersion, setDataVersion] = useState(0);
  const [recoveryCode, showRecoveryCode] = useState<string>();

  const apply = useCallback((next: Settings | null) => {
    setSettings(next);
    if (next) {
      setLargeTextState(next.largeText);
      localStorage.setItem(LARGE_TEXT_KEY, next.largeText ? '1' : '0');
    }
  }, []);

  const failed = (error: unknown) =>
    setLoadError(error instanceof ApiError ? error : new ApiError('INTERNAL', String((error as Error)?.message ?? error)));

  const reloadSettings = useCallback(async () => {
    try {
      apply((await call('settings.get', {})) as Settings | null);
      setLoadError(undefined);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NOT_SIGNED_IN') return; // the status reload shows the lock screen
      failed(error);
    }
  }, [apply]);

  const reloadStatus = useCallback(async () => {
    try {
      const next = await call('session.status', {});
      setStatus(next);
      setLoadError(undefined);
      if (next.state === 'signed-in') await reloadSettings();
      // locked: the screens stay (covered) for the same operator; signed out: they close
      else if (next.state === 'signed-out') setSettings(undefined);
    } catch (error) {
      failed(error);
    }
  }, [reloadSettings]);

  useEffect(() => {
    void reloadStatus();
    const offRefused = onSignedOut(() => void reloadStatus());
    // the desktop shell says so when the operating system locked the screen
    const offShell = window.desk?.onSession?.(() => void reloadStatus());
    return () => {
      offRefused();
      offShell?.();
    };
  }, [reloadStatus]);

  const updateSettings = useCallback(
    async (patch: SettingsPatch) => {
      const next = await call('settings.update', patch);
      apply(next);
      return next;
    },
    [apply],
  );

  const initSettings = useCallback(
    async (input: Record<string, unknown>) => {
      const result = await call('settings.init', input);
      apply(result.settings);
      if (result.recoveryCode) showRecoveryCode(result.recoveryCode);
      await reloadStatus();
      return result.recoveryCode;
    },
    [apply, reloadStatus],
  );

  const signIn = useCallback(
    async (name: string, password: string) => {
      try {
        const signedIn = await call('session.signIn', { name, password });
        // Unlocking: what the screens asked for while locked was refused; they ask again.
        setDataVersion((v) => v + 1);
        return signedIn;
      } finally {
        // signed in even when the register then fails to load (a damaged file): the status says which
        await reloadStatus();
      }
    },
    [reloadStatus],
  );

  const lock = useCallback(async () => {
    await call('session.lock', {});
    await reloadStatus();
  }, [reloadStatus]);

  const signOut = useCallback(async () => {
    await call('session.signOut', {});
    await reloadStatus();
  }, [reloadStatus]);

  const setLargeText = useCallback(
    async (on: boolean) => {
      setLargeTextState(on);
      localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
      if (settings) await updateSettings({ largeText: on });
    },
    [settings, updateSettings],
  );

  const dataChanged = useCallback(() => setDataVersion((v) => v + 1), []);
  const operator = status?.state === 'signed-in' ? status.operator : undefined;

  const value = useMemo<DeskState>(
    () => ({
      status,
      operator,
      settings,
      loadError,
      largeText,
      setLargeText,
      reloadStatus,
      reloadSettings,
      updateSettings,
      initSettings,
      recoveryCode,
      showRecoveryCode,
      signIn,
      lock,
      signOut,
      dataVersion,
      dataChanged,
    }),
    [
      status,
      operator,
      settings,
      loadError,
      largeText,
      setLargeText,
      reloadStatus,
      reloadSettings,
      updateSettings,
      initSettings,
      recoveryCode,
      signIn,
      lock,
      signOut,
      dataVersion,
      dataChanged,
    ],
  );
  return <DeskContext.Provider value={value}>{children}</DeskContext.Provider>;
}

export function useDesk(): DeskState {
  const state = useContext(DeskContext);
  if (!state) throw new Error('useDesk outside DeskProvider');
  return state;
}
