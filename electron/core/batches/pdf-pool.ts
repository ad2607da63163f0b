/**
 * Batch PDFs through the documents module, spread over worker threads (one per core, at most two: the
 * main thread still zips and hashes). A handful of documents are rendered in the main thread, where
 * starting workers would cost more than it saves.
 *
 * Workers are started by ./workers.ts; a bundle without `pdf-worker.js` renders in the main thread
 * (slower, still correct).
 */

import os from 'node:os';
import type { Worker } from 'node:worker_threads';

import type { Desk } from '../desk';
import { DeskError } from '../errors';
import type { Case } from '../schema/case';
import type { Settings } from '../schema/settings';
import type { DocumentRenderer, RenderedDocument } from './documents';
import { type BatchDocument, batchTemplatesFor, renderCasePdf, type RenderEnvironment } from './pdf-render';
import { startWorker, workerAvailable } from './workers';

/** Below this many documents the main thread renders them itself. */
const WORKER_THRESHOLD = 12;
const IN_FLIGHT_PER_WORKER = 2;

interface Task {
  id: number;
  c: Case;
  document: BatchDocument;
}

type Rendered = RenderedDocument & { caseId: string };

const cancelled = () => new DeskError('CANCELLED', '已取消导出，未生成批次文件');

function renderFailure(c: Case, template: string, message: string): DeskError {
  return new DeskError('INTERNAL', `生成案件“${c.number}”的文书（${template}）失败：${message}`);
}

async function* inMainThread(env: RenderEnvironment, tasks: Task[], signal?: AbortSignal): AsyncGenerator<Rendered> {
  for (const task of tasks) {
    if (signal?.aborted) throw cancelled();
    try {
      const { name, data } = await renderCasePdf(env, task.c, task.document);
      yield { caseId: task.c.id, name, data };
    } catch (error) {
      if (error instanceof DeskError && error.code === 'CANCELLED') throw error;
      throw renderFailure(task.c, task.document.template, (error as Error).message);
    }
  }
}

async function* inWorkers(env: RenderEnvironment, tasks: Task[], signal?: AbortSignal): AsyncGenerator<Rendered> {
  const count = Math.max(1, Math.min(2, os.availableParallelism(), Math.ceil(tasks.length / WORKER_THRESHOLD)));
  const workers: Worker[] = [];
  const ready: Rendered[] = [];
  let failure: DeskError | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  let next = 0;
  let finished = 0;
  const byId = new Map(tasks.map((t) => [t.id, t]));

  const feed = (worker: Worker) => {
    if (next < tasks.length) {
      const task = tasks[next++];
      worker.postMessage({ id: task.id, case: task.c, document: task.document });
    }
  };
  const onAbort = () => {
    failure ??= cancelled();
    notify();
  };
  signal?.addEventListener('abort', onAbort);
  try {
    for (let i = 0; i < count; i++) {
      const worker = startWorker('pdf-worker', env);
      worker.on('message', (message: { id: number; name?: string; data?: Uint8Array; error?: string }) => {
        const task = byId.get(message.id)!;
        if (message.error !== undefined) failure ??= renderFailure(task.c, task.document.template, message.error);
        else
          ready.push({
            caseId: task.c.id,
            name: message.name!,
            data: Buffer.from(message.data!.buffer, message.data!.byteOffset, message.data!.byteLength),
          });
        finished++;
        feed(worker);
        notify();
      });
      worker.on('error', (error) => {
        failure ??= new DeskError('INTERNAL', `文书生成线程出错：${error.message}`, { cause: error });
        notify();
      });
      worker.on('exit', (code) => {
        if (code !== 0 && finished < tasks.length) failure ??= new DeskError('INTERNAL', `文书生成线程意外退出（代码 ${code}）`);
        notify();
      });
      workers.push(worker);
      for (let k = 0; k < IN_FLIGHT_PER_WORKER; k++) feed(worker);
    }
    let yielded = 0;
    while (yielded < tasks.length) {
      if (failure) throw failure;
      const item = ready.shift();
      if (item) {
        yielded++;
        yield item;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export function batchDocumentRenderer(desk: Desk): DocumentRenderer {
  const env = (settings: Settings): RenderEnvironment => ({
    settings,
    today: desk.today(),
    now: desk.nowIso(),
    resourcesDir: desk.resourcesDir,
    dataDir: desk.dataDir,
  });
  return {
    applies: (c) => batchTemplatesFor(c).length > 0,
    count: (c) => batchTemplatesFor(c).length,
    render(cases, settings, signal) {
      let id = 0;
      const tasks: Task[] = cases.flatMap((c) => batchTemplatesFor(c).map((document) => ({ id: id++, c, document })));
      return tasks.length < WORKER_THRESHOLD || !workerAvailable('pdf-worker')
        ? inMainThread(env(settings), tasks, signal)
        : inWorkers(env(settings), tasks, signal);
    },
  };
}
