/**
 * The main journeys of the desk, each with screenshots (test-results/screenshots/<project>/).
 */

import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Page } from '@playwright/test';

import { expect, IDS, test } from './fixtures';
import { cellUnder, field, fillPerson, input, openMenu, showColumn } from './workbench';

/**
 * Click an action button on the case screen, fill its modal with `fill`, and submit. An action that
 * cannot be undone must then ask for confirmation (and is confirmed); any other must not ask.
 */
async function act(
  page: Page,
  label: string,
  options: { irreversible?: boolean; fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void> } = {},
) {
  await page.getByTestId('case-actions').getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: label }).first();
  await expect(dialog).toBeVisible();
  await options.fill?.(dialog);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  const confirm = page.locator('.ant-modal-confirm');
  if (options.irreversible) {
    await expect(confirm).toContainText('此操作完成后不能撤销');
    await confirm.getByRole('button', { name: `确定${label}` }).click();
  }
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(confirm).toHaveCount(0);
}

test('纠纷登记三方当事人 → 受理 → 调解 → 达成协议 → 签署 → 文书 → 批量上报', async ({ page, shot }) => {
  await expect(page.getByTestId('queue-registered')).toBeVisible();
  await shot('01-home');
  await openMenu(page, '纠纷登记');
  await field(page, 'disputeType').locator('.ant-select').click();
  await page.keyboard.type('邻里');
  await page.keyboard.press('Enter');
  await input(page, 'summary').fill('相邻排水纠纷');
  await input(page, 'amount').fill('3,000.50');
  await fillPerson(page, 0, '张三', IDS.zhangSan, '13800138000');
  await expect(page.getByTestId('derived-0')).toContainText('1949-12-31，女');
  await fillPerson(page, 1, '李四', IDS.liSi, '0818-2345678');
  await expect(page.getByTestId('derived-1')).toContainText('1985-03-15，男');
  await page.getByRole('button', { name: '添加第三人' }).click();
  await fillPerson(page, 2, '王五', IDS.wangWu, '13900139000');
  await input(page, 'facts').fill('双方系相邻住户，因被申请人修建排水沟，雨季积水流入申请人院坝。');
  await input(page, 'claims').fill('请求被申请人改建排水沟并赔偿损失。');
  await shot('02-intake-filled');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('saved-number')).toContainText('（2026）东城调字第1号'.replace('2026', String(new Date().getFullYear())));
  await expect(page.getByTestId('receipt')).toContainText('王五');
  await shot('03-receipt');

  await page.getByRole('button', { name: '查看案件' }).click();
  await expect(page.getByTestId('case-number')).toBeVisible();
  await expect(page.getByRole('row', { name: /第三人 王五/ })).toBeVisible();
  await shot('035-case-overview');
  // 修改基本信息: correct the 案由 before accepting
  await page.getByRole('button', { name: '修改基本信息' }).click();
  await expect(input(page, 'summary')).toHaveValue('相邻排水纠纷');
  await input(page, 'summary').fill('相邻排水沟纠纷');
  await page.keyboard.press('Control+s');
  await expect(page.locator('.page-subtitle')).toContainText('相邻排水沟纠纷');
  await act(page, '受理');
  await expect(page.getByText('已受理（调解中）').first()).toBeVisible();
  // 记录调解 from the keyboard: Ctrl+Enter submits the form
  await page.getByTestId('case-actions').getByRole('button', { name: '记录调解', exact: true }).click();
  const sessionDialog = page.getByRole('dialog').filter({ hasText: '记录调解' });
  await sessionDialog.getByLabel('调解地点').fill('东城街道调解室');
  await sessionDialog.getByLabel('调解经过').fill('调解员向双方释法说理，双方同意协商解决排水问题。');
  await sessionDialog.getByLabel('调解经过').press('Control+Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('session-card')).toHaveCount(1);
  await act(page, '达成协议', {
    fill: async (dialog) => {
      await dialog.getByLabel('协议条款第1条').fill('被申请人于2026年12月31日前将排水沟改至房屋东侧。');
      await dialog.getByRole('button', { name: '添加一条' }).click();
      await dialog.getByLabel('协议条款第2条').fill('被申请人一次性赔偿申请人损失人民币叁仟元。');
      await dialog.getByRole('button', { name: '添加一条' }).click();
      await dialog.getByLabel('协议条款第3条').fill('双方今后互谅互让，不再因此事发生纠纷。');
      // reorder: the payment term goes first
      await dialog.getByRole('button', { name: '上移' }).nth(1).click();
      await expect(dialog.getByLabel('协议条款第1条')).toHaveValue(/赔偿/);
      await dialog.getByLabel('履行方式').fill('现金一次性支付');
      await shot('04-agreement-form');
    },
  });
  await expect(page.getByTestId('agreement-view')).toContainText('尚未签署');
  await act(page, '协议签署生效', { irreversible: true });
  await expect(page.getByTestId('agreement-view')).not.toContainText('尚未签署');
  await expect(page.getByText('调解成功').first()).toBeVisible();
  await shot('05-signed');

  // Log verification
  await page.getByRole('tab', { name: '操作记录' }).click();
  await page.getByTestId('verify-log').click();
  await expect(page.getByTestId('verify-result')).toContainText('操作记录完整');
  await shot('06-log');

  // 文书: the agreement as it will print
  await page.getByRole('button', { name: '文书', exact: true }).click();
  await page
    .getByTestId('documents-templates')
    .getByText(/调解协议书/)
    .first()
    .click();
  await expect(page.getByTestId('document-preview')).toBeVisible({ timeout: 60_000 });
  await page.waitForTimeout(1500); // let the PDF viewer paint before the screenshot
  await shot('07-agreement-preview');

  // 批量上报: the signed case goes to the centre
  await openMenu(page, '批量上报');
  await expect(page.getByText(/共 1 件案件/)).toBeVisible();
  await page.getByRole('button', { name: '下一步' }).click();
  const folder = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-export-'));
  await page.locator('#batch-out').fill(folder);
  await page.getByRole('button', { name: '开始导出' }).click();
  await expect(page.getByText(/已导出 1 件案件/)).toBeVisible({ timeout: 60_000 });
  await shot('08-batch-exported');
});

