/**
 * A centre's batch checks warmed ahead of its first batch (`batches.warm`, ../../electron/core/batches/warm.ts):
 * what the doors call once an operator has signed in. It warms on sample cases that must pass the checks
 * (else it would warm the refusal paths), and the first big batch after it is judged exactly as before.
 */

import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { call } from '../../electron/core/api';
import { itemProblem } from '../../electron/core/batches/item-check';
import { sampleCase } from '../../electron/core/documents/sample';
import { generateCases } from '../support/generate-cases';
import { rejection } from '../support/rejection';
import { craftBatch, type Offices, setupOffices, writeTo } from './batches-support';

/** How often the checking thread was asked for chains and for parts (the thread itself runs as in the app). */
const asked = vi.hoisted(() => ({ chains: 0, parts: 0 }));
vi.mock('../../electron/core/batches/check-thread', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../electron/core/batches/check-thread')>();
  return {
    ...actual,
    chainProblemsInThread: (...args: Parameters<typeof actual.chainProblemsInThread>) => {
      asked.chains++;
      return actual.chainProblemsInThread(...args);
    },
    checkPartInThread: (...args: Parameters<typeof actual.checkPartInThread>) => {
      asked.parts++;
      return actual.checkPartInThread(...args);
    },
  };
});

describe('batches: warming a centre’s checks', () => {
  let o: Offices;
  beforeAll(async () => {
    o = await setupOffices();
  });
  afterAll(async () => {
    await o.station.close();
    await o.centre.close();
  });

  it('warms on sample cases that pass every check of a batch', () => {
    for (const form of ['written', 'oral'] as const) {
      expect(itemProblem('cases', sampleCase(form), false)).toBeNull();
      expect(itemProblem('cases', sampleCase(form), true)).toBeNull();
    }
  });

  it('does nothing at a station', async () => {
    expect(await call(o.station, 'batches.warm', {})).toEqual({ warmed: false, thread: false });
  });

  it('starts the checking thread at a centre, and the first big batch is judged as before', async () => {
    expect(await call(o.centre, 'batches.warm', {})).toEqual({ warmed: true, thread: true });
    const many = generateCases(2_100, { seed: 31, to: '2026-10-31' });
    many[77].events[1] = { ...many[77].events[1], operator: '别人' };
    many[2_050] = { ...many[2_050], peopleInvolved: 0 };
    const file = await writeTo(path.join(o.work, 'warm'), 'many.zip', await craftBatch(o.station, { cases: many }));
    const error = await rejection(call(o.centre, 'batches.verify', { file }));
    const invalid = (error.details as { invalidCases: { index: number; problem: string }[] }).invalidCases;
    expect(invalid.map((c) => c.index)).toEqual([77, 2_050]);
    expect(invalid[0].problem).toContain('哈希链断裂');
    expect(invalid[1].problem).toContain('peopleInvolved');
    expect(o.centre.store.caseCount()).toBe(0);
  });

  it('imports a big batch checked in parts on both threads: exactly the broken cases are rejected, text the model cleans is stored clean; again, the thread is not asked', async () => {
    const many = generateCases(2_100, { seed: 32, to: '2026-10-31' });
    many[5].events[0] = { ...many[5].events[0], operator: '别人' };
    many[1_999] = { ...many[1_999], peopleInvolved: 0 };
    many[2_099].events[1] = { ...many[2_099].events[1], operator: '别人' };
    // spaces around a summary in every part, whichever thread checks it: stored as the model cleans it
    const untidy = many.flatMap((c, i) => (i % 100 === 3 ? [i] : []));
    for (const i of untidy) many[i] = { ...many[i], summary: `  ${many[i].summary}  ` };
    const file = await writeTo(path.join(o.work, 'warm'), 'import.zip', await craftBatch(o.station, { cases: many }));
    const before = { ...asked };
    const summary = await call(o.centre, 'batches.import', { file });
    expect(asked.chains).toBe(before.chains);
    expect(asked.parts).toBeGreaterThan(before.parts);
    for (const i of untidy) expect(o.centre.store.getCase(many[i].id)!.summary).toBe(many[i].summary.trim());
    expect(summary.rejected.map((r) => r.id)).toEqual([many[5].id, many[1_999].id, many[2_099].id]);
    expect(summary.rejected[0].reason).toContain('哈希链断裂');
    expect(summary.rejected[1].reason).toContain('peopleInvolved');
    expect(summary.rejected[2].reason).toContain('哈希链断裂');
    expect(summary.new).toBe(2_097);
    expect(o.centre.store.caseCount()).toBe(2_097);

    // Imported again: the ledger knows the batch, so the thread is not asked for every chain ahead; the
    // unchanged cases are compared by revision and hash, the rejected ones checked again here, as before.
    const parts = asked.parts;
    const again = await call(o.centre, 'batches.import', { file, perCase: true });
    expect(asked).toEqual({ chains: before.chains, parts });
    expect(again).toMatchObject({ alreadyImported: true, new: 0, updated: 0, unchanged: 2_097, skipped: [] });
    expect(again.rejected).toEqual(summary.rejected);
    expect(again.cases!.filter((c) => c.result !== 'unchanged').map((c) => [c.id, c.result, c.reason])).toEqual(
      summary.rejected.map((r) => [r.id, 'rejected', r.reason]),
    );
    expect(o.centre.store.caseCount()).toBe(2_097);
  });
});
