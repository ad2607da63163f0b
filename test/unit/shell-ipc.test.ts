/**
 * The IPC door: every handler of the table is reachable through the one channel, every payload is
 * validated by the handler's schema in the main process before any handler code runs, unknown names
 * and malformed requests are refused, errors come back once-mapped as {ok:false, code, message, field}.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, type Mock, vi } from 'vitest';
import { z } from 'zod';

import { handlers } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import { DeskError } from '../../electron/core/errors';
import { type Handler, handler, type HandlerTable } from '../../electron/core/handler';
import { CHANNELS } from '../../electron/main/channels';
import { createDispatcher, isSameDocument, registerIpc, throttleProgress } from '../../electron/main/ipc';
import { ipcTable, shellHandlers } from '../../electron/main/shell-handlers';
import { createShellServices } from '../../electron/main/shell-services';
import type { CallOutcome, UpdaterStatus } from '../../electron/preload/bridge';
import { IDS, memoryDesk, sampleCaseInput } from '../support/desk';

const RENDERER_URL = 'file:///opt/mediation-desk/resources/app.asar/dist/renderer/index.html';
const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** Handlers whose schema deliberately takes any value: they check a form and return its problems (no write). */
const ACCEPTS_ANY_INPUT: Record<string, string> = {
  'cases.check': 'returns the problems of a draft form; writes nothing',
  'requests.check': 'returns the problems of a draft registration at the front desk; writes nothing',
  'settings.init': 'merges the input into the current settings, then validates the whole with SettingsSchema before writing',
};

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function door(table: HandlerTable, desk: Desk | (() => Desk), extra: { dialog?: object; shell?: object } = {}) {
  const listeners = new Map<string, Listener>();
  const ipcMain = { handle: (channel: string, listener: Listener) => void listeners.set(channel, listener) };
  const dispatcher = createDispatcher({ table, getDesk: typeof desk === 'function' ? desk : () => desk, log: silent });
  const dialog = { showSaveDialog: vi.fn(), showOpenDialog: vi.fn(), ...extra.dialog };
  const shell = { openPath: vi.fn(async () => ''), ...extra.shell };
  const setUnsavedWork = vi.fn();
  const registered = registerIpc(
    ipcMain as never,
    {
      dispatcher,
      shell: createShellServices({
        dialog: dialog as never,
        shell: shell as never,
        windowOf: () => null,
        createHiddenWindow: () => {
          throw new Error('no windows in unit tests');
        },
        defaultFolder: () => os.tmpdir(),
        log: silent,
      }),
      updater: { status: () => ({ state: 'idle', message: '尚未检查更新', checkedAt: null }), restartToUpdate: () => false },
      setUnsavedWork,
      isTrustedSender: (event) =>
        !!event.senderFrame && event.senderFrame.parent === null && isSameDocument(event.senderFrame.url, RENDERER_URL),
    },
    silent,
  );
  const sent: [string, unknown][] = [];
  const event = (options: { url?: string; id?: number } = {}) =>
    ({
      sender: { id: options.id ?? 1, isDestroyed: () => false, send: (channel: string, payload: unknown) => sent.push([channel, payload]) },
      senderFrame: { url: options.url ?? `${RENDERER_URL}#/cases`, parent: null },
    }) as unknown as IpcMainInvokeEvent;
  const invoke = async (channel: string, ...args: unknown[]) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event(), ...args);
  };
  const callDesk = (request: unknown) => invoke(CHANNELS.call, request) as Promise<CallOutcome>;
  return { listeners, registered, invoke, callDesk, event, sent, dialog, shell, setUnsavedWork, dispatcher };
}

/** The same table with every run replaced by a spy (schemas kept, or replaced when given). */
function spied(schema?: z.ZodType) {
  const spies: Record<string, Mock<Handler['run']>> = {};
  const table: HandlerTable = {};
  for (const [name, entry] of Object.entries(handlers)) {
    spies[name] = vi.fn<Handler['run']>(() => ({ reached: name }));
    table[name] = { ...entry, input: schema ?? entry.input, run: spies[name] };
  }
  return { table, spies };
}

