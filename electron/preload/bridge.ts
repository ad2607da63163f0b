/**
 * The shape of what the preload exposes to the renderer as `window.desk` (through contextBridge),
 * and what the loopback harness imitates over HTTP. Both doors carry calls into the same handler table.
 */

import type { ErrorPayload } from '../core/errors';

export type CallOutcome = { ok: true; data: unknown } | ({ ok: false } & ErrorPayload);

export interface ProgressEvent {
  callId: string;
  done: number;
  total: number;
  label?: string;
}

export interface DeskBridge {
  /** Call a handler by name. `callId` (any unique string) ties progress events and cancellation to the call. */
  call(name: string, input: unknown, callId?: string): Promise<CallOutcome>;
  /** Cancel a long call (export, import) started with this `callId`: it writes nothing and fails with CANCELLED. */
  cancel(callId: string): Promise<void>;
  /** Progress of long calls; returns an unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /**
   * Desktop-only: the session changed outside the page (the OS locked the screen); returns an unsubscribe
   * function. The harness has none: there the page learns it from its next call (NOT_SIGNED_IN).
   */
  onSession?(listener: (state: 'signed-in' | 'locked' | 'signed-out') => void): () => void;
  /** Desktop-only services; absent in the harness (the UI falls back to browser download/print). */
  shell?: {
    /** Native save dialog; resolves to the chosen path or null when cancelled. */
    chooseSavePath(options: {
      title: string;
      defaultName: string;
      filters: { name: string; extensions: string[] }[];
    }): Promise<string | null>;
    chooseOpenPath(options: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
    openPath(path: string): Promise<void>;
    printPdf(path: string): Promise<void>;
  };
  /** Desktop-only: the background updater (absent in the harness). Silent when offline; 设置 shows `status()`. */
  updater?: {
    status(): Promise<UpdaterStatus>;
    /** Quit and install a downloaded update; false (nothing happens) when none is ready or work is unsaved. */
    restartToUpdate(): Promise<boolean>;
  };
  /**
   * The renderer says whether a form holds unsaved changes. In the app, while true, it neither restarts
   * to update nor closes the window without asking; the harness records it (for the journeys).
   */
  setUnsavedWork?(unsaved: boolean): Promise<void>;
}

export interface UpdaterStatus {
  /** disabled: no update server set; offline: server unreachable (normal at a village point). */
  state: 'disabled' | 'idle' | 'checking' | 'none' | 'downloading' | 'downloaded' | 'offline' | 'error';
  /** One line in Chinese for 设置. */
  message: string;
  /** ISO time of the last finished check, or null. */
  checkedAt: string | null;
  /** The version offered, when there is one. */
  version?: string;
}

export const BRIDGE_GLOBAL = 'desk';
