/**
 * Passphrases on the command line: never as an argument (it would show in the process list and the
 * shell's history). From the environment variable MEDIATION_DESK_PASSPHRASE (scripts), else typed at
 * the terminal without echo, twice when it is being set.
 */

import { DeskError } from '../core/errors';

export const PASSPHRASE_ENV = 'MEDIATION_DESK_PASSPHRASE';

/** One line typed at the terminal without echo. */
async function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new DeskError('CANCELLED', '已取消'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export async function readPassphrase(options: { confirm: boolean }): Promise<string> {
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new DeskError('VALIDATION', `口令：请在终端中输入，或用环境变量 ${PASSPHRASE_ENV} 提供（不要写在命令参数里）`, {
      field: 'passphrase',
    });
  }
  const first = await askHidden('口令：');
  if (options.confirm && (await askHidden('再输入一次口令：')) !== first) {
    throw new DeskError('VALIDATION', '口令：两次输入的口令不一致', { field: 'passphrase' });
  }
  return first;
}
