/**
 * `mediation-desk [--data DIR] [--operator NAME] <command>`: the command line over the handler table, for
 * the centre's IT staff, scripts and acceptance checks. Each domain registers its commands from ./commands/.
 * The operator signs in for the run (password from MEDIATION_DESK_PASSWORD or typed at the terminal);
 * every event the run records names that operator.
 */

import { CommanderError } from 'commander';

import { call, handlers } from '../core/api';
import { Desk } from '../core/desk';
import { actionOf, asDeskError, DeskError } from '../core/errors';
import { resolveDataDir } from '../core/paths';
import { commandAdvice } from './actions';
import { ChineseCommand } from './chinese-commander';
import { backupCommands } from './commands/backups';
import { batchCommands } from './commands/batches';
import { caseCommands } from './commands/cases';
import { centreCommands } from './commands/centre';
import { documentCommands } from './commands/documents';
import { operatorCommands } from './commands/operators';
import { oversightCommands } from './commands/oversight';
import { settingsCommands } from './commands/settings';
import { type CliContext, type CommandModule, readJsonSource } from './context';
import { EXIT, exitCodeFor } from './exit-codes';
import { readSecret, SECRET_VARIABLES } from './secrets';

// oversight and centre last: they add subcommands to `case`, `doc`, `centre` and `receipt`.
const MODULES: CommandModule[] = [
  settingsCommands,
  operatorCommands,
  caseCommands,
  backupCommands,
  batchCommands,
  documentCommands,
  oversightCommands,
  centreCommands,
];

/** Whether calling `name` needs a signed-in operator (the table's own rule; unreadable input: assume so). */
function needsSignIn(desk: Desk, name: string, input: unknown): boolean {
  const { access } = (handlers as Record<string, { access: unknown }>)[name] ?? { access: 'signed-in' };
  if (typeof access !== 'function') return access !== 'public';
  try {
    return (access as (input: unknown, desk: Desk) => unknown)(input ?? {}, desk) !== 'public';
  } catch {
    return true;
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const program = new ChineseCommand('mediation-desk')
    .description('人民调解工作台 命令行')
    .option('--data <DIR>', '数据目录（默认：应用的用户数据目录，或环境变量 MEDIATION_DESK_DATA）')
    .option(
      '--operator <NAME>',
      `以该操作员登录（默认：环境变量 MEDIATION_DESK_OPERATOR）；密码取自环境变量 ${SECRET_VARIABLES.password}，或在终端中输入`,
    )
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
    async signIn() {
      const open = await cli.desk();
      if (open.session.active()) return;
      if (open.store.keyring() === undefined) {
        throw new DeskError(
          'NOT_SIGNED_IN',
          `本机构还没有设置管理员：请先运行 init --json 文件（文件中的 "operator" 是管理员姓名，密码取自环境变量 ${SECRET_VARIABLES.password} 或在终端中输入）`,
        );
      }
      const name = program.opts<{ operator?: string }>().operator ?? process.env.MEDIATION_DESK_OPERATOR;
      if (!name) {
        throw new DeskError(
          'NOT_SIGNED_IN',
          `需要登录：请用 --operator 姓名 指定操作员（或设置环境变量 MEDIATION_DESK_OPERATOR），密码由环境变量 ${SECRET_VARIABLES.password} 给出或在终端中输入`,
        );
      }
      const password = await readSecret(SECRET_VARIABLES.password, `操作员“${name}”的密码：`);
      await call(open, 'session.signIn', { name, password });
    },
    async call(name, input, context) {
      const open = await cli.desk();
      if (needsSignIn(open, name, input)) await cli.signIn();
      return call(open, name, input, context);
    },
    secret: readSecret,
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
