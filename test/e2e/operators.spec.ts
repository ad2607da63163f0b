/**
 * Operators' journeys: the first run with its administrator and the recovery code shown once; signing
 * in (and the lockout after five wrong passwords); switching operator, with a 受理员 refused what only
 * mediators may do; the workbench locking itself when nobody uses it, and unlocking where it was;
 * a forgotten password recovered with the 恢复码. Screenshots at 1366×768 and 1024×768, normal and 大字.
 */

import type { Page } from '@playwright/test';

import { expect, OFFICE, PASSWORD, test } from './fixtures';

async function openSettingsTab(page: Page, tab: string) {
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

async function signInAs(page: Page, name: string, password: string) {
  await page
    .locator('.operator-names label')
    .filter({ hasText: `${name}（` })
    .click();
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test.describe('首次使用', () => {
  test.use({ setUp: false });

  test('首次启动时填写机构信息并设置管理员，恢复码只显示一次，然后进入工作台', async ({ page, desk, shot }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect(page.getByText('欢迎使用人民调解工作台')).toBeVisible();
    await page.getByRole('button', { name: '开始使用' }).click();
    await expect(page.getByText('请填写机构名称')).toBeVisible();
    await expect(page.getByText('请填写管理员姓名')).toBeVisible();
    await page.getByLabel('调委会或机构名称').fill('北山镇人民调解委员会');
    await page.getByLabel('简称（用于案号）').fill('北山');
    await expect(page.getByText(`案号示例：（${new Date().getFullYear()}）北山调字第1号`)).toBeVisible();
    await page.getByLabel('管理员姓名').fill('刘建国');
    await page.getByLabel('管理员密码').fill('1234');
    await page.getByLabel('再输入一次').fill('1235');
    await page.getByRole('button', { name: '开始使用' }).click();
    await expect(page.getByText('密码至少8位')).toBeVisible();
    await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
    await page.getByLabel('管理员密码').fill('beishan-2026');
    await page.getByLabel('再输入一次').fill('beishan-2026');
    await expect(page.getByLabel('加密保存本机的案件数据（推荐）')).toBeChecked();
    await shot('70-first-run-administrator');
    await page.getByRole('button', { name: '开始使用' }).click();

    // the recovery code, once, with its sheet; the workbench opens only after it is acknowledged
    await expect(page.getByText('请保存恢复码')).toBeVisible();
    const code = (await page.getByTestId('recovery-code').getAttribute('aria-label'))!.replace('恢复码 ', '');
    expect(code).toMatch(/^\d{4}(-\d{4}){7}$/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '保存为PDF' }).click();
    expect((await download).suggestedFilename()).toBe('恢复码单.pdf');
    await shot('71-recovery-code');
    await expect(page.getByRole('button', { name: '继续' })).toBeDisabled();
    await page.getByLabel('我已把恢复码打印或抄写下来，放在安全的地方').check();
    await page.getByRole('button', { name: '继续' }).click();
    await expect(page.getByTestId('office-name')).toHaveText('北山镇人民调解委员会');
    await expect(page.getByTestId('operator-name')).toHaveText('操作员：刘建国（管理员）');
    expect(await desk('settings.get')).toMatchObject({ name: '北山镇人民调解委员会', shortName: '北山', role: 'station' });
    expect(await desk('encryption.status')).toMatchObject({ encrypted: true });

    // 忘记密码: the code gives the administrator a new password
    await page.getByRole('button', { name: '切换操作员' }).click();
    await page.getByRole('button', { name: '忘记密码？' }).click();
    await page.getByLabel('恢复码（恢复码单上的32位数字）').fill(code.replaceAll('-', ' '));
    await page.getByLabel('管理员姓名').fill('刘建国');
    await page.getByLabel('新密码').fill('beishan-2027');
    await page.getByLabel('再输入一次').fill('beishan-2027');
    await shot('72-recover-with-code');
    await page.getByRole('button', { name: '设置新密码并登录' }).click();
    await expect(page.getByTestId('operator-name')).toHaveText('操作员：刘建国（管理员）');
    await page.getByRole('button', { name: '切换操作员' }).click();
    await signInAs(page, '刘建国', 'beishan-2026');
    await expect(page.getByText(/密码不正确/)).toBeVisible();
    await signInAs(page, '刘建国', 'beishan-2027');
    await expect(page.getByTestId('office-name')).toBeVisible();
  });
});

test('登录：输错密码有提示，连续输错五次锁定；换人时工作台关闭', async ({ page, shot }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByRole('button', { name: '切换操作员' }).click();
  await expect(page.getByText('请点您的姓名，输入密码后登录。')).toBeVisible();
  await expect(page.getByTestId('office-name')).toHaveCount(0);
  await shot('73-sign-in-1024');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('请选择或填写您的姓名')).toBeVisible();
  for (let i = 1; i <= 4; i++) {
    await signInAs(page, OFFICE.operator, `wrong-${i}-password`);
    await expect(page.getByText(`再输错${5 - i}次`)).toBeVisible();
  }
  await signInAs(page, OFFICE.operator, 'wrong-5-password');
  await expect(page.getByText(/已连续输错5次，操作员“王调解”锁定5分钟/)).toBeVisible();
  // even the right password now waits out the five minutes
  await signInAs(page, OFFICE.operator, PASSWORD);
  await expect(page.getByText(/已锁定到/)).toBeVisible();
  await shot('74-locked-out');
});

