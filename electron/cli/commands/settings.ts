/** `init --json FILE`: the office settings; the one command that makes a new register. */

import { DeskError } from '../../core/errors';
import { SettingsSchema } from '../../core/schema/settings';
import { parseOrThrow } from '../../core/validate';
import type { CommandModule } from '../context';

export const settingsCommands: CommandModule = (program, cli) => {
  program
    .command('init')
    .description('初始化或修改本机构设置（名称、简称、法院、站点代码、操作员、"role": "station" | "centre"）')
    .requiredOption('--json <FILE>', '设置的JSON文件，"-" 表示标准输入')
    .action(async (options: { json: string }) => {
      const input = await cli.readJson(options.json, '设置');
      try {
        await cli.desk();
      } catch (error) {
        if (!(error instanceof DeskError) || error.code !== 'STORE_MISSING') throw error;
        // A new register is made only for settings that would be accepted: a mistyped file leaves nothing behind.
        parseOrThrow(SettingsSchema, input);
        await cli.desk({ create: true });
      }
      cli.printJson(await cli.call('settings.init', input));
    });
};
