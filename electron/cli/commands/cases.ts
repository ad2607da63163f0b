/** `case add | list | show | act | edit | verify-log`. */

import type { Command } from 'commander';

import { describeEvent, eventLabel } from '../../core/cases/event-text';
import type { CaseSummary } from '../../core/cases/search';
import { DeskError } from '../../core/errors';
import { formatYuan } from '../../core/money';
import { type Case, CASE_ACTIONS } from '../../core/schema/case';
import { AGREEMENT_FORMS, CASE_SOURCES, CASE_STATUSES, DISPUTE_TYPES, GENDERS, ID_TYPES, PARTY_ROLES } from '../../core/schema/codes';
import { type CommandModule, reportUnreadable } from '../context';

function caseText(c: Case): string {
  const lines = [
    `案号：${c.number}`,
    `ID：${c.id}`,
    `状态：${CASE_STATUSES.label(c.status)}（第${c.revision}版）`,
    `登记日期：${c.receivedAt}    来源：${CASE_SOURCES.label(c.source)}    类型：${DISPUTE_TYPES.label(c.disputeType)}`,
    `案由：${c.summary}`,
    `涉及金额：¥${formatYuan(c.amountFen)}    涉及人数：${c.peopleInvolved}`,
    `人民调解员：${c.mediators.join('、') || '（未指定）'}`,
    '当事人：',
    ...c.parties.map((p) => {
      const who =
        p.kind === 'person'
          ? [p.name, p.gender && GENDERS.label(p.gender), p.birthDate, p.idNumber && `${ID_TYPES.label(p.idType)} ${p.idNumber}`]
          : [
              p.name,
              p.creditCode && `统一社会信用代码 ${p.creditCode}`,
              p.representative && `${p.representativeTitle || '法定代表人'} ${p.representative}`,
            ];
      return `  ${PARTY_ROLES.label(p.role)}：${[...who, p.phone].filter(Boolean).join('，')}`;
    }),
  ];
  if (c.facts) lines.push(`纠纷简要情况：${c.facts}`);
  if (c.claims) lines.push(`当事人请求：${c.claims}`);
  for (const s of c.sessions) lines.push(`调解记录 ${s.date}${s.place ? ` ${s.place}` : ''}：${s.content}`);
  if (c.agreement) {
    const a = c.agreement;
    lines.push(`调解协议（${AGREEMENT_FORMS.label(a.form)}，${a.date}${a.effectiveDate ? `，${a.effectiveDate}生效` : '，尚未签署'}）：`);
    a.terms.forEach((t, i) => lines.push(`  ${i + 1}. ${t}`));
  }
  if (c.outcome) lines.push(`办结：${c.outcome.date} ${c.outcome.reason}`);
  if (c.confirmation) {
    const r = c.confirmation.result;
    lines.push(
      `司法确认：${c.confirmation.appliedAt} 向${c.confirmation.court}申请${r ? `；${r.date} ${r.result === 'confirmed' ? '确认有效' : '驳回'}` : ''}`,
    );
  }
  const last = c.events[c.events.length - 1];
  const lastText = last ? [eventLabel(last.type), describeEvent(last, { case: c })].filter(Boolean).join('：') : '无';
  lines.push(`操作记录：${c.events.length}条（最近：${lastText}）`);
  return lines.join('\n');
}

function listText(total: number, items: CaseSummary[]): string {
  const rows = items.map((s) =>
    [
      s.number,
      s.receivedAt,
      s.statusLabel,
      s.disputeTypeLabel,
      s.unreadable ? '（无法显示）' : s.parties.map((p) => `${p.name}${p.idNumberMasked ? `(${p.idNumberMasked})` : ''}`).join('、'),
      s.summary,
      ...(s.stationName ? [`${s.stationName}（${s.station}）`] : []),
    ].join('\t'),
  );
  return [...rows, `共${total}件`].join('\n');
}

function requireAction(action: string): (typeof CASE_ACTIONS)[number] {
  if (!(CASE_ACTIONS as string[]).includes(action)) {
    throw new DeskError('VALIDATION', `不认识的操作“${action}”，可选：${CASE_ACTIONS.join('、')}`, { field: 'action' });
  }
  return action as (typeof CASE_ACTIONS)[number];
}