test.describe('查找案件', () => {
  test.use({ seed: 2000 });

  test('按姓名、身份证号和拼音首字母查找', async ({ page, desk, shot }) => {
    const created = await desk<{ id: string; number: string }>('cases.add', {
      disputeType: '邻里',
      summary: '通道堆放杂物纠纷',
      parties: [
        { role: 'applicant', name: '欧阳明月', idNumber: IDS.wangWu, phone: '13912345678' },
        { role: 'respondent', name: '司马长风', idNumber: IDS.liSi },
      ],
    });
    await openMenu(page, '案件');
    const search = page.getByTestId('register-search').locator('input');
    const table = page.getByTestId('register-table');
    await expect(page.locator('.page-subtitle')).toContainText('共 2001 件');
    await shot('10-register-all');

    await search.fill('欧阳明月');
    await expect(page.locator('.page-subtitle')).toContainText('共 1 件');
    await expect(table).toContainText(created.number);
    // the list shows ID numbers masked (证件号码 is a column the user turns on)
    await showColumn(page, '证件号码');
    await expect(table).toContainText('510722********0021');
    await expect(table).not.toContainText(IDS.wangWu);
    await shot('11-search-name');

    await search.fill(IDS.liSi);
    await expect(page.locator('.page-subtitle')).toContainText('共 1 件');
    await expect(table).toContainText(created.number);
    await shot('12-search-id');

    await search.fill('smcf');
    await expect(table).toContainText(created.number);
    await shot('13-search-pinyin');

    await search.fill('13912345678');
    await expect(page.locator('.page-subtitle')).toContainText('共 1 件');

    // Enter opens the highlighted row
    await search.fill('欧阳明月');
    await expect(page.locator('.page-subtitle')).toContainText('共 1 件');
    await search.press('Enter');
    await expect(page.getByTestId('case-number')).toHaveText(created.number);
  });
});

test('身份证号校验位错误时在该字段旁显示中文提示', async ({ page, shot }) => {
  await openMenu(page, '纠纷登记');
  const wrong = `${IDS.liSi.slice(0, 17)}8`;
  await input(page, 'parties[1].name').fill('李四');
  // Enter goes on to the next field (证件类型), as Tab would
  await input(page, 'parties[1].name').press('Enter');
  await expect(field(page, 'parties[1].idType').locator('input')).toBeFocused();
  await input(page, 'parties[1].idNumber').fill(wrong);
  const error = field(page, 'parties[1].idNumber').locator('.ant-form-item-explain-error');
  await expect(error).toContainText('校验位不正确（应为7）');
  await expect(page.getByTestId('derived-1')).toHaveCount(0);
  await shot('20-id-check-digit');
  // saving is refused: the focus goes to the first field in error (纠纷类型), every problem is shown
  await page.keyboard.press('Control+s');
  await expect(field(page, 'disputeType').locator('input')).toBeFocused();
  await expect(error).toContainText('校验位不正确（应为7）');
  await expect(field(page, 'summary').locator('.ant-form-item-explain-error')).toContainText('案由不能为空');
  await shot('21-save-refused');
  // correcting it clears the message and fills birth date and gender
  await input(page, 'parties[1].idNumber').fill(IDS.liSi);
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId('derived-1')).toContainText('1985-03-15，男');
});

