/**
 * What every command module gets: the desk (opened on first use, closed at exit), JSON input from a
 * file or stdin, and output helpers. Messages for people go to stderr, in Chinese; results to stdout.
 */

import { readFile } from 'node:fs/promises';

import type { Command } from 'commander';

import type { ApiInput, ApiName, ApiResult } from '../core/api';
import type { Desk } from '../core/desk';
import { DeskError } from '../core/errors';
import type { CallContext } from '../core/handler';

export interface CliContext {
  /** The data directory chosen by `--data`, `MEDIATION_DESK_DATA` or the default. */
  dataDir(): string;
  desk(): Promise<Desk>;
  call<N extends ApiName>(name: N, input: ApiInput<N>, context?: CallContext): Promise<ApiResult<N>>;
  /** Parse `--json FILE|-` (or a positional FILE): the file's JSON, or stdin's when `-`. */
  readJson(source: string | undefined, what?: string): Promise<unknown>;
  printJson(value: unknown): void;
  /** A line for people on stderr (warnings, progress notes). */
  say(message: string): void;
}

export type CommandModule = (program: Command, cli: CliContext) => void;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJsonSource(source: string | undefined, what = '输入'): Promise<unknown> {
  if (source === undefined) return {};
  let text: string;
  try {
    text = source === '-' ? await readStdin() : await readFile(source, 'utf8');
  } catch (error) {
    throw new DeskError(
      'VALIDATION',
      `读取${what}文件“${source}”失败：${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const where = source === '-' ? '标准输入' : `文件“${source}”`;
    throw new DeskError('VALIDATION', `${where}不是有效的JSON：${(error as Error).message}`);
  }
}

/** The command group another module registered (`case`, `doc`, `centre`), or a new one if it is not there. */
export function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}
