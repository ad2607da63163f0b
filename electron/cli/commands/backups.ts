/** `backup create | list | restore NAME | export --out FILE [--encrypt] | import FILE`. */

import { mkdir } from 'node:fs/promises';

import { inspectBackupArchive, unpackBackupArchive } from '../../core/backups/archive';
import { restoreBackup, restoreBackupFolder } from '../../core/store';
import { removeQuietly } from '../../core/store/fsio';
import type { CommandModule } from '../context';
import { PASSPHRASE_ENV, readPassphrase } from '../passphrase';

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
    .description('从备份恢复；恢复前会自动备份当前数据，可用输出中的 undo 名称撤销')
    .argument('<NAME>', '备份名称（见 backup list）')
    .action(async (name: string) => {
      // A restore works on the bare data directory without opening it first: it is how an office
      // recovers when the data cannot be opened at all (a corrupt file names the backup to use).
      const result = await restoreBackup(cli.dataDir(), name);
      cli.printJson(result);
      cli.say(`已恢复到备份 ${result.restored.name}。如需撤销：backup restore ${result.undo.name}`);
    });

  backup
    .command('export')
    .description(
      `备份到U盘或文件夹：写出一个备份文件（zip，含每个文件的SHA-256）；--encrypt 用口令加密（口令从终端输入，或环境变量 ${PASSPHRASE_ENV}）`,
    )
    .requiredOption('--out <FILE|DIR>', '备份文件（.zip），或已有的文件夹（如U盘），文件名自动取')
    .option('--encrypt', '用口令加密（AES-256-GCM，scrypt 派生密钥）')
    .option('--force', '覆盖已存在的备份文件')
    .action(async (options: { out: string; encrypt?: boolean; force?: boolean }) => {
      const passphrase = options.encrypt ? await readPassphrase({ confirm: true }) : undefined;
      const result = await cli.call('backups.export', { out: options.out, passphrase, overwrite: options.force ?? false });
      cli.printJson(result);
      cli.say(
        `已写出备份文件 ${result.file}（${result.caseCount}件案件${result.encrypted ? '，已加密：口令丢失后无法恢复，请妥善保管' : ''}）`,
      );
    });

  backup
    .command('import')
    .description('从备份文件恢复：先完整校验；恢复前自动备份当前数据，可用输出中的 undo 名称撤销；数据目录可以是空文件夹')
    .argument('<FILE>', '备份文件（backup export 写出的 .zip）')
    .action(async (file: string) => {
      // Like restore, on the bare data directory (it may be empty, or not open because it is damaged).
      const dataDir = cli.dataDir();
      await mkdir(dataDir, { recursive: true });
      const info = await inspectBackupArchive(file);
      const passphrase = info.encrypted ? await readPassphrase({ confirm: false }) : undefined;
      const staged = await unpackBackupArchive(dataDir, file, passphrase);
      try {
        const result = await restoreBackupFolder(dataDir, staged.dir);
        cli.printJson({ ...result, archive: staged.info });
        cli.say(
          `已从备份文件恢复（${info.office.name}，${info.createdAt.slice(0, 10)}，${info.caseCount}件案件）。如需撤销：backup restore ${result.undo.name}`,
        );
      } finally {
        removeQuietly(staged.dir);
      }
    });
};
