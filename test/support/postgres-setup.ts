/**
 * Global set-up of the vitest project `postgres`: one throw-away cluster for the run (test/support/postgres.ts),
 * its connection details handed to the tests (`inject('postgres')`), stopped and removed afterwards.
 */

import type { TestProject } from 'vitest/node';

import { startCluster } from './postgres';

export interface PostgresInfo {
  adminUrl: string;
  dir: string;
  port: number;
  user: string;
  password: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
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