describe('IPC: the handler table through one channel', () => {
  it('registers exactly the bridge channels, and nothing answers any other', async () => {
    const { listeners, registered } = door(handlers, await memoryDesk());
    // progress and session are main → renderer messages: nothing listens on them in main
    const expected = Object.values(CHANNELS).filter((c) => c !== CHANNELS.progress && c !== CHANNELS.session);
    expect([...listeners.keys()].sort()).toEqual([...expected].sort());
    expect(registered.sort()).toEqual([...expected].sort());
  });

  it('reaches every handler of the table by its name', async () => {
    const { table, spies } = spied(z.unknown());
    const { callDesk } = door(table, await memoryDesk());
    const names = Object.keys(handlers);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const outcome = await callDesk({ name, input: { probe: true }, callId: `c-${name}` });
      expect(outcome, name).toEqual({ ok: true, data: { reached: name } });
      expect(spies[name]).toHaveBeenCalledTimes(1);
      expect(spies[name].mock.calls[0][1]).toEqual({ probe: true });
    }
  });

  it('an invalid payload never reaches the core, for every handler', async () => {
    const { table, spies } = spied();
    const { callDesk } = door(table, await memoryDesk());
    for (const name of Object.keys(handlers)) {
      if (ACCEPTS_ANY_INPUT[name]) continue;
      for (const input of [42, 'text', [1, 2], true]) {
        const outcome = await callDesk({ name, input, callId: 'x' });
        expect(outcome.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false);
        if (!outcome.ok) expect(outcome.code).toBe('VALIDATION');
      }
      expect(spies[name], name).not.toHaveBeenCalled();
    }
  });

  it('only the listed form-check handlers accept any input, and they write nothing', async () => {
    const open = Object.keys(handlers).filter((name) => (handlers as HandlerTable)[name].input.safeParse(Symbol('x')).success);
    expect(open.sort()).toEqual(Object.keys(ACCEPTS_ANY_INPUT).sort());
    const desk = await memoryDesk();
    const state = () =>
      JSON.stringify({
        cases: [...desk.store.allCases()],
        requests: [...desk.store.allRecords('requests')],
        settings: desk.store.getDoc('settings'),
      });
    const before = state();
    const { callDesk } = door(handlers, desk);
    for (const name of open) for (const input of [42, 'text', [1, 2], { name: '' }]) await callDesk({ name, input });
    expect(state()).toBe(before);
  });

  it('refuses unknown names, including inherited object keys', async () => {
    const { table, spies } = spied(z.unknown());
    const { callDesk } = door(table, await memoryDesk());
    for (const name of ['cases.nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'CASES.ADD']) {
      const outcome = await callDesk({ name, input: {} });
      expect(outcome, name).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    expect(Object.values(spies).every((spy) => spy.mock.calls.length === 0)).toBe(true);
  });

  it('refuses malformed requests before looking up a name', async () => {
    const { table, spies } = spied(z.unknown());
    const { callDesk } = door(table, await memoryDesk());
    for (const request of [
      null,
      'cases.add',
      42,
      [],
      {},
      { name: 7 },
      { name: '' },
      { name: 'cases.add', input: {}, extra: 1 },
      { name: 'cases.add', callId: 5 },
    ]) {
      const outcome = await callDesk(request);
      expect(outcome, JSON.stringify(request)).toMatchObject({ ok: false, code: 'VALIDATION' });
    }
    expect(spies['cases.add']).not.toHaveBeenCalled();
  });

  it('refuses calls from any page other than the app’s own', async () => {
    const { table, spies } = spied(z.unknown());
    const { listeners, event } = door(table, await memoryDesk());
    const call = listeners.get(CHANNELS.call)!;
    await expect(call(event({ url: 'https://evil.example/' }), { name: 'cases.add', input: {} })).rejects.toThrow('拒绝访问');
    await expect(call(event({ url: 'file:///tmp/other.html' }), { name: 'cases.add', input: {} })).rejects.toThrow('拒绝访问');
    const framed = { ...event(), senderFrame: { url: RENDERER_URL, parent: {} } } as unknown as IpcMainInvokeEvent;
    await expect(call(framed, { name: 'cases.add', input: {} })).rejects.toThrow('拒绝访问');
    expect(spies['cases.add']).not.toHaveBeenCalled();
  });
});

describe('IPC: shell-only handlers', () => {
  const updater = () => {
    let state: UpdaterStatus = {
      state: 'offline',
      message: '暂时无法连接更新服务器（离线），稍后会自动重试',
      checkedAt: '2026-11-23T04:00:00.000Z',
    };
    return {
      status: () => state,
      restartToUpdate: vi.fn(() => false),
      check: vi.fn(async () => void (state = { ...state, state: 'none', message: '已是最新版本' })),
    };
  };

  it('answer updates.status / updates.check / updates.restart through the same channel, validated like the rest', async () => {
    const u = updater();
    const { callDesk } = door(ipcTable(handlers, shellHandlers(u)), await memoryDesk());
    expect(await callDesk({ name: 'updates.status', input: {} })).toEqual({ ok: true, data: u.status() });
    expect(await callDesk({ name: 'updates.check', input: {} })).toMatchObject({ ok: true, data: { state: 'none' } });
    expect(await callDesk({ name: 'updates.restart', input: {} })).toEqual({ ok: true, data: false });
    expect(await callDesk({ name: 'updates.restart', input: { force: true } })).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(u.restartToUpdate).toHaveBeenCalledTimes(1);
  });

  it('never hide a core handler', () => {
    const u = updater();
    expect(() => ipcTable(handlers, { 'cases.add': shellHandlers(u)['updates.status'] })).toThrow(/clash/);
    expect(Object.keys(shellHandlers(u)).filter((name) => Object.hasOwn(handlers, name))).toEqual([]);
  });
});

describe('IPC: real calls into the core', () => {
  it('registers a case, and returns a field error for a bad ID number without writing', async () => {
    const desk = await memoryDesk();
    const { callDesk } = door(handlers, desk);
    const added = await callDesk({ name: 'cases.add', input: sampleCaseInput(), callId: 'a1' });
    expect(added.ok).toBe(true);
    if (added.ok) expect((added.data as { number: string }).number).toBe('（2026）东城调字第1号');

    const bad = sampleCaseInput();
    bad.parties[1] = { ...bad.parties[1], idNumber: IDS.liSi.slice(0, 17) + '9' } as (typeof bad.parties)[1];
    const refused = await callDesk({ name: 'cases.add', input: bad, callId: 'a2' });
    expect(refused).toMatchObject({ ok: false, code: 'VALIDATION', field: 'parties[1].idNumber' });
    if (!refused.ok) expect(refused.message).toMatch(/校验位/);
    expect(desk.store.caseCount()).toBe(1);
  });

  it('refuses what the signed-in role may not do, naming the role needed, and everything once signed out', async () => {
    const desk = await memoryDesk();
    const { callDesk } = door(handlers, desk);
    desk.session.begin({ id: 'clerk-1', name: '李受理', role: 'clerk' });
    expect(await callDesk({ name: 'cases.add', input: sampleCaseInput(), callId: 'r1' })).toMatchObject({ ok: true });
    expect(await callDesk({ name: 'settings.update', input: { court: '别的法院' }, callId: 'r2' })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '“修改本机构设置”需要管理员权限；当前操作员“李受理”是受理员',
      details: { needed: ['admin'], role: 'clerk' },
    });
    desk.session.end();
    expect(await callDesk({ name: 'cases.list', input: {}, callId: 'r3' })).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(desk.store.caseCount()).toBe(1);
  });
});