test('切换操作员：管理员新增受理员；受理员登录后先改密码，只能受理和分派，记录调解被拒绝并说明需要的角色', async ({ page, desk, shot }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const created = await desk<{ id: string; number: string }>('cases.add', {
    disputeType: '邻里',
    summary: '相邻通行纠纷',
    parties: [
      { role: 'applicant', name: '赵甲' },
      { role: 'respondent', name: '钱乙' },
    ],
  });
  await openSettingsTab(page, '操作员');
  await page.getByRole('button', { name: '新增操作员' }).click();
  const dialog = page.getByRole('dialog', { name: '新增操作员' });
  await dialog.getByLabel('姓名').fill('孙受理');
  await dialog.getByLabel('角色').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '受理员' }).click();
  await dialog.getByLabel('初始密码').fill('chushi-mima-1');
  await dialog.getByLabel('再输入一次').fill('chushi-mima-1');
  await shot('75-add-operator');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('row', { name: /孙受理/ })).toContainText('待本人改密码');

  await page.getByRole('button', { name: '切换操作员' }).click();
  await signInAs(page, '孙受理', 'chushi-mima-1');
  await expect(page.getByText('请设置您自己的密码')).toBeVisible();
  await page.getByLabel('当前密码').fill('chushi-mima-1');
  await page.getByLabel('新密码').fill('sun-shouli-2026');
  await page.getByLabel('再输入一次').fill('sun-shouli-2026');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByTestId('operator-name')).toHaveText('操作员：孙受理（受理员）');
  await shot('76-clerk-signed-in');

  await page.goto(page.url().replace(/#.*$/, '') + `#/case/${created.id}`);
  await page.getByTestId('case-actions').getByRole('button', { name: '受理', exact: true }).click();
  const accept = page.getByRole('dialog').filter({ hasText: '受理' }).first();
  await accept.getByRole('button', { name: '受理', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('.page-head')).toContainText('调解中');
  await page.getByTestId('case-actions').getByRole('button', { name: '记录调解', exact: true }).click();
  const session = page.getByRole('dialog').filter({ hasText: '记录调解' }).first();
  await session.getByLabel('调解经过').fill('双方到场，各自陈述。');
  await session.getByRole('button', { name: '记录调解', exact: true }).click();
  const refusal = page.getByTestId('action-error');
  await expect(refusal).toContainText('“记录调解”需要管理员或调解员或中心工作人员权限；当前操作员“孙受理”是受理员');
  await refusal.scrollIntoViewIfNeeded();
  await shot('77-clerk-refused');
  // the case log names who did what: the clerk accepted it, nobody typed the name
  const log = await desk<{ case: { events: { type: string; operator: string }[] } }>('cases.get', { id: created.id });
  expect(log.case.events.map((e) => [e.type, e.operator])).toEqual([
    ['created', '王调解'],
    ['accept', '孙受理'],
  ]);
});

test('无人操作10分钟后工作台自动锁定；同一操作员解锁后回到原处，未保存的内容还在', async ({ page, shot }) => {
  // two journeys in one (the idle lock, then 锁定 by hand in 大字 at 1024×768): more than the default time on a loaded machine
  test.slow();
  await page.clock.install();
  await page.reload();
  await page.getByTestId('office-name').waitFor();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('menuitem', { name: '纠纷登记' }).click();
  const summary = page.locator('[data-field="summary"]').locator('input, textarea').first();
  await summary.fill('尚未保存的案由');
  await page.clock.fastForward('09:30');
  await expect(page.getByRole('dialog', { name: '工作台已锁定' })).toHaveCount(0);
  await page.clock.fastForward('00:40');
  const cover = page.getByRole('dialog', { name: '工作台已锁定' });
  await expect(cover).toBeVisible();
  await expect(cover.getByText(`工作台已锁定。${OFFICE.operator}，请输入密码继续。`)).toBeVisible();
  await shot('78-idle-locked');
  // locked in the core too: a call now is refused
  const refused = await page.evaluate(async () => (window as any).desk.call('cases.list', {}));
  expect(refused).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
  await cover.getByLabel('密码', { exact: true }).fill('not-the-password');
  await cover.getByRole('button', { name: '解锁' }).click();
  await expect(cover.getByText(/密码不正确/)).toBeVisible();
  await cover.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await cover.getByRole('button', { name: '解锁' }).click();
  await expect(cover).toHaveCount(0);
  await expect(summary).toHaveValue('尚未保存的案由');

  // 锁定 by hand, in larger text at 1024×768
  await page.getByRole('switch', { name: '大字模式' }).first().click();
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot('79-header-large-1024');
  await page.getByRole('button', { name: '锁定' }).click();
  await expect(page.getByRole('dialog', { name: '工作台已锁定' })).toBeVisible();
  await shot('80-locked-large-1024');
  await page.getByRole('dialog', { name: '工作台已锁定' }).getByRole('button', { name: '切换操作员' }).click();
  await expect(page.getByText('请点您的姓名，输入密码后登录。')).toBeVisible();
});
