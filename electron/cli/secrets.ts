/**
 * Passwords and recovery codes for the command line: from an environment variable (scripts and CI) or
 * typed at a terminal without echo, never from an argument (arguments are visible to every user of the
 * PC in the process list and land in shell history).
 */

import { DeskError } from '../core/errors';

export const SECRET_VARIABLES = {
  /** The signing-in operator's password; also the first administrator's at `init`. */
  password: 'MEDIATION_DESK_PASSWORD',
  /** A new password: another operator's (add, reset) or one's own (passwd, recovery). */
  newPassword: 'MEDIATION_DESK_NEW_PASSWORD',
  recoveryCode: 'MEDIATION_DESK_RECOVERY_CODE',
} as const;

/** Read a line from the terminal with echo off (backspace works, Ctrl+C leaves). */
export function readHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    let typed = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new DeskError('CANCELLED', '已取消'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    input.on('data', onData);
  });
}

/**
 * The secret from `variable`, else asked at the terminal (twice when `confirm`, for a new password).
 * Without either: NOT_SIGNED_IN naming the variable, so a script fails clearly instead of hanging.
 */
export async function readSecret(variable: string, prompt: string, options: { confirm?: boolean } = {}): Promise<string> {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new DeskError(
      'NOT_SIGNED_IN',
      `需要${prompt.replace(/[：:]\s*$/, '')}：请设置环境变量 ${variable}，或在终端中运行以便输入（不会显示）`,
    );
  }
  const first = await readHidden(prompt);
  if (options.confirm) {
    const again = await readHidden('再输入一次：');
    if (again !== first) throw new DeskError('VALIDATION', '两次输入的密码不一致', { field: 'password' });
  }
  return first;
}
