/**
 * The command line as a script or an acceptance check uses it: a real process, a real data
 * directory, JSON on stdout, Chinese messages on stderr, and the documented exit codes.
 */

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { IDS, sampleCaseInput, tempDataDir, TEST_SETTINGS } from '../support/desk';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  json(): any;
}

function cli(dataDir: string, args: string[], stdin?: string): Run {
  const result = spawnSync(tsx, [path.join(root, 'electron/cli/main.ts'), '--data', dataDir, ...args], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, MEDIATION_DESK_DATA: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) };
}

function jsonFile(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('command line', () => {
  let dataDir: string;
  let work: string;

  beforeAll(async () => {
    dataDir = await tempDataDir('mdesk-cli-');
    work = await tempDataDir('mdesk-cli-input-');
  });

  it('refuses case add before init, saying there is no register and how to make one (exit 4)', () => {
    const run = cli(dataDir, ['case', 'add', '--json', '-'], JSON.stringify(sampleCaseInput()));
    expect(run.status).toBe(4);
    expect(run.stderr).toContain('请先运行 init');
  });

  // eleven process starts: seconds each on a loaded build machine, so more than the default minute
  it('walks a case through the workflow', { timeout: 240_000 }, () => {
    const init = cli(dataDir, ['init', '--json', jsonFile(work, 'settings.json', TEST_SETTINGS)]);
    expect(init.status, init.stderr).toBe(0);
    expect(init.json()).toMatchObject({
      name: '东城街道人民调解委员会',
      role: 'station',
      numberPattern: '（{year}）{shortName}调字第{seq}号',
    });

    const input = sampleCaseInput({ receivedAt: undefined });
    const added = cli(dataDir, ['case', 'add', '--json', '-'], JSON.stringify(input));
    expect(added.status, added.stderr).toBe(0);
    const created = added.json();
    expect(created).toMatchObject({ status: 'registered', amountFen: 1230005, peopleInvolved: 2 });
    expect(created.number).toMatch(/^（\d{4}）东城调字第1号$/);
    expect(created.parties[1]).toMatchObject({ birthDate: '1985-03-15', gender: 'male' });

    const accepted = cli(dataDir, ['case', 'act', created.number, 'accept']);
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(accepted.json().status).toBe('accepted');

    const agree = jsonFile(work, 'agree.json', { form: 'written', terms: ['李四于月底前清除杂物。'], performanceMethod: '自行清除' });
    expect(cli(dataDir, ['case', 'act', created.id, 'agree', '--json', agree]).json().status).toBe('agreed');
    const signed = cli(dataDir, ['case', 'act', created.id, 'sign']).json();
    expect(signed.agreement.effectiveDate).toBeTruthy();
    expect(signed.revision).toBe(4);

    const list = cli(dataDir, ['case', 'list', '--q', '张三', '--json']).json();
    expect(list.total).toBe(1);
    expect(JSON.stringify(list)).not.toContain(IDS.zhangSan);
    const text = cli(dataDir, ['case', 'list', '--q', 'zs']);
    expect(text.stdout).toContain('110105********002X');
    expect(text.stdout).toContain('共1件');

    const shown = cli(dataDir, ['case', 'show', created.number]);
    expect(shown.stdout).toContain('状态：调解成功');
    expect(shown.stdout).toContain('apply-confirmation');

    const log = cli(dataDir, ['case', 'verify-log', created.id]);
    expect(log.status).toBe(0);
    expect(log.json()).toMatchObject({ ok: true, events: 4 });
  });

  it('exits 2 with the field named for invalid input, and writes nothing', () => {
    const before = cli(dataDir, ['case', 'list', '--json']).json().total;
    const bad = sampleCaseInput();
    (bad.parties as { idNumber?: string }[])[1].idNumber = '510702198503150018';
    const run = cli(dataDir, ['case', 'add', '--json', '-'], JSON.stringify(bad));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('当事人第2位·证件号码：居民身份证号码校验位不正确');
    expect(cli(dataDir, ['case', 'list', '--json']).json().total).toBe(before);

    const notJson = cli(dataDir, ['case', 'add', '--json', '-'], '{ not json');
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toContain('不是有效的JSON');
  });

  it('exits 3 for an unknown case and for an action the status does not allow', () => {
    expect(cli(dataDir, ['case', 'show', 'nope']).status).toBe(3);
    const first = cli(dataDir, ['case', 'list', '--json']).json().items[0];
    const refused = cli(dataDir, ['case', 'act', first.id, 'accept']);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain('不能受理');
  });

  it('exits 2 for an unknown action or command', () => {
    expect(cli(dataDir, ['case', 'act', 'x', 'dance']).status).toBe(2);
    expect(cli(dataDir, ['frobnicate']).status).toBe(2);
  });
});
