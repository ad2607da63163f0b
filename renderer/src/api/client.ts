/**
 * The renderer's only door to the core: typed calls by handler name. Inside Electron it goes through
 * the preload's `window.desk`; in the development harness (Chromium on 127.0.0.1) through the harness's
 * HTTP bridge, which installs the same `window.desk` shape (see electron/dev/).
 */

import type { ApiInput, ApiName, ApiResult } from '../../../electron/core/api';
import type { ErrorCode } from '../../../electron/core/errors';
import type { DeskBridge, ProgressEvent } from '../../../electron/preload/bridge';

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

/** A failed call, as the UI shows it: Chinese message, and the field to put it next to. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface CallOptions {
  onProgress?(event: ProgressEvent): void;
  /** Aborting cancels the call on the other side (long exports and imports). */
  signal?: AbortSignal;
}

function bridge(): DeskBridge {
  if (!window.desk) throw new ApiError('INTERNAL', '程序未正确启动：找不到与数据服务的连接');
  return window.desk;
}

let nextCallId = 0;

const sessionListeners = new Set<() => void>();

/**
 * Called whenever a call finds nobody signed in (the workbench locked itself, or the OS locked the
 * screen): the frame then shows the unlock screen. Returns an unsubscribe function.
 */
export function onSignedOut(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export async function call<N extends ApiName>(name: N, input: ApiInput<N>, options: CallOptions = {}): Promise<ApiResult<N>> {
  const desk = bridge();
  const callId = `c${Date.now().toString(36)}${(nextCallId++).toString(36)}`;
  const unsubscribe = options.onProgress
    ? desk.onProgress((event) => {
        if (event.callId === callId) options.onProgress!(event);
      })
    : undefined;
  const onAbort = () => void desk.cancel(callId);
  options.signal?.addEventListener('abort', onAbort);
  try {
    const outcome = await desk.call(name, input, callId);
    if (!outcome.ok) {
      if (outcome.code === 'NOT_SIGNED_IN') for (const listener of sessionListeners) listener();
      throw new ApiError(outcome.code, outcome.message, outcome.field, outcome.details);
    }
    return outcome.data as ApiResult<N>;
  } finally {
    unsubscribe?.();
    options.signal?.removeEventListener('abort', onAbort);
  }
}

export const api = { call };
