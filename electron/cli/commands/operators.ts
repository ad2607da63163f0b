/**
 * Operators and the office's keys: `operator list|add|set|reset-password`, `passwd`, `recovery reissue|use`,
 * `encryption status|on|off`, `escrow status|enable|disable|request|respond|apply`. Passwords and codes come
 * from environment variables or the terminal, never from arguments (secrets.ts).
 */

import { OPERATOR_ROLES } from '../../core/schema/codes';
import type { CommandModule } from '../context';
import { SECRET_VARIABLES } from '../secrets';

const ROLE_HELP = OPERATOR_ROLES.entries.map((e) => `${e.code}（${e.label}）`).join('、');

export const operatorCommands: CommandModule = (program, cli) => {
  const newPassword = (whose: string) => cli.secret(SECRET_VARIABLES.newPassword, `${whose}的新密码：`, { confirm: true });

  const operator = program.command('operator').description('操作员账户（管理员）');

  operator
    .command('list')
    .description('列出操作员（不含密码）')
    .option('--json', '以JSON输出')
    .action(async (options: { json?: boolean }) => {
      const list = await cli.call('operators.list', {});
      if (options.json) return cli.printJson(list);
      for (const o of list) {
        const state = [o.active ? '在用' : '已停用', o.lockedUntil ? `锁定到${o.lockedUntil}` : '', o.mustChangePassword ? '须改密码' : '']
          .filter(Boolean)
          .join('，');
        process.stdout.write(`${o.name}\t${o.roleLabel}\t${state}\n`);
      }
    });

  operator
    .command('add')
    .description(`新增操作员；密码取自环境变量 ${SECRET_VARIABLES.newPassword} 或在终端中输入`)
    .argument('<NAME>', '姓名')
    .requiredOption('--role <ROLE>', ROLE_HELP)
    .action(async (name: string, options: { role: string }) => {
      const role = OPERATOR_ROLES.resolve(options.role) ?? options.role;
      await cli.signIn();
      cli.printJson(await cli.call('operators.add', { name, role: role as never, password: await newPassword(`操作员“${name}”`) }));
    });

  operator
    .command('set')
    .description('修改操作员的姓名、角色，或停用、启用')
    .argument('<NAME>', '现在的姓名')
    .option('--name <NEW>', '新姓名')
    .option('--role <ROLE>', ROLE_HELP)
    .option('--disable', '停用（不能再登录）')
    .option('--enable', '启用')
    .action(async (name: string, options: { name?: string; role?: string; disable?: boolean; enable?: boolean }) => {
      const role = options.role === undefined ? undefined : (OPERATOR_ROLES.resolve(options.role) ?? options.role);
      const active = options.disable ? false : options.enable ? true : undefined;
      cli.printJson(await cli.call('operators.update', { id: name, name: options.name, role: role as never, active }));
    });

  operator
    .command('reset-password')
    .description(`为操作员重设密码（其下次登录后须改密码）；新密码取自环境变量 ${SECRET_VARIABLES.newPassword} 或在终端中输入`)
    .argument('<NAME>', '姓名')
    .action(async (name: string) => {
      await cli.signIn();
      cli.printJson(await cli.call('operators.resetPassword', { id: name, password: await newPassword(`操作员“${name}”`) }));
    });

  program
    .command('passwd')
    .description(`修改自己（--operator）的密码；新密码取自环境变量 ${SECRET_VARIABLES.newPassword} 或在终端中输入`)
    .action(async () => {
      await cli.signIn();
      const current = await cli.secret(SECRET_VARIABLES.password, '当前密码：');
      cli.printJson(await cli.call('operators.changePassword', { password: current, newPassword: await newPassword('自己') }));
    });

  const recovery = program.command('recovery').description('恢复码：重新生成；忘记全部密码时使用');

  recovery
    .command('reissue')
    .description('重新生成恢复码（旧的作废），只显示一次')
    .option('--sheet <FILE>', '同时把恢复码单保存为PDF')
    .action(async (options: { sheet?: string }) => {
      await cli.signIn();
      const password = await cli.secret(SECRET_VARIABLES.password, '管理员密码：');
      const { code } = await cli.call('recovery.reissue', { password });
      process.stdout.write(`${code}\n`);
      cli.say('这是新的恢复码（只显示这一次），旧的恢复码已作废。请打印或抄写后放进保险柜。');
      if (options.sheet) cli.say(`恢复码单已保存：${(await cli.call('recovery.sheet', { code, out: options.sheet })).file}`);
    });

  recovery
    .command('use')
    .description(
      `用恢复码为管理员设置新密码（恢复码取自环境变量 ${SECRET_VARIABLES.recoveryCode}，新密码取自 ${SECRET_VARIABLES.newPassword}，或在终端中输入）`,
    )
    .requiredOption('--name <ADMIN>', '管理员姓名（新的姓名将新建一位管理员）')
    .action(async (options: { name: string }) => {
      const code = await cli.secret(SECRET_VARIABLES.recoveryCode, '恢复码：');
      const signedIn = await cli.call('recovery.use', { code, name: options.name, password: await newPassword(`管理员“${options.name}”`) });
      cli.printJson(signedIn);
      cli.say('已为管理员设置新密码。建议重新生成恢复码（recovery reissue），并检查其他操作员的账户。');
    });

  const encryption = program.command('encryption').description('数据加密（管理员）');

  encryption
    .command('status')
    .description('本机数据是否加密，以及恢复途径')
    .action(async () => cli.printJson(await cli.call('encryption.status', {})));

  encryption
    .command('on')
    .description('开启加密：全部数据文件和备份改为加密保存（中途断电也不会丢数据）')
    .action(async () => cli.printJson(await cli.call('encryption.enable', {})));

  encryption
    .command('off')
    .description('关闭加密（需要管理员密码）')
    .action(async () => {
      await cli.signIn();
      const password = await cli.secret(SECRET_VARIABLES.password, '管理员密码：');
      cli.printJson(await cli.call('encryption.disable', { password }));
    });

  const escrow = program.command('escrow').description('交中心托管恢复密钥：全部密码和恢复码都丢失时，由中心协助恢复');

  escrow
    .command('enable')
    .description('站点：把数据密钥托管给已登记的中心（中心只能协助恢复，平时不能读取本站数据）')
    .action(async () => cli.printJson(await cli.call('escrow.enable', {})));

  escrow
    .command('disable')
    .description('站点：取消托管')
    .action(async () => cli.printJson(await cli.call('escrow.disable', {})));

  escrow
    .command('request')
    .description('站点（无需登录）：生成恢复申请文件交给中心，并显示核对码')
    .requiredOption('--out <FILE>', '申请文件的保存位置')
    .option('--force', '文件已存在时覆盖')
    .action(async (options: { out: string; force?: boolean }) => {
      const result = await cli.call('escrow.request', { out: options.out, overwrite: options.force ?? false });
      cli.printJson(result);
      cli.say(`请把申请文件交给中心，并电话核对核对码：${result.checkCode}`);
    });

  escrow
    .command('respond')
    .description('中心：核对站点的恢复申请并生成答复文件')
    .argument('<REQUEST>', '站点的恢复申请文件')
    .requiredOption('--out <FILE>', '答复文件的保存位置')
    .option('--force', '文件已存在时覆盖')
    .action(async (request: string, options: { out: string; force?: boolean }) => {
      const result = await cli.call('escrow.respond', { request, out: options.out, overwrite: options.force ?? false });
      cli.printJson(result);
      cli.say(`请与站点“${result.station.name}”电话核对核对码：${result.checkCode}`);
    });

  escrow
    .command('apply')
    .description(`站点（无需登录）：用中心的答复文件为管理员设置新密码；新密码取自 ${SECRET_VARIABLES.newPassword} 或在终端中输入`)
    .argument('<RESPONSE>', '中心的答复文件')
    .requiredOption('--name <ADMIN>', '管理员姓名')
    .action(async (response: string, options: { name: string }) => {
      cli.printJson(
        await cli.call('escrow.apply', { response, name: options.name, password: await newPassword(`管理员“${options.name}”`) }),
      );
      cli.say('已为管理员设置新密码。建议重新生成恢复码（recovery reissue）。');
    });
};
