/**
 * The command line run inside the test process (`runCli` with stdout and stderr captured): the same
 * commands, exit statuses and messages as the installed `mediation-desk`, without a process start per
 * call, which costs many seconds on the shared build machine. Input comes from files (`--json FILE`).
 */

import { vi } from 'vitest';

import { runCli } from '../../electron/cli/main';

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
  try {
    const status = await runCli(['--data', dataDir, ...args]);
    return { status, stdout: stdout.join(''), stderr: stderr.join(''), json: () => JSON.parse(stdout.join('')) };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}
