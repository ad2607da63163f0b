/**
 * `mediation-desk [--data DIR] <command>`: the command line over the handler table, for the centre's
 * IT staff, scripts and acceptance checks. Each domain registers its commands from ./commands/.
 */

import { CommanderError } from 'commander';

import { call } from '../core/api';
import { Desk } from '../core/desk';
import { actionOf, asDeskError } from '../core/errors';
import { resolveDataDir } from '../core/paths';
import { commandAdvice } from './actions';
import { ChineseCommand } from './chinese-commander';
import { backupCommands } from './commands/backups';
import { batchCommands } from './commands/batches';
import { caseCommands } from './commands/cases';
import { documentCommands } from './commands/documents';
import { oversightCommands } from './commands/oversight';
import { settingsCommands } from './commands/settings';
import { type CliContext, type CommandModule, readJsonSource } from './context';
import { EXIT, exitCodeFor } from './exit-codes';

// oversight last: it adds subcommands to `case` and `doc`.
const MODULES: CommandModule[] = [settingsCommands, caseCommands, backupCommands, batchCommands, documentCommands, oversightCommands];

export async function runCli(argv: string[]): Promise<number> {
  const program = new ChineseCommand('mediation-desk')
    .description('人民调解工作台 命令行')
    .option('--data <DIR>', '数据目录（默认：应用的用户数据目录，或环境变量 MEDIATION_DESK_DATA）')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showHelpAfterError('（用 --help 查看用法）');

  let desk: Desk | undefined;
  const cli: CliContext = {
    dataDir: () => resolveDataDir(program.opts<{ data?: string }>().data),
    async desk(options = {}) {
      desk ??= await Desk.open({ dataDir: cli.dataDir(), create: options.create ?? false });
      return desk;
    },
    async call(name, input, context) {
      return call(await cli.desk(), name, input, context);
    },
    readJson: readJsonSource,
    printJson: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    say: (message) => process.stderr.write(`${message}\n`),
  };
  for (const register of MODULES) register(program, cli);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    }
    const deskError = asDeskError(error);
    process.stderr.write(`错误：${deskError.message}\n`);
    const action = actionOf(deskError.details);
    if (action) process.stderr.write(`（${commandAdvice(action)}）\n`);
    return exitCodeFor(deskError.code);
  } finally {
    await desk?.close();
  }
}

const isEntryPoint = process.argv[1] && /cli[\\/]main\.(ts|js|mjs|cjs)$/.test(process.argv[1]);
if (isEntryPoint) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
