/**
 * `describe` for the tests that need the throw-away PostgreSQL server: the suite runs with the
 * server's details, or (a local run without PostgreSQL; see postgres-setup.ts) is skipped with the
 * reason in its title, so the report says why instead of passing silently.
 */

import { describe, inject, it } from 'vitest';

import type { PostgresInfo } from './postgres-setup';

export type PostgresServer = Exclude<PostgresInfo, { unavailable: string }>;

export function describeWithPostgres(title: string, body: (server: PostgresServer) => void): void {
  const info = inject('postgres');
  if ('unavailable' in info) {
    describe.skip(`${title}（已跳过：${info.unavailable}）`, () => {
      it('needs a PostgreSQL server', () => undefined);
    });
    return;
  }
  describe(title, () => body(info));
}
