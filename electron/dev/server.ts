/**
 * The loopback HTTP bridge of the development harness: serves the built renderer and answers its
 * calls through the same handler table as IPC. For development and tests only (never shipped).
 *
 * Security, although it only ever listens on 127.0.0.1:
 * - a per-run random token is required on every /api request (header `X-Desk-Token`) and to load
 *   the page (`/?token=…`, the URL the harness prints); compared in constant time;
 * - the Host header must name the loopback address and port, so a web page elsewhere cannot reach
 *   the bridge through DNS rebinding;
 * - the page gets the same Content-Security-Policy as in Electron, and no inline script: the token is
 *   injected as `<meta name="desk-token">` and read by the static /desk-bridge.js.
 *
 * Calls answer as NDJSON on one response: zero or more `{"type":"progress",…}` lines, then one
 * `{"type":"result","outcome":{ok,…}}` line. Cancelling is a second request naming the callId.
 * `/api/unsaved-work` carries the page's unsaved-work flag (`window.desk.setUnsavedWork`, as IPC does
 * in the app): `{unsaved: true|false}` sets it, `{}` only reads it; both answer `{unsaved}`.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Desk } from '../core/desk';
import { asDeskError, DeskError } from '../core/errors';
import { callHandler, type HandlerTable } from '../core/handler';
import { parseJsonText } from '../core/json';
import { formatBytes, LIMITS } from '../core/limits';

export const TOKEN_HEADER = 'x-desk-token';
export const LOOPBACK = '127.0.0.1';

export const BRIDGE_SCRIPT = fileURLToPath(new URL('./desk-bridge.js', import.meta.url));

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self' blob:; object-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface HarnessOptions {
  desk: Desk;
  table: HandlerTable;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Default: random. */
  port?: number;
  /** Default: 32 random bytes, hex. */
  token?: string;
  /** One line per failed call, for the terminal (never input data: it may hold ID numbers). */
  log?(line: string): void;
}

export interface HarnessServer {
  url: string;
  token: string;
  host: string;
  port: number;
  server: Server;
  /** What the page last reported through `setUnsavedWork`. */
  unsavedWork(): boolean;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The page with the token and the bridge script placed before the app's own module script. */
export function injectBridge(html: string, token: string): string {
  const tags = `<meta name="desk-token" content="${token}" />\n    <script src="./desk-bridge.js"></script>\n    `;
  const at = html.indexOf('<script');
  return at < 0 ? html.replace('</head>', `${tags}</head>`) : html.slice(0, at) + tags + html.slice(at);
}

/** The request body as JSON, held to the same limits and JSON rules as every other door's input. */
async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // The envelope ({name, input, callId}) adds a little to the input's own limit.
    if (size > LIMITS.requestBytes + 64 * 1024)
      throw new DeskError('VALIDATION', `请求过大（超过 ${formatBytes(LIMITS.requestBytes)}），已拒绝`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? parseJsonText(text, '请求', { maxDepth: LIMITS.requestDepth + 2 }) : {};
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

export async function startHarnessServer(options: HarnessOptions): Promise<HarnessServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const rendererDir = path.resolve(options.rendererDir);
  const running = new Map<string, AbortController>();
  let unsavedWork = false;
  let port = 0;

  const allowedHosts = () => new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const relative = decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(rendererDir, relative);
    if (file !== rendererDir && !file.startsWith(rendererDir + path.sep)) return send(res, 404, 'not found');
    try {
      const info = await stat(file);
      if (!info.isFile()) return send(res, 404, 'not found');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    } catch {
      send(res, 404, 'not found');
    }
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: { name?: unknown; input?: unknown; callId?: unknown };
    try {
      body = (await readBody(req)) as typeof body;
    } catch (error) {
      return send(
        res,
        400,
        JSON.stringify({ type: 'result', outcome: { ok: false, ...asDeskError(error).toPayload() } }),
        'application/json',
      );
    }
    const name = typeof body?.name === 'string' ? body.name : '';
    const callId = typeof body?.callId === 'string' && body.callId ? body.callId : undefined;
    const controller = new AbortController();
    if (callId) running.set(callId, controller);
    res.writeHead(200, {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    const line = (value: unknown) => res.write(`${JSON.stringify(value)}\n`);
    try {
      const data = await callHandler(options.table, options.desk, name, body?.input, {
        signal: controller.signal,
        progress: (done, total, label) => line({ type: 'progress', callId, done, total, label }),
      });
      line({ type: 'result', outcome: { ok: true, data: data ?? null } });
    } catch (error) {
      const failure = asDeskError(error);
      if (failure.code === 'INTERNAL') options.log?.(`调用 ${name} 出错：${failure.message}`);
      line({ type: 'result', outcome: { ok: false, ...failure.toPayload() } });
    } finally {
      if (callId) running.delete(callId);
      res.end();
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 403, 'forbidden host');
      const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'method not allowed');
        if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) return send(res, 403, 'missing or wrong token');
        if (url.pathname === '/api/call') return handleCall(req, res);
        if (url.pathname === '/api/cancel') {
          const body = (await readBody(req).catch(() => ({}))) as { callId?: unknown };
          if (typeof body.callId === 'string') running.get(body.callId)?.abort();
          return send(res, 204, '');
        }
        if (url.pathname === '/api/unsaved-work') {
          const body = (await readBody(req).catch(() => ({}))) as { unsaved?: unknown };
          if (typeof body.unsaved === 'boolean') unsavedWork = body.unsaved;
          return send(res, 200, JSON.stringify({ unsaved: unsavedWork }), 'application/json');
        }
        return send(res, 404, 'not found');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
      if (url.pathname === '/' || url.pathname === '/index.html') {
        if (!sameToken(url.searchParams.get('token'), token)) {
          return send(res, 403, '需要带令牌的地址：请使用 harness 启动时打印的完整地址。');
        }
        const html = injectBridge(await readFile(path.join(rendererDir, 'index.html'), 'utf8'), token);
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
        });
        return res.end(html);
      }
      // The workbench has no favicon (the app window shows the icon); a browser asks for one anyway.
      if (url.pathname === '/favicon.ico') return send(res, 204, '');
      if (url.pathname === '/desk-bridge.js') {
        res.writeHead(200, { 'Content-Type': MIME['.js'], 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
        return res.end(await readFile(BRIDGE_SCRIPT));
      }
      return serveStatic(res, url.pathname);
    })().catch((error: unknown) => {
      options.log?.(`请求处理出错：${(error as Error).message}`);
      if (!res.headersSent) send(res, 500, 'internal error');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    token,
    host: LOOPBACK,
    port,
    server,
    unsavedWork: () => unsavedWork,
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of running.values()) controller.abort();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
