/** `doc render | available` and `template list | show | validate | save | reset`. Warnings go to stderr. */

import path from 'node:path';

import { DeskError } from '../../core/errors';
import { readUserFile } from '../../core/files';
import { LIMITS } from '../../core/limits';
import type { CommandModule } from '../context';

export const documentCommands: CommandModule = (program, cli) => {
  const doc = program.command('doc').description('生成案件文书（调解协议书、司法确认申请书等）');

  doc
    .command('render')
    .description('按模板生成文书：doc render ID --template agreement --format pdf --out 文件')
    .argument('<ID>', '案件ID或案号')
    .requiredOption(
      '--template <NAME>',
      '模板名称：agreement、supplement、confirmation-application、application、registration、notice、session-record、termination-notice、oral-agreement、follow-up-record、dossier-cover，或本机构模板的文件名',
    )
    .option('--format <FORMAT>', 'pdf 或 docx（默认按 --out 的扩展名，否则 pdf）')
    .requiredOption('--out <FILE>', '输出文件')
    .option('--session <N|ID>', '人民调解记录：第几次调解（从1开始）或调解记录ID，默认最近一次')
    .option('--supplement <N|ID>', '补充协议书：第几份补充协议（从1开始）或其ID，默认最近一份')
    .option('--force', '输出文件已存在时覆盖')
    .option('--json', '以JSON输出结果')
    .action(
      async (
        id: string,
        options: { template: string; format?: string; out: string; session?: string; supplement?: string; force?: boolean; json?: boolean },
      ) => {
        const format = (options.format ?? (path.extname(options.out).toLowerCase() === '.docx' ? 'docx' : 'pdf')).toLowerCase();
        if (format !== 'pdf' && format !== 'docx')
          throw new DeskError('VALIDATION', `格式“${options.format}”无效，应为 pdf 或 docx`, { field: 'format' });
        const result = await cli.call('documents.render', {
          caseId: id,
          template: options.template,
          format,
          out: path.resolve(options.out),
          overwrite: options.force ?? false,
          ...(options.session !== undefined
            ? { sessionId: /^\d+$/.test(options.session) ? Number(options.session) : options.session }
            : {}),
          ...(options.supplement !== undefined
            ? { supplementId: /^\d+$/.test(options.supplement) ? Number(options.supplement) : options.supplement }
            : {}),
        });
        for (const warning of result.warnings) cli.say(`警告：${warning}`);
        if (options.json) cli.printJson(result);
        else
          cli.say(`已生成 ${result.title}（模板 ${result.template}，版本 ${result.version.slice(0, 12)}）：${path.resolve(options.out)}`);
      },
    );

  doc
    .command('available')
    .description('列出案件现在可以制作的文书')
    .argument('<ID>', '案件ID或案号')
    .option('--json', '以JSON输出')
    .action(async (id: string, options: { json?: boolean }) => {
      const list = await cli.call('documents.available', { caseId: id });
      if (options.json) return cli.printJson(list);
      for (const entry of list) {
        process.stdout.write(
          `${entry.allowed ? '可以' : '不可'}  ${entry.template.padEnd(26)}${entry.title}${entry.reason ? `（${entry.reason}）` : ''}\n`,
        );
      }
    });

  const template = program.command('template').description('文书模板：列出、检查、恢复内置模板');

  template
    .command('list')
    .description('列出模板')
    .option('--json', '以JSON输出')
    .action(async (options: { json?: boolean }) => {
      const list = await cli.call('templates.list', {});
      if (options.json) return cli.printJson(list);
      for (const t of list) {
        const origin = t.origin === 'office' ? (t.builtin ? '本机构修改' : '本机构') : '内置';
        process.stdout.write(`${t.name.padEnd(26)}${t.title}  [${origin}]  ${t.version.slice(0, 12)}\n`);
      }
    });

  template
    .command('show')
    .description('输出模板原文（当前生效的版本）')
    .argument('<NAME>', '模板名称')
    .action(async (name: string) => {
      const t = await cli.call('templates.get', { name });
      process.stdout.write(t.source.endsWith('\n') ? t.source : `${t.source}\n`);
    });

  template
    .command('validate')
    .description('检查模板文件（不生成文书）：语法、字段、过滤器，错误给出行号和列号')
    .argument('<FILE>', '模板文件')
    .action(async (file: string) => {
      const result = await cli.call('templates.validate', { file: path.resolve(file) });
      cli.say(`模板“${result.name}”检查通过（版本 ${result.version.slice(0, 12)}）`);
    });

  template
    .command('save')
    .description('检查并保存为本机构模板（覆盖同名内置模板）')
    .argument('<NAME>', '模板名称')
    .argument('<FILE>', '模板文件')
    .action(async (name: string, file: string) => {
      const bytes = await readUserFile(file, { what: '模板文件', maxBytes: LIMITS.templateChars * 3 });
      const source = bytes.toString('utf8');
      const saved = await cli.call('templates.save', { name, source });
      cli.say(`已保存本机构模板“${saved.name}”（版本 ${saved.version.slice(0, 12)}）`);
    });

  template
    .command('reset')
    .description('删除本机构修改的模板，恢复内置模板（本机构新增的模板则被删除）')
    .argument('<NAME>', '模板名称')
    .action(async (name: string) => {
      const result = await cli.call('templates.reset', { name });
      if (!result.removed) cli.say(`模板“${name}”没有本机构修改，无需恢复`);
      else cli.say(result.builtin ? `已恢复内置模板“${name}”` : `已删除本机构模板“${name}”`);
    });
};
