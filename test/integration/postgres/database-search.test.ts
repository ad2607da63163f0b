/**
 * Text searches on a centre's database run in one backend (Database.search): parallel query is off for
 * their statements only (it made a name search at 5,000,000 cases three to four times slower), the
 * transaction is read only, the setting does not stay on the pooled connection, and a failure is told
 * as a search's, not as an import undone. The register's lists take that path exactly when a search
 * text is given.
 */

import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';

import { Database, type Queryable } from '../../../electron/core/database/index';
import { PostgresRegister } from '../../../electron/core/register/postgres';
import { createDatabase } from '../../support/postgres';
import { describeWithPostgres } from '../../support/postgres-tests';
import { rejection } from '../../support/rejection';

const setting = async (db: Queryable, name: string) => (await db.query<Record<string, string>>(`SHOW ${name}`)).rows[0][name];

describeWithPostgres('text searches on PostgreSQL', ({ adminUrl }) => {
  let database: Database;

  beforeAll(async () => {
    database = new Database(await createDatabase(adminUrl, 'search'));
    await database.ready();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => database.close());

  it('runs a search read only with parallel query off, and leaves the pooled connection as it was', async () => {
    const inside = await database.search('查询案件', async (client) => ({
      parallel: await setting(client, 'max_parallel_workers_per_gather'),
      readOnly: await setting(client, 'transaction_read_only'),
    }));
    expect(inside).toEqual({ parallel: '0', readOnly: 'on' });
    // the pool hands out the connection it got back last: the setting ended with the search's transaction
    const after = await database.read('查询案件', (pool) => setting(pool, 'max_parallel_workers_per_gather'));
    expect(after).not.toBe('0');
  });

  it('tells a failed search in Chinese as a search, writes nothing, and keeps the pool usable', async () => {
    const error = await rejection(database.search('查询案件', (client) => client.query('CREATE TABLE search_wrote (n integer)')));
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toContain('查询案件失败');
    expect(error.message).not.toContain('撤销');
    const tables = await database.read('查询', (pool) => pool.query("SELECT 1 FROM pg_tables WHERE tablename = 'search_wrote'"));
    expect(tables.rowCount).toBe(0);
  });

  it('lists cases and requests through a search exactly when a search text is given', async () => {
    const register = new PostgresRegister(database, async () => undefined);
    const search = vi.spyOn(database, 'search');
    const read = vi.spyOn(database, 'read');
    expect((await register.listCases({ q: ' 张三 ' })).total).toBe(0);
    expect((await register.listRequests({ q: '李四' })).total).toBe(0);
    expect(search.mock.calls.map((c) => c[0])).toEqual(['查询案件', '查询来访登记']);
    expect(read).not.toHaveBeenCalled();
    await register.listCases({});
    await register.listCases({ q: '   ' });
    await register.listRequests({});
    expect(search).toHaveBeenCalledTimes(2);
    expect(read.mock.calls.map((c) => c[0])).toEqual(['查询案件', '查询案件', '查询来访登记']);
  });
});
