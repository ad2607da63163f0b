/**
 * The import's COPY encoding (database/copy.ts) against a real server: every kind of field a case row
 * carries comes back exactly as sent, hostile text included (tabs, newlines, backslashes, quotes,
 * braces, commas, `\N` spelled out, characters beyond the BMP); a refused row or a connection cut in
 * the middle of a COPY fails it (never hangs) and writes nothing.
 */

import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { databaseError } from '../../../electron/core/database/connection';
import { copyLine, copyRows } from '../../../electron/core/database/copy';
import { createDatabase } from '../../support/postgres';
import { describeWithPostgres } from '../../support/postgres-tests';

const HOSTILE = ['a\tb', 'line\nnext\r\n', 'back\\slash\\N', '"quoted", {braced}', '\\N', '', 'NULL', '𠮷野家 张三', ' lead and trail '];

describeWithPostgres('COPY rows', ({ adminUrl }) => {
  const pool = new pg.Pool({ max: 1 });
  let client: pg.PoolClient;

  beforeAll(async () => {
    Object.assign(pool.options, { connectionString: await createDatabase(adminUrl, 'copy') });
    client = await pool.connect();
    await client.query('CREATE TABLE t (n integer, label text, tags text[], keys bytea[], flag boolean, day date, doc jsonb)');
  });
  afterAll(async () => {
    client.release();
    await pool.end();
  });

  it('sends text, arrays, truth values, dates, absent values and JSON back exactly', async () => {
    const keys = ['00ff10', 'abcdef0123456789abcdef0123456789'];
    const lines = HOSTILE.map((label, n) =>
      copyLine([
        n,
        label,
        [label, ...HOSTILE],
        keys.map((k) => `\\x${k}`),
        n % 2 === 0,
        n % 3 ? '2025-02-28' : null,
        JSON.stringify({ label }),
      ]),
    );
    lines.push(copyLine([HOSTILE.length, null, [], [], null, undefined, 'null']));
    await client.query('BEGIN');
    await copyRows(client, 't', ['n', 'label', 'tags', 'keys', 'flag', 'day', 'doc'], lines);
    await client.query('COMMIT');
    const { rows } = await client.query<{
      label: string | null;
      tags: string[];
      keys: Buffer[];
      flag: boolean | null;
      day: string | null;
      doc: unknown;
    }>("SELECT label, tags, keys, flag, to_char(day, 'YYYY-MM-DD') AS day, doc FROM t ORDER BY n");
    HOSTILE.forEach((label, n) => {
      expect(rows[n]).toEqual({
        label,
        tags: [label, ...HOSTILE],
        keys: keys.map((k) => Buffer.from(k, 'hex')),
        flag: n % 2 === 0,
        day: n % 3 ? '2025-02-28' : null,
        doc: { label },
      });
    });
    expect(rows[HOSTILE.length]).toEqual({ label: null, tags: [], keys: [], flag: null, day: null, doc: null });
  });

  it('fails, without hanging, when the connection is cut in the middle of a COPY: the import says the connection was lost', async () => {
    const own = await new pg.Pool({ connectionString: pool.options.connectionString, max: 1 }).connect();
    own.on('error', () => undefined);
    const pid = (await own.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    let cut: Promise<unknown> | undefined;
    function* lines() {
      for (let n = 0; n < 200_000; n++) {
        // the cut arrives while the server is still taking rows (about 20 MB are left to send)
        if (n === 1_000) cut = admin.query('SELECT pg_terminate_backend($1)', [pid]);
        yield copyLine([1_000 + n, 'x'.repeat(100)]);
      }
    }
    await own.query('BEGIN');
    const error = await copyRows(own, 't', ['n', 'label'], lines()).catch((e: unknown) => e);
    await cut;
    await admin.end();
    own.release(true);
    expect(error).toBeInstanceOf(Error);
    expect(databaseError(error, 'db', '导入批次', { rolledBack: true }).message).toContain('导入批次时与数据库的连接中断');
    expect((await client.query('SELECT count(*)::int AS n FROM t WHERE n >= 1000')).rows[0]).toEqual({ n: 0 });
  });

  it('writes nothing when a row is refused (the whole COPY fails)', async () => {
    await client.query('BEGIN');
    await expect(copyRows(client, 't', ['n', 'day'], [copyLine([100, '2025-01-01']), copyLine([101, 'not a date'])])).rejects.toThrow(
      /date/,
    );
    await client.query('ROLLBACK');
    expect((await client.query('SELECT count(*)::int AS n FROM t WHERE n >= 100')).rows[0]).toEqual({ n: 0 });
  });
});
