/**
 * Long work done in slices on the main thread (building an index, checking a batch, warming the checks)
 * lets the event loop run between them, so that the window, the thread's answers and the timers are not
 * held up.
 */

/** Resolves on the event loop's next turn, after the I/O and messages already waiting. */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
