/** `request add | list | show | act | edit | slip | stats | verify-log`: the front desk (统一受理). */

import path from 'node:path';

import type { Command } from 'commander';

import { DeskError } from '../../core/errors';
import type { RequestSummary } from '../../core/requests/search';
import { REQUEST_STATS_BY } from '../../core/requests/stats';
import {
  BUSINESS_TYPES,
  ID_TYPES,
  NOTIFY_METHODS,
  REQUEST_CHANNELS,
  REQUEST_HANDLINGS,
  REQUEST_STATES,
  SATISFACTION,
} from '../../core/schema/codes';
import { type Request, REQUEST_ACTIONS, type RequestAction } from '../../core/schema/request';
import type { CommandModule } from '../context';

function requestText(r: Request, deadlines: { label: string; due: string; met?: string }[]): string {
  const v = r.visitor;
  const id = v.idDeclined ? '拒绝提供证件号码' : v.idNumber ? `${ID_TYPES.label(v.idType ?? 'resident-id')} ${v.idNumber}` : '';
  const lines = [
    `登记编号：${r.number}`,
    `ID：${r.id}`,
    `状态：${REQUEST_STATES.label(r.state)}（第${r.revision}版）`,
    `登记时间：${r.receivedAt.replace('T', ' ')}    渠道：${REQUEST_CHANNELS.label(r.channel)}    业务类型：${BUSINESS_TYPES.label(r.businessType)}`,
    `来访人：${[v.name, id, v.phone, v.address, v.groupSize > 1 ? `共${v.groupSize}人` : ''].filter(Boolean).join('，')}`,
    `来访事项：${r.matter}`,
    `首问负责人：${r.firstResponder}    处理方式：${REQUEST_HANDLINGS.label(r.handling)}`,
  ];
  if (r.answer) lines.push(`答复（${r.answer.date}，${r.answer.by}）：${r.answer.text}`);
  if (r.routing) {
    const g = r.routing;
    lines.push(
      `转办：${g.date} 转${g.office}，应于${g.extendedTo ?? g.feedbackDue}前反馈${g.extendedTo ? `（已延期：${g.extendReason}）` : ''}`,
    );
  }
  if (r.mediationCase) lines.push(`转人民调解：${r.mediationCase.date}，案号 ${r.mediationCase.number}（案件ID ${r.mediationCase.id}）`);
  if (r.feedback) lines.push(`办理结果（${r.feedback.date}，${r.feedback.by}）：${r.feedback.result}`);
  if (r.notified) lines.push(`已告知来访人：${r.notified.date} ${NOTIFY_METHODS.label(r.notified.method)}`);
  for (const f of r.followUps) {
    const cb = f.callback ? (f.callback.date ? `；${f.callback.date}已回复：${f.callback.notes}` : `；应于${f.callback.due}前回复`) : '';
    lines.push(`回访：${f.date} ${SATISFACTION.label(f.satisfaction)}${f.notes ? `（${f.notes}）` : ''}${cb}`);
  }
  for (const d of deadlines) lines.push(`时限：${d.label} ${d.due}${d.met ? `（${d.met}完成${d.met > d.due ? '，逾期' : ''}）` : ''}`);
  if (r.closedAt) lines.push(`办结日期：${r.closedAt}`);
  return lines.join('\n');
}

function listText(total: number, items: RequestSummary[]): string {
  const rows = items.map((s) =>
    [
      s.number,
      s.receivedAt.replace('T', ' '),
      s.stateLabel,
      s.businessTypeLabel,
      s.handlingLabel,
      `${s.visitor.name}${s.visitor.idNumberMasked ? `(${s.visitor.idNumberMasked})` : ''}`,
      s.due ? `${s.due.date}前` : '',
      s.matter,
    ].join('\t'),
  );
  return [...rows, `共${total}件`].join('\n');
}

function requireAction(action: string): RequestAction {
  if (!(REQUEST_ACTIONS as string[]).includes(action)) {
    throw new DeskError('VALIDATION', `不认识的操作“${action}”，可选：${REQUEST_ACTIONS.join('、')}`, { field: 'action' });
  }
  return action as RequestAction;
}

