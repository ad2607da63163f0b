/**
 * The unsaved-work flag, the one thing that stops an update from restarting over a half-typed case:
 * the shell's record per window and its close guard (electron/main/unsaved-work.ts, wired by main.ts
 * and run for real in test/integration/shell-main.test.ts), and the harness door that now carries the
 * renderer's calls (the journeys in test/e2e/unsaved-work.spec.ts drive it from the real screens).
 */

import { EventEmitter } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { handlers } from '../../electron/core/api';
import { type HarnessServer, startHarnessServer } from '../../electron/dev/server';
import { CLOSE_ANYWAY, CLOSE_QUESTION, guardClose, UnsavedWork } from '../../electron/main/unsaved-work';
import { memoryDesk } from '../support/desk';

class FakeWindow extends EventEmitter {
  closed = 0;
  /** Like BrowserWindow.close(): emits 'close', and closes unless a listener prevents it. */
  close(): void {
    if (!this.tryClose()) return;
    this.closed++;
  }
  /** The close button: true when the window closes. */
  tryClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return !prevented;
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the shell: unsaved work per window', () => {
  it('is held per window and forgotten with its page', () => {
    const work = new UnsavedWork();
    expect(work.any()).toBe(false);
    work.set(1, true);
    work.set(2, false);
    expect([work.any(), work.of(1), work.of(2), work.of(3)]).toEqual([true, true, false, false]);
    work.set(1, false);
    expect(work.any()).toBe(false);
    work.set(2, true);
    work.forget(2);
    expect(work.any()).toBe(false);
  });

  it('closing with nothing unsaved asks nothing', () => {
    const window = new FakeWindow();
    const ask = vi.fn(async () => CLOSE_ANYWAY);
    guardClose(window, () => false, ask);
    expect(window.tryClose()).toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('closing with unsaved work asks; 返回保存 keeps the window, 仍然关闭 closes it', async () => {
    const window = new FakeWindow();
    let answer = 0;
    const ask = vi.fn(async () => answer);
    guardClose(window, () => true, ask);

    expect(window.tryClose()).toBe(false);
    await flush();
    expect(ask).toHaveBeenCalledTimes(1);
    expect(window.closed).toBe(0);
    expect(CLOSE_QUESTION.buttons?.[answer]).toBe('返回保存');
    expect(CLOSE_QUESTION.cancelId).toBe(0); // Esc or the dialog's own close button keeps the work

    answer = CLOSE_ANYWAY;
    expect(window.tryClose()).toBe(false);
    await flush();
    expect(ask).toHaveBeenCalledTimes(2);
    expect(CLOSE_QUESTION.buttons?.[answer]).toBe('仍然关闭');
    expect(window.closed).toBe(1);
  });

  it('a second click while the question is open does not ask twice; a failed dialog keeps the window', async () => {
    const window = new FakeWindow();
    let answer!: (response: number) => void;
    const ask = vi.fn(() => new Promise<number>((resolve) => (answer = resolve)));
    guardClose(window, () => true, ask);
    window.tryClose();
    window.tryClose();
    expect(ask).toHaveBeenCalledTimes(1);
    answer(0);
    await flush();

    const broken = new FakeWindow();
    guardClose(
      broken,
      () => true,
      () => Promise.reject(new Error('no display')),
    );
    expect(broken.tryClose()).toBe(false);
    await flush();
    expect(broken.closed).toBe(0);
  });

  it('follows the flag as it changes: saved work closes without a question', async () => {
    const work = new UnsavedWork();
    const window = new FakeWindow();
    const ask = vi.fn(async () => 0);
    guardClose(window, () => work.of(7), ask);
    work.set(7, true);
    expect(window.tryClose()).toBe(false);
    work.set(7, false);
    expect(window.tryClose()).toBe(true);
    await flush();
    expect(ask).toHaveBeenCalledTimes(1);
  });
});

describe('the harness door: /api/unsaved-work', () => {
  let harness: HarnessServer;
  beforeAll(async () => {
    const rendererDir = await mkdtemp(path.join(os.tmpdir(), 'harness-unsaved-'));
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    harness = await startHarnessServer({ desk: await memoryDesk(), table: handlers, rendererDir });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const post = async (body: unknown, token = harness.token) => {
    const response = await fetch(`http://127.0.0.1:${harness.port}/api/unsaved-work`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: response.ok ? ((await response.json()) as { unsaved: boolean }) : await response.text() };
  };

  it('records what the page reports, answers it, and needs the token', async () => {
    expect(await post({})).toEqual({ status: 200, body: { unsaved: false } });
    expect(await post({ unsaved: true })).toEqual({ status: 200, body: { unsaved: true } });
    expect(harness.unsavedWork()).toBe(true);
    expect(await post({})).toEqual({ status: 200, body: { unsaved: true } });
    expect(await post({ unsaved: 'yes' })).toEqual({ status: 200, body: { unsaved: true } }); // not a boolean: ignored
    expect((await post({ unsaved: false }, 'wrong')).status).toBe(403);
    expect(harness.unsavedWork()).toBe(true);
    expect(await post({ unsaved: false })).toEqual({ status: 200, body: { unsaved: false } });
  });
});
