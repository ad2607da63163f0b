/**
 * The front desk (统一受理) through the workbench, from the keyboard where a clerk would use it:
 * a quick consultation; a returning visitor recognised; a legal-aid request routed with its 转办单,
 * feedback, the visitor told, a 不满意 follow-up and its call-back, closed; a request made into a
 * mediation case; bad input refused next to its field. At 1366×768, and at 1024×768 in 大字.
 */

import { readFileSync } from 'node:fs';

import type { Page } from '@playwright/test';

import { expect, IDS, test } from './fixtures';

const field = (page: Page, name: string) => page.locator(`[data-testid="quick-entry"] [data-field="${name}"]`);
const input = (page: Page, name: string) => field(page, name).locator('input, textarea').first();

/** Pick an option of an antd Select by typing its label and pressing Enter. */
async function choose(page: Page, name: string, label: string) {
  await field(page, name).locator('.ant-select').click();
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
}

/** Open an action on the request screen, fill its modal, and submit it with Ctrl+Enter. */
async function act(page: Page, label: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByTestId('request-actions').getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: label }).first();
  await expect(dialog).toBeVisible();
  await fill(dialog);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

async function selectIn(page: Page, dialog: ReturnType<Page['getByRole']>, label: string, option: string) {
  await dialog.getByLabel(label).click();
  await page.keyboard.type(option);
  await page.keyboard.press('Enter');
}

test.describe('统一受理 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('当场解答 → 回头来访识别 → 法律援助转办、转办单、反馈、告知、不满意回访与回复、办结', async ({ page, desk, shot }) => {
    // A whole day's path in one journey: long on a loaded machine (each step waits on the harness).
    test.setTimeout(360_000);
    await page.getByRole('menuitem', { name: '统一受理' }).click();
    await expect(page.getByTestId('quick-entry')).toBeVisible();
    await shot('fd-01-front-desk');

    // Bad input: no name, a malformed phone — refused next to the field, nothing saved.
    await input(page, 'matter').fill('咨询赡养费');
    await input(page, 'answer').fill('告知可协商或起诉');
    await input(page, 'matter').press('Control+s');
    await expect(field(page, 'name')).toContainText('来访人姓名');
    await input(page, 'name').fill('张三');
    await input(page, 'phone').fill('12345');
    await input(page, 'phone').press('Control+s');
    await expect(field(page, 'phone')).toContainText(/电话/);
    expect((await desk<{ total: number }>('requests.list', {})).total).toBe(0);

    // A quick consultation answered on the spot, from the keyboard.
    await input(page, 'phone').fill('13800138000');
    await input(page, 'phone').press('Control+s');
    await expect(page.locator('.ant-message')).toContainText('已登记');
    await expect(page.getByTestId('desk-today')).toContainText('张三');
    await expect(input(page, 'name')).toBeFocused();
    await expect(input(page, 'name')).toHaveValue('');

    // The same phone again: recognised as a returning visitor.
    await input(page, 'name').fill('张三');
    await input(page, 'phone').fill('13800138000');
    await expect(page.getByTestId('returning-visitor')).toContainText('以前来访登记1次');
    await shot('fd-02-returning-visitor');

    // A legal-aid application routed to the legal-aid centre.
    await input(page, 'idNumber').fill(IDS.zhangSan);
    await choose(page, 'businessType', '法律援助');
    await input(page, 'matter').fill('工伤赔偿，经济困难，申请法律援助');
    await choose(page, 'handling', '转办');
    await expect(field(page, 'answer')).toHaveCount(0);
    await choose(page, 'office', '法律援助中心');
    await shot('fd-03-routing-entry');
    await page.getByTestId('quick-entry-save').click();
    await expect(page.getByTestId('desk-today').locator('tr', { hasText: '法律援助' })).toBeVisible();
    // ID numbers are masked in lists: the table never shows the whole number.
    await expect(page.getByTestId('desk-today')).not.toContainText(IDS.zhangSan);

    await page.getByRole('tab', { name: /待办时限/ }).click();
    await expect(page.getByTestId('desk-due')).toContainText('待反馈');
    await page.getByTestId('desk-due').locator('tr', { hasText: '法律援助' }).click();
    await expect(page.getByTestId('request-number')).toBeVisible();
    await expect(page.getByTestId('request-deadlines')).toContainText('待反馈');
    await expect(page.getByText('法律援助中心').first()).toBeVisible();
    await shot('fd-04-request-routed');

    // The 转办单 as a PDF download.
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: '转办单PDF' }).click();
    const file = await (await downloaded).path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

    await act(page, '登记办理结果', async (dialog) => {
      await dialog.getByLabel('办理结果').fill('已受理法律援助申请，指派律师');
    });
    await expect(page.getByText('已受理法律援助申请，指派律师')).toBeVisible();
    await act(page, '告知来访人', async () => {});
    await act(page, '回访', async (dialog) => {
      await selectIn(page, dialog, '满意度', '不满意');
      await dialog.getByLabel('回访情况').fill('认为办理太慢');
    });
    await expect(page.getByTestId('request-follow-up')).toContainText('待回复');
    // Not closable while the call-back is owed; the desk's call-back queue holds it.
    await expect(page.getByTestId('request-actions').getByRole('button', { name: '办结', exact: true })).toHaveCount(0);
    await page.getByRole('button', { name: '返回统一受理' }).click();
    await page.getByRole('tab', { name: /不满意待回复/ }).click();
    await expect(page.getByTestId('desk-callbacks')).toContainText('张三');
    await shot('fd-05-callbacks');
    await page.getByTestId('desk-callbacks').locator('tr', { hasText: '张三' }).click();
    await act(page, '处理不满意', async (dialog) => {
      await dialog.getByLabel('回复不满意的情况').fill('已向来访人说明办理进度，来访人表示理解');
    });
    await act(page, '办结', async () => {});
    await expect(page.getByText('已办结').first()).toBeVisible();
    await shot('fd-06-closed');
    const done = await desk<{ items: { state: string; businessType: string }[] }>('requests.list', { type: 'legal-aid' });
    expect(done.items).toEqual([expect.objectContaining({ state: 'closed' })]);
  });
});

