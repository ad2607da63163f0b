/**
 * The front desk's whole path through the command line, as a real process on a real data directory:
 * a quick consultation; a routed legal-aid request with its 转办单 (PDF and DOCX), feedback, the visitor
 * told, a 不满意 follow-up and its call-back; a request made into a mediation case; lists, the table
 * (text, JSON, XLSX); bad input with the documented exit codes.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { localDate } from '../../electron/core/dates';
import { runCli } from '../support/cli';
import { IDS, tempDataDir, TEST_SETTINGS } from '../support/desk';

/** Tests that start the CLI many times: each start compiles TypeScript, slow on a loaded machine. */
const SLOW = 240_000;

/** The command line as a script runs it, signed in as the office's administrator (test/support/cli.ts). */
const cli = runCli;

describe('request commands', () => {
  let data: string;
  let work: string;
  const today = localDate(new Date());
  const year = today.slice(0, 4);
  const number = (n: number) => `510702-001-${year}-${String(n).padStart(6, '0')}`;

  beforeAll(async () => {
    data = await tempDataDir('mdesk-requests-cli-');
    work = await tempDataDir('mdesk-requests-out-');
    expect(cli(data, ['init', '--json', '-'], JSON.stringify(TEST_SETTINGS)).status).toBe(0);
  });

  it('records a quick consultation in one command', () => {
    const run = cli(
      data,
      ['request', 'add', '--json', '-'],
      JSON.stringify({
        channel: '电话',
        visitor: { name: '张三', phone: '13800138000' },
        matter: '咨询赡养费',
        answer: '告知可协商或起诉',
        close: true,
      }),
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ number: number(1), state: 'closed', channel: 'phone', handling: 'on-the-spot' });
  });

  it(
    'routes a legal-aid request with its 转办单, takes the feedback, tells the visitor, follows up and calls back',
    () => {
      const added = cli(
        data,
        ['request', 'add', '--json', '-'],
        JSON.stringify({
          businessType: '法律援助',
          handling: '转办',
          visitor: { name: '李四', idNumber: IDS.liSi, phone: '0818-2345678' },
          matter: '被拖欠工资三个月，申请法律援助',
          category: '劳动争议',
        }),
      );
      expect(added.status, added.stderr).toBe(0);
      expect(added.json()).toMatchObject({ number: number(2), state: 'registered', routeDue: expect.any(String) });

      const routed = cli(data, ['request', 'act', number(2), 'route', '--json', '-'], JSON.stringify({ office: '法律援助中心' }));
      expect(routed.status, routed.stderr).toBe(0);
      expect(routed.json()).toMatchObject({
        state: 'routed',
        routing: { office: '法律援助中心', date: today, feedbackDue: expect.any(String) },
        deadlines: [expect.objectContaining({ kind: 'route', met: today }), expect.objectContaining({ kind: 'feedback', label: '待反馈' })],
      });

      const pdf = path.join(work, '转办单.pdf');
      const docx = path.join(work, '转办单.docx');
      expect(cli(data, ['request', 'slip', number(2), '--out', pdf]).status).toBe(0);
      expect(cli(data, ['request', 'slip', number(2), '--out', docx]).status).toBe(0);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('公共法律服务转办单');
      expect(text).toContain('法律援助中心');
      expect(text).toContain(`编号：${number(2)}`);
      const [y, m, d] = today.split('-').map(Number);
      expect(text).toContain(`${y}年${m}月${d}日`); // the routing date, from the record
      expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');

      expect(cli(data, ['request', 'act', number(2), 'feedback', '--json', '-'], JSON.stringify({ result: '已指派律师承办' })).status).toBe(
        0,
      );
      expect(cli(data, ['request', 'act', number(2), 'notify', '--json', '-'], JSON.stringify({ method: '电话' })).status).toBe(0);
      const unhappy = cli(
        data,
        ['request', 'act', number(2), 'follow-up', '--json', '-'],
        JSON.stringify({ satisfaction: '不满意', notes: '嫌慢' }),
      );
      expect(unhappy.status, unhappy.stderr).toBe(0);
      expect(unhappy.json().followUps[0].callback.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const callbacks = cli(data, ['request', 'list', '--callbacks', '--json']);
      expect(callbacks.json().items.map((i: { number: string }) => i.number)).toEqual([number(2)]);
      const refused = cli(data, ['request', 'act', number(2), 'close']);
      expect(refused.status).toBe(3);
      expect(refused.stderr).toContain('回访不满意尚未处理');
      expect(cli(data, ['request', 'act', number(2), 'call-back', '--json', '-'], JSON.stringify({ notes: '已电话解释' })).status).toBe(0);
      expect(cli(data, ['request', 'act', number(2), 'close']).json().state).toBe('closed');

      const show = cli(data, ['request', 'show', number(2)]);
      expect(show.stdout).toContain('来访人：李四，居民身份证 510702198503150017');
      expect(show.stdout).toContain('回访：');
      expect(cli(data, ['request', 'verify-log', number(2)]).status).toBe(0);
    },
    SLOW,
  );

  it('makes a mediation case from a request and prints the case id', () => {
    const added = cli(
      data,
      ['request', 'add', '--json', '-'],
      JSON.stringify({
        businessType: '人民调解',
        handling: '转人民调解',
        visitor: { name: '王五', idNumber: IDS.wangWu },
        matter: '邻居排水沟纠纷',
      }),
    );
    expect(added.status, added.stderr).toBe(0);
    const made = cli(
      data,
      ['request', 'act', number(3), 'to-mediation', '--json', '-'],
      JSON.stringify({ respondents: [{ name: '赵六' }], disputeType: '邻里' }),
    );
    expect(made.status, made.stderr).toBe(0);
    const result = made.json();
    expect(result).toMatchObject({ state: 'in-progress', case: { number: expect.stringContaining('东城调字第1号') } });
    const shown = cli(data, ['case', 'show', result.case.id, '--json']);
    expect(shown.json()).toMatchObject({ request: { number: number(3) }, source: 'application' });
  });

  it(
    'lists, filters and prints the table (text, JSON, XLSX)',
    () => {
      const list = cli(data, ['request', 'list']);
      expect(list.status).toBe(0);
      expect(list.stdout).toContain('510702********0017'); // ID numbers masked in lists
      expect(list.stdout).not.toContain(IDS.liSi);
      expect(list.stdout.trim().split('\n').at(-1)).toBe('共3件');
      expect(cli(data, ['request', 'list', '--type', '法律援助', '--json']).json().total).toBe(1);
      expect(cli(data, ['request', 'list', '--state', '已办结', '--q', '13800138000', '--json']).json().total).toBe(1);
      const table = cli(data, ['request', 'stats', '--year', year]);
      expect(table.stdout).toContain('统一受理工作统计表');
      const json = cli(data, ['request', 'stats', '--year', year, '--by', 'handling', '--json']).json();
      expect(json.total).toMatchObject({ received: 3, routed: 1, toMediation: 1, closed: 2, followedUp: 1, dissatisfied: 1 });
      const xlsx = path.join(work, 'table.xlsx');
      expect(cli(data, ['request', 'stats', '--year', year, '--format', 'xlsx', '--out', xlsx]).status).toBe(0);
      expect(existsSync(xlsx)).toBe(true);
    },
    SLOW,
  );

  it(
    'refuses bad input with the documented exit codes and writes nothing',
    () => {
      const before = cli(data, ['request', 'list', '--json']).json().total;
      const bad = cli(
        data,
        ['request', 'add', '--json', '-'],
        JSON.stringify({ visitor: { name: '钱七', idNumber: '123' }, matter: '咨询', answer: '答' }),
      );
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('来访人·证件号码');
      expect(cli(data, ['request', 'add', '--json', '-'], '{not json').status).toBe(2);
      expect(cli(data, ['request', 'act', number(1), 'fly']).status).toBe(2);
      expect(cli(data, ['request', 'show', 'no-such-request']).status).toBe(3);
      expect(cli(data, ['request', 'stats', '--year', year, '--by', 'mood']).status).toBe(2);
      expect(cli(data, ['request', 'slip', number(1), '--out', path.join(work, 'x.pdf')]).stderr).toContain(
        '只有已转办的来访登记可以打印转办单',
      );
      expect(cli(data, ['request', 'list', '--json']).json().total).toBe(before);
    },
    SLOW,
  );
});
