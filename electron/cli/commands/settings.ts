/** `init --json FILE`: the office settings. */

import type { CommandModule } from '../context';

export const settingsCommands: CommandModule = (program, cli) => {
  program
    .command('init')
    .description('初始化或修改本机构设置（名称、简称、法院、站点代码、操作员、"role": "station" | "centre"）')
    .requiredOption('--json <FILE>', '设置的JSON文件，"-" 表示标准输入')
    .action(async (options: { json: string }) => {
      const input = await cli.readJson(options.json, '设置');
      cli.printJson(await cli.call('settings.init', input));
    });
};
