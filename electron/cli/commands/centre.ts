/**
 * The centre's supervision on the command line:
 *   centre overview [--json]
 *   centre return ID --reason TEXT | --json FILE
 *   centre returns [--open] [--json]
 *   receipt issue --station CODE --out FILE
 *   returned (at a station: cases the centre returned, awaiting a corrected batch)
 * Attached to the `centre` and `receipt` groups of ./batches.ts, so registered after it.
 */

import { DeskError } from '../../core/errors';
import { type CommandModule, group } from '../context';

const STATUS = { reported: '已上报', zero: '零上报', none: '未上报' } as const;

export const centreCommands: CommandModule = (program, cli) => {
  const centre = group(program, 'centre', '中心：站点公钥、概览、退回补正');

  centre
    .command('overview')
    .description('各站点概况：最近一次批次、本月与本年收到的批次和案件、多少天未上报、本月上报状态、待补正的退回')
    .option('--json', '以JSON输出')
    .action(async (o: { json?: boolean }) => {
      const view = await cli.call('centre.overview', {});
      if (o.json) return cli.printJson(view);
      process.stdout.write(
        `${view.today}：${view.totals.stations}个站点，本月已上报${view.totals.reported}、零上报${view.totals.zero}、未上报${view.totals.none}；超过${view.silentDays}天未上报${view.totals.silent}个；待补正的退回${view.totals.openReturns}件\n`,
      );
      for (const s of view.stations) {
        const last = s.lastBatch
          ? `最近批次 ${s.lastBatch.createdAt.slice(0, 10)}${s.lastBatch.sequence ? ` 第${s.lastBatch.sequence}批` : ''}`
          : '尚无批次';
        process.stdout.write(
          [
            `${s.silent ? '【未上报】' : ''}${s.name}（${s.code}）`,
            last,
            s.daysSilent === null ? '' : `${s.daysSilent}天前`,
            `本月 ${s.month.batches}批/${s.month.cases}件`,
            `本年 ${s.year.batches}批/${s.year.cases}件`,
            STATUS[s.monthStatus],
            s.openReturns ? `待补正${s.openReturns}件` : '',
          ]
            .filter(Boolean)
            .join('\t') + '\n',
        );
      }
    });

  centre
    .command('return')
    .description('退回补正：把导入的案件退回站点，附中心的理由（下一份发给该站点的回执带上它）')
    .argument('<ID>', '案件ID或案号')
    .option('--reason <TEXT>', '退回的理由')
    .option('--json <FILE>', '{"reason": "…"} 的JSON文件，"-" 表示标准输入')
    .action(async (id: string, o: { reason?: string; json?: string }) => {
      const given = o.json ? ((await cli.readJson(o.json, '退回理由')) as { reason?: unknown }) : {};
      const reason = o.reason ?? (typeof given.reason === 'string' ? given.reason : undefined);
      if (!reason)
        throw new DeskError('VALIDATION', '理由：请用 --reason 或 --json {"reason": "…"} 填写退回补正的理由', { field: 'reason' });
      const entry = await cli.call('centre.return', { id, reason });
      cli.printJson(entry);
      cli.say(`已退回补正：${entry.number}（${entry.stationName}）。请用 receipt issue --station ${entry.stationCode} 签发回执交站点。`);
    });

  centre
    .command('returns')
    .description('退回补正的记录')
    .option('--open', '只列待站点补正的')
    .option('--json', '以JSON输出')
    .action(async (o: { open?: boolean; json?: boolean }) => {
      const list = await cli.call('centre.returns', o.open ? { status: 'open' } : {});
      if (o.json) return cli.printJson(list);
      if (!list.length) return cli.say('没有退回补正的案件。');
      for (const r of list) {
        process.stdout.write(`${r.number}\t${r.stationName}（${r.stationCode}）\t${r.at.slice(0, 10)}\t${r.statusLabel}\t${r.reason}\n`);
      }
    });

  group(program, 'receipt', '中心回执')
    .command('issue')
    .description('中心签发回执给站点：该站点的全部案件，退回补正的附理由，其余为已接收；该站点上报的来访登记为已接收')
    .requiredOption('--station <CODE>', '站点代码')
    .requiredOption('--out <FILE>', '回执保存位置（.json）')
    .option('--force', '覆盖已存在的回执文件')
    .action(async (o: { station: string; out: string; force?: boolean }) => {
      const issued = await cli.call('centre.issueReceipt', { station: o.station, out: o.out, overwrite: o.force ?? false });
      cli.printJson(issued);
      cli.say(
        `已签发回执 ${issued.file}：${issued.cases}件（退回补正${issued.returned}件）${issued.requests ? `，来访登记${issued.requests}条` : ''}，请交站点应用（receipt apply）。`,
      );
    });

  program
    .command('returned')
    .description('站点：中心退回补正、补正后尚未上报的案件（附中心的理由）')
    .option('--json', '以JSON输出')
    .action(async (o: { json?: boolean }) => {
      const list = await cli.call('batches.returned', {});
      if (o.json) return cli.printJson(list);
      if (!list.total) return cli.say('没有待补正的退回案件。');
      for (const c of list.items) process.stdout.write(`${c.number}\t退回于${c.returnedAt.slice(0, 10)}\t${c.reason}\n`);
    });
};