test('刷新页面后恢复未保存的登记草稿', async ({ page, shot }) => {
  await openMenu(page, '纠纷登记');
  await input(page, 'summary').fill('宅基地界址纠纷');
  await input(page, 'parties[0].name').fill('赵六');
  await input(page, 'parties[0].idNumber').fill(IDS.zhangSan);
  await page.waitForTimeout(300);
  await page.reload();
  const dialog = page.getByRole('dialog').filter({ hasText: '发现未保存的登记草稿' });
  await expect(dialog).toContainText('赵六');
  await shot('30-draft-offer');
  await dialog.getByRole('button', { name: '恢复草稿' }).click();
  await expect(input(page, 'summary')).toHaveValue('宅基地界址纠纷');
  await expect(input(page, 'parties[0].name')).toHaveValue('赵六');
  await expect(page.getByTestId('derived-0')).toContainText('1949-12-31');
  await shot('31-draft-restored');

  // After saving, the draft is gone
  await field(page, 'disputeType').locator('.ant-select').click();
  await page.keyboard.type('房屋宅基地');
  await page.keyboard.press('Enter');
  await fillPerson(page, 1, '钱七', IDS.liSi, '13800138001');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('saved-number')).toBeVisible();
  await page.reload();
  await openMenu(page, '纠纷登记');
  await expect(input(page, 'summary')).toHaveValue('');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('设置：备份、恢复与撤销恢复；大字模式', async ({ page, desk, shot }) => {
  const sample = (name: string, id: string) => ({
    disputeType: '合同',
    summary: `${name}装修合同纠纷`,
    parties: [
      { role: 'applicant', name, idNumber: id },
      { role: 'respondent', name: '达州市顺达装饰有限公司', kind: 'organization' },
    ],
  });
  const total = async () => (await desk<{ total: number }>('cases.list', {})).total;
  await desk('cases.add', sample('孙一', IDS.zhangSan));

  await openMenu(page, '设置');
  await page.getByRole('tab', { name: '备份与恢复' }).click();
  await page.getByRole('button', { name: '立即备份' }).click();
  const manualRow = page.getByRole('row').filter({ hasText: '手动备份' });
  await expect(manualRow).toHaveCount(1);
  await expect(await cellUnder(manualRow, '案件数')).toHaveText('1');
  await desk('cases.add', sample('周二', IDS.liSi));
  expect(await total()).toBe(2);

  await manualRow.getByRole('button', { name: '恢复到此备份' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '恢复', exact: true }).click();
  await expect(page.getByText(/已恢复到/)).toBeVisible();
  expect(await total()).toBe(1);
  await shot('40-restored');

  await page.getByRole('button', { name: '撤销这次恢复' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '撤销恢复' }).click();
  await expect(page.getByText(/已恢复到/)).toHaveCount(0);
  expect(await total()).toBe(2);

  // Larger text: the switch in the header, remembered in the settings
  await page.getByRole('switch', { name: '大字模式' }).first().click();
  await expect(page.locator('html')).toHaveClass(/large-text/);
  const saved = await desk<{ largeText: boolean; operator: string; mediators: string[] }>('settings.get');
  expect(saved).toMatchObject({ largeText: true, operator: '王调解', mediators: ['王调解', '李明华', '张桂兰'] });
  await expect(page.getByText('操作员：王调解')).toBeVisible();
  const size = await page
    .locator('.ant-menu-title-content')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(19);
  await shot('41-settings-large-text');
  await openMenu(page, '工作台');
  await expect(page.getByTestId('queue-registered').locator('.ant-list-item')).toHaveCount(2);
  await shot('42-home-large-text');
  await openMenu(page, '案件');
  await expect(page.locator('.ant-table-row')).toHaveCount(2);
  await shot('43-register-large-text');
});

test('不能撤销的操作先确认；操作按钮只有当前状态允许的', async ({ page, desk, shot }) => {
  const created = await desk<{ id: string; number: string }>('cases.add', {
    disputeType: '其他',
    summary: '借款归还纠纷',
    parties: [
      { role: 'applicant', name: '吴九', idNumber: IDS.liSi },
      { role: 'respondent', name: '郑十' },
    ],
  });
  await page.goto(page.url().replace(/#.*$/, '') + `#/case/${created.id}`);
  const actions = page.getByTestId('case-actions');
  await expect(actions.getByRole('button')).toHaveText(['受理', '不予受理']);

  await actions.getByRole('button', { name: '不予受理' }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '不予受理' }).first();
  await dialog.getByRole('button', { name: '不予受理', exact: true }).click();
  await expect(dialog).toContainText('请填写不予受理的理由');
  await dialog.getByLabel('不予受理的理由').fill('属于法院已经受理的案件，依法不予受理。');
  await dialog.getByRole('button', { name: '不予受理', exact: true }).click();
  const confirm = page.locator('.ant-modal-confirm');
  await expect(confirm).toContainText('此操作完成后不能撤销');
  await shot('60-confirm-irreversible');
  await confirm.getByRole('button', { name: '再想想' }).click();
  await expect(page.locator('.page-head')).toContainText('已登记');
  await expect(dialog).toBeVisible();

  await dialog.getByRole('button', { name: '不予受理', exact: true }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '确定不予受理' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(actions.getByRole('button')).toHaveText(['结案归档']);
  expect(await desk<{ case: { status: string } }>('cases.get', { id: created.id })).toMatchObject({ case: { status: 'declined' } });
  await shot('61-declined');
});