export const requestCommands: CommandModule = (program: Command, cli) => {
  const request = program
    .command('request')
    .description('统一受理：来访登记、转办、反馈、回访（前台统一受理、后台分别办理、结果及时反馈）');

  request
    .command('add')
    .description('来访登记，输出登记的JSON（含 id、number、state 和办理时限）')
    .requiredOption('--json <FILE>', '登记JSON文件，"-" 表示标准输入')
    .action(async (options: { json: string }) => {
      const input = await cli.readJson(options.json, '来访登记');
      cli.printJson(await cli.call('requests.add', input as never));
    });

  request
    .command('edit')
    .description('修改登记信息（来访人、事项、渠道、业务类型、纠纷类型、登记时间）')
    .argument('<ID>', '登记ID或登记编号')
    .requiredOption('--json <FILE>', '要修改的字段的JSON文件，"-" 表示标准输入')
    .action(async (id: string, options: { json: string }) => {
      const changes = await cli.readJson(options.json, '修改内容');
      cli.printJson(await cli.call('requests.edit', { id, changes } as never));
    });

  request
    .command('list')
    .description('查询来访登记（--q 匹配登记编号、来访人姓名、电话、证件号码、事项、承办单位）')
    .option('--type <T>', '业务类型（代码或中文，如 法律援助）')
    .option('--state <S>', '状态（代码或中文，如 已转办）')
    .option('--channel <C>', '来访渠道')
    .option('--handling <H>', '处理方式')
    .option('--from <DATE>', '登记日期起（YYYY-MM-DD）')
    .option('--to <DATE>', '登记日期止（YYYY-MM-DD）')
    .option('--q <TEXT>', '关键词')
    .option('--due', '只列出待转办、待答复、待反馈的，最急的在前')
    .option('--callbacks', '只列出回访不满意、尚待回复的')
    .option('--station <CODE>', '站点代码（中心）')
    .option('--limit <N>', '最多显示的条数')
    .option('--json', '以JSON输出')
    .action(async (o: Record<string, string | boolean | undefined>) => {
      const query = {
        q: o.q as string | undefined,
        type: o.type as string | undefined,
        state: o.state as string | undefined,
        channel: o.channel as string | undefined,
        handling: o.handling as string | undefined,
        from: o.from as string | undefined,
        to: o.to as string | undefined,
        station: o.station as string | undefined,
        due: o.due ? true : undefined,
        callbacks: o.callbacks ? true : undefined,
        limit: o.limit === undefined ? undefined : Number(o.limit),
      };
      const result = await cli.call('requests.list', query as never);
      if (o.json) cli.printJson(result);
      else process.stdout.write(`${listText(result.total, result.items)}\n`);
    });

  request
    .command('show')
    .description('查看来访登记')
    .argument('<ID>', '登记ID或登记编号')
    .option('--json', '以JSON输出')
    .action(async (id: string, o: { json?: boolean }) => {
      const { request: found, actions, deadlines } = await cli.call('requests.get', { id });
      if (o.json) return cli.printJson(found);
      const allowed = actions.filter((a) => a.allowed).map((a) => `${a.action}（${a.label}）`);
      process.stdout.write(`${requestText(found, deadlines)}\n可办理的操作：${allowed.join('、') || '无'}\n`);
    });

  request
    .command('act')
    .description(
      `办理，输出更新后的登记JSON（含办理时限；to-mediation 另含新案件的 case.id）。ACTION：${REQUEST_ACTIONS.join(' | ')}；内容如 answer {"date","answer"}、route {"date","office"}、feedback {"date","result"}、notify {"date","method"}、follow-up {"date","satisfaction","notes"}、to-mediation {"respondents":[…],"disputeType"}`,
    )
    .argument('<ID>', '登记ID或登记编号')
    .argument('<ACTION>', '操作')
    .option('--json <FILE>', '操作内容的JSON文件，"-" 表示标准输入')
    .action(async (id: string, action: string, o: { json?: string }) => {
      const details = await cli.readJson(o.json, '操作内容');
      const result = await cli.call('requests.act', { id, action: requireAction(action), details });
      cli.printJson({ ...result.request, deadlines: result.deadlines, ...(result.case ? { case: result.case } : {}) });
    });

  request
    .command('slip')
    .description('打印转办单（PDF或DOCX，按 --out 的扩展名）')
    .argument('<ID>', '登记ID或登记编号')
    .requiredOption('--out <FILE>', '输出文件')
    .option('--format <F>', 'pdf 或 docx')
    .option('--force', '输出文件已存在时覆盖')
    .action(async (id: string, o: { out: string; format?: string; force?: boolean }) => {
      const format = (o.format ?? (path.extname(o.out).toLowerCase() === '.docx' ? 'docx' : 'pdf')).toLowerCase();
      if (format !== 'pdf' && format !== 'docx')
        throw new DeskError('VALIDATION', `格式“${o.format}”无效，应为 pdf 或 docx`, { field: 'format' });
      const result = await cli.call('requests.slip', { id, format, out: o.out, overwrite: o.force ?? false });
      for (const w of result.warnings) cli.say(`警告：${w}`);
      cli.say(`已生成 ${result.title}：${path.resolve(o.out)}`);
    });

  request
    .command('stats')
    .description('统一受理工作统计表：登记、来访人次、处理方式、转办、按期与逾期、办结、回访满意度（口径见 docs/front-desk.md）')
    .option('--from <DATE>', '起始日期（YYYY-MM-DD，含）')
    .option('--to <DATE>', '截止日期（YYYY-MM-DD，含）')
    .option('--month <YYYY-MM>', '某月，如 2026-11')
    .option('--quarter <YYYYQn>', '某季度，如 2026Q4')
    .option('--year <YYYY>', '某年，如 2026')
    .option('--by <BY>', '分组：type（业务类型）| channel（来访渠道）| handling（处理方式）| station（站点）', 'type')
    .option('--json', '以JSON输出')
    .option('--format <F>', '输出：table | json | csv | xlsx', 'table')
    .option('--out <FILE>', '写入文件（xlsx 必须指定）')
    .option('--force', '输出文件已存在时覆盖')
    .action(
      async (o: {
        from?: string;
        to?: string;
        month?: string;
        quarter?: string;
        year?: string;
        by: string;
        json?: boolean;
        format: string;
        out?: string;
        force?: boolean;
      }) => {
        if (!(REQUEST_STATS_BY as readonly string[]).includes(o.by))
          throw new DeskError('VALIDATION', `--by 应为：${REQUEST_STATS_BY.join('、')}`, { field: 'by' });
        const format = o.json ? 'json' : o.format;
        if (!['table', 'json', 'csv', 'xlsx'].includes(format))
          throw new DeskError('VALIDATION', '--format 应为：table、json、csv、xlsx', { field: 'format' });
        const period = { from: o.from, to: o.to, month: o.month, quarter: o.quarter, year: o.year };
        const by = o.by as (typeof REQUEST_STATS_BY)[number];
        if (format === 'json' && !o.out) return cli.printJson(await cli.call('requests.stats', { ...period, by }));
        if (format === 'xlsx' && !o.out) throw new DeskError('VALIDATION', 'XLSX 格式请用 --out 指定输出文件', { field: 'out' });
        const result = await cli.call('requests.statsExport', {
          ...period,
          by,
          format: format as 'table' | 'csv' | 'xlsx' | 'json',
          out: o.out,
          overwrite: o.force ?? false,
        });
        if ('base64' in result && result.base64 !== undefined) process.stdout.write(Buffer.from(result.base64, 'base64'));
        else cli.say(`已写入 ${o.out}（${result.bytes}字节）`);
      },
    );

  request
    .command('verify-log')
    .description('校验来访登记办理记录的哈希链（发现被修改或删除的记录）')
    .argument('<ID>', '登记ID或登记编号')
    .action(async (id: string) => {
      const verdict = await cli.call('requests.verifyLog', { id });
      cli.printJson(verdict);
      if (!verdict.ok) {
        cli.say(`办理记录校验失败：${verdict.problem}`);
        process.exitCode = 1;
      } else cli.say(`办理记录完整（${verdict.events}条）。`);
    });
};
