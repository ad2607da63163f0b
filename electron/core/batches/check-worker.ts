/**
 * Worker thread checking a batch's items beside the main thread, so that verification uses two cores.
 * Bytes are shared or moved across without a copy (a structured clone of every log cost the main thread a
 * second) and parsed here. Two kinds of work:
 * - `{id, list, part, kind, asParsed}`: a part of a list (list-parts.ts) in the list's bytes (shared
 *   memory), every item against the model and its chain (`checkPart`), for `verify` and for the import of
 *   a batch (which asks `asParsed`); answers `{id, part}` (null when the part is not a non-empty array);
 * - `{id, bytes, indexes}`: a whole list, the hash chains of the items at `indexes`, for `import`
 *   (whose main thread checks the model, as it needs the parsed cases); answers `{id, problems}`.
 * - `{id, warm, kind, rounds}`: sample items checked `rounds` times, the findings forgotten (`warmChecks`);
 *   answers `{id}`.
 * Any failure answers `{id, error}`. Says `{ready: true}` once loaded, so no work waits for its start.
 */

import { parentPort } from 'node:worker_threads';

import { checkPart, itemChainProblem, type ListKind, warmChecks } from './item-check';
import type { ListPart } from './list-parts';

type Work =
  | { id: number; list: Uint8Array; part: ListPart; kind: ListKind; asParsed: boolean }
  | { id: number; bytes: Uint8Array; indexes: number[] }
  | { id: number; warm: unknown[]; kind: ListKind; rounds: number };

parentPort!.on('message', (work: Work) => {
  try {
    if ('warm' in work) {
      warmChecks(work.warm, work.kind, work.rounds);
      parentPort!.postMessage({ id: work.id });
      return;
    }
    if ('part' in work) {
      parentPort!.postMessage({ id: work.id, part: checkPart(work.list, work.part, work.kind, work.asParsed) });
      return;
    }
    const { bytes, indexes } = work;
    const list = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as unknown[];
    parentPort!.postMessage({ id: work.id, problems: indexes.map((i) => itemChainProblem(list[i])) });
  } catch (error) {
    parentPort!.postMessage({ id: work.id, error: (error as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
