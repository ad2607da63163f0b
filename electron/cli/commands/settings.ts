/** `init --json FILE`: the office settings, and at first its administrator (named in `operator`); the one command that makes a new register. */

import { DeskError } from '../../core/errors';
import { SettingsSchema } from '../../core/schema/settings';
import { parseOrThrow } from '../../core/validate';
import type { CommandModule } from '../context';
import { SECRET_VARIABLES } from '../secrets';

export const settingsCommands: CommandModule = (program, cli) => {
  program
    .command('init')
    .description(
      `初始化或修改本机构设置（名称、简称、法院、站点代码、"role": "station" | "centre"）。首次初始化时同时设置管理员（"operator" 为其姓名，密码取自环境变量 ${SECRET_VARIABLES.password} 或在终端中输入），并显示一次恢复码`,
    )
    .requiredOption('--json <FILE>', '设置的JSON文件，"-" 表示标准输入')
    .option('--recovery-sheet <FILE>', '首次初始化时，同时把恢复码单保存为PDF')
    .option('--no-encrypt', '首次初始化时不加密数据（不推荐）')
    .action(async (options: { json: string; recoverySheet?: string; encrypt: boolean }) => {
      const input = (await cli.readJson(options.json, '设置')) as Record<string, unknown>;
      let desk;
      try {
        desk = await cli.desk();
      } catch (error) {
        if (!(error instanceof DeskError) || error.code !== 'STORE_MISSING') throw error;
        // A new register is made only for settings that would be accepted: a mistyped file leaves nothing behind.
        parseOrThrow(SettingsSchema, input);
        desk = await cli.desk({ create: true });
      }
      if (desk.store.keyring() !== undefined) {
        // the office exists: changing its settings is the administrator's
        cli.printJson((await cli.call('settings.init', input)).settings);
        return;
      }
      const name = typeof input?.operator === 'string' ? input.operator.trim() : '';
      const password = await cli.secret(SECRET_VARIABLES.password, `管理员“${name}”的密码：`, { confirm: true });
      const result = await cli.call('settings.init', { ...input, password, encrypt: options.encrypt });
      cli.printJson(result.settings);
      if (result.recoveryCode) {
        cli.say(
          [
            '',
            `恢复码（只显示这一次）：${result.recoveryCode}`,
            '请立即打印或抄写，放进保险柜。全部密码都忘记时，凭它为管理员重设密码；没有它，加密的数据无法打开。',
            '',
          ].join('\n'),
        );
        if (options.recoverySheet) {
          const sheet = await cli.call('recovery.sheet', { code: result.recoveryCode, out: options.recoverySheet });
          cli.say(`恢复码单已保存：${sheet.file}`);
        }
      }
    });
};
