/**
 * A centre's batch checks made ready ahead of its first batch. Measured on the first `verify` of a
 * 10,000-case batch in a process: about 1.5 s of CPU more than the second, spent starting the checking
 * thread and running the checks cold in both threads (zod compiles a schema's parser on first use; V8
 * optimises code only once it has run often). A centre's doors call `batches.warm` once an operator has
 * signed in, as they build the search and duplicate indexes then: the thread is started and kept
 * (check-thread.ts), and both threads check the sample cases a few hundred times, this one in short
 * turns so that the window stays responsive. Nothing is read or written.
 */

import { sampleCase } from '../documents/sample';
import { nextTurn } from '../turns';
import { checkThreadAvailable, keepCheckThread, warmChecksInThread } from './check-thread';
import { warmChecks } from './item-check';

/** Checks of each sample per thread: enough for V8 to optimise the checks' code (a few tens of milliseconds). */
const ROUNDS = 200;
/** Rounds per turn of this thread's event loop. */
const ROUNDS_PER_TURN = 10;

/** Warm both threads; resolves when done, saying whether the checking thread took part. */
export async function warmBatchChecks(): Promise<{ thread: boolean }> {
  // Every field filled, in both forms of agreement: the checks' paths that a real batch takes.
  const samples = [sampleCase('written'), sampleCase('oral')];
  let inThread: Promise<boolean> = Promise.resolve(false);
  if (checkThreadAvailable()) {
    keepCheckThread();
    inThread = warmChecksInThread(samples, 'cases', ROUNDS).then(
      () => true,
      () => false,
    );
  }
  for (let done = 0; done < ROUNDS; done += ROUNDS_PER_TURN) {
    await nextTurn();
    warmChecks(samples, 'cases', ROUNDS_PER_TURN);
  }
  return { thread: await inThread };
}
