/**
 * 统计: a handful of cases whose figures are counted by hand, seen for this month by 纠纷类型 and by
 * 人民调解员, for last year, and in the exported XLSX (read back with exceljs, as Excel would open it).
 */

import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';

import { type DeskCall, expect, IDS, test } from './fixtures';
import { cellUnder, openMenu } from './workbench';

const party = (role: string, name: string, idNumber?: string) => ({ role, name, ...(idNumber ? { idNumber } : {}) });

/** This month: 邻里 ×3 (one 调解成功, one 调解不成, one still open), 合同 ×1 (调解成功); last year: 邻里 ×1. */
async function registerCases(desk: DeskCall, lastYear: string) {
  const add = (disputeType: string, mediators: string[], receivedAt?: string) =>
    desk<{ id: string }>('cases.add', {
      disputeType,
      summary: `${disputeType}纠纷`,
      mediators,
      ...(receivedAt ? { receivedAt } : {}),
      parties: [party('applicant', '张三', IDS.zhangSan), party('respondent', '李四', IDS.liSi)],
    });
  const act = (id: string, action: string, details: unknown = {}) => desk('cases.act', { id, action, details });
  const agreed = await add('邻里', ['王调解']);
  await act(agreed.id, 'accept');
  await act(agreed.id, 'agree', { form: 'written', terms: ['被申请人清除杂物。'] });
  await act(agreed.id, 'sign');
  const oral = await add('合同', ['李明华']);
  await act(oral.id, 'accept');
  await act(oral.id, 'agree', { form: 'oral', terms: ['被申请人当场付清货款。'] });
  const failed = await add('邻里', ['王调解', '李明华']);
  await act(failed.id, 'accept');
  await act(failed.id, 'fail', { reason: '双方分歧较大', guidance: '诉讼' });
  const open = await add('邻里', ['张桂兰']);
  await act(open.id, 'accept');
  await add('邻里', ['王调解'], `${lastYear}-06-15`);
}

/** 受理, 调解成功, 调解不成 of the row labelled `label`. */
async function figures(page: Page, label: string): Promise<string[]> {
  const row = page
    .getByTestId('stats-table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: label, exact: true }) });
  await expect(row).toHaveCount(1);
  return Promise.all(['受理（件）', '调解成功（件）', '调解不成（件）'].map(async (h) => (await cellUnder(row, h)).innerText()));
}

test('统计：本月按纠纷类型和调解员、去年全年、导出 Excel 与屏幕一致', async ({ page, desk, shot }) => {
  const year = new Date().getFullYear();
  await registerCases(desk, String(year - 1));
  await openMenu(page, '统计');
  await expect(page.locator('.page-subtitle')).toContainText(`${year}年${new Date().getMonth() + 1}月`);

  // 本月 by 纠纷类型 (the default grouping at a station)
  await expect.poll(() => figures(page, '邻里')).toEqual(['3', '1', '1']);
  expect(await figures(page, '合同')).toEqual(['1', '1', '0']);
  expect(await figures(page, '合计')).toEqual(['4', '2', '1']);
  await shot('90-stats-month-type');

  // by 人民调解员: a case with two mediators counts for each, and once in 合计
  await page.getByTestId('stats-by').getByText('人民调解员').click();
  await expect.poll(() => figures(page, '王调解')).toEqual(['2', '1', '1']);
  expect(await figures(page, '李明华')).toEqual(['2', '1', '1']);
  expect(await figures(page, '张桂兰')).toEqual(['1', '0', '0']);
  expect(await figures(page, '合计')).toEqual(['4', '2', '1']);
  await expect(page.getByText('一案有多名调解员的，分别计入各调解员，合计只计一次。')).toBeVisible();
  await shot('91-stats-month-mediator');

  // the XLSX of what is on screen
  const download = page.waitForEvent('download');
  await page.getByTestId('stats-export-xlsx').click();
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-stats-')), 'stats.xlsx');
  await (await download).saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet('统计表')!;
  expect(String(sheet.getCell('A1').value)).toContain(`${year}年${new Date().getMonth() + 1}月`);
  expect(sheet.getCell('A3').value).toBe('人民调解员');
  const rows = new Map<string, unknown[]>();
  sheet.eachRow((row) =>
    rows.set(
      String(row.getCell(1).value),
      [2, 3, 4].map((c) => row.getCell(c).value),
    ),
  );
  expect(rows.get('王调解')).toEqual([2, 1, 1]);
  expect(rows.get('张桂兰')).toEqual([1, 0, 0]);
  expect(rows.get('合计')).toEqual([4, 2, 1]);

  // last year as a whole: only the case received then
  await page.getByTestId('stats-by').getByText('纠纷类型').click();
  await page.getByText('年', { exact: true }).click();
  const picker = page.locator('.ant-picker input').first();
  await picker.click();
  await picker.fill(`${year - 1}年`);
  await picker.press('Enter');
  await expect(page.locator('.page-subtitle')).toContainText(`${year - 1}年（${year - 1}-01-01 至 ${year - 1}-12-31）`);
  await expect.poll(() => figures(page, '邻里')).toEqual(['1', '0', '0']);
  expect(await figures(page, '合计')).toEqual(['1', '0', '0']);
  await shot('92-stats-last-year');
});
