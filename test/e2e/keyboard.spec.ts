/**
 * Keyboard-only work at 1024×768 in 大字: Enter walks the intake form through its lists without
 * reopening them or losing what is typed next; in 案件 the first ↓ highlights the first row (visibly)
 * and Enter opens that case; an action dialog opens on its first field and Ctrl+Enter submits it.
 */

import { expect, test } from './fixtures';
import { field, input, openMenu } from './workbench';

test.use({ seed: 30, viewport: { width: 1024, height: 768 } });

test.beforeEach(async ({ page, desk }) => {
  const settings = await desk<Record<string, unknown>>('settings.get');
  await desk('settings.update', { ...settings, largeText: true });
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/large-text/);
});

test('纠纷登记：Enter 经过下拉框到下一项，接着输入的字不丢', async ({ page }) => {
  await openMenu(page, '纠纷登记');
  await field(page, 'disputeType').locator('.ant-select').click();
  await page.keyboard.type('邻里');
  await page.keyboard.press('Enter');
  await expect(field(page, 'disputeType')).toContainText('邻里');
  await expect(field(page, 'source').locator('input')).toBeFocused();
  // A closed list: Enter goes on, it does not reopen the list.
  await page.keyboard.press('Enter');
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toHaveCount(0);
  await expect(field(page, 'mediators').locator('input')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(input(page, 'summary')).toBeFocused();
  await page.keyboard.type('相邻排水纠纷');
  await page.keyboard.press('Enter');
  await page.keyboard.type('3000');
  await expect(input(page, 'summary')).toHaveValue('相邻排水纠纷');
  await expect(input(page, 'amount')).toHaveValue('3000');
});

test('案件：第一次 ↓ 选中第一行（看得见），Enter 打开这一件；操作对话框的焦点在第一项，Ctrl+Enter 提交', async ({ page, desk }) => {
  await openMenu(page, '案件');
  const search = page.getByPlaceholder('案号、姓名、拼音首字母、证件号、电话');
  await search.click();
  const rows = page.getByTestId('register-table').locator('.ant-table-row');
  await expect(rows.first()).toBeVisible();
  const first = (await rows.first().locator('a').first().innerText()).trim();
  await page.keyboard.press('ArrowDown');
  const active = page.getByTestId('register-table').locator('.row-active');
  await expect(active).toHaveCount(1);
  await expect(active).toContainText(first);
  // The highlight is drawn on the cells (the virtual table's rows are divs).
  const background = await active
    .locator('.ant-table-cell')
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toBe('rgb(214, 230, 243)');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: first })).toBeVisible();

  // A registered case: 受理 opens on its date field; Ctrl+Enter accepts.
  const registered = await desk<{ items: { id: string; number: string }[] }>('cases.list', { status: 'registered', limit: 1 });
  const target = registered.items[0];
  await page.evaluate((id) => (window.location.hash = `#/case/${id}`), target.id);
  await page.getByTestId('case-actions').getByRole('button', { name: '受理', exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '受理' }).first();
  await expect(dialog.getByLabel('受理日期')).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const after = await desk<{ case: { status: string } }>('cases.get', { id: target.id });
  expect(after.case.status).toBe('accepted');
});
