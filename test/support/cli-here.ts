/**
 * The command line run inside the test process (`runCli` with stdout and stderr captured): the same
 * commands, exit statuses and messages as the installed `mediation-desk`, without a process start per
 * call, which costs many seconds on the shared build machine. Input comes from files (`--json FILE`).
 */

import { vi } from 'vitest';

import { runCli } from '../../electron/cli/main';
import { TEST_PASSWORD } from './desk';

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
  // as a script signs in: the office's administrator from the environment, unless a test set its own
  const env = {
    MEDIATION_DESK_OPERATOR: process.env.MEDIATION_DESK_OPERATOR,
    MEDIATION_DESK_PASSWORD: process.env.MEDIATION_DESK_PASSWORD,
  };
  process.env.MEDIATION_DESK_OPERATOR ??= '王调解';
  process.env.MEDIATION_DESK_PASSWORD ??= TEST_PASSWORD;
  try {
    const status = await runCli(['--data', dataDir, ...args]);
    return { status, stdout: stdout.join(''), stderr: stderr.join(''), json: () => JSON.parse(stdout.join('')) };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    process.exitCode = undefined;
  }
}
