/**
 * The IPC door into the handler table. One channel carries every call: `desk:call` with
 * `{name, input, callId}`. The request's shape is checked here, the input by the handler's own zod
 * schema inside `callHandler` (so nothing unvalidated reaches the core), and every failure is mapped
 * here, once, to `{ok:false, code, message, field, details}` for the UI to show beside the field.
 */

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';

import type { Desk } from '../core/desk';
import { asDeskError, DeskError } from '../core/errors';
import { callHandler, type HandlerTable } from '../core/handler';
import { parseOrThrow } from '../core/validate';
import type { CallOutcome, ProgressEvent, UpdaterStatus } from '../preload/bridge';
import { CHANNELS } from './channels';
import { OpenDialogRequestSchema, OpenPathRequestSchema, SaveDialogRequestSchema, type ShellServices } from './shell-services';

type Logger = { info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void };

export const CallRequestSchema = z.strictObject({
  name: z.string().min(1, '缺少操作名称').max(200),
  input: z.unknown().optional(),
  callId: z.string().min(1).max(200).optional(),
});
export type CallRequest = z.infer<typeof CallRequestSchema>;

/** The one mapping of a thrown value to what the renderer receives. */
export function failureOutcome(error: unknown): CallOutcome {
  return { ok: false, ...asDeskError(error).toPayload() };
}

/** At most one progress message per `intervalMs` per call, but always the last one (done === total). */
export function throttleProgress(send: (event: ProgressEvent) => void, intervalMs = 50, now: () => number = Date.now) {
  let last = -Infinity;
  return (event: ProgressEvent) => {
    const t = now();
    if (event.done >= event.total || t - last >= intervalMs) {
      last = t;
      send(event);
    }
  };
}

export interface Dispatcher {
  /** Validate the request, run the handler, map the outcome. Never throws. */
  call(senderId: number, raw: unknown, send: (event: ProgressEvent) => void): Promise<CallOutcome>;
  /** Abort the call with this id from this sender (no-op when it has finished). */
  cancel(senderId: number, callId: unknown): boolean;
  /** Abort everything a closed window had running. */
  cancelAll(senderId: number): void;
  running(): number;
}

export function createDispatcher(options: {
  table: HandlerTable;
  /** The open desk; throws a DeskError (e.g. STORE_LOCKED) when the data directory could not be opened. */
  getDesk: () => Desk | Promise<Desk>;
  log: Logger;
}): Dispatcher {
  const { table, getDesk, log } = options;
  const controllers = new Map<string, AbortController>();
  const key = (senderId: number, callId: string) => `${senderId}:${callId}`;

  return {
    async call(senderId, raw, send) {
      let request: CallRequest;
      try {
        request = parseOrThrow(CallRequestSchema, raw);
      } catch (error) {
        log.warn('IPC：格式不正确的调用被拒绝');
        return failureOutcome(error);
      }
      const { name, input } = request;
      if (!Object.hasOwn(table, name)) {
        log.warn('IPC：未知操作被拒绝', name.slice(0, 80));
        return failureOutcome(new DeskError('NOT_FOUND', `没有名为“${name.slice(0, 80)}”的操作`));
      }
      const callId = request.callId ?? `anon-${Math.random().toString(36).slice(2)}`;
      const controller = new AbortController();
      const k = key(senderId, callId);
      controllers.get(k)?.abort();
      controllers.set(k, controller);
      const progress = throttleProgress(send);
      try {
        const desk = await getDesk();
        const data = await callHandler(table, desk, name, input, {
          signal: controller.signal,
          progress: (done, total, label) => progress({ callId, done, total, ...(label === undefined ? {} : { label }) }),
        });
        return { ok: true, data };
      } catch (error) {
        const outcome = failureOutcome(error);
        if (!outcome.ok && outcome.code === 'INTERNAL') log.error(`IPC：${name} 内部错误`, error);
        else if (!outcome.ok) log.info(`IPC：${name} → ${outcome.code}`);
        return outcome;
      } finally {
        if (controllers.get(k) === controller) controllers.delete(k);
      }
    },
    cancel(senderId, callId) {
      if (typeof callId !== 'string') return false;
      const controller = controllers.get(key(senderId, callId));
      if (!controller) return false;
      controller.abort();
      return true;
    },
    cancelAll(senderId) {
      for (const [k, controller] of controllers) if (k.startsWith(`${senderId}:`)) controller.abort();
    },
    running: () => controllers.size,
  };
}

export interface IpcServices {
  dispatcher: Dispatcher;
  shell: ShellServices;
  updater: { status(): UpdaterStatus; restartToUpdate(): boolean };
  setUnsavedWork(senderId: number, unsaved: boolean): void;
  /** Only the app's own page (the top frame of dist/renderer/index.html) may call. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
}

/** The renderer's URL without hash or query, for comparing with a sender's frame URL. */
export function isSameDocument(frameUrl: string | undefined, rendererUrl: string): boolean {
  if (!frameUrl) return false;
  return frameUrl.replace(/[?#].*$/, '') === rendererUrl.replace(/[?#].*$/, '');
}

/** Every channel the main process answers. Anything else the renderer sends goes nowhere. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, services: IpcServices, log: Logger): string[] {
  const guard = <T>(channel: string, run: (event: IpcMainInvokeEvent, ...args: unknown[]) => T | Promise<T>) =>
    ipcMain.handle(channel, async (event, ...args) => {
      if (!services.isTrustedSender(event)) {
        log.warn('IPC：拒绝来自非本应用页面的调用', channel);
        throw new Error('拒绝访问');
      }
      return run(event, ...args);
    });

  guard(CHANNELS.call, (event, request) =>
    services.dispatcher.call(event.sender.id, request, (progress) => {
      if (!event.sender.isDestroyed()) event.sender.send(CHANNELS.progress, progress);
    }),
  );
  guard(CHANNELS.cancel, (event, callId) => {
    services.dispatcher.cancel(event.sender.id, callId);
  });
  guard(CHANNELS.updaterStatus, () => services.updater.status());
  guard(CHANNELS.restartToUpdate, () => services.updater.restartToUpdate());
  guard(CHANNELS.setUnsavedWork, (event, unsaved) => {
    services.setUnsavedWork(event.sender.id, unsaved === true);
  });
  guard(CHANNELS.chooseSavePath, (event, options) =>
    services.shell.chooseSavePath(event, parseOrThrowPlain(SaveDialogRequestSchema, options)),
  );
  guard(CHANNELS.chooseOpenPath, (event, options) =>
    services.shell.chooseOpenPath(event, parseOrThrowPlain(OpenDialogRequestSchema, options)),
  );
  guard(CHANNELS.openPath, (_event, path) => services.shell.openPath(parseOrThrowPlain(OpenPathRequestSchema, path)));
  guard(CHANNELS.printPdf, (_event, path) => services.shell.printPdf(parseOrThrowPlain(OpenPathRequestSchema, path)));
  return Object.values(CHANNELS).filter((c) => c !== CHANNELS.progress && c !== CHANNELS.session);
}

/**
 * The shell channels reject (the bridge's promise fails) rather than return an outcome: their callers
 * are buttons, and a rejection carries the Chinese message.
 */
function parseOrThrowPlain<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  try {
    return parseOrThrow(schema, value);
  } catch (error) {
    throw new Error(asDeskError(error).message, { cause: error });
  }
}
