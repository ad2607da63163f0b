/**
 * Issue 12 in the workbench: a file is never replaced without asking (a typed path to an existing batch
 * asks 覆盖已有文件？, and 取消 keeps the file), an output inside the data directory is refused in Chinese,
 * and a case with a short foreign ID number lists and shows masked. At 1366×768 and 1024×768.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { expect, IDS, ROOT, test } from './fixtures';
import { showColumn } from './workbench';

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]) {
  test(`asks before replacing a batch, refuses the data directory, lists a passport number (${viewport.width}×${viewport.height})`, async ({
    page,
    desk,
    shot,
  }) => {
    await page.setViewportSize(viewport);
    await desk('cases.add', {
      disputeType: '邻里',
      summary: '护照当事人的相邻纠纷',
      receivedAt: '2026-11-02',
      parties: [
        { role: 'applicant', name: '约翰', idType: '护照', idNumber: 'E12345678' },
        { role: 'respondent', name: '李四', idNumber: IDS.liSi },
      ],
    });
    const base = page.url().replace(/#.*$/, '');

    await page.goto(`${base}#/register`);
    await expect(page.getByTestId('register-table')).toContainText('约翰 与 李四');
    await showColumn(page, '证件号码'); // not a default column: the list shows it masked when asked
    await expect(page.getByText('E1*****78')).toBeVisible();
    await expect(page.getByTestId('register-table')).not.toContainText('E12345678');
    await shot(`hardening-register-passport-${viewport.width}`);

    const folder = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-out-'));
    const target = path.join(folder, 'batch.zip');
    writeFileSync(target, 'an earlier batch');
    await page.goto(`${base}#/batches`);
    await page.getByText('全部案件').click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.locator('#batch-out').fill(target);
    await page.getByRole('button', { name: '开始导出' }).click();
    const question = page.getByRole('dialog').filter({ hasText: '覆盖已有文件？' });
    await expect(question).toContainText(target);
    await shot(`hardening-overwrite-question-${viewport.width}`);
    await question.getByRole('button', { name: '取消' }).click();
    await expect(question).toBeHidden();
    expect(readFileSync(target, 'utf8')).toBe('an earlier batch');

    await page.getByRole('button', { name: '开始导出' }).click();
    await question.getByRole('button', { name: '覆盖' }).click();
    await expect(page.getByTestId('batch-code')).toBeVisible(); // the result, with the file's phone code
    expect(readFileSync(target).subarray(0, 2).toString()).toBe('PK');

    // The shipped templates are protected like the data directory: the screen says so in Chinese.
    await page.goto(`${base}#/settings`);
    await page.getByRole('tab', { name: '密钥与指纹' }).click();
    await page.locator('#key-out').fill(path.join(ROOT, 'resources', 'templates', 'key.json'));
    await page.getByRole('button', { name: '导出公钥文件' }).click();
    await expect(page.getByText(/不能写入.*程序自带模板和字体的文件夹/)).toBeVisible();
    await shot(`hardening-keys-${viewport.width}`);
  });
}
