/**
 * The preload with electron mocked: it exposes exactly the DeskBridge as window.desk, each function
 * sends its one channel, no IPC event object reaches the page, and every channel it uses is answered
 * by the main process.
 */

import { describe, expect, it, vi } from 'vitest';

import { CHANNELS } from '../../electron/main/channels';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, data: null })), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electron);

describe('preload', () => {
  it('exposes the DeskBridge as window.desk and nothing else', async () => {
    await import('../../electron/preload/preload');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, bridge] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, unknown>];
    expect(key).toBe('desk');
    expect(Object.keys(bridge).sort()).toEqual(['call', 'cancel', 'onProgress', 'onSession', 'setUnsavedWork', 'shell', 'updater']);
    expect(Object.keys(bridge.shell as object).sort()).toEqual(['chooseOpenPath', 'chooseSavePath', 'openPath', 'printPdf']);
    expect(Object.keys(bridge.updater as object).sort()).toEqual(['restartToUpdate', 'status']);
    // Only functions (and objects of functions) cross the bridge: no ipcRenderer, no data.
    const leaves = Object.values(bridge).flatMap((v) => (typeof v === 'object' ? Object.values(v as object) : [v]));
    expect(leaves.every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends each call on its fixed channel, and every channel is one the main process answers', async () => {
    const { createBridge } = await import('../../electron/preload/preload');
    const ipc = { invoke: vi.fn(async () => null), on: vi.fn(), removeListener: vi.fn() };
    const bridge = createBridge(ipc as never);
    await bridge.call('cases.add', { summary: 'x' }, 'c1');
    expect(ipc.invoke).toHaveBeenLastCalledWith('desk:call', { name: 'cases.add', input: { summary: 'x' }, callId: 'c1' });
    await bridge.cancel('c1');
    await bridge.shell!.chooseSavePath({ title: 't', defaultName: 'a.pdf', filters: [] });
    await bridge.shell!.chooseOpenPath({ title: 't', filters: [] });
    await bridge.shell!.openPath('/tmp/a.pdf');
    await bridge.shell!.printPdf('/tmp/a.pdf');
    await bridge.updater!.status();
    await bridge.updater!.restartToUpdate();
    await bridge.setUnsavedWork!(true);
    const used = new Set(ipc.invoke.mock.calls.map((c) => (c as unknown[])[0] as string));
    // progress and session go from main to the page (listened to, not invoked)
    const answered = new Set(Object.values(CHANNELS).filter((c) => c !== CHANNELS.progress && c !== CHANNELS.session));
    expect(used).toEqual(answered);
  });

  it('progress listeners get the data only, and unsubscribe cleanly', async () => {
    const { createBridge } = await import('../../electron/preload/preload');
    const ipc = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() };
    const bridge = createBridge(ipc as never);
    const listener = vi.fn();
    const unsubscribe = bridge.onProgress(listener);
    const [channel, wrapped] = ipc.on.mock.calls[0] as unknown as [string, (event: unknown, payload: unknown) => void];
    expect(channel).toBe('desk:progress');
    wrapped({ sender: 'secret' }, { callId: 'c1', done: 1, total: 2 });
    expect(listener).toHaveBeenCalledWith({ callId: 'c1', done: 1, total: 2 });
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(ipc.removeListener).toHaveBeenCalledWith('desk:progress', wrapped);
  });
});