export const caseCommands: CommandModule = (program: Command, cli) => {
  const cases = program.command('case').description('案件登记与办理');

  cases
    .command('add')
    .description('登记新案件，输出新案件的JSON（含 id、number、status）')
    .requiredOption('--json <FILE>', '案件JSON文件，"-" 表示标准输入')
    .action(async (options: { json: string }) => {
      const input = await cli.readJson(options.json, '案件');
      cli.printJson(await cli.call('cases.add', input as never));
    });

  cases
    .command('edit')
    .description('更正案件基本信息和当事人信息（只需给出要改的字段；结案前均可；已达成协议的须加 "reason" 理由）')
    .argument('<ID>', '案件ID或案号')
    .requiredOption('--json <FILE>', '要修改的字段的JSON文件，"-" 表示标准输入')
    .action(async (id: string, options: { json: string }) => {
      const changes = await cli.readJson(options.json, '修改内容');
      cli.printJson(await cli.call('cases.edit', { id, changes } as never));
    });

  cases
    .command('list')
    .description('查询案件（--q 匹配案号、当事人姓名、证件号码、电话和案由）')
    .option('--status <S>', '状态（代码或中文）')
    .option('--type <T>', '纠纷类型（代码或中文）')
    .option('--q <TEXT>', '关键词')
    .option('--from <DATE>', '登记日期起（YYYY-MM-DD）')
    .option('--to <DATE>', '登记日期止（YYYY-MM-DD）')
    .option('--mediator <NAME>', '人民调解员')
    .option('--station <CODE>', '站点代码（中心）')
    .option('--mine', '我的案件：当前操作员担任人民调解员的案件')
    .option('--limit <N>', '最多显示的条数')
    .option('--json', '以JSON输出')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const query = {
        q: options.q as string | undefined,
        status: options.status as string | undefined,
        type: options.type as string | undefined,
        from: options.from as string | undefined,
        to: options.to as string | undefined,
        mediator: options.mediator as string | undefined,
        station: options.station as string | undefined,
        mine: options.mine === true ? true : undefined,
        limit: options.limit === undefined ? undefined : Number(options.limit),
      };
      const result = await cli.call('cases.list', query as never);
      if (options.json) cli.printJson(result);
      else process.stdout.write(`${listText(result.total, result.items)}\n`);
      reportUnreadable(cli, result.unreadable);
    });

  cases
    .command('show')
    .description('查看案件')
    .argument('<ID>', '案件ID或案号')
    .option('--json', '以JSON输出')
    .action(async (id: string, options: { json?: boolean }) => {
      const { case: found, actions } = await cli.call('cases.get', { id });
      if (options.json) return cli.printJson(found);
      const allowed = actions.filter((a) => a.allowed).map((a) => `${a.action}（${a.label}）`);
      process.stdout.write(`${caseText(found)}\n可执行的操作：${allowed.join('、') || '无'}\n`);
    });

  cases
    .command('act')
    .description(`执行流程操作，输出更新后的案件JSON。ACTION：${CASE_ACTIONS.join(' | ')}`)
    .argument('<ID>', '案件ID或案号')
    .argument('<ACTION>', '操作')
    .option('--json <FILE>', '操作内容的JSON文件（理由、协议条款、日期……），"-" 表示标准输入')
    .action(async (id: string, action: string, options: { json?: string }) => {
      const details = await cli.readJson(options.json, '操作内容');
      cli.printJson(await cli.call('cases.act', { id, action: requireAction(action), details }));
    });

  cases
    .command('verify-log')
    .description('校验案件操作记录的哈希链（发现被修改或删除的记录）')
    .argument('<ID>', '案件ID或案号')
    .action(async (id: string) => {
      const verdict = await cli.call('cases.verifyLog', { id });
      cli.printJson(verdict);
      if (!verdict.ok) {
        cli.say(`操作记录校验失败：${verdict.problem}`);
        process.exitCode = 1;
      } else cli.say(`操作记录完整（${verdict.events}条）。`);
    });
};
