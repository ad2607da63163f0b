/**
 * Operators through the handler table (the tests' door): signing in, the lockout, the idle lock, roles,
 * who the log names, the recovery code, and the centre's escrow round trip between two offices.
 */

import { cpSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { Desk } from '../../electron/core/desk';
import type { DeskError } from '../../electron/core/errors';
import { diskDesk, fixedClock, sampleCaseInput, tempDataDir, TEST_PASSWORD, TEST_SETTINGS } from '../support/desk';
import { setupOffices } from './batches-support';

const open: Desk[] = [];
afterAll(async () => {
  for (const desk of open) await desk.close().catch(() => undefined);
});

async function office(options: Parameters<typeof diskDesk>[0] = {}): Promise<Desk> {
  const desk = await diskDesk(options);
  open.push(desk);
  return desk;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: DeskError) => error,
  );

/** A second operator of the office: added by the administrator, with a password of his own set. */
async function addOperator(desk: Desk, name: string, role: 'mediator' | 'clerk' | 'centre' | 'admin', password: string) {
  await call(desk, 'operators.add', { name, role, password: 'chushi-mima-1' });
  const admin = desk.session.operator()!;
  await call(desk, 'session.signIn', { name, password: 'chushi-mima-1' });
  await call(desk, 'operators.changePassword', { password: 'chushi-mima-1', newPassword: password });
  await call(desk, 'session.signOut', {});
  await call(desk, 'session.signIn', { name: admin.name, password: TEST_PASSWORD });
}

describe('signing in', () => {
  it('opens nothing before sign-in; a wrong password is refused and counted; five lock the account for five minutes', async () => {
    const clock = fixedClock('2026-11-23');
    const dataDir = await tempDataDir('mdesk-ops-');
    const first = await office({ dataDir, clock });
    await call(first, 'cases.add', sampleCaseInput());
    await first.close();

    const desk = await Desk.open({ dataDir, clock, dailyBackup: false });
    open.push(desk);
    expect(desk.store.loaded).toBe(false);
    expect(await call(desk, 'session.status', {})).toMatchObject({
      state: 'signed-out',
      setUp: 'ready',
      office: TEST_SETTINGS.name,
      operators: [{ name: '王调解', role: 'admin' }],
      encrypted: true,
    });
    expect((await refusal(call(desk, 'cases.list', {}))).code).toBe('NOT_SIGNED_IN');
    expect((await refusal(call(desk, 'session.signIn', { name: '无此人', password: 'x' }))).message).toBe('没有名为“无此人”的操作员');

    for (let i = 1; i <= 4; i++) {
      const error = await refusal(call(desk, 'session.signIn', { name: '王调解', password: `wrong-${i}` }));
      expect(error).toMatchObject({ code: 'SIGN_IN_FAILED', field: 'password' });
      expect(error.message).toContain(`再输错${5 - i}次`);
    }
    expect((await refusal(call(desk, 'session.signIn', { name: '王调解', password: 'wrong-5' }))).message).toContain('锁定5分钟');
    // locked: even the right password waits
    expect((await refusal(call(desk, 'session.signIn', { name: '王调解', password: TEST_PASSWORD }))).message).toContain('已锁定到');
    expect(desk.store.loaded).toBe(false);
    clock.set('2026-11-24');
    const operator = await call(desk, 'session.signIn', { name: '王调解', password: TEST_PASSWORD });
    expect(operator).toMatchObject({ name: '王调解', role: 'admin' });
    expect(desk.store.loaded).toBe(true);
    expect((await call(desk, 'cases.list', {})).total).toBe(1);
    // a success clears the count
    expect(desk.store.keyring<{ lockouts: object }>()!.lockouts).toEqual({});
  });

  it('locks after the idle time (a steady clock, not the business date), and when asked; unlocking needs the password', async () => {
    let now = 0;
    const dataDir = await tempDataDir('mdesk-ops-idle-');
    const setUp = await office({ dataDir });
    await call(setUp, 'settings.update', { idleLockMinutes: 3 });
    await setUp.close();
    const desk = await Desk.open({ dataDir, clock: fixedClock(), dailyBackup: false, steadyClock: () => now });
    open.push(desk);
    await call(desk, 'session.signIn', { name: '王调解', password: TEST_PASSWORD });
    now += 2 * 60_000;
    await call(desk, 'session.touch', {});
    now += 2 * 60_000; // 2 minutes since the touch: still open
    expect((await call(desk, 'cases.list', {})).total).toBe(0);
    now += 3 * 60_000 + 1;
    const error = await refusal(call(desk, 'cases.list', {}));
    expect(error).toMatchObject({ code: 'NOT_SIGNED_IN', message: '工作台已锁定，请输入密码解锁' });
    expect(await call(desk, 'session.status', {})).toMatchObject({ state: 'locked', operator: { name: '王调解' } });
    await call(desk, 'session.signIn', { name: '王调解', password: TEST_PASSWORD });
    await call(desk, 'session.lock', {});
    expect((await refusal(call(desk, 'settings.get', {}))).code).toBe('NOT_SIGNED_IN');
    await call(desk, 'session.signIn', { name: '王调解', password: TEST_PASSWORD });
    expect((await call(desk, 'settings.get', {}))?.idleLockMinutes).toBe(3);
  });
});

