/**
 * The unsaved-work flag from the real screens: 纠纷登记 reports a half-typed case (new or being
 * edited) and stops reporting it once saved or left. In the app the flag holds back an update's
 * restart and makes closing the window ask (test/unit/unsaved-work.test.ts, shell-main.test.ts);
 * here it travels through the harness bridge. The template editor's flag: templates.spec.ts.
 */

import { expect, IDS, test } from './fixtures';
import { field, fillPerson, input, openMenu } from './workbench';

test('纠纷登记：填写中报告“有未保存的内容”，保存或离开后不再报告', async ({ page, unsavedWork }) => {
  await openMenu(page, '纠纷登记');
  await expect(input(page, 'summary')).toBeVisible();
  expect(await unsavedWork()).toBe(false);

  await input(page, 'summary').fill('宅基地界址纠纷');
  await expect.poll(unsavedWork).toBe(true);
  // leaving keeps the draft but is no longer unsaved work on this screen
  await openMenu(page, '工作台');
  await expect.poll(unsavedWork).toBe(false);

  await openMenu(page, '纠纷登记');
  await page.getByRole('dialog').filter({ hasText: '发现未保存的登记草稿' }).getByRole('button', { name: '恢复草稿' }).click();
  await expect(input(page, 'summary')).toHaveValue('宅基地界址纠纷');
  await expect.poll(unsavedWork).toBe(true);
  await field(page, 'disputeType').locator('.ant-select').click();
  await page.keyboard.type('房屋宅基地');
  await page.keyboard.press('Enter');
  await fillPerson(page, 0, '赵六', IDS.zhangSan, '13800138000');
  await fillPerson(page, 1, '钱七', IDS.liSi, '13800138001');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('saved-number')).toBeVisible();
  await expect.poll(unsavedWork).toBe(false);

  // 修改基本信息 of the saved case: unsaved only while it differs from what is stored
  await page.getByRole('button', { name: '查看案件' }).click();
  await page.getByRole('button', { name: '修改基本信息' }).click();
  await expect(input(page, 'summary')).toHaveValue('宅基地界址纠纷');
  expect(await unsavedWork()).toBe(false);
  await input(page, 'summary').fill('宅基地界址争议');
  await expect.poll(unsavedWork).toBe(true);
  await input(page, 'summary').fill('宅基地界址纠纷');
  await expect.poll(unsavedWork).toBe(false);
  await input(page, 'summary').fill('宅基地界址争议');
  await expect.poll(unsavedWork).toBe(true);
  await page.keyboard.press('Control+s');
  await expect(page.locator('.page-subtitle')).toContainText('宅基地界址争议');
  await expect.poll(unsavedWork).toBe(false);
});
