/** `backup create | list | restore NAME`. */

import { existsSync } from 'node:fs';
import path from 'node:path';

import { restoreBackup } from '../../core/store';
import { KEYRING_FILE } from '../../core/store/backups';
import type { CommandModule } from '../context';

export const backupCommands: CommandModule = (program, cli) => {
  const backup = program.command('backup').description('备份与恢复');

  backup
    .command('create')
    .description('立即备份全部数据')
    .action(async () => cli.printJson(await cli.call('backups.create', {})));

  backup
    .command('list')
    .description('列出备份（最新的在前）')
    .option('--json', '以JSON输出')
    .action(async (options: { json?: boolean }) => {
      const list = await cli.call('backups.list', {});
      if (options.json) return cli.printJson(list);
      if (list.length === 0) return cli.say('还没有备份。');
      for (const b of list) {
        process.stdout.write(`${b.name}\t${b.kind}\t${b.caseCount}件\t${(b.bytes / 1024 / 1024).toFixed(1)} MB\n`);
      }
    });

  backup
    .command('restore')
    .description('从备份恢复（管理员）；恢复前会自动备份当前数据，可用输出中的 undo 名称撤销')
    .argument('<NAME>', '备份名称（见 backup list）')
    .action(async (name: string) => {
      if (!existsSync(path.join(cli.dataDir(), KEYRING_FILE))) {
        // A register from before operators (nobody to sign in) restores on the bare data directory, as
        // before: it is how such an office recovers when its data cannot be opened at all.
        const result = await restoreBackup(cli.dataDir(), name);
        cli.printJson(result);
        return cli.say(`已恢复到备份 ${result.restored.name}。如需撤销：backup restore ${result.undo.name}`);
      }
      const desk = await cli.desk();
      // Signing in loads the register; a damaged one is what a restore is for, so that failure is no stop here.
      await cli.signIn().catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'STORE_CORRUPT' || !desk.session.active()) throw error;
      });
      const result = await cli.call('backups.restore', { name });
      cli.printJson(result);
      cli.say(`已恢复到备份 ${result.restored.name}。如需撤销：backup restore ${result.undo.name}`);
    });
};
