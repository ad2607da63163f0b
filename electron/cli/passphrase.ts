/**
 * Passphrases on the command line: never as an argument (it would show in the process list and the
 * shell's history). From the environment variable MEDIATION_DESK_PASSPHRASE (scripts), else typed at
 * the terminal without echo, twice when it is being set.
 */

import { DeskError } from '../core/errors';
import { readHidden } from './secrets';

export const PASSPHRASE_ENV = 'MEDIATION_DESK_PASSPHRASE';

export async function readPassphrase(options: { confirm: boolean }): Promise<string> {
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new DeskError('VALIDATION', `口令：请在终端中输入，或用环境变量 ${PASSPHRASE_ENV} 提供（不要写在命令参数里）`, {
      field: 'passphrase',
    });
  }
  const first = await readHidden('口令：');
  if (options.confirm && (await readHidden('再输入一次口令：')) !== first) {
    throw new DeskError('VALIDATION', '口令：两次输入的口令不一致', { field: 'passphrase' });
  }
  return first;
}
