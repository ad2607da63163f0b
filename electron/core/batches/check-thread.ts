/**
 * The thread that checks a batch's items beside the main thread (./check-worker.ts), kept for the next
 * batch: starting a thread costs more than checking a small batch (loading the checks and compiling
 * them), and a centre verifies and imports the same big batch one after the other. It is started when a
 * big batch is opened (`warmCheckThread`), so that it starts up while the batch is read; it never keeps
 * the process alive while idle, and stops after a minute without work, except at a centre, which keeps
 * it from sign-in on (`keepCheckThread`, ./warm.ts).
 */

import type { Worker } from 'node:worker_threads';

import type { ListKind, PartCheck } from './item-check';
import type { ListPart } from './list-parts';
import { startWorker, workerAvailable } from './workers';

const WORKER = 'check-worker';
const IDLE_STOP_MS = 60_000;

interface Answer {
  id: number;
  part?: PartCheck | null;
  problems?: (string | null)[];
  error?: string;
}

interface Pending {
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  /** Settles when the worker has loaded (or failed to). */
  ready: Promise<void>;
  pending: Map<number, Pending>;
  idle?: NodeJS.Timeout;
}

let current: Thread | undefined;
let nextId = 0;
/** A centre keeps its thread while the process runs (`keepCheckThread`): no stop after a minute idle. */
let kept = false;

export const checkThreadAvailable = (): boolean => workerAvailable(WORKER);

/** Start the thread now if it is not running, so that it is ready by the time the items are parsed. */
export function warmCheckThread(): void {
  try {
    if (checkThreadAvailable()) running();
  } catch {
    // a thread that cannot start: asking it fails too, and the main thread does the work
  }
}

/**
 * Keep the thread from now on, started if it is not running: a centre, whose work is batches, keeps it
 * warm rather than paying its start (and the first compilation of the checks in it) at its first batch
 * after every minute idle. Idle, it never keeps the process alive.
 */
export function keepCheckThread(): void {
  kept = true;
  if (current) clearTimeout(current.idle);
  warmCheckThread();
}

/** Resolves once the thread can take work (starting it if needed); rejects if it cannot start. */
export function checkThreadReady(): Promise<void> {
  try {
    return running().ready;
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

function running(): Thread {
  if (current) return current;
  const worker = startWorker(WORKER);
  worker.unref();
  let loaded!: () => void;
  let failedToLoad!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    loaded = resolve;
    failedToLoad = reject;
  });
  ready.catch(() => undefined);
  const thread: Thread = { worker, ready, pending: new Map() };
  const fail = (error: Error) => {
    if (current === thread) current = undefined;
    clearTimeout(thread.idle);
    failedToLoad(error);
    for (const p of thread.pending.values()) p.reject(error);
    thread.pending.clear();
  };
  worker.on('message', (message: Answer | { ready: true }) => {
    if ('ready' in message) return loaded();
    const p = thread.pending.get(message.id);
    if (!p) return;
    thread.pending.delete(message.id);
    if (message.error === undefined) p.resolve(message);
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
  if (kept) return;
  thread.idle = setTimeout(() => {
    if (current === thread) current = undefined;
    void thread.worker.terminate();
  }, IDLE_STOP_MS);
  thread.idle.unref();
}

/** Shared memory is not moved but shared; only a whole buffer can be moved; a view into one (a small list) is copied first. */
const movable = (bytes: Uint8Array) =>
  bytes.buffer instanceof SharedArrayBuffer || (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
    ? bytes
    : new Uint8Array(bytes);

function ask(work: Record<string, unknown>, bytes?: Uint8Array): Promise<Answer> {
  const thread = running();
  clearTimeout(thread.idle);
  // an answer is awaited: keep the process alive until it comes
  thread.worker.ref();
  const id = nextId++;
  return new Promise<Answer>((resolve, reject) => {
    thread.pending.set(id, { resolve, reject });
    const moved = !bytes || bytes.buffer instanceof SharedArrayBuffer ? [] : [bytes.buffer];
    thread.worker.postMessage({ id, ...work }, moved);
  });
}

/**
 * The chain problem (or null) of each item at `indexes` of the JSON list in `bytes` (UTF-8), checked in
 * the thread. A buffer of its own is moved there without a copy and is empty afterwards.
 */
export async function chainProblemsInThread(bytes: Uint8Array, indexes: readonly number[]): Promise<(string | null)[]> {
  const own = movable(bytes);
  return (await ask({ bytes: own, indexes }, own)).problems!;
}

/** `checkPart` of a part of a list, in the thread, which reads the list's bytes where they are (shared memory). */
export async function checkPartInThread(list: Uint8Array, part: ListPart, kind: ListKind, asParsed: boolean): Promise<PartCheck | null> {
  return (await ask({ list, part, kind, asParsed }, list)).part ?? null;
}

/**
 * Check these items `rounds` times in the thread and forget the findings: the first hundreds of checks
 * run the checks' code cold (zod compiles a schema's parser on first use, and V8 optimises what runs
 * often), which a centre does ahead of its first batch (./warm.ts).
 */
export async function warmChecksInThread(items: readonly unknown[], kind: ListKind, rounds: number): Promise<void> {
  await ask({ warm: items, kind, rounds });
}
