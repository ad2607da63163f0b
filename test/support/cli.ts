/** The command line run as a child process on a data directory, as an office's script would run it. */

import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json(): any;
}

/** `mediation-desk --data DIR …args`, with `stdin` piped in; MEDIATION_DESK_DATA is cleared. */
export function runCli(dataDir: string, args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(tsx, [path.join(root, 'electron/cli/main.ts'), '--data', dataDir, ...args], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, MEDIATION_DESK_DATA: '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) };
}
