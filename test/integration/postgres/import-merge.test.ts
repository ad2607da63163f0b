/**
 * An import's search indexes merged on a second connection while its transaction writes on
 * (database/cases.ts `writeCases` with `spare`): merged before the commit, whichever way the second
 * connection goes; rolled back, the merged entries find nothing; and no connection is taken from a
 * pool that has none free (waiting for one while holding a transaction's could wait for ever).
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

const SEARCH_INDEXES = ['case_search_haystack', 'case_search_pinyin', 'case_search_bigrams'];

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

  it('merges the search lists on the spare connection and the party keys in the transaction, all before the commit', async () => {
    const cases = someCases();
    const merged: string[] = [];
    const name = cases[0].parties[0].name;
    await db.transaction('测试导入', async (client) => {
      await writeCases(client, cases, caseRow, [], noting(merged));
      // still uncommitted: every list is already empty, and the index finds the rows its merge moved in
      expect(await pendingIn(client)).toEqual(nothingPending);
      expect(await foundByIndex(client, name)).toContain(cases[0].id);
    });
    expect(merged).toEqual(SEARCH_INDEXES);
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
    expect(merged).toEqual(SEARCH_INDEXES);
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

  it('spares no connection while every one of the pool is taken, and one again once they are back', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let started = 0;
    const holding = Array.from({ length: 8 }, () =>
      db.transaction('占用连接（测试）', async () => {
        started++;
        await gate;
      }),
    );
    while (started < 8) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await db.spare()).toBeUndefined();
    open();
    await Promise.all(holding);
    const spare = await db.spare();
    expect(spare).toBeDefined();
    spare!.release();
  });
});
