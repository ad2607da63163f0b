/** `backup create | list | restore NAME | export --out FILE [--encrypt] | import FILE`. */

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { inspectBackupArchive, unpackBackupArchive } from '../../core/backups/archive';
import { restoreBackup, restoreBackupFolder } from '../../core/store';
import { KEYRING_FILE } from '../../core/store/backups';
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

  backup
    .command('export')
    .description(
      `备份到U盘或文件夹（管理员）：写出一个备份文件（zip，含每个文件的SHA-256）；--encrypt 用口令加密（口令从终端输入，或环境变量 ${PASSPHRASE_ENV}）`,
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
    .description('从备份文件恢复（管理员）：先完整校验；恢复前自动备份当前数据，可用输出中的 undo 名称撤销；数据目录可以是空文件夹')
    .argument('<FILE>', '备份文件（backup export 写出的 .zip）')
    .action(async (file: string) => {
      const dataDir = cli.dataDir();
      const info = await inspectBackupArchive(file);
      const passphrase = info.encrypted ? await readPassphrase({ confirm: false }) : undefined;
      const done = (result: { undo: { name: string } }) =>
        cli.say(
          `已从备份文件恢复（${info.office.name}，${info.createdAt.slice(0, 10)}，${info.caseCount}件案件）。如需撤销：backup restore ${result.undo.name}`,
        );
      if (existsSync(path.join(dataDir, KEYRING_FILE))) {
        // An office with operators: the administrator signs in (restoring is theirs), as for restore;
        // a damaged register is what a restore is for, so failing to load it is no stop here.
        const desk = await cli.desk();
        await cli.signIn().catch((error: unknown) => {
          if ((error as { code?: string }).code !== 'STORE_CORRUPT' || !desk.session.active()) throw error;
        });
        const result = await cli.call('backups.import', { file, passphrase });
        cli.printJson(result);
        return done(result);
      }
      // Nobody to sign in (an empty folder on a new PC, or a register from before operators): on the
      // bare data directory, like restore. An encrypted office's archive brings its own keyring along.
      await mkdir(dataDir, { recursive: true });
      const staged = await unpackBackupArchive(dataDir, file, passphrase);
      try {
        const result = await restoreBackupFolder(dataDir, staged.dir);
        cli.printJson({ ...result, archive: staged.info });
        done(result);
      } finally {
        removeQuietly(staged.dir);
      }
    });
};