describe('roles', () => {
  it('refuses what a role may not do, naming the role needed; the log names the operator of each call', async () => {
    const desk = await office();
    await addOperator(desk, '李受理', 'clerk', 'li-shouli-2026');
    await addOperator(desk, '张调解', 'mediator', 'zhang-tiaojie-2026');
    const as = async (name: string, password: string) => {
      await call(desk, 'session.signOut', {});
      await call(desk, 'session.signIn', { name, password });
    };

    await as('李受理', 'li-shouli-2026');
    const added = await call(desk, 'cases.add', sampleCaseInput());
    await call(desk, 'cases.act', { id: added.id, action: 'accept', details: {} });
    const refused = await refusal(call(desk, 'cases.act', { id: added.id, action: 'record-session', details: { content: '双方到场。' } }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.message).toBe('“记录调解”需要管理员或调解员或中心工作人员权限；当前操作员“李受理”是受理员');
    for (const [name, input] of [
      ['settings.update', { court: '别的法院' }],
      ['operators.list', {}],
      ['backups.restore', { name: 'x' }],
      ['templates.save', { name: 'agreement', source: '# 标题' }],
      ['encryption.disable', { password: 'x' }],
      ['batches.import', { file: 'x.zip' }],
      ['backups.export', { out: 'x.zip' }],
      ['backups.import', { file: 'x.zip' }],
      ['centre.overview', {}],
      ['centre.return', { id: added.id, reason: '身份证号码有误' }],
      ['centre.issueReceipt', { station: '510702-001', out: 'r.json' }],
      // registering a key carried in a batch is the administrator's, like registering it from a file
      ['centre.trustFromBatch', { file: 'x.zip', fingerprint: 'AB12' }],
    ] as const) {
      const error = await refusal(call(desk, name, input as never));
      expect(error.code, name).toBe('FORBIDDEN');
      expect(error.message, name).toMatch(/需要(管理员|管理员或中心工作人员)权限；当前操作员“李受理”是受理员$/);
    }
    // display preferences are anyone's
    expect((await call(desk, 'settings.update', { largeText: true })).largeText).toBe(true);

    await as('张调解', 'zhang-tiaojie-2026');
    await call(desk, 'cases.act', { id: added.id, action: 'record-session', details: { content: '双方到场。' } });
    // 我的案件 is the signed-in operator's (张调解), not the office's named operator
    const mine = await refusal(call(desk, 'cases.list', { mine: true, mediator: '王调解' }));
    expect(mine.message).toBe('“我的案件”与调解员“王调解”不能同时选择');
    // once mediation has begun, corrections are for those who mediate, not the front desk
    await as('李受理', 'li-shouli-2026');
    const edit = await refusal(call(desk, 'cases.edit', { id: added.id, changes: { summary: '更正后的案由', reason: '登记时写错' } }));
    expect(edit.message).toBe('“修改调解中的案件”需要管理员或调解员或中心工作人员权限；当前操作员“李受理”是受理员');
    const undo = await refusal(call(desk, 'cases.act', { id: added.id, action: 'undo-last', details: { reason: '记错了' } }));
    expect(undo.code).toBe('FORBIDDEN');
    await as('张调解', 'zhang-tiaojie-2026');
    expect((await refusal(call(desk, 'operators.add', { name: 'x', role: 'clerk', password: 'abcd-1234' }))).code).toBe('FORBIDDEN');
    // a mediator applies receipts, but registering the centre's key carried in one is the administrator's
    expect((await refusal(call(desk, 'batches.applyReceipt', { file: 'r.json' }))).code).not.toBe('FORBIDDEN'); // only the file is missing
    expect((await refusal(call(desk, 'batches.applyReceipt', { file: 'r.json', trustCentre: 'AB12' }))).message).toBe(
      '“登记中心公钥并应用回执”需要管理员权限；当前操作员“张调解”是调解员',
    );

    const events = (await call(desk, 'cases.get', { id: added.id })).case.events.map((e) => [e.type, e.operator]);
    expect(events).toEqual([
      ['created', '李受理'],
      ['accept', '李受理'],
      ['record-session', '张调解'],
    ]);
  });

  it('keeps one active administrator; resets a password without showing it; the holder must change it', async () => {
    const desk = await office();
    const [admin] = await call(desk, 'operators.list', {});
    expect((await refusal(call(desk, 'operators.update', { id: admin.id, role: 'mediator' }))).message).toBe('至少要保留一位在用的管理员');
    await call(desk, 'operators.add', { name: '赵调解', role: 'mediator', password: 'chushi-mima-1' });
    const reset = await call(desk, 'operators.resetPassword', { id: '赵调解', password: 'xin-mima-2026' });
    expect(reset).toMatchObject({ name: '赵调解', mustChangePassword: true });
    expect(JSON.stringify(await call(desk, 'operators.list', {}))).not.toMatch(/wrap|salt|xin-mima/);
    await call(desk, 'session.signOut', {});
    expect(await call(desk, 'session.signIn', { name: '赵调解', password: 'xin-mima-2026' })).toMatchObject({ mustChangePassword: true });
    expect((await refusal(call(desk, 'operators.changePassword', { password: 'xin-mima-2026', newPassword: 'short' }))).field).toBe(
      'newPassword',
    );
    expect(await call(desk, 'operators.changePassword', { password: 'xin-mima-2026', newPassword: 'zhao-ziji-2026' })).not.toHaveProperty(
      'mustChangePassword',
    );
    // a role edited by hand in keyring.json is refused at the next sign-in
    const file = path.join(desk.dataDir, 'keyring.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.value.operators.find((o: { name: string }) => o.name === '赵调解').role = 'admin';
    await desk.close();
    await writeFile(file, JSON.stringify(doc));
    const reopened = await Desk.open({ dataDir: desk.dataDir, clock: fixedClock(), dailyBackup: false });
    open.push(reopened);
    const error = await refusal(call(reopened, 'session.signIn', { name: '赵调解', password: 'zhao-ziji-2026' }));
    expect(error).toMatchObject({ code: 'STORE_CORRUPT' });
    expect(error.message).toContain('keyring.json');
  });
});

describe('a forgotten password', () => {
  it('the recovery code gives the administrator a new password; a new code voids the old one', async () => {
    const dataDir = await tempDataDir('mdesk-ops-code-');
    const desk = await Desk.open({ dataDir, clock: fixedClock(), dailyBackup: false });
    open.push(desk);
    const init = await call(desk, 'settings.init', { ...TEST_SETTINGS, password: TEST_PASSWORD });
    const code = init.recoveryCode!;
    expect(code).toMatch(/^\d{4}(-\d{4}){7}$/);
    await call(desk, 'cases.add', sampleCaseInput());
    await call(desk, 'session.signOut', {});

    // typos are caught before anything is tried
    // two different neighbouring digits swapped (the commonest slip when copying)
    const typo = code.replace(/(\d)(?!\1)(\d)/, '$2$1');
    expect((await refusal(call(desk, 'recovery.use', { code: typo, name: '王调解', password: 'xin-mima-2026' }))).message).toContain(
      '校验不符',
    );
    const operator = await call(desk, 'recovery.use', { code: code.replaceAll('-', ' '), name: '王调解', password: 'xin-mima-2026' });
    expect(operator).toMatchObject({ name: '王调解', role: 'admin' });
    expect((await call(desk, 'cases.list', {})).total).toBe(1);
    await call(desk, 'session.signOut', {});
    expect((await refusal(call(desk, 'session.signIn', { name: '王调解', password: TEST_PASSWORD }))).code).toBe('SIGN_IN_FAILED');
    await call(desk, 'session.signIn', { name: '王调解', password: 'xin-mima-2026' });

    const { code: next } = await call(desk, 'recovery.reissue', { password: 'xin-mima-2026' });
    expect(next).not.toBe(code);
    // the sheet over an existing file: refused as one (the workbench asks 覆盖吗？), replaced when confirmed
    const sheet = path.join(await tempDataDir('mdesk-ops-sheet-'), '恢复码单.pdf');
    await writeFile(sheet, 'an earlier sheet');
    expect((await refusal(call(desk, 'recovery.sheet', { code: next, out: sheet }))).details).toMatchObject({ exists: true });
    expect(await readFile(sheet, 'utf8')).toBe('an earlier sheet');
    await call(desk, 'recovery.sheet', { code: next, out: sheet, overwrite: true });
    expect((await readFile(sheet)).subarray(0, 5).toString()).toBe('%PDF-');
    await call(desk, 'session.signOut', {});
    expect((await refusal(call(desk, 'recovery.use', { code, name: '王调解', password: 'xin-mima-2027' }))).message).toContain('作废');
    // a new name makes a new administrator
    expect(await call(desk, 'recovery.use', { code: next, name: '新管理员', password: 'xin-mima-2027' })).toMatchObject({ role: 'admin' });
  });

  it('all passwords and the code lost: the centre’s escrow round trip, which only the requesting station can apply, once', async () => {
    const { station, centre, work } = await setupOffices();
    open.push(station, centre);
    const added = await call(station, 'cases.add', sampleCaseInput());
    expect(await call(station, 'escrow.enable', {})).toMatchObject({ centre: '达州市通川区公共法律服务中心' });
    await call(station, 'session.signOut', {});

    // a copy of the station's data made before the request: another installation, without the one-time key
    const copy = await tempDataDir('mdesk-ops-copy-');
    cpSync(station.dataDir, copy, { recursive: true, filter: (source) => path.basename(source) !== 'lock' });

    const request = path.join(work, 'request.json');
    await writeFile(request, 'an earlier request');
    expect((await refusal(call(station, 'escrow.request', { out: request }))).details).toMatchObject({ exists: true });
    expect(await readFile(request, 'utf8')).toBe('an earlier request');
    const asked = await call(station, 'escrow.request', { out: request, overwrite: true });
    expect(asked.checkCode).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    const requestText = await readFile(request, 'utf8');
    expect(requestText).not.toMatch(/张三|11010519491231002X|13800138000/);

    // the centre: a tampered request is refused; the real one answered, logged with its operator
    const tampered = JSON.parse(requestText);
    tampered.escrow.station.name = '别的站点';
    await writeFile(path.join(work, 'tampered.json'), JSON.stringify(tampered));
    expect(
      (await refusal(call(centre, 'escrow.respond', { request: path.join(work, 'tampered.json'), out: path.join(work, 'x.json') })))
        .message,
    ).toContain('签名不符');
    const response = path.join(work, 'response.json');
    await writeFile(response, 'an earlier response');
    expect((await refusal(call(centre, 'escrow.respond', { request, out: response }))).details).toMatchObject({ exists: true });
    expect(await readFile(response, 'utf8')).toBe('an earlier response');
    const answered = await call(centre, 'escrow.respond', { request, out: response, overwrite: true });
    expect(answered).toMatchObject({ station: { code: TEST_SETTINGS.stationCode }, checkCode: asked.checkCode });
    expect(centre.store.getDoc<{ responses: { operator: string }[] }>('escrowLog')!.responses[0].operator).toBe('刘审核');

    // the copy cannot use the response: only the installation that made the request holds its key
    const other = await Desk.open({ dataDir: copy, dailyBackup: false });
    open.push(other);
    expect((await refusal(call(other, 'escrow.apply', { response, name: '王调解', password: 'xin-mima-2026' }))).message).toContain(
      '没有待处理的恢复申请',
    );
    const altered = JSON.parse(await readFile(response, 'utf8'));
    altered.sealed.ciphertext = Buffer.from('x'.repeat(48)).toString('base64');
    await writeFile(path.join(work, 'altered.json'), JSON.stringify(altered));
    expect(
      (
        await refusal(
          call(station, 'escrow.apply', { response: path.join(work, 'altered.json'), name: '王调解', password: 'xin-mima-2026' }),
        )
      ).message,
    ).toContain('签名不符');

    expect(await call(station, 'escrow.apply', { response, name: '王调解', password: 'xin-mima-2026' })).toMatchObject({ role: 'admin' });
    expect((await call(station, 'cases.get', { id: added.id })).case.parties[0].name).toBe('张三');
    await call(station, 'session.signOut', {});
    // used once: the one-time key is gone
    expect((await refusal(call(station, 'escrow.apply', { response, name: '王调解', password: 'xin-mima-2027' }))).message).toContain(
      '没有待处理的恢复申请',
    );
  });

  it('a centre refuses a request from a station it does not trust', async () => {
    const { station, centre, work } = await setupOffices({ trust: false });
    open.push(station, centre);
    await call(station, 'keys.importCentre', { file: path.join(work, 'centre.key.json') });
    await call(station, 'escrow.enable', {});
    const request = path.join(work, 'request.json');
    await call(station, 'escrow.request', { out: request });
    expect((await refusal(call(centre, 'escrow.respond', { request, out: path.join(work, 'r.json') }))).message).toContain(
      '不在本中心登记的站点中',
    );
  });
});
