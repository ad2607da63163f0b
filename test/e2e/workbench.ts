/** Small helpers for driving the workbench in the journeys (forms by their `data-field`, the side menu). */

import { expect, type Locator, type Page } from '@playwright/test';

export const field = (page: Page, path: string) => page.locator(`[data-field="${path}"]`);
export const input = (page: Page, path: string) => field(page, path).locator('input, textarea').first();

export async function openMenu(page: Page, label: string | RegExp) {
  await page.getByRole('menuitem', { name: label }).click();
}

export async function fillPerson(page: Page, index: number, name: string, id: string, phone: string) {
  await input(page, `parties[${index}].name`).fill(name);
  await input(page, `parties[${index}].idNumber`).fill(id);
  await input(page, `parties[${index}].phone`).fill(phone);
}

/** The cell of `row` under the column headed `header` (in the row's own table). */
export async function cellUnder(row: Locator, header: string): Promise<Locator> {
  const table = row.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-table ")][1]');
  // a heading may be set on two lines (受理 / （件）): compared without its line breaks and spaces
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/\s+/g, ''));
  const index = headers.findIndex((h) => h === header);
  expect(index, `没有“${header}”这一列：${headers.join('、')}`).toBeGreaterThanOrEqual(0);
  return row.getByRole('cell').nth(index);
}

/** Show one of the register's optional columns (证件号码, 案由, 涉及金额) through 列设置, as a user would. */
export async function showColumn(page: Page, title: string) {
  await page.getByTestId('column-settings-button').click();
  const box = page.getByTestId('column-settings').getByRole('checkbox', { name: title });
  if (!(await box.isChecked())) await box.check();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('register-table').getByRole('columnheader', { name: title })).toBeVisible();
}
