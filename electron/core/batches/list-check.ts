/**
 * Checking every item of a big list in parts (list-parts.ts), shared between this thread and the
 * checking thread: each takes the next part when it is free, so the work balances itself (the thread
 * may still be starting while this one checks the first parts). Each part is parsed where it is
 * checked: no thread parses the whole list, and nothing parsed crosses between threads.
 *
 * What `verify` uses, and the import of a batch the centre has not imported before, which also needs
 * every item parsed in this thread (`readListInParts`).
 */

import type { Case } from '../schema/case';
import type { Request } from '../schema/request';
import { nextTurn } from '../turns';
import { checkPartInThread, checkThreadAvailable, checkThreadReady } from './check-thread';
import {
  checkPart,
  type ItemProbe,
  type ItemVerdict,
  itemVerdict,
  type ListKind,
  maySplitSurrogates,
  type PartCheck,
  partItems,
  probeItem,
  readPart,
} from './item-check';
import { listParts, partText } from './list-parts';

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
/** Parts the checking thread holds at once while many remain (one in hand, one waiting). */
const AHEAD = 2;

/** The bytes in memory shared with the checking thread: as they are, or copied there once. */
function shared(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}

/** An item of a list read in parts by the import: as parsed here, with its probes and verdict. */
export interface ReadItem {
  probe: ItemProbe;
  raw: unknown;
  verdict: ItemVerdict;
}

/** What one part gave: its probes and problems, and (read for the import) its items and verdicts. */
interface PartResult {
  check: PartCheck;
  read?: { items: unknown[]; verdicts: ItemVerdict[] };
}

/**
 * The items of the list that did not pass, in order; or null when the list is not read in parts (too
 * small, no checking thread, one line) or a part is not a non-empty array, when the announced count or
 * the uniqueness of ids does not hold: the caller then reads the list whole, which words the problem.
 * `beforePart` runs in this thread before each part it takes (progress; a throw cancels).
 */
export async function checkListInParts(list: BatchList, beforePart: (done: number, total: number) => void): Promise<ItemReport[] | null> {
  const parts = await inParts(list, beforePart, false);
  if (!parts) return null;
  const probes = parts.flatMap(({ check }) => check.probes);
  const problems = parts.flatMap(({ check }) => check.problems);
  return probes.flatMap(({ id, number }, index) => (problems[index] ? [{ index, id, number, problem: problems[index] }] : []));
}

/**
 * Every item of the list parsed in this thread and checked on two (null as `checkListInParts`), for the
 * import, which needs each item as parsed and, for one that passed, the record the model made of it.
 * The parts this thread checks give both. A part the checking thread checked is parsed here after it, and
 * an item that passed there is its own record when the thread found the model's record the same as the
 * item (`sameJson`): the model changes nothing of what a station's register wrote. Where it changed
 * something (text cleaned), the item is checked again here, for the record.
 */
export async function readListInParts(list: BatchList, beforePart: (done: number, total: number) => void): Promise<ReadItem[] | null> {
  const parts = await inParts(list, beforePart, true);
  if (!parts) return null;
  return parts.flatMap(({ check, read }) => read!.items.map((raw, i) => ({ probe: check.probes[i], raw, verdict: read!.verdicts[i] })));
}

async function inParts(
  list: BatchList,
  beforePart: (done: number, total: number) => void,
  forImport: boolean,
): Promise<PartResult[] | null> {
  if (list.count < PARALLEL_FROM || !checkThreadAvailable()) return null;
  const parts = listParts(list.bytes, PARTS);
  if (parts.length < 2) return null;
  // both threads read the parts where they lie (verify reads a list into shared memory: no copy here)
  const bytes = shared(list.bytes);

  const results: (PartResult | null)[] = new Array<PartResult | null>(parts.length);
  let next = 0;
  let done = 0;
  const here = (i: number) => {
    if (forImport) {
      const read = readPart(bytes, parts[i], list.kind);
      results[i] = read && { check: { probes: read.items.map(probeItem), problems: read.verdicts.map((v) => v.problem ?? null) }, read };
    } else {
      const check = checkPart(bytes, parts[i], list.kind);
      results[i] = check && { check };
    }
    done++;
  };
  /** A part the thread checked, parsed here for the import: its items, their records taken as parsed where the thread found them the same. */
  const afterThread = (i: number, check: PartCheck | null): PartResult | null => {
    if (!check || !forImport) return check && { check };
    const items = partItems(partText(bytes, parts[i]));
    if (!items || items.length !== check.problems.length || !check.asParsed) return null;
    const maySplit = maySplitSurrogates(bytes.subarray(parts[i].start, parts[i].end));
    const verdicts = items.map((item, k): ItemVerdict => {
      const problem = check.problems[k];
      if (problem) return { problem };
      return check.asParsed![k] ? { record: item as Case | Request } : itemVerdict(list.kind, item, maySplit);
    });
    return { check, read: { items, verdicts } };
  };
  const inThread: Promise<void>[] = [];
  let asked = 0; // parts with the thread, not yet answered
  let died = false;
  const giveThread = () => {
    const i = next++;
    asked++;
    inThread.push(
      checkPartInThread(bytes, parts[i], list.kind, forImport).then(
        (check) => {
          asked--;
          results[i] = afterThread(i, check);
          done++;
          feedThread();
        },
        // a thread that died: this part here, and no more parts for it
        () => {
          asked--;
          died = true;
          here(i);
        },
      ),
    );
  };
  /**
   * The thread keeps its next part waiting in its queue: its answer is heard only between this thread's
   * parts, and with one part at a time it sat idle for half a part each time (a quarter of its time in a
   * 10,000-case verify). Near the end one part at a time, so that neither thread waits long for the other.
   */
  const feedThread = () => {
    while (!died && next < parts.length && asked < (parts.length - next > AHEAD ? AHEAD : 1)) giveThread();
  };
  checkThreadReady().then(feedThread, () => undefined);
  for (;;) {
    await nextTurn(); // the thread's readiness and answers come in between parts
    if (next >= parts.length) break;
    beforePart(done, parts.length);
    here(next++);
  }
  for (let k = 0; k < inThread.length; k++) await inThread[k];

  if (results.some((result) => result === null)) return null;
  const probes: ItemProbe[] = results.flatMap((result) => result!.check.probes);
  if (probes.length !== list.count) return null;
  const ids = new Set<string>();
  for (const { id } of probes) {
    if (id === undefined) continue;
    if (ids.has(id)) return null;
    ids.add(id);
  }
  return results as PartResult[];
}
