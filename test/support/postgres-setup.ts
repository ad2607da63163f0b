/**
 * Global set-up of the vitest project `postgres`: one throw-away cluster for the run (test/support/postgres.ts),
 * its connection details handed to the tests (`inject('postgres')`), stopped and removed afterwards.
 *
 * Without PostgreSQL installed, a local run skips these tests with the reason (postgres-tests.ts puts
 * it in each skipped suite's title). Under CI (`CI` set, as .ci/run runs, which installs PostgreSQL)
 * a missing server is a failure: the centre's tests must never be skipped there without anyone noticing.
 */

import type { TestProject } from 'vitest/node';

import { postgresBin, startCluster } from './postgres';

export type PostgresInfo =
  | { adminUrl: string; dir: string; port: number; user: string; password: string }
  /** Why there is no server for this run (a local run without PostgreSQL). */
  | { unavailable: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresInfo;
  }
}

/** Whether this is a CI run (`CI=true`, as CI services and .ci/run set it). */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (!postgresBin()) {
    const reason = '本机未安装 PostgreSQL（找不到 initdb；安装 Debian 的 postgresql 软件包，或设置 PG_BIN）';
    if (isCI()) throw new Error(`${reason}：CI 中中心的 PostgreSQL 测试不能跳过，.ci/run 应已安装它`);
    process.stderr.write(`\n跳过中心的 PostgreSQL 测试：${reason}\n`);
    project.provide('postgres', { unavailable: reason });
    return () => undefined;
  }
  const cluster = await startCluster();
  project.provide('postgres', {
    adminUrl: cluster.adminUrl,
    dir: cluster.dir,
    port: cluster.port,
    user: cluster.user,
    password: cluster.password,
  });
  return () => cluster.stop();
}
