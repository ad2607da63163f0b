/**
 * The register of requests (`RequestIndex`) against a plain reference: filter every request, sort newest
 * first, page. The search text of a request is the index's own `haystackOf`: what is checked is the text
 * blocks, the order and the filters, over more than one block (TEXT_BLOCK is 1,024), after requests are
 * added, edited in place and moved by a changed received time, with text at a block's edges, and with
 * hostile queries.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { haystackOf, RequestIndex, type RequestQuery } from '../../electron/core/requests/search';
import { type Request, RequestSchema } from '../../electron/core/schema/request';
import { generateRequests } from '../support/generate-requests';
import { memoryStore } from '../support/memory-store';

const STATIONS = ['510702-001', '510702-002', '510702-003'];

/** What the index must answer, written the slow and obvious way. */
function reference(all: Map<string, Request>, query: RequestQuery): { total: number; ids: string[] } {
  const q = query.q?.trim().toLowerCase() ?? '';
  const list = [...all.values()]
    .filter((r) => {
      if (query.type && ![query.type].flat().includes(r.businessType)) return false;
      if (query.state && ![query.state].flat().includes(r.state)) return false;
      if (query.channel && r.channel !== query.channel) return false;
      if (query.from && r.receivedAt.slice(0, 10) < query.from) return false;
      if (query.to && r.receivedAt.slice(0, 10) > query.to) return false;
      if (query.station && r.origin?.stationCode !== query.station) return false;
      return !q || haystackOf(r).includes(q);
    })
    .sort((a, b) => {
      const at = (r: Request) => Number(r.receivedAt.replace(/\D/g, '').padEnd(12, '0'));
      return at(b) - at(a) || (a.number < b.number ? 1 : a.number > b.number ? -1 : 0);
    });
  const offset = query.offset ?? 0;
  return { total: list.length, ids: list.slice(offset, offset + (query.limit ?? list.length)).map((r) => r.id) };
}

function answer(index: RequestIndex, query: RequestQuery) {
  const { total, items } = index.search(query);
  return { total, ids: items.map((r) => r.id) };
}

describe('the register of requests', () => {
  const initial = generateRequests(2_600, { seed: 7, from: '2025-01-01', to: '2025-12-31', stations: STATIONS, atCentre: true });
  const all = new Map(initial.map((r) => [r.id, r]));
  const index = new RequestIndex();

  it('is given valid requests by the generator', () => {
    for (const r of initial) expect(RequestSchema.safeParse(r).error).toBeUndefined();
  });

  it('answers as the reference does, after adds, edits in place and moves', async () => {
    const store = memoryStore({});
    await store.commit({ records: { requests: initial.slice(0, 2_000) } });
    index.rebuild(store);
    for (const r of initial.slice(2_000)) index.putRecord('requests', r);
    const texts = ['', '王', '王芳', '改名', '边界', '1381', '510702-002-2025', '咨询', 'zz', '\u0000', '\u0001', '芳\u0001'];
    const queries: RequestQuery[] = texts.flatMap((q) => [
      { q, limit: 50 },
      { q, offset: 40, limit: 30 },
      { q, station: '510702-003', type: 'consultation', from: '2025-03-01', to: '2025-08-31' },
    ]);
    const edit = (r: Request, change: Partial<Request>) => {
      const edited: Request = { ...r, ...change, revision: r.revision + 1 };
      all.set(r.id, edited);
      index.putRecord('requests', edited);
    };
    const check = () => {
      for (const query of queries) expect(answer(index, query), JSON.stringify(query)).toEqual(reference(all, query));
    };
    check(); // before the edits too, so that the edits meet text blocks already made
    // Received times moved across blocks, then names changed in place (the blocks' text already made each time).
    initial.filter((_, i) => i % 97 === 0).forEach((r, i) => edit(r, { receivedAt: `2025-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:30` }));
    check();
    initial.filter((_, i) => i % 89 === 0).forEach((r, i) => edit(all.get(r.id)!, { visitor: { ...r.visitor, name: `改名${i}边界` } }));
    check();
    expect(index.size).toBe(all.size);
  });

  it('answers any text as the reference does (property)', () => {
    const sample = [...all.values()].slice(0, 300).map((r) => r.visitor.name);
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...sample), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })),
        fc.nat({ max: 60 }),
        (q, offset) => {
          const query = { q, offset, limit: 20 };
          expect(answer(index, query)).toEqual(reference(all, query));
        },
      ),
      { numRuns: 200 },
    );
  });
});
