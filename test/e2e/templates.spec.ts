/**
 * 设置 → 文书模板: edit the 调解协议书 template, see an error on its line (and jump to it), fix it,
 * save the office's copy, and go back to the built-in template. While the text differs from what is
 * saved the page reports unsaved work (the flag that holds back an update's restart).
 */

import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';

async function openTemplates(page: Page) {
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '文书模板' }).click();
  await expect(page.getByTestId('template-editor')).toBeVisible();
}

test('文书模板：修改、报错定位到行、保存本机构模板、恢复内置模板', async ({ page, desk, shot, unsavedWork }) => {
  await openTemplates(page);
  const source = page.getByTestId('template-source');
  const save = page.getByTestId('template-save');
  const builtin = await desk<{ source: string; origin: string }>('templates.get', { name: 'agreement' });
  expect(builtin.origin).toBe('builtin');
  await expect(source).toHaveValue(builtin.source);
  await expect(page.getByTestId('template-preview')).toBeVisible({ timeout: 60_000 });
  await expect(save).toBeDisabled();
  expect(await unsavedWork()).toBe(false);

  // A misspelt field on one line: the error names the line, and the button jumps to it.
  const lines = builtin.source.split('\n');
  const numberLine = lines.findIndex((l) => l.includes('{{ case.number }}')) + 1;
  expect(numberLine).toBeGreaterThan(1);
  const broken = builtin.source.replace('{{ case.number }}', '{{ case.numbr }}');
  await source.fill(broken);
  const error = page.getByTestId('template-error');
  await expect(error).toContainText(`第${numberLine}行`, { timeout: 30_000 });
  await expect(error).toContainText('case.numbr');
  await expect(save).toBeDisabled();
  await expect(page.getByText('有未保存的修改')).toBeVisible();
  await expect.poll(unsavedWork).toBe(true);
  await shot('70-template-error');
  await error.getByRole('button', { name: `跳到第${numberLine}行` }).click();
  await expect(source).toBeFocused();
  const selected = await source.evaluate((area: HTMLTextAreaElement) => area.value.slice(area.selectionStart, area.selectionEnd));
  expect(selected).toBe(broken.split('\n')[numberLine - 1]);

  // Whoever is signed in, on paper that names the people of the record: refused as it is typed.
  await source.fill(builtin.source.replace('{{ case.number }}', '{{ case.number }} 经办：{{ office.operator }}'));
  await expect(error).toContainText('不能用当前登录的操作员（office.operator）', { timeout: 30_000 });
  await expect(error).toContainText('case.registrar');
  await expect(save).toBeDisabled();

  // Fixed, and the title changed: saved as the office's template.
  const edited = builtin.source.replace('# 人民调解协议书', '# 人民调解协议书（东城街道）');
  await source.fill(edited);
  await expect(error).toHaveCount(0, { timeout: 30_000 });
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByText(/已保存本机构模板“agreement”/)).toBeVisible();
  await expect(save).toBeDisabled();
  await expect(page.getByText('有未保存的修改')).toHaveCount(0);
  await expect.poll(unsavedWork).toBe(false);
  expect(await desk('templates.get', { name: 'agreement' })).toMatchObject({ origin: 'office', source: edited });
  // the template list marks it as the office's own version
  await expect(page.getByTestId('template-editor').locator('.ant-select').first()).toContainText('已修改');
  const preview = await desk<{ text: string }>('templates.preview', { name: 'agreement', as: 'text' });
  expect(preview.text).toContain('人民调解协议书（东城街道）');
  await shot('71-template-saved');

  // Back to the built-in template, after confirming.
  await page.getByRole('button', { name: '恢复内置模板' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('已恢复内置模板“agreement”')).toBeVisible();
  await expect(source).toHaveValue(builtin.source);
  await expect(page.getByRole('button', { name: '恢复内置模板' })).toHaveCount(0);
  expect(await desk('templates.get', { name: 'agreement' })).toMatchObject({ origin: 'builtin', source: builtin.source });
  expect(await unsavedWork()).toBe(false);
});