test.describe('统一受理 1024×768 大字', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('转人民调解：登记即生成调解案件，双向链接', async ({ page, desk, shot }) => {
    await desk('settings.update', { largeText: true });
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/large-text/);
    await page.getByRole('menuitem', { name: '统一受理' }).click();
    await expect(page.getByTestId('quick-entry')).toBeVisible();
    await shot('fd-11-front-desk-large');

    await input(page, 'name').fill('李四');
    await input(page, 'phone').fill('13900139000');
    await choose(page, 'businessType', '人民调解');
    await choose(page, 'category', '邻里');
    await input(page, 'matter').fill('邻居修建排水沟，雨水流入院坝。请求改建。');
    await choose(page, 'handling', '转人民调解');
    await input(page, 'respondentName').fill('赵六');
    await shot('fd-12-to-mediation-entry');
    await input(page, 'respondentName').press('Control+s');
    await expect(page.getByTestId('desk-today')).toContainText('李四');

    await page.getByTestId('desk-today').locator('tr', { hasText: '李四' }).click();
    await expect(page.getByTestId('request-case-link')).toBeVisible();
    await shot('fd-13-request-with-case');
    await page.getByTestId('request-case-link').click();
    await expect(page.getByTestId('case-number')).toBeVisible();
    await expect(page.getByRole('cell', { name: '赵六' })).toBeVisible();
    await shot('fd-14-case-from-request');
    await page.getByTestId('case-request-link').click();
    await expect(page.getByTestId('request-number')).toBeVisible();

    // 设置 → 统一受理: a date that does not exist is refused and named; a real one is kept.
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '统一受理' }).click();
    const settings = page.getByTestId('front-desk-settings');
    await settings.getByLabel('补充放假日').fill('2027-02-30');
    await settings.getByRole('button', { name: '保存' }).click();
    await expect(settings.locator('.ant-alert-error')).toContainText('补充放假日第1项');
    await settings.getByLabel('补充放假日').fill('2027-01-01');
    await settings.getByRole('button', { name: '保存' }).click();
    await expect(settings.locator('.ant-alert-error')).toHaveCount(0);
    await expect
      .poll(async () => (await desk<{ frontDesk: { extraHolidays: string[] } }>('settings.get')).frontDesk.extraHolidays)
      .toEqual(['2027-01-01']);
    await shot('fd-15-settings-front-desk');
  });
});
