/**
 * Crash-test writer: `tsx test/support/store-crash-writer.ts DIR`. Opens the store and commits in a loop,
 * printing `ack K` on stdout once commit K has resolved (i.e. is acknowledged as durable). The test kills
 * it with SIGKILL at random moments and checks the store against `expectedState` below.
 *
 * Commit K is deterministic, so the checker can recompute what the store must hold after commits 1…M:
 * - odd K: one case (one partition file, no journal);
 * - even K: three cases in different partitions plus the `counters` document (a journaled commit).
 * Each touched case gets the marker `#K` in its 案由 (head) and at the end of its facts (body).
 */

import type { Case } from '../../electron/core/schema/case';
import { openStore } from '../../electron/core/store';
import { generateCases } from './generate-cases';

export const CRASH_CASES = 24;

export function baseCases(): Case[] {
  return generateCases(CRASH_CASES, { seed: 4242, statuses: ['accepted'] });
}

/** Which base cases commit K touches. */
export function touchedBy(k: number): number[] {
  if (k % 2 === 1) return [(k * 7) % CRASH_CASES];
  const a = (k * 5) % CRASH_CASES;
  return [a, (a + 8) % CRASH_CASES, (a + 16) % CRASH_CASES];
}

export function markerOf(c: Case): number {
  const m = /#(\d+)$/.exec(c.summary);
  return m ? Number(m[1]) : 0;
}

export function withMarker(c: Case, k: number): Case {
  return {
    ...c,
    summary: `${c.summary.replace(/#\d+$/, '')}#${k}`,
    facts: `${c.facts.replace(/#\d+$/, '')}#${k}`,
    revision: c.revision + 1,
  };
}

/** Marker per base case and the counters document after commits 1…m. */
export function expectedState(m: number): { markers: number[]; counter: number } {
  const markers = new Array<number>(CRASH_CASES).fill(0);
  let counter = 0;
  for (let k = 1; k <= m; k++) {
    for (const i of touchedBy(k)) markers[i] = k;
    if (k % 2 === 0) counter = k;
  }
  return { markers, counter };
}

const isMain = process.argv[1] && /store-crash-writer\.(ts|mjs)$/.test(process.argv[1]);
if (isMain) {
  const dir = process.argv[2];
  const store = await openStore({ dataDir: dir, lockWaitMs: 10_000, dailyBackup: false });
  const base = baseCases();
  if (store.caseCount() === 0) await store.commit({ cases: base, docs: { counters: { crash: 0 } } });
  let k = Math.max(0, ...base.map((c) => markerOf(store.getCase(c.id)!)));
  process.stdout.write(`ready ${k}\n`);
  for (;;) {
    k++;
    const cases = touchedBy(k).map((i) => withMarker(store.getCase(base[i].id)!, k));
    await store.commit(k % 2 === 0 ? { cases, docs: { counters: { crash: k } } } : { cases });
    process.stdout.write(`ack ${k}\n`);
  }
}
