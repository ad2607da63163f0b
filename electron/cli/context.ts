/**
 * What every command module gets: the desk (opened on first use, closed at exit), signed in as the
 * `--operator` when a command needs it, JSON input from a file or stdin, and output helpers. Messages for
 * people go to stderr, in Chinese; results to stdout.
 */

import type { Command } from 'commander';

import type { ApiInput, ApiName, ApiResult } from '../core/api';
import type { Desk } from '../core/desk';
import { DeskError } from '../core/errors';
import { readUserFile } from '../core/files';
import type { CallContext } from '../core/handler';
import { parseJsonText } from '../core/json';
import { formatBytes, LIMITS } from '../core/limits';

export interface CliContext {
  /** The data directory chosen by `--data`, `MEDIATION_DESK_DATA` or the default. */
  dataDir(): string;
  /**
   * The desk, opened on first use. Only `init` passes `create`: every other command on a folder without
   * a register exits 4 saying so, and leaves nothing behind there.
   */
  desk(options?: { create?: boolean }): Promise<Desk>;
  /** Call a handler, signing the `--operator` in first unless the handler is open to anyone. */
  call<N extends ApiName>(name: N, input: ApiInput<N>, context?: CallContext): Promise<ApiResult<N>>;
  /** Sign the `--operator` in now (password from MEDIATION_DESK_PASSWORD or the terminal). */
  signIn(): Promise<void>;
  /** A password or code from its environment variable, else typed at the terminal (never an argument). */
  secret(variable: string, prompt: string, options?: { confirm?: boolean }): Promise<string>;
  /** Parse `--json FILE|-` (or a positional FILE): the file's JSON, or stdin's when `-`. */
  readJson(source: string | undefined, what?: string): Promise<unknown>;
  printJson(value: unknown): void;
  /** A line for people on stderr (warnings, progress notes). */
  say(message: string): void;
}

export type CommandModule = (program: Command, cli: CliContext) => void;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > LIMITS.requestBytes) {
      throw new DeskError('VALIDATION', `标准输入的内容过大（超过 ${formatBytes(LIMITS.requestBytes)}），已拒绝`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON from `--json FILE` or standard input (`-`): size-checked, with Chinese errors at line and column; a key given twice is refused. */
export async function readJsonSource(source: string | undefined, what = '输入'): Promise<unknown> {
  if (source === undefined) return {};
  if (source === '-') return parseJsonText(await readStdin(), '标准输入');
  const bytes = await readUserFile(source, { what: `${what}文件`, maxBytes: LIMITS.requestBytes });
  return parseJsonText(bytes.toString('utf8'), `${what}文件“${source}”`);
}

/** Cases a list or a check could not show: named on stderr, after the rest was printed. */
export function reportUnreadable(cli: CliContext, unreadable: readonly { number: string; reason: string }[] | undefined): void {
  if (!unreadable?.length) return;
  cli.say(`注意：有${unreadable.length}件案件无法显示，其余照常列出。请先备份（backup create），再联系技术支持：`);
  for (const u of unreadable.slice(0, 20)) cli.say(`  ${u.number || '（案号无法读取）'}：${u.reason}`);
  if (unreadable.length > 20) cli.say(`  ……另有${unreadable.length - 20}件`);
}

/** The command group another module registered (`case`, `doc`, `centre`), or a new one if it is not there. */
export function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}
