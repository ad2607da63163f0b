/**
 * `stats`, `reminders`, `case duplicates ID`, `case dossier ID`, `case paper-signed ID TEMPLATE`.
 * `doc dossier ID --out FILE.pdf`. The `case` and `doc` subcommands attach to the commands registered by
 * ./cases.ts and ./documents.ts, so this module is registered after them in main.ts.
 */

import { DeskError } from '../../core/errors';
import { reportTable } from '../../core/oversight/export';
import { REMINDER_GROUPS, REMINDER_KINDS } from '../../core/oversight/reminders';
import { CASE_STATUSES } from '../../core/schema/codes';
import { type CommandModule, group, reportUnreadable } from '../context';

interface StatsOptions {
  from?: string;
  to?: string;
  month?: string;
  quarter?: string;
  year?: string;
  by: string;
  format: string;
  money: string;
  out?: string;
  force?: boolean;
}

const BY = ['type', 'source', 'mediator', 'station'] as const;

export const oversightCommands: CommandModule = (program, cli) => {
  program
    .command('stats')
    .description('统计报表：受理、调解成功、调解不成、撤回、调解中、成功率、涉及金额与人数、协议形式、司法确认、履行（口径见 README）')
    .option('--from <DATE>', '起始日期（YYYY-MM-DD，含）')
    .option('--to <DATE>', '截止日期（YYYY-MM-DD，含）')
    .option('--month <YYYY-MM>', '某月，如 2026-11')
    .option('--quarter <YYYYQn>', '某季度，如 2026Q4')
    .option('--year <YYYY>', '某年，如 2026')
    .option('--by <BY>', '分组：type（纠纷类型）| source（案件来源）| mediator（调解员）| station（站点）', 'type')
    .option('--format <F>', '输出：table | json | csv | xlsx', 'table')
    .option('--money <UNIT>', '金额单位（table、csv、xlsx）：yuan（元）| wan（万元）', 'yuan')
    .option('--out <FILE>', '写入文件（xlsx 必须指定）')
    .option('--force', '输出文件已存在时覆盖')
    .action(async (o: StatsOptions) => {
      if (!(BY as readonly string[]).includes(o.by)) throw new DeskError('VALIDATION', `--by 应为：${BY.join('、')}`, { field: 'by' });
      if (!['table', 'json', 'csv', 'xlsx'].includes(o.format))
        throw new DeskError('VALIDATION', '--format 应为：table、json、csv、xlsx', { field: 'format' });
      if (o.money !== 'yuan' && o.money !== 'wan') throw new DeskError('VALIDATION', '--money 应为 yuan 或 wan', { field: 'money' });
      const period = { from: o.from, to: o.to, month: o.month, quarter: o.quarter, year: o.year };
      const by = o.by as (typeof BY)[number];
      if (o.format === 'json' && !o.out) return cli.printJson(await cli.call('stats.report', { ...period, by }));
      if (o.format === 'xlsx' && !o.out) throw new DeskError('VALIDATION', 'XLSX 格式请用 --out 指定输出文件', { field: 'out' });
      if (o.format === 'table' && !o.out) {
        const report = await cli.call('stats.report', { ...period, by });
        const desk = await cli.desk();
        process.stdout.write(`${reportTable(report, { office: desk.settings().name, by, today: desk.today(), money: o.money })}\n`);
        return;
      }
      const result = await cli.call('stats.export', {
        ...period,
        by,
        format: o.format as 'csv' | 'xlsx' | 'table' | 'json',
        money: o.money,
        out: o.out,
        overwrite: o.force ?? false,
      });
      if ('base64' in result && result.base64 !== undefined) process.stdout.write(Buffer.from(result.base64, 'base64'));
      else cli.say(`已写入 ${o.out}（${result.bytes}字节）`);
    });

  const reminders = program
    .command('reminders')
    .description('到期提醒：今天和本周到期的在前，已逾期的其次（最近的在前）；本机时钟检查')
    .option('--json', '以JSON输出')
    .action(async (o: { json?: boolean }) => {
      const result = await cli.call('reminders.list', {});
      if (o.json) return cli.printJson(result);
      if (!result.clock.ok) process.stdout.write(`【时钟】${result.clock.message}\n`);
      if (result.reminders.length === 0) return cli.say(`${result.today}：没有需要提醒的事项。`);
      const groupLabel = Object.fromEntries(REMINDER_GROUPS.map((g) => [g.group, g.label]));
      for (const r of result.reminders) process.stdout.write(`【${groupLabel[r.group]}】${r.dueDate}  ${r.message}\n`);
      cli.say(
        `共${result.total}项（今天到期${result.byGroup.today}项，本周内${result.byGroup.week}项，已逾期${result.counts.overdue}项，供参考${result.counts.info}项${result.marked ? `；另有${result.marked}项已处理` : ''}）。`,
      );
    });

  const kinds = Object.entries(REMINDER_KINDS)
    .map(([kind, k]) => `${kind}（${k.label}）`)
    .join('、');
  const mark = (state: 'done' | 'snoozed' | 'off', name: string, description: string) => {
    const command = reminders
      .command(name)
      .description(description)
      .argument('<CASE>', '案件ID或案号')
      .argument('<KIND>', `提醒类别：${kinds}`)
      .option('--note <TEXT>', '备注（如：已电话回访）');
    if (state === 'snoozed') command.requiredOption('--until <DATE>', '推迟到哪一天（YYYY-MM-DD）');
    command.action(async (caseId: string, kind: string, o: { note?: string; until?: string }) => {
      const done = await cli.call('reminders.mark', { caseId, kind: kind as never, state, note: o.note, until: o.until });
      cli.say(
        `${done.caseNumber}：“${REMINDER_KINDS[done.kind].label}”${state === 'done' ? '已办完' : state === 'snoozed' ? `推迟到${done.until}` : '本案不再提醒'}`,
      );
    });
  };
  mark('done', 'done', '标记一条提醒已办完（到期日变化后会重新提醒）');
  mark('snoozed', 'snooze', '把一条提醒推迟到某一天（--until）');
  mark('off', 'off', '本案不再提醒此事项');
  reminders
    .command('undo')
    .description('撤销对一条提醒的处理，重新提醒')
    .argument('<CASE>', '案件ID或案号')
    .argument('<KIND>', `提醒类别：${kinds}`)
    .action(async (caseId: string, kind: string) => {
      const result = await cli.call('reminders.unmark', { caseId, kind: kind as never });
      cli.say(result.removed ? '已撤销，重新提醒。' : '这条提醒没有被处理过。');
    });

  const cases = group(program, 'case', '案件登记与办理');

  cases
    .command('duplicates')
    .description('重复纠纷与当事人查重：同一身份证号、统一社会信用代码，或同名且同电话/同住址的当事人在其他案件中的出现')
    .argument('<ID>', '案件ID或案号')
    .option('--json', '以JSON输出')
    .action(async (id: string, o: { json?: boolean }) => {
      const result = await cli.call('duplicates.forCase', { id });
      if (o.json) return cli.printJson(result);
      let total = 0;
      for (const p of result.parties) {
        if (p.matches.length === 0) continue;
        process.stdout.write(`${p.name}：\n`);
        for (const m of p.matches) {
          total++;
          const when = m.finishedAt ? `，办结${m.finishedAt}` : '';
          const station = m.stationName ? `，${m.stationName}` : '';
          process.stdout.write(
            `  ${m.caseNumber}（${CASE_STATUSES.label(m.status as never)}，受理${m.receivedAt}${when}${station}）${m.party.roleLabel} ${m.party.name}：${m.reasonLabels.join('、')}${m.linked ? '（已确认同一人）' : ''}${m.typoLabel ? `\n    【可能录入有误】${m.typoLabel}` : ''}\n`,
          );
        }
      }
      if (total === 0) cli.say(`${result.caseNumber}：当事人未在其他案件中出现。`);
      reportUnreadable(cli, result.unreadable);
    });

  cases
    .command('register')
    .description(
      '案件登记台账：按筛选条件导出 XLSX 或可打印的 PDF（序号、案号、受理日期、当事人、纠纷类型、简要情况、调解结果、协议履行、调解员、结案日期）',
    )
    .option('--from <DATE>', '受理日期起（YYYY-MM-DD）')
    .option('--to <DATE>', '受理日期止（YYYY-MM-DD）')
    .option('--status <S>', '状态（代码或中文，多个用逗号分隔）')
    .option('--type <T>', '纠纷类型（代码或中文）')
    .option('--mediator <NAME>', '人民调解员')
    .option('--station <CODE>', '站点代码（中心）')
    .option('--mine', '我的案件：当前操作员的案件')
    .option('--q <TEXT>', '关键词')
    .requiredOption('--format <F>', 'xlsx | pdf')
    .requiredOption('--out <FILE>', '输出文件')
    .option('--force', '输出文件已存在时覆盖')
    .action(async (o: Record<string, string | boolean | undefined>) => {
      if (o.format !== 'xlsx' && o.format !== 'pdf') throw new DeskError('VALIDATION', '--format 应为 xlsx 或 pdf', { field: 'format' });
      const statuses = typeof o.status === 'string' ? o.status.split(/[,，]/).filter(Boolean) : undefined;
      const result = await cli.call('register.export', {
        from: o.from as string | undefined,
        to: o.to as string | undefined,
        status: statuses as never,
        type: o.type as string | undefined,
        mediator: o.mediator as string | undefined,
        station: o.station as string | undefined,
        mine: o.mine === true ? true : undefined,
        q: o.q as string | undefined,
        format: o.format,
        out: o.out as string,
        overwrite: o.force === true,
      });
      for (const w of result.warnings) cli.say(`注意：${w}`);
      cli.say(`已写入 ${o.out as string}（${result.rows}件${'pages' in result && result.pages ? `，${result.pages}页` : ''}）`);
      cli.printJson({ path: o.out, rows: result.rows, bytes: result.bytes });
    });

  cases
    .command('dossier')
    .description('卷宗清单：应有的文书，哪些已生成、哪些已在纸面签署、缺少哪些')
    .argument('<ID>', '案件ID或案号')
    .option('--json', '以JSON输出')
    .action(async (id: string, o: { json?: boolean }) => {
      const check = await cli.call('dossier.check', { id });
      if (o.json) return cli.printJson(check);
      process.stdout.write(`${check.caseNumber} 卷宗${check.complete ? '齐全' : `不完整（缺少：${check.missing.join('、')}）`}\n`);
      for (const item of check.items) {
        const state =
          !item.required && !item.present
            ? '不需要'
            : [item.generated ? `已生成（${item.generatedAt?.slice(0, 10)}）` : '未生成', item.paperSigned ? '纸面已签署' : '']
                .filter(Boolean)
                .join('，');
        const mark = item.required ? (item.present ? '✓' : '✗') : ' ';
        process.stdout.write(`  ${mark} ${item.label}：${state}\n`);
      }
    });

  cases
    .command('paper-signed')
    .description(
      '标记卷宗中某份文书已在纸面签署（--undo 取消标记）。TEMPLATE：application、registration、notice、session-record、termination-notice、agreement、oral-agreement、follow-up-record、confirmation-application',
    )
    .argument('<ID>', '案件ID或案号')
    .argument('<TEMPLATE>', '文书')
    .option('--undo', '取消标记')
    .action(async (id: string, template: string, o: { undo?: boolean }) => {
      cli.printJson(await cli.call('dossier.mark', { id, template, signed: !o.undo }));
    });

  group(program, 'doc', '生成案件文书')
    .command('dossier')
    .description('打印整本卷宗：封面与卷内目录，然后是各份文书，合为一个PDF')
    .argument('<ID>', '案件ID或案号')
    .requiredOption('--out <FILE>', '输出的PDF文件')
    .option('--force', '输出文件已存在时覆盖')
    .action(async (id: string, o: { out: string; force?: boolean }) => {
      const result = await cli.call('dossier.pdf', { id, out: o.out, overwrite: o.force ?? false });
      for (const w of result.warnings) cli.say(`注意：${w}`);
      cli.say(`已写入 ${o.out}（${result.pages}页）`);
      cli.printJson({ path: o.out, pages: result.pages, contents: result.contents });
    });
};
