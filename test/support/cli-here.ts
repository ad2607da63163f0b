/**
 * The command line run inside the test process (`runCli` with stdout and stderr captured): the same
 * commands, exit statuses and messages as the installed `mediation-desk`, without a process start per
 * call, which costs many seconds on the shared build machine. Input comes from files (`--json FILE`).
 * Like a script, it signs in from the environment: the test office's administrator unless the caller's
 * environment names another operator.
 */

import { vi } from 'vitest';

import { runCli } from '../../electron/cli/main';
import { TEST_PASSWORD, TEST_SETTINGS } from './desk';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  json(): any;
}

export async function cliHere(dataDir: string, args: string[]): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
  process.exitCode = undefined;
  const saved = { operator: process.env.MEDIATION_DESK_OPERATOR, password: process.env.MEDIATION_DESK_PASSWORD };
  process.env.MEDIATION_DESK_OPERATOR = saved.operator ?? TEST_SETTINGS.operator;
  process.env.MEDIATION_DESK_PASSWORD = saved.password ?? TEST_PASSWORD;
  try {
    const status = await runCli(['--data', dataDir, ...args]);
    return { status, stdout: stdout.join(''), stderr: stderr.join(''), json: () => JSON.parse(stdout.join('')) };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
    restoreEnv('MEDIATION_DESK_OPERATOR', saved.operator);
    restoreEnv('MEDIATION_DESK_PASSWORD', saved.password);
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
