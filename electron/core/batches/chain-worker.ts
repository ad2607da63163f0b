/**
 * Worker thread checking the hash chains of a batch's cases (`verifyLog`) while the main thread checks
 * the same cases against the zod model: the two halves of verification run on two cores.
 * Receives `{logs}` (each case's raw `events`), answers `{problems}` (null where the chain holds).
 */

import { parentPort } from 'node:worker_threads';

import { chainProblem } from './chain';

parentPort!.on('message', (message: { logs: unknown[] }) => {
  parentPort!.postMessage({ problems: message.logs.map(chainProblem) });
});
