/**
 * An import's GIN pending lists merged on a second connection while its transaction writes on
 * (database/cases.ts `writeCases` with `spare`): merged before the commit, whichever way the second
 * connection goes; rolled back, the merged entries find nothing; the connection goes back to the pool
 * when the transaction fails midway; and none is taken from a pool that has none free (waiting for one
 * while holding a transaction's could wait for ever).
 */

import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { PENDING_GIN_INDEXES, writeCases } from '../../../electron/core/database/cases';
import { Database } from '../../../electron/core/database/index';
import { caseRow } from '../../../electron/core/register/rows';
import type { Case } from '../../../electron/core/schema/case';
import { centreCases } from '../../support/generate-centre';
import { createDatabase, sqlRows } from '../../support/postgres';
import { describeWithPostgres } from '../../support/postgres-tests';

describeWithPostgres('an import merging its search indexes beside its transaction', ({ adminUrl }) => {
  let url: string;
  let db: Database;
  let round = 0;

  beforeAll(async () => {
    url = await createDatabase(adminUrl);
    db = new Database(url);
    await db.ready();
    await sqlRows(url, 'CREATE EXTENSION IF NOT EXISTS pageinspect');
  });
  afterAll(async () => {
    await db.close();
  });

  /** 200 new cases of two stations, none written before. */
  const someCases = (): Case[] => [
    ...centreCases(200, { stations: 2, seed: 900 + round, templates: 50, sequenceFrom: 1000 * round++ }, () => 'b'),
  ];

  const pendingIn = async (q: pg.ClientBase) =>
    (
      await q.query<{ index: string; n: number }>(
        `SELECT i AS index, (gin_metapage_info(get_raw_page(i, 0))).n_pending_tuples::int AS n FROM unnest($1::text[]) AS i`,
        [[...PENDING_GIN_INDEXES]],
      )
    ).rows;
  const nothingPending = PENDING_GIN_INDEXES.map((index) => ({ index, n: 0 }));

  /** The ids the trigram index finds for a name (the planner kept off the table scan, so the index answers). */
  const foundByIndex = async (client: pg.ClientBase, name: string) => {
    await client.query('SET LOCAL enable_seqscan = off');
    const { rows } = await client.query<{ id: string }>('SELECT id FROM case_search WHERE haystack LIKE $1 ORDER BY id', [`%${name}%`]);
    return rows.map((r) => r.id);
  };

  /** A spare connection (seen through a proxy, so the pool's client stays as it is) that notes the indexes merged on it. */
  const noting =
    (merged: string[], fail = false) =>
    async () => {
      const client = (await db.spare())!;
      const query = async (text: string, values: string[]) => {
        if (fail) throw new Error('连接中断（测试）');
        merged.push(values[0]);
        return client.query(text, values);
      };
      return new Proxy(client, {
        get: (target, property) => {
          if (property === 'query') return query;
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    };

  it('merges the search and party-key lists on the spare connection, before the commit', async () => {
    const cases = someCases();
    const merged: string[] = [];
    const name = cases[0].parties[0].name;
    await db.transaction('测试导入', async (client) => {
      await writeCases(client, cases, caseRow, [], noting(merged));
      // still uncommitted: every list is already empty, and the index finds the rows its merge moved in
      expect(await pendingIn(client)).toEqual(nothingPending);
      expect(await foundByIndex(client, name)).toContain(cases[0].id);
    });
    expect(merged).toEqual([...PENDING_GIN_INDEXES]);
    const written = await sqlRows<{ n: string }>(url, 'SELECT count(*) AS n FROM case_search WHERE id = ANY($1::uuid[])', [
      cases.map((c) => c.id),
    ]);
    expect(Number(written[0].n)).toBe(cases.length);
  });

  it('rolled back, the entries merged beside it find nothing', async () => {
    const cases = someCases();
    const name = cases[0].parties[0].name;
    const merged: string[] = [];
    await expect(
      db.transaction('测试导入', async (client) => {
        await writeCases(client, cases, caseRow, [], noting(merged));
        throw new Error('导入中途失败（测试）');
      }),
    ).rejects.toThrow();
    expect(merged).toEqual([...PENDING_GIN_INDEXES]);
    await db.transaction('测试检索', async (client) => {
      expect(await foundByIndex(client, name)).not.toContain(cases[0].id);
      expect(await pendingIn(client)).toEqual(nothingPending);
    });
  });

  it('merges in the transaction what the spare connection did not: none to spare, or one that failed', async () => {
    for (const spare of [async () => undefined, noting([], true)]) {
      const cases = someCases();
      await db.transaction('测试导入', async (client) => {
        await writeCases(client, cases, caseRow, [], spare);
        expect(await pendingIn(client)).toEqual(nothingPending);
        expect(await foundByIndex(client, cases[1].parties[0].name)).toContain(cases[1].id);
      });
    }
  });

  /** Hold `n` transactions open at once (each on a connection of its own) until `release` is called. */
  async function holding(n: number): Promise<{ release: () => Promise<void> }> {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let started = 0;
    const held = Array.from({ length: n }, () =>
      db.transaction('占用连接（测试）', async () => {
        started++;
        await gate;
      }),
    );
    while (started < n) await new Promise((resolve) => setTimeout(resolve, 10));
    return {
      release: async () => {
        open();
        await Promise.all(held);
      },
    };
  }

  it('gives the spare connection back to the pool when the transaction fails after handing it merges', async () => {
    const cases = someCases();
    const merged: string[] = [];
    // the documents are written after the merges were handed over: one that cannot be written fails the import there
    const unwritable = (c: Case) => (c === cases[150] ? { ...caseRow(c), doc: { ...(caseRow(c).doc as object), amount: 1n } } : caseRow(c));
    await expect(db.transaction('测试导入', (client) => writeCases(client, cases, unwritable, [], noting(merged)))).rejects.toThrow();
    // all eight of the pool's connections can be had again: the spare one was not kept, once it merged what it had been handed
    await (await holding(8)).release();
    expect(merged).toEqual([...PENDING_GIN_INDEXES]);
  });

  it('spares no connection while every one of the pool is taken, and one again once they are back', async () => {
    const held = await holding(8);
    expect(await db.spare()).toBeUndefined();
    await held.release();
    const spare = await db.spare();
    expect(spare).toBeDefined();
    spare!.release();
  });
});