describe('IPC: errors, progress and cancellation', () => {
  const longRunning = handler(z.strictObject({ steps: z.int().positive() }), '测试用长操作', async (_desk, input, context) => {
    for (let i = 1; i <= input.steps; i++) {
      if (context.signal?.aborted) throw new DeskError('CANCELLED', '已取消，未写入任何内容');
      context.progress?.(i, input.steps, '处理中');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return 'done';
  });

  it('sends progress to the calling window and cancels by callId', async () => {
    const { callDesk, invoke, sent } = door({ long: longRunning }, await memoryDesk());
    const done = await callDesk({ name: 'long', input: { steps: 3 }, callId: 'p1' });
    expect(done).toEqual({ ok: true, data: 'done' });
    const progress = sent.filter(([channel]) => channel === CHANNELS.progress).map(([, p]) => p);
    expect(progress.at(-1)).toEqual({ callId: 'p1', done: 3, total: 3, label: '处理中' });

    const running = callDesk({ name: 'long', input: { steps: 1000 }, callId: 'p2' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await invoke(CHANNELS.cancel, 'p2');
    expect(await running).toMatchObject({ ok: false, code: 'CANCELLED' });
  });

  it('maps errors once: DeskError fields kept, anything else INTERNAL, store failures passed on', async () => {
    const table: HandlerTable = {
      domain: handler(z.strictObject({}), '', () => {
        throw new DeskError('NOT_ALLOWED', '当前状态不能签署', { field: 'status', details: { status: 'registered' } });
      }),
      bug: handler(z.strictObject({}), '', () => {
        throw new TypeError('x is undefined');
      }),
    };
    const { callDesk } = door(table, await memoryDesk());
    expect(await callDesk({ name: 'domain', input: {} })).toEqual({
      ok: false,
      code: 'NOT_ALLOWED',
      message: '当前状态不能签署',
      field: 'status',
      details: { status: 'registered' },
    });
    expect(await callDesk({ name: 'bug', input: {} })).toEqual({ ok: false, code: 'INTERNAL', message: '内部错误：x is undefined' });

    const locked = door(table, () => {
      throw new DeskError('STORE_LOCKED', '数据目录正被另一个程序使用');
    });
    expect(await locked.callDesk({ name: 'domain', input: {} })).toMatchObject({ ok: false, code: 'STORE_LOCKED' });
  });

  it('throttles progress but always delivers the last step', () => {
    let t = 0;
    const seen: number[] = [];
    const send = throttleProgress(
      (e) => seen.push(e.done),
      50,
      () => t,
    );
    for (let i = 1; i <= 100; i++) {
      t += 1;
      send({ callId: 'c', done: i, total: 100 });
    }
    expect(seen[0]).toBe(1);
    expect(seen.at(-1)).toBe(100);
    expect(seen.length).toBeLessThan(5);
  });
});

describe('IPC: desktop shell services', () => {
  it('validates dialog options in main before any dialog opens', async () => {
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: '/media/usb/批次.zip' }));
    const { invoke, dialog } = door(handlers, await memoryDesk(), { dialog: { showSaveDialog } });
    await expect(
      invoke(CHANNELS.chooseSavePath, { title: '保存', defaultName: 'a.zip', filters: [{ name: 'x', extensions: ['zip;rm -rf'] }] }),
    ).rejects.toThrow();
    await expect(invoke(CHANNELS.chooseSavePath, 'nope')).rejects.toThrow();
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    const chosen = await invoke(CHANNELS.chooseSavePath, {
      title: '保存批次',
      defaultName: '../../批次.zip',
      filters: [{ name: '批次文件', extensions: ['zip'] }],
    });
    expect(chosen).toBe('/media/usb/批次.zip');
    const options = (showSaveDialog.mock.calls[0] as unknown[])[0] as { defaultPath: string };
    expect(path.basename(options.defaultPath)).toBe('批次.zip');
  });

  it('opens only existing documents of the app’s kinds, never a program', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shell-'));
    const pdf = path.join(dir, '调解协议书.pdf');
    const exe = path.join(dir, 'setup.exe');
    writeFileSync(pdf, '%PDF-1.4');
    writeFileSync(exe, 'MZ');
    const { invoke, shell } = door(handlers, await memoryDesk());
    await invoke(CHANNELS.openPath, pdf);
    expect(shell.openPath).toHaveBeenCalledWith(pdf);
    await expect(invoke(CHANNELS.openPath, exe)).rejects.toThrow(/不能打开此类文件/);
    await expect(invoke(CHANNELS.openPath, 'relative.pdf')).rejects.toThrow(/完整路径/);
    await expect(invoke(CHANNELS.openPath, path.join(dir, 'missing.pdf'))).rejects.toThrow(/不存在/);
    await expect(invoke(CHANNELS.printPdf, exe)).rejects.toThrow();
    expect(shell.openPath).toHaveBeenCalledTimes(1);
  });

  it('passes the unsaved-work flag on as a boolean only', async () => {
    const { invoke, setUnsavedWork } = door(handlers, await memoryDesk());
    await invoke(CHANNELS.setUnsavedWork, true);
    await invoke(CHANNELS.setUnsavedWork, 'yes');
    expect(setUnsavedWork.mock.calls).toEqual([
      [1, true],
      [1, false],
    ]);
  });
});

