/** Small helpers for driving the workbench in the journeys (forms by their `data-field`, the side menu). */

import type { Page } from '@playwright/test';

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
