/**
 * A centre's register in a PostgreSQL database (docs/postgresql.md): chosen when the desk opens, from
 * the settings' `database` or the `MEDIATION_DESK_DATABASE` environment variable. This folder holds
 * every SQL statement and the versioned migrations; `register/postgres.ts` maps the centre's
 * functions onto them.
 *
 * Opening never connects: the first use connects, checks the server and applies pending migrations
 * (under a lock, ./migrate.ts), so a desk opens (and its settings can be corrected) while the
 * server is down; each call then fails with a Chinese STORE_UNAVAILABLE naming the database.
 */

import type pg from 'pg';

import { DeskError } from '../errors';
import { createPool, databaseError, describeDatabase } from './connection';
import { loadMigrations, migrate, type MigrationResult } from './migrate';

export { describeDatabase } from './connection';

/** A pool or a client inside a transaction: what the statements run on. */
export type Queryable = pg.Pool | pg.PoolClient;

/**
 * Test hook: awaited at named points of a transaction (after its lock, after its writes, before
 * COMMIT) with the transaction's client, so a test can cut the connection mid-import. Never set
 * outside tests.
 */
export const databaseFaults: { hook?: (point: string, client: pg.PoolClient) => Promise<void> } = {};

/** How each kind of transaction begins. */
const OPENING = {
  write: ['BEGIN'],
  search: ['BEGIN READ ONLY', 'SET LOCAL max_parallel_workers_per_gather = 0'],
} as const;

export class Database {
  /** `user@host:port/database`: for messages; never the password. */
  readonly description: string;
  private readonly pool: pg.Pool;
  private readying: Promise<MigrationResult> | undefined;
  private closed = false;

  constructor(readonly url: string) {
    this.description = describeDatabase(url);
    this.pool = createPool(url);
  }

  /** Connect, check the server, apply pending migrations: once; a failure is thrown and tried again next time. */
  ready(): Promise<MigrationResult> {
    if (this.closed) return Promise.reject(new DeskError('INTERNAL', '数据库连接已关闭，无法继续操作'));
    this.readying ??= (async () => {
      const client = await this.pool.connect();
      const ignore = () => undefined; // a lost connection also fails the statement running on it
      client.on('error', ignore);
      try {
        return await migrate(client, loadMigrations(), this.description);
      } finally {
        client.off('error', ignore);
        client.release();
      }
    })().catch((error: unknown) => {
      this.readying = undefined;
      throw databaseError(error, this.description, '连接数据库');
    });
    return this.readying;
  }

  /** Run read statements; failures come back as Chinese DeskErrors saying what was being done. */
  async read<T>(action: string, work: (db: Queryable) => Promise<T>): Promise<T> {
    await this.ready();
    try {
      return await work(this.pool);
    } catch (error) {
      throw databaseError(error, this.description, action);
    }
  }

  /**
   * Run a text search's statements in one backend, with parallel query off for them (`SET LOCAL` in a
   * read-only transaction, so a connection pooler in transaction mode keeps working). Their matches
   * come from an index, a few thousand at most; starting parallel workers for them made a name search
   * at 5,000,000 cases three to four times slower than one backend alone (docs/postgresql.md).
   */
  search<T>(action: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.inTransaction(action, 'search', work);
  }

  /**
   * One transaction: all of `work` or nothing. A failure (a lost connection included) rolls back and
   * says so; the server rolls back by itself a transaction whose connection is gone.
   */
  transaction<T>(action: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.inTransaction(action, 'write', work);
  }

  /** `work` in a transaction on a client of its own; a failed one that writes says it was undone. */
  private async inTransaction<T>(action: string, kind: keyof typeof OPENING, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const writes = kind === 'write';
    await this.ready();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw databaseError(error, this.description, action);
    }
    let broken: unknown;
    // A connection that dies while checked out reports on the client, not the pool; the failed query says the rest.
    const onError = (error: unknown) => {
      broken ??= error;
    };
    client.on('error', onError);
    try {
      for (const statement of OPENING[kind]) await client.query(statement);
      const result = await work(client);
      if (writes) await databaseFaults.hook?.('before-commit', client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw databaseError(error, this.description, action, { rolledBack: writes });
    } finally {
      client.off('error', onError);
      // A client whose connection failed must not go back to the pool.
      client.release(broken !== undefined && !(broken instanceof DeskError) ? true : undefined);
    }
  }

  /**
   * A second connection for work beside a transaction (an import merges its search indexes on it while
   * its own connection writes on), or none when the pool has none to spare at once: a transaction that
   * waited for one could wait on the very transactions that wait for it (imports of one station queue
   * on its lock, each holding a connection). The caller releases it.
   */
  async spare(): Promise<pg.PoolClient | undefined> {
    if (this.closed || (this.pool.idleCount === 0 && this.pool.totalCount >= (this.pool.options.max ?? 10))) return undefined;
    try {
      return await this.pool.connect();
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end().catch(() => undefined);
  }
}
