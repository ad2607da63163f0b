/**
 * Worker thread checking the hash chains of a batch's cases (`verifyLog`) while the main thread checks
 * the same cases against the zod model: the two halves of verification run on two cores.
 * Receives `{id, bytes, indexes}`: the whole list as it is in the batch (cases.json or requests.json,
 * UTF-8, moved across without a copy, where a structured clone of every log cost the main thread a
 * second) and which items to check. Answers `{id, problems}` (null where the chain holds) or `{id, error}`.
 */

import { parentPort } from 'node:worker_threads';

import { chainProblem } from './chain';

parentPort!.on('message', ({ id, bytes, indexes }: { id: number; bytes: Uint8Array; indexes: number[] }) => {
  try {
    const list = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as unknown[];
    const problems = indexes.map((i) => {
      const item = list[i];
      return chainProblem(item && typeof item === 'object' ? (item as { events?: unknown }).events : undefined);
    });
    parentPort!.postMessage({ id, problems });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
