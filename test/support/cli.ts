/** The command line run as a child process on a data directory, as an office's script would run it. */

import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { TEST_PASSWORD } from './desk';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json(): any;
}

/**
 * `mediation-desk --data DIR …args`, with `stdin` piped in; MEDIATION_DESK_DATA is cleared. As a script
 * signs in: the operator and password from the environment (a station's administrator 王调解 with the
 * test password unless `env` says otherwise), never on the command line.
 */
export function runCli(dataDir: string, args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(tsx, [path.join(root, 'electron/cli/main.ts'), '--data', dataDir, ...args], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, MEDIATION_DESK_DATA: '', MEDIATION_DESK_OPERATOR: '王调解', MEDIATION_DESK_PASSWORD: TEST_PASSWORD, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) };
}
