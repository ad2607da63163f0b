/**
 * Leftovers users met: saving over an existing file asks 覆盖已有文件？ (备份到U盘, 签发回执, 协助站点恢复)
 * and answers by keyboard (Esc keeps the file, Enter replaces it), a path in the data directory stays
 * refused in Chinese, and 打印台账 passes on the save dialog's own confirmation; what a role may not do
 * is not offered (备份到U盘 for a 调解员; 纠纷登记 and 文书 at a centre, in the menu nor typed into the
 * address); the subtitles of 工作台 and 统计 → 统一受理 break between phrases. At 1366×768 and 1024×768,
 * normal and 大字.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Locator, Page } from '@playwright/test';

import { call } from '../../electron/core/api';
import { systemClock } from '../../electron/core/dates';
import { CENTRE_SETTINGS } from '../integration/batches-support';
import { diskDesk, sampleCaseInput } from '../support/desk';
import { type DeskCall, expect, OFFICE, PASSWORD, test } from './fixtures';
import { openMenu } from './workbench';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
];

const outFolder = () => mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-overwrite-'));

async function setLargeText(page: Page, desk: DeskCall, on: boolean): Promise<void> {
  const settings = await desk<Record<string, unknown>>('settings.get');
  await desk('settings.update', { ...settings, largeText: on });
  await page.reload();
  await page.getByTestId('office-name').waitFor();
}

/** The question for `file`; Esc answers 取消 (the file is kept), a second run and Enter answers 覆盖. */
async function answerByKeyboard(page: Page, start: () => Promise<void>, file: string, shot: () => Promise<void>): Promise<void> {
  const question = page.getByRole('dialog').filter({ hasText: '覆盖已有文件？' });
  await start();
  await expect(question).toContainText(file);
  await shot();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  expect(readFileSync(file, 'utf8')).toBe('an earlier file');
  await start();
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: '覆盖' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
}

/** The subtitle's text as laid out, one string per line. */
async function linesOf(subtitle: Locator): Promise<string[]> {
  return subtitle.evaluate((element) => {
    const range = document.createRange();
    const lines = new Map<number, string>();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        lines.set(top, (lines.get(top) ?? '') + text[i]);
      }
    }
    return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
  });
}

/** Every line of `subtitle` ends where one of `phrases` (its text, cut in order) ends. */
async function expectBreaksBetween(subtitle: Locator, phrases: string[]): Promise<void> {
  const lines = await linesOf(subtitle);
  expect(lines.join('')).toBe(phrases.join(''));
  const phraseEnds = new Set(phrases.map((_, i) => phrases.slice(0, i + 1).join('').length));
  let end = 0;
  for (const line of lines) {
    end += line.length;
    expect(phraseEnds.has(end), `一行在词组中间断开：${lines.join(' / ')}`).toBe(true);
  }
}

