/**
 * The command line as a script or an acceptance check uses it: a real process, a real data
 * directory, JSON on stdout, Chinese messages on stderr, and the documented exit codes.
 */

import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { runCli as cli } from '../support/cli';
import { IDS, sampleCaseInput, tempDataDir, TEST_PASSWORD, TEST_SETTINGS } from '../support/desk';

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

describe('command line: signing in and roles (exit 6)', () => {
  it('refuses a wrong password, a missing operator and a role that may not, naming what is needed', { timeout: 300_000 }, async () => {
    const dataDir = await tempDataDir('mdesk-cli-roles-');
    const work = await tempDataDir('mdesk-cli-roles-input-');
    const init = cli(dataDir, ['init', '--json', jsonFile(work, 'settings.json', TEST_SETTINGS)]);
    expect(init.status, init.stderr).toBe(0);
    // the recovery code is printed once, on stderr (stdout stays the settings' JSON for scripts)
    expect(init.stderr).toMatch(/恢复码（只显示这一次）：\d{4}(-\d{4}){7}/);

    const added = cli(dataDir, ['operator', 'add', '李受理', '--role', '受理员'], undefined, {
      MEDIATION_DESK_NEW_PASSWORD: 'li-shouli-2026',
    });
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).not.toContain('li-shouli-2026');

    const asClerk = { MEDIATION_DESK_OPERATOR: '李受理', MEDIATION_DESK_PASSWORD: 'li-shouli-2026' };
    const refused = cli(dataDir, ['init', '--json', jsonFile(work, 'court.json', { court: '别的法院' })], undefined, asClerk);
    expect(refused.status).toBe(6);
    expect(refused.stderr).toContain('需要管理员权限；当前操作员“李受理”是受理员');
    const registered = cli(dataDir, ['case', 'add', '--json', '-'], JSON.stringify(sampleCaseInput()), asClerk);
    expect(registered.status, registered.stderr).toBe(0);
    expect(registered.json().events[0].operator).toBe('李受理');

    const wrong = cli(dataDir, ['case', 'list', '--json'], undefined, { MEDIATION_DESK_PASSWORD: 'not-the-password' });
    expect(wrong.status).toBe(6);
    expect(wrong.stderr).toContain('密码不正确');
    const nobody = cli(dataDir, ['case', 'list', '--json'], undefined, { MEDIATION_DESK_OPERATOR: '' });
    expect(nobody.status).toBe(6);
    expect(nobody.stderr).toContain('--operator');
    // a password is never an argument
    expect(cli(dataDir, ['--operator', '王调解', '--password', TEST_PASSWORD, 'case', 'list']).status).toBe(2);
  });
});
