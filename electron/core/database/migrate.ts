/**
 * Versioned migrations of a centre's database: the numbered SQL files in ./migrations/
 * (`0001_register.sql`, …), applied in order when the centre first uses the database. A small table
 * (`desk_schema`) records each applied version with a checksum of its file.
 *
 * Several centre PCs may start at once: the whole check-and-apply runs under a session advisory lock,
 * so one applies and the others find the work done. Each migration runs in its own transaction with
 * its record: a failure leaves the database at the previous version. A database made by a newer
 * program (a version this one does not know), or whose applied migration no longer matches its file,
 * is refused rather than guessed at.
 *
 * The files live beside this module; a bundle (scripts/build-main.ts) ships them as `migrations/`
 * beside itself.
 */

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type pg from 'pg';

import { DeskError } from '../errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Any value: only this program's migrations take this lock. */
const MIGRATION_LOCK = 0x6d64_6573; // "mdes"

export function migrationsDir(): string {
  return fileURLToPath(new URL('./migrations/', import.meta.url));
}

/** The migrations in a folder, in version order (`NNNN_name.sql`). */
export function loadMigrations(dir = migrationsDir()): Migration[] {
  if (!existsSync(dir)) throw new DeskError('INTERNAL', `找不到数据库结构文件夹“${dir}”（安装不完整）`);
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: /^(\d{4})_([a-z0-9_-]+)\.sql$/.exec(file) }))
    .filter((f): f is { file: string; match: RegExpExecArray } => f.match !== null)
    .map(({ file, match }) => {
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return { version: Number(match[1]), name: match[2], sql, checksum: createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new DeskError('INTERNAL', `数据库结构文件的版本号不连续：缺少第${i + 1}版`);
  });
  return migrations;
}

export interface MigrationResult {
  from: number;
  to: number;
  applied: number[];
}

/** Bring the database to the newest version; `client` is a dedicated connection (the lock is per session). */
export async function migrate(client: pg.ClientBase, migrations: readonly Migration[], database: string): Promise<MigrationResult> {
  const server = await client.query<{ encoding: string; version: string }>(
    "SELECT current_setting('server_encoding') AS encoding, current_setting('server_version_num') AS version",
  );
  const { encoding, version } = server.rows[0];
  if (Number(version) < 140_000) {
    throw new DeskError('STORE_UNAVAILABLE', `数据库服务器版本过低（${database}）：需要 PostgreSQL 14 或更新版本`);
  }
  if (encoding !== 'UTF8') {
    throw new DeskError(
      'STORE_UNAVAILABLE',
      `数据库（${database}）的字符编码为 ${encoding}，应为 UTF8：请按 docs/postgresql.md 重新建立数据库`,
    );
  }
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS desk_schema (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM desk_schema ORDER BY version',
    );
    const newest = migrations.length;
    const current = rows.length ? rows[rows.length - 1].version : 0;
    if (current > newest) {
      throw new DeskError(
        'STORE_UNAVAILABLE',
        `数据库（${database}）由较新版本的人民调解工作台建立（结构第${current}版，本程序只认识到第${newest}版）：请把本机的程序升级后再使用`,
      );
    }
    for (const row of rows) {
      const known = migrations[row.version - 1];
      if (!known || known.checksum !== row.checksum) {
        throw new DeskError(
          'STORE_UNAVAILABLE',
          `数据库（${database}）的结构第${row.version}版（${row.name}）与本程序中的不一致：数据库可能被手工改动过，或程序文件不完整。为免损坏数据，已停止使用`,
        );
      }
    }
    const applied: number[] = [];
    for (const migration of migrations.slice(current)) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO desk_schema (version, name, checksum) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          migration.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      applied.push(migration.version);
    }
    return { from: current, to: newest, applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}