for (const size of SIZES) {
  test(`备份到U盘：覆盖前询问（键盘），数据目录拒绝；调解员看不到（${size.width}）`, async ({ page, desk, shot, harness }) => {
    await page.setViewportSize(size);
    const target = path.join(await outFolder(), '备份.zip');
    writeFileSync(target, 'an earlier file');
    await openMenu(page, '设置');
    await page.getByRole('tab', { name: '备份与恢复' }).click();
    const card = page.getByTestId('backup-export');
    await card.getByLabel('保存备份文件').fill(target);
    const start = () => card.getByRole('button', { name: '备份到U盘/文件夹' }).click();
    await answerByKeyboard(page, start, target, () => shot(`overwrite-backup-question-${size.width}`));
    await expect(page.getByText(/已备份到 .*备份\.zip/)).toBeVisible();
    expect(readFileSync(target).subarray(0, 2).toString()).toBe('PK');

    // inside the data directory: still refused, in Chinese, and no question
    test.skip(!harness, 'harness only: the data directory is the harness’s');
    await card.getByLabel('保存备份文件').fill(path.join(harness!.dataDir, '备份.zip'));
    await start();
    await expect(card.getByText(/不能写入.*数据目录/)).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await shot(`overwrite-backup-datadir-${size.width}`);

    // a 调解员: 立即备份, but neither the USB cards nor 恢复到此备份 (they would only be refused)
    await desk('operators.add', { name: '李明华', role: 'mediator', password: 'chushi-mima-1' });
    for (const large of [false, true]) {
      await setLargeText(page, desk, large); // 大字 is the office's setting: the administrator's
      await desk('session.signOut');
      await desk('session.signIn', { name: '李明华', password: large ? 'liminghua-2026' : 'chushi-mima-1' });
      if (!large) await desk('operators.changePassword', { password: 'chushi-mima-1', newPassword: 'liminghua-2026' });
      await page.reload();
      await openMenu(page, '设置');
      await page.getByRole('tab', { name: '备份与恢复' }).click();
      await expect(page.getByRole('button', { name: '立即备份' })).toBeVisible();
      await expect(page.getByText('备份到U盘和恢复由管理员办理。')).toBeVisible();
      await expect(page.getByTestId('backup-export')).toHaveCount(0);
      await expect(page.getByTestId('backup-import')).toHaveCount(0);
      await expect(page.getByRole('button', { name: '恢复到此备份' })).toHaveCount(0);
      await shot(`roles-backups-mediator-${size.width}${large ? '-large' : ''}`);
      await desk('session.signOut');
      await desk('session.signIn', { name: OFFICE.operator, password: PASSWORD });
    }
  });

  test(`打印台账：保存对话框确认过的覆盖照写（${size.width}）`, async ({ page, desk, harness }) => {
    test.skip(!harness, 'the save dialog is stood in for in the harness page');
    await page.setViewportSize(size);
    await desk('cases.add', sampleCaseInput());
    const target = path.join(await outFolder(), '台账.pdf');
    writeFileSync(target, 'an earlier file');
    // The desktop's save dialog (it asked 覆盖吗？ itself) stood in for: it answers `target`.
    await page.addInitScript((chosen) => {
      const freeze = Object.freeze;
      Object.freeze = <T>(o: T): Readonly<T> =>
        o && typeof o === 'object' && 'setUnsavedWork' in o
          ? freeze({ ...o, shell: { chooseSavePath: () => Promise.resolve(chosen), chooseOpenPath: () => Promise.resolve(null) } })
          : freeze(o);
    }, target);
    await page.reload();
    await openMenu(page, '案件');
    await page.getByTestId('register-print').click();
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect(page.getByText(`已保存：${target}`)).toBeVisible();
    expect(readFileSync(target).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test(`工作台与统一受理统计的副标题在词组之间换行（${size.width}，菜单展开）`, async ({ page, desk, shot }) => {
    await page.setViewportSize(size);
    await page.evaluate(() => localStorage.setItem('mediation-desk.menuCollapsed', '0'));
    for (const large of [false, true]) {
      await setLargeText(page, desk, large);
      const suffix = `${size.width}${large ? '-large' : ''}`;
      await openMenu(page, '工作台');
      const office = page.locator('.page-subtitle').first();
      await expect(office).toHaveText('东城街道人民调解委员会');
      await expectBreaksBetween(office, ['东城街道人民调解委员会']);
      await shot(`subtitle-home-${suffix}`);

      await openMenu(page, '统计');
      await page.getByRole('tab', { name: '统一受理' }).click();
      const subtitle = page.locator('.page-subtitle').filter({ hasText: '口径' });
      await expect(subtitle).toBeVisible();
      const text = (await subtitle.textContent())!;
      // the period with its dates, then each clause of the 口径
      await expectBreaksBetween(subtitle, text.split(/(?<=）)|(?<=统计，)/));
      await shot(`subtitle-front-desk-stats-${suffix}`);
    }
  });
}

test.describe('公共法律服务中心', () => {
  test.use({ office: CENTRE_SETTINGS });

  for (const size of SIZES) {
    test(`菜单没有纠纷登记和文书；签发回执覆盖前询问（键盘）（${size.width}）`, async ({ page, desk, shot }) => {
      await page.setViewportSize(size);
      const menu = page.getByRole('menu');
      await expect(menu.getByText('站点上报')).toBeVisible();
      await expect(menu.getByText('纠纷登记')).toHaveCount(0);
      await expect(menu.getByText('文书')).toHaveCount(0);
      await shot(`roles-centre-menu-${size.width}`);
      // Typed into the address, a station's screen opens no more than an unknown route: 工作台 shows
      // (from 案件 each time, so that a screen opening instead is seen, not the 工作台 left before).
      const title = page.locator('.page-title');
      for (const hidden of ['#/intake', '#/documents', '#/batches', '#/front-desk', '#/no-such-screen']) {
        await page.evaluate(() => (location.hash = '#/register'));
        await expect(title).toHaveText('案件');
        await expect(page.getByRole('button', { name: '纠纷登记' })).toHaveCount(0);
        await page.evaluate((hash) => (location.hash = hash), hidden);
        await expect(title).toHaveText('工作台');
        await expect(page.getByTestId('centre-totals')).toBeVisible();
        await expect(menu.getByRole('menuitem', { name: '工作台' })).toHaveClass(/ant-menu-item-selected/);
      }
      await shot(`roles-centre-hidden-route-${size.width}`);

      const work = await outFolder();
      // a station that has reported one batch (a receipt names its cases)
      await desk('keys.export', { out: path.join(work, 'centre.key.json') });
      const station = await diskDesk({
        dataDir: await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-overwrite-station-')),
        clock: systemClock,
      });
      try {
        await call(station, 'keys.importCentre', { file: path.join(work, 'centre.key.json') });
        await call(station, 'cases.add', sampleCaseInput());
        const batch = await call(station, 'batches.export', { out: path.join(work, 'batch.zip'), selection: 'all' });
        await desk('centre.trustFromBatch', { file: batch.file, fingerprint: (await call(station, 'keys.show', {})).fingerprint });
        await desk('batches.import', { file: batch.file, receiptOut: path.join(work, 'first-receipt.json') });
        // and, its passwords lost, asks the centre's help with its escrowed key
        await call(station, 'escrow.enable', {});
        await call(station, 'escrow.request', { out: path.join(work, 'request.json') });
      } finally {
        await station.close();
      }
      const target = path.join(work, 'receipt.json');
      writeFileSync(target, 'an earlier file');

      await openMenu(page, '站点上报');
      await page.getByRole('tab', { name: '退回补正' }).click();
      await page.getByLabel('签发回执的站点').click();
      await page.locator('.ant-select-item-option').first().click();
      await page.getByLabel('保存签发的回执').fill(target);
      const start = () => page.getByRole('button', { name: '签发回执' }).click();
      await answerByKeyboard(page, start, target, () => shot(`overwrite-receipt-question-${size.width}`));
      await expect(page.getByText(/已签发回执/)).toBeVisible();
      expect(readFileSync(target, 'utf8')).toContain('"mediation-desk-receipt"');

      // 设置 → 数据安全 → 协助站点恢复数据: the answer over an existing file is asked too
      const answer = path.join(work, 'answer.json');
      writeFileSync(answer, 'an earlier file');
      await openMenu(page, '设置');
      await page.getByRole('tab', { name: '数据安全' }).click();
      await page.getByLabel('站点的恢复申请文件').fill(path.join(work, 'request.json'));
      await page.getByLabel('答复文件的保存位置').fill(answer);
      const respond = () => page.getByRole('button', { name: '核对并生成答复' }).click();
      await answerByKeyboard(page, respond, answer, () => shot(`overwrite-escrow-answer-question-${size.width}`));
      await expect(page.getByText(/已为站点“.*”生成答复/)).toBeVisible();
      expect(readFileSync(answer, 'utf8')).toContain('"mediation-desk-recovery-response"');
    });
  }
});
