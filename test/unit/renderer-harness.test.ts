/**
 * The development harness's loopback bridge: binds 127.0.0.1 only, refuses every call without the
 * per-run token (and pages without it), refuses foreign Host headers, answers through the handler
 * table with errors mapped once to {ok:false, code, message, field}.
 */

import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { handlers } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import { DeskError } from '../../electron/core/errors';
import { handler, type HandlerTable } from '../../electron/core/handler';
import { type HarnessServer, injectBridge, startHarnessServer } from '../../electron/dev/server';
import { IDS, memoryDesk, sampleCaseInput } from '../support/desk';

let desk: Desk;
let harness: HarnessServer;

beforeAll(async () => {
  desk = await memoryDesk();
  const rendererDir = await mkdtemp(path.join(os.tmpdir(), 'harness-test-'));
  await writeFile(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body><script type="module" src="./assets/app.js"></script></body></html>',
  );
  await writeFile(path.join(rendererDir, 'secret.txt'), 'inside');
  harness = await startHarnessServer({ desk, table: handlers, rendererDir });
});

afterAll(async () => {
  await harness?.close();
});

const base = () => `http://127.0.0.1:${harness.port}`;

async function apiCall(body: unknown, headers: Record<string, string> = { 'X-Desk-Token': harness.token }) {
  const response = await fetch(`${base()}/api/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    lines: response.ok
      ? text
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l))
      : [],
  };
}

/** A raw request with a chosen Host header (fetch does not let one set it). */
function rawGet(pathname: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: harness.port, path: pathname, method: 'GET', headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('harness bridge', () => {
  it('listens on the loopback address only', () => {
    const address = harness.server.address();
    expect(address).toMatchObject({ address: '127.0.0.1' });
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  it('refuses calls without the token or with a wrong one, and the handler never runs', async () => {
    const before = desk.store.caseCount();
    const missing = await apiCall({ name: 'cases.add', input: sampleCaseInput() }, {});
    expect(missing.status).toBe(403);
    const wrong = await apiCall({ name: 'cases.add', input: sampleCaseInput() }, { 'X-Desk-Token': 'f'.repeat(64) });
    expect(wrong.status).toBe(403);
    const shorter = await apiCall({ name: 'cases.add', input: sampleCaseInput() }, { 'X-Desk-Token': harness.token.slice(0, 10) });
    expect(shorter.status).toBe(403);
    expect(desk.store.caseCount()).toBe(before);
  });

  it('answers a call with the token through the handler table', async () => {
    const added = await apiCall({ name: 'cases.add', input: sampleCaseInput(), callId: 'c1' });
    expect(added.status).toBe(200);
    const result = added.lines.at(-1);
    expect(result.type).toBe('result');
    expect(result.outcome.ok).toBe(true);
    expect(result.outcome.data.number).toMatch(/东城调字第\d+号/);
    const listed = await apiCall({ name: 'cases.list', input: { q: 'zs' } });
    expect(listed.lines.at(-1).outcome.data.total).toBe(1);
  });

  it('maps a refused input to {ok:false, code, message, field} once', async () => {
    const bad = sampleCaseInput();
    bad.parties[1] = { ...(bad.parties[1] as object), idNumber: IDS.liSi.slice(0, 17) + '9' } as (typeof bad.parties)[1];
    const { lines } = await apiCall({ name: 'cases.add', input: bad });
    const outcome = lines.at(-1).outcome;
    expect(outcome).toMatchObject({ ok: false, code: 'VALIDATION', field: 'parties[1].idNumber' });
    expect(outcome.message).toContain('校验位');
    const unknown = (await apiCall({ name: 'no.such', input: {} })).lines.at(-1).outcome;
    expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('serves the page only with the token, with the token injected and a strict CSP', async () => {
    expect((await fetch(`${base()}/`)).status).toBe(403);
    expect((await fetch(`${base()}/?token=nope`)).status).toBe(403);
    const page = await fetch(harness.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain(`<meta name="desk-token" content="${harness.token}"`);
    // the bridge comes before the app's module script, and nothing inline
    expect(html.indexOf('desk-bridge.js')).toBeLessThan(html.indexOf('assets/app.js'));
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    const bridge = await fetch(`${base()}/desk-bridge.js`);
    expect(bridge.status).toBe(200);
    expect(await bridge.text()).toContain('X-Desk-Token');
  });

  it('refuses a foreign Host header (DNS rebinding) and paths outside the renderer', async () => {
    expect(await rawGet(`/?token=${harness.token}`, `evil.example:${harness.port}`)).toBe(403);
    expect(await rawGet(`/?token=${harness.token}`, `127.0.0.1:${harness.port}`)).toBe(200);
    expect((await fetch(`${base()}/secret.txt`)).status).toBe(200);
    expect((await fetch(`${base()}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it('refuses GET on the API', async () => {
    const response = await fetch(`${base()}/api/call`, { headers: { 'X-Desk-Token': harness.token } });
    expect(response.status).toBe(405);
  });
});

describe('injectBridge', () => {
  it('puts the meta and the bridge script before the first script, or at the end of head', () => {
    expect(injectBridge('<head></head><body><script src="a.js"></script></body>', 'T')).toMatch(
      /desk-token" content="T"[\s\S]*desk-bridge\.js[\s\S]*a\.js/,
    );
    expect(injectBridge('<head></head><body></body>', 'T')).toMatch(/desk-bridge\.js"><\/script>\s*<\/head>/);
  });
});

describe('harness progress and cancellation', () => {
  const slow = handler(z.strictObject({ steps: z.int().positive() }), '测试用的长操作', async (_desk, input, context) => {
    for (let i = 1; i <= input.steps; i++) {
      if (context.signal?.aborted) throw new DeskError('CANCELLED', '已取消，未写入任何内容');
      context.progress?.(i, input.steps, `第${i}步`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return { done: input.steps };
  });
  let server: HarnessServer;

  beforeAll(async () => {
    const rendererDir = await mkdtemp(path.join(os.tmpdir(), 'harness-test-'));
    server = await startHarnessServer({ desk, table: { slow } as HandlerTable, rendererDir });
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (pathname: string, body: unknown, token = server.token) =>
    fetch(`http://127.0.0.1:${server.port}${pathname}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
      body: JSON.stringify(body),
    });

  it('streams progress lines tagged with the callId before the result', async () => {
    const text = await (await post('/api/call', { name: 'slow', input: { steps: 3 }, callId: 'p1' })).text();
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.slice(0, 3)).toEqual([1, 2, 3].map((done) => ({ type: 'progress', callId: 'p1', done, total: 3, label: `第${done}步` })));
    expect(lines[3]).toEqual({ type: 'result', outcome: { ok: true, data: { done: 3 } } });
  });

  it('cancels a running call only with the token', async () => {
    const running = post('/api/call', { name: 'slow', input: { steps: 200 }, callId: 'c9' }).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await post('/api/cancel', { callId: 'c9' }, 'x'.repeat(64))).status).toBe(403);
    expect((await post('/api/cancel', { callId: 'c9' })).status).toBe(204);
    const last = JSON.parse((await running).trim().split('\n').at(-1)!);
    expect(last.outcome).toMatchObject({ ok: false, code: 'CANCELLED' });
  });
});
