/**
 * Worker thread rendering batch PDFs: receives `{id, case, document}`, answers `{id, name, data}` or
 * `{id, error}`. Fonts are loaded once per worker and reused for every document.
 */

import { parentPort, workerData } from 'node:worker_threads';

import type { Case } from '../schema/case';
import { type BatchDocument, renderCasePdf, type RenderEnvironment } from './pdf-render';

const env = workerData as RenderEnvironment;

async function render(task: { id: number; case: Case; document: BatchDocument }): Promise<void> {
  try {
    const { name, data } = await renderCasePdf(env, task.case, task.document);
    // Copy into a transferable buffer of exactly this size (pdfkit's chunks may share a pool).
    const bytes = new Uint8Array(data.length);
    bytes.set(data);
    parentPort!.postMessage({ id: task.id, name, data: bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
  }
}

// render() reports its own failures to the parent, so the promise never rejects.
parentPort!.on('message', (task: { id: number; case: Case; document: BatchDocument }) => void render(task));