describe('printing a PDF', () => {
  function printer(outcome: { success: boolean; reason: string } | Error) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'print-'));
    const pdf = path.join(dir, '调解协议书.pdf');
    writeFileSync(pdf, '%PDF-1.4');
    const window = {
      loadURL: vi.fn(async () => {
        if (outcome instanceof Error) throw outcome;
      }),
      webContents: {
        print: vi.fn((_options: unknown, done: (success: boolean, reason: string) => void) =>
          done((outcome as { success: boolean }).success, (outcome as { reason: string }).reason),
        ),
      },
      isDestroyed: () => false,
      destroy: vi.fn(),
    };
    const shell = { openPath: vi.fn(async () => '') };
    const services = createShellServices({
      dialog: {} as never,
      shell: shell as never,
      windowOf: () => null,
      createHiddenWindow: () => window as never,
      defaultFolder: () => dir,
      log: silent,
      printDelayMs: 0,
    });
    return { services, window, shell, pdf };
  }

  it('prints through the system dialog from a hidden window, then closes it', async () => {
    const { services, window, shell, pdf } = printer({ success: true, reason: '' });
    await services.printPdf(pdf);
    expect(window.loadURL).toHaveBeenCalledWith(expect.stringMatching(/^file:\/\/.*\.pdf$/));
    expect(window.webContents.print).toHaveBeenCalledWith({ silent: false, printBackground: true }, expect.any(Function));
    expect(window.destroy).toHaveBeenCalled();
    expect(shell.openPath).not.toHaveBeenCalled();
  });

  it('a cancelled print is not an error and opens nothing', async () => {
    const { services, shell, pdf } = printer({ success: false, reason: 'Print job canceled' });
    await services.printPdf(pdf);
    expect(shell.openPath).not.toHaveBeenCalled();
  });

  it('falls back to the system PDF reader when printing fails or the window cannot load', async () => {
    const failed = printer({ success: false, reason: 'Print job failed' });
    await failed.services.printPdf(failed.pdf);
    expect(failed.shell.openPath).toHaveBeenCalledWith(failed.pdf);
    const broken = printer(new Error('ERR_FAILED'));
    await broken.services.printPdf(broken.pdf);
    expect(broken.shell.openPath).toHaveBeenCalledWith(broken.pdf);
    expect(broken.window.destroy).toHaveBeenCalled();
  });
});
