/**
 * Connecting a centre to its PostgreSQL database: the URL, the pool, the timeouts, and every database
 * failure told in Chinese. No credential is ever part of a message or a log line: the database is
 * named by `user@host:port/database` only.
 *
 * Where the password comes from (never from the settings, which the workbench shows and backups copy):
 * the `MEDIATION_DESK_DATABASE` environment variable's URL, else `PGPASSWORD`, else the standard
 * PostgreSQL password file (`~/.pgpass`, `%APPDATA%\postgresql\pgpass.conf`, or `PGPASSFILE`).
 * TLS comes from the URL as libpq spells it: `sslmode=verify-full&sslrootcert=ca.crt`, and
 * `sslcert`/`sslkey` for a client certificate (docs/postgresql.md).
 */

import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import pgpass from 'pgpass';

import { DeskError } from '../errors';

/** How long one statement may run on the server (a province's year of statistics takes a second or two). */
export const STATEMENT_TIMEOUT_MS = 120_000;
/** A transaction left open by a client that went away is ended by the server after this long. */
export const IDLE_IN_TRANSACTION_MS = 60_000;
/** Connecting gives up after this long (an unreachable server, a dropped route). */
export const CONNECT_TIMEOUT_MS = 10_000;
/** The client gives up waiting for an answer after this long: a cable pulled mid-statement is noticed. */
export const QUERY_TIMEOUT_MS = STATEMENT_TIMEOUT_MS + 15_000;

/** `user@host:port/database`: how messages and logs name a database. Never the password. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${user}${host}${parsed.port ? `:${parsed.port}` : ''}${decodeURIComponent(parsed.pathname)}`;
  } catch {
    return '（地址无法解析）';
  }
}

function passwordFile(info: { host?: string; port?: number; database?: string; user?: string }): Promise<string | undefined> {
  return new Promise((resolve) => pgpass(info, resolve));
}

/** The pool for a centre's database. Nothing connects until the first query. */
export function createPool(url: string): pg.Pool {
  let config: pg.ClientConfig;
  try {
    config = parseIntoClientConfig(url);
  } catch (error) {
    throw new DeskError('VALIDATION', `数据库地址（${describeDatabase(url)}）无法使用：${(error as Error).message}`, { field: 'database' });
  }
  const explicit = typeof config.password === 'string' && config.password !== '' ? config.password : undefined;
  const pool = new pg.Pool({
    ...config,
    password: async () =>
      explicit ??
      process.env.PGPASSWORD ??
      (await passwordFile({ host: config.host, port: config.port, database: config.database, user: config.user })) ??
      '',
    application_name: config.application_name ?? 'mediation-desk',
    statement_timeout: STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    max: 8,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (server restart) must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** SQLSTATE classes and codes that mean "the connection is gone or the server is not there". */
const CONNECTION_LOST = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

function isConnectionLoss(error: { code?: string; message?: string }): boolean {
  if (error.code && (CONNECTION_LOST.has(error.code) || NETWORK.has(error.code))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable|Query read timeout/i.test(
    error.message ?? '',
  );
}

/**
 * A database failure as a DeskError in Chinese. `action` says what was being done (导入批次…);
 * `rolledBack` adds that the transaction was undone (nothing of it is in the database).
 */
export function databaseError(error: unknown, database: string, action: string, options: { rolledBack?: boolean } = {}): DeskError {
  if (error instanceof DeskError) return error;
  const e = (error ?? {}) as { code?: string; message?: string };
  const undone = options.rolledBack ? '本次操作已全部撤销，数据库中没有写入任何内容。' : '';
  const at = `（数据库 ${database}）`;
  const make = (code: 'STORE_UNAVAILABLE' | 'STORE_UNWRITABLE' | 'STORE_CORRUPT', message: string) =>
    new DeskError(code, message, { cause: error, details: { database, sqlstate: e.code } });
  switch (e.code) {
    case '28P01':
    case '28000':
      return make(
        'STORE_UNAVAILABLE',
        `${action}失败：数据库拒绝了登录${at}，用户名或密码不对，或服务器不允许从本机登录（pg_hba.conf）。${undone}`,
      );
    case '3D000':
      return make('STORE_UNAVAILABLE', `${action}失败：数据库不存在${at}。请先按 docs/postgresql.md 建立数据库和用户。${undone}`);
    case '42501':
      return make('STORE_UNAVAILABLE', `${action}失败：数据库用户没有所需的权限${at}（应为该数据库的所有者）。${undone}`);
    case '57014':
      return make('STORE_UNAVAILABLE', `${action}失败：数据库语句超时（超过 ${STATEMENT_TIMEOUT_MS / 1000} 秒）${at}。${undone}`);
    case '53100':
      return make('STORE_UNWRITABLE', `${action}失败：数据库服务器磁盘已满${at}。${undone}`);
    case '40001':
    case '40P01':
      return make('STORE_UNAVAILABLE', `${action}失败：与另一台电脑的操作冲突${at}，请重试。${undone}`);
    default:
      break;
  }
  if (isConnectionLoss(e)) {
    return make(
      'STORE_UNAVAILABLE',
      options.rolledBack
        ? `${action}时与数据库的连接中断${at}。${undone}请检查网络和数据库服务器后重新${action}。`
        : `无法连接数据库${at}：${describeNetworkCause(e)}。请检查网络、服务器是否运行，以及数据库地址。`,
    );
  }
  if (/self[- ]signed|certificate|SSL|TLS/i.test(e.message ?? '')) {
    return make(
      'STORE_UNAVAILABLE',
      `${action}失败：与数据库的加密连接（TLS）未能建立${at}：${e.message}。请检查 sslmode 和证书设置。${undone}`,
    );
  }
  return make('STORE_UNAVAILABLE', `${action}失败${at}：${e.message ?? String(error)}。${undone}`);
}

function describeNetworkCause(e: { code?: string; message?: string }): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return '服务器拒绝连接（数据库服务未运行，或端口不对）';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return '找不到服务器（服务器名称不对或 DNS 不可用）';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return '服务器无法到达（网络不通或被防火墙阻挡）';
    case '57P03':
      return '数据库服务器正在启动或关闭';
    default:
      return /timeout/i.test(e.message ?? '') ? '连接超时' : '连接已断开';
  }
}
