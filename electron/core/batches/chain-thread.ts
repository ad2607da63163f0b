/**
 * The thread that checks hash chains (./chain-worker.ts), kept for the next batch: starting a thread
 * costs more than checking a small batch (from source, a second to register tsx inside it), and a centre
 * verifies and imports the same big batch one after the other. It is started when a big batch is
 * opened (`warmChainThread`), so that it starts up while the batch is read; it never keeps the process
 * alive while idle, and stops after a minute without work.
 */

import type { Worker } from 'node:worker_threads';

import { startWorker, workerAvailable } from './workers';

const WORKER = 'chain-worker';
const IDLE_STOP_MS = 60_000;

interface Pending {
  resolve(problems: (string | null)[]): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  idle?: NodeJS.Timeout;
}

let current: Thread | undefined;
let nextId = 0;

export const chainThreadAvailable = (): boolean => workerAvailable(WORKER);

/** Start the thread now if it is not running, so that it is ready by the time the cases are parsed. */
export function warmChainThread(): void {
  try {
    if (chainThreadAvailable()) running();
  } catch {
    // a thread that cannot start: `chainProblemsInThread` fails too, and the chains are checked in the main thread
  }
}

function running(): Thread {
  if (current) return current;
  const worker = startWorker(WORKER);
  worker.unref();
  const thread: Thread = { worker, pending: new Map() };
  const fail = (error: Error) => {
    if (current === thread) current = undefined;
    clearTimeout(thread.idle);
    for (const p of thread.pending.values()) p.reject(error);
    thread.pending.clear();
  };
  worker.on('message', (message: { id: number; problems?: (string | null)[]; error?: string }) => {
    const p = thread.pending.get(message.id);
    if (!p) return;
    thread.pending.delete(message.id);
    if (message.problems) p.resolve(message.problems);
    else p.reject(new Error(`校验线程出错：${message.error}`));
    if (thread.pending.size === 0) idle(thread);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`校验线程意外退出（代码 ${code}）`)));
  current = thread;
  idle(thread);
  return thread;
}

/** Nothing waits for the thread: it must not keep the process alive, and it stops if nothing comes. */
function idle(thread: Thread): void {
  thread.worker.unref();
  clearTimeout(thread.idle);
  thread.idle = setTimeout(() => {
    if (current === thread) current = undefined;
    void thread.worker.terminate();
  }, IDLE_STOP_MS);
  thread.idle.unref();
}

/**
 * The chain problem (or null) of each item at `indexes` of the JSON list in `bytes` (UTF-8), checked in
 * the thread. A buffer of its own is moved there without a copy and is empty afterwards.
 */
export async function chainProblemsInThread(bytes: Uint8Array, indexes: readonly number[]): Promise<(string | null)[]> {
  const thread = running();
  clearTimeout(thread.idle);
  // an answer is awaited: keep the process alive until it comes
  thread.worker.ref();
  const id = nextId++;
  // only a whole buffer can be moved; a view into a shared one (a small list) is copied
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  return new Promise<(string | null)[]>((resolve, reject) => {
    thread.pending.set(id, { resolve, reject });
    thread.worker.postMessage({ id, bytes: own, indexes }, [own.buffer as ArrayBuffer]);
  });
}
