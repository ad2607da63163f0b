/**
 * Checking every item of a big list in parts (list-parts.ts), shared between this thread and the
 * checking thread: each takes the next part when it is free, so the work balances itself (the thread
 * may still be starting while this one checks the first parts). Each part is parsed where it is
 * checked: no thread parses the whole list, and nothing parsed crosses between threads.
 *
 * What `verify` uses. The import reads its list whole, as it needs every parsed case in this thread.
 */

import { nextTurn } from '../turns';
import { checkPartInThread, checkThreadAvailable, checkThreadReady } from './check-thread';
import { checkPart, type ItemProbe, type ListKind, type PartCheck } from './item-check';
import { listParts } from './list-parts';

/** cases.json or requests.json as read (and its hash checked) from a batch, not yet parsed. */
export interface BatchList {
  kind: ListKind;
  bytes: Buffer;
  /** How many items the manifest announces. */
  count: number;
}

/** An item that did not pass, with what identifies it to the station. */
export interface ItemReport {
  index: number;
  id?: string;
  number?: string;
  problem: string;
}

/** Below this many items, starting a thread costs more than it saves. */
export const PARALLEL_FROM = 2_000;
/** Parts per list: small enough for the two threads to finish together, big enough that each is worth a message. */
const PARTS = 16;

/** The bytes in memory shared with the checking thread: as they are, or copied there once. */
function shared(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}

/**
 * The items of the list that did not pass, in order; or null when the list is not read in parts (too
 * small, no checking thread, one line) or a part is not a non-empty array, when the announced count or
 * the uniqueness of ids does not hold: the caller then reads the list whole, which words the problem.
 * `beforePart` runs in this thread before each part it takes (progress; a throw cancels).
 */
export async function checkListInParts(list: BatchList, beforePart: (done: number, total: number) => void): Promise<ItemReport[] | null> {
  if (list.count < PARALLEL_FROM || !checkThreadAvailable()) return null;
  const parts = listParts(list.bytes, PARTS);
  if (parts.length < 2) return null;
  // both threads read the parts where they lie (verify reads a list into shared memory: no copy here)
  const bytes = shared(list.bytes);

  const checks: (PartCheck | null)[] = new Array<PartCheck | null>(parts.length);
  let next = 0;
  let done = 0;
  const here = (i: number) => {
    checks[i] = checkPart(bytes, parts[i], list.kind);
    done++;
  };
  const inThread: Promise<void>[] = [];
  const giveThread = () => {
    if (next >= parts.length) return;
    const i = next++;
    inThread.push(
      checkPartInThread(bytes, parts[i], list.kind).then(
        (check) => {
          checks[i] = check;
          done++;
          giveThread();
        },
        // a thread that died: this part here, and no more parts for it
        () => here(i),
      ),
    );
  };
  checkThreadReady().then(giveThread, () => undefined);
  for (;;) {
    await nextTurn(); // the thread's readiness and answers come in between parts
    if (next >= parts.length) break;
    beforePart(done, parts.length);
    here(next++);
  }
  for (let k = 0; k < inThread.length; k++) await inThread[k];

  if (checks.some((check) => check === null)) return null;
  const probes: ItemProbe[] = checks.flatMap((check) => check!.probes);
  const problems = checks.flatMap((check) => check!.problems);
  if (probes.length !== list.count) return null;
  const ids = new Set<string>();
  for (const { id } of probes) {
    if (id === undefined) continue;
    if (ids.has(id)) return null;
    ids.add(id);
  }
  return probes.flatMap(({ id, number }, index) => (problems[index] ? [{ index, id, number, problem: problems[index] }] : []));
}
