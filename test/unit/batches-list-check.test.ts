/**
 * Checking a big list in parts on two threads (list-check.ts), with the checking thread replaced by a
 * stand-in that can be slow, fail, or never start: whatever it does, the findings are those of reading
 * the list whole, and a list the parts cannot vouch for is handed back (null) to be read whole.
 */

import { beforeEach, describe, expect, it, vi } from 'vitest';

import { checkPart, itemProblem, itemVerdict, type ListKind, maySplitSurrogates } from '../../electron/core/batches/item-check';
import { type BatchList, checkListInParts, readListInParts } from '../../electron/core/batches/list-check';
import { listBytes, type ListPart } from '../../electron/core/batches/list-parts';
import type { Case } from '../../electron/core/schema/case';
import { generateCases } from '../support/generate-cases';

const thread = vi.hoisted(() => ({
  mode: 'works' as 'works' | 'fails' | 'fails-later' | 'never-starts',
  parts: 0,
  /** Parts the stand-in held at the same time, now and at most. */
  inHand: 0,
  mostAtOnce: 0,
}));

vi.mock('../../electron/core/batches/check-thread', () => ({
  checkThreadAvailable: () => true,
  checkThreadReady: () =>
    thread.mode === 'never-starts' ? new Promise<void>(() => undefined) : new Promise<void>((resolve) => setTimeout(resolve, 5)),
  checkPartInThread: async (list: Uint8Array, part: ListPart, kind: ListKind, asParsed: boolean) => {
    thread.parts++;
    thread.mostAtOnce = Math.max(thread.mostAtOnce, ++thread.inHand);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (thread.mode === 'fails' || (thread.mode === 'fails-later' && thread.parts > 2)) throw new Error('校验线程意外退出（代码 1）');
      return checkPart(list, part, kind, asParsed);
    } finally {
      thread.inHand--;
    }
  },
}));

const cases = generateCases(2_100, { seed: 21, to: '2026-10-31' });
cases[5] = { ...cases[5], peopleInvolved: 0 };
cases[1_500].events[1] = { ...cases[1_500].events[1], operator: '别人' };
cases[2_099] = { ...cases[2_099], number: `${cases[2_099].number}\uDC00` };

const listOf = (items: unknown[], text = listBytes(items).toString()): BatchList => ({
  kind: 'cases',
  bytes: Buffer.from(text),
  count: items.length,
});

/** The findings of reading the list whole, item by item. */
function wholeFindings(items: unknown[]) {
  const maySplit = maySplitSurrogates(Buffer.from(JSON.stringify(items)));
  return items.flatMap((item, index) => {
    const problem = itemProblem('cases', item, maySplit);
    const probe = item as { id: string; number: string };
    return problem ? [{ index, id: probe.id, number: probe.number, problem }] : [];
  });
}

describe('batches: a big list checked in parts on two threads', () => {
  const expected = wholeFindings(cases);
  beforeEach(() => {
    thread.parts = 0;
    thread.mostAtOnce = 0;
  });

  it.each(['works', 'fails', 'fails-later', 'never-starts'] as const)(
    'finds what the whole reading finds when the thread %s',
    async (mode) => {
      thread.mode = mode;
      const progress: number[] = [];
      const found = await checkListInParts(listOf(cases), (done) => progress.push(done));
      expect(expected.map((f) => f.index)).toEqual([5, 1_500, 2_099]);
      expect(found).toEqual(expected);
      // the thread's next part waits in its queue while it checks one: it never idles for this thread's answer
      if (mode === 'works') expect([thread.parts > 0, thread.mostAtOnce]).toEqual([true, 2]);
      if (mode === 'never-starts') expect(thread.parts).toBe(0);
      // this thread took at least one part, and reported before each
      expect(progress.length).toBeGreaterThan(0);
    },
  );

  // every 50th case has text the model cleans (spaces around its summary): some in every part, whichever thread takes it
  const untidy = cases.map((c, i) => (i % 50 === 7 ? { ...c, summary: `  ${c.summary}  ` } : c));

  it.each(['works', 'fails', 'fails-later', 'never-starts'] as const)(
    'reads for the import what the whole reading finds, each record as the model makes it, when the thread %s',
    async (mode) => {
      thread.mode = mode;
      const read = await readListInParts(listOf(untidy), () => undefined);
      const maySplit = maySplitSurrogates(Buffer.from(JSON.stringify(untidy)));
      expect(read).toHaveLength(untidy.length);
      read!.forEach(({ probe, raw, verdict }, i) => {
        expect(raw).toEqual(untidy[i]);
        expect(probe.id).toBe(untidy[i].id);
        // the record the model makes of the item (cleaned text), or the item's problem
        expect(verdict).toEqual(itemVerdict('cases', untidy[i], maySplit));
      });
      expect(read!.filter(({ verdict }) => verdict.problem).map(({ probe }) => probe.id)).toEqual(expected.map((f) => f.id));
      expect((read![7].verdict.record as Case).summary).toBe(cases[7].summary);
      if (mode === 'works') expect(thread.parts).toBeGreaterThan(0);
    },
  );

  it('hands back what the parts cannot vouch for: a wrong count, an id twice, one line, a small list, a part that is not JSON', async () => {
    thread.mode = 'works';
    expect(await checkListInParts({ ...listOf(cases), count: cases.length + 1 }, () => undefined)).toBeNull();
    const twice = [...cases.slice(0, 2_099), cases[3]];
    expect(await checkListInParts(listOf(twice), () => undefined)).toBeNull();
    expect(await checkListInParts(listOf(cases, JSON.stringify(cases)), () => undefined)).toBeNull();
    expect(await checkListInParts(listOf(cases.slice(0, 100)), () => undefined)).toBeNull();
    const text = listBytes(cases).toString();
    const middle = text.indexOf(',\n', text.length / 2);
    const strayBracket = `${text.slice(0, middle)}]${text.slice(middle)}`;
    expect(await checkListInParts(listOf(cases, strayBracket), () => undefined)).toBeNull();
    expect(await readListInParts(listOf(twice), () => undefined)).toBeNull();
    expect(await readListInParts(listOf(cases, strayBracket), () => undefined)).toBeNull();
  });

  it('stops when cancelled between parts', async () => {
    thread.mode = 'never-starts';
    let parts = 0;
    const cancelled = checkListInParts(listOf(cases), () => {
      if (++parts === 3) throw new Error('已取消');
    });
    await expect(cancelled).rejects.toThrow('已取消');
  });
});
