/**
 * The front desk's second round through the workbench at 1024×768 in 大字, from the keyboard where a
 * clerk or the centre's staff would use it: correcting a registration (修改登记信息, a bad phone named
 * beside its field, nothing saved, then saved and logged); the front-desk table on 统计 (统一受理) and
 * its XLSX; at a centre, the requests a station reported (来访登记): by station, searched, one opened
 * read only.
 */

import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Page } from '@playwright/test';

import { call } from '../../electron/core/api';
import { systemClock } from '../../electron/core/dates';
import { CENTRE_SETTINGS as CENTRE } from '../integration/batches-support';
import { diskDesk } from '../support/desk';
import { expect, IDS, test } from './fixtures';
import { openMenu } from './workbench';

const quick = (page: Page, name: string) =>
  page.locator(`[data-testid="quick-entry"] [data-field="${name}"]`).locator('input, textarea').first();
const edit = (page: Page, name: string) => page.locator(`[data-testid="edit-request"] [data-field="${name}"]`);

async function largeText(page: Page, desk: (name: string, input?: unknown) => Promise<unknown>) {
  await desk('settings.update', { largeText: true });
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/large-text/);
}

test.describe('统一受理（续）1024×768 大字', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('修改登记信息（错误显示在字段旁）→ 统计：统一受理工作统计表与 Excel', async ({ page, desk, shot }) => {
    test.setTimeout(240_000);
    await largeText(page, desk);
    await openMenu(page, '统一受理');
    await quick(page, 'name').fill('张三');
    await quick(page, 'phone').fill('13800138000');
    await quick(page, 'matter').fill('咨询赡养费的标准');
    await quick(page, 'answer').fill('告知可协商确定，协商不成可起诉');
    // 登记后即办结 is ticked by default: untick it so the registration can still be corrected
    await page.getByRole('checkbox', { name: '登记后即办结（无需回访）' }).press('Space');
    await quick(page, 'answer').press('Control+s');
    await expect(page.getByTestId('desk-today')).toContainText('张三');

    // Open it from the keyboard: the number's link in today's list.
    await page.getByTestId('desk-today').getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('request-number')).toBeVisible();
    await page.getByTestId('request-edit').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('edit-request');
    await expect(dialog).toBeVisible();
    await expect(edit(page, 'name').locator('input')).toHaveValue('张三');

    // A bad phone: named beside its field, nothing saved.
    await edit(page, 'phone').locator('input').fill('12345');
    await edit(page, 'phone').locator('input').press('Control+s');
    await expect(edit(page, 'phone')).toContainText(/电话/);
    await shot('fd-21-edit-error');
    const before = await desk<{ items: { visitor: { phone: string } }[] }>('requests.list', {});
    expect(before.items[0].visitor.phone).toBe('13800138000');

    // Corrected: the name and phone as the visitor spelt them, the ID given after all.
    await edit(page, 'name').locator('input').fill('张三丰');
    await edit(page, 'phone').locator('input').fill('13800138001');
    await edit(page, 'idNumber').locator('input').fill(IDS.zhangSan);
    await edit(page, 'idNumber').locator('input').press('Control+s');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('张三丰').first()).toBeVisible();
    await expect(page.getByText('修改登记信息', { exact: false }).last()).toBeVisible();
    // the log says old → new, field by field, in the requests' own words
    await expect(page.getByText('来访人·联系电话：13800138000 → 13800138001')).toBeVisible();
    await expect(page.getByText('来访人·姓名：张三 → 张三丰')).toBeVisible();
    // the ID is shown masked on the request
    await expect(page.getByText(IDS.zhangSan)).toHaveCount(0);
    await shot('fd-22-edited');
    const after = await desk<{ items: { visitor: { name: string; phone: string } }[] }>('requests.list', {});
    expect(after.items[0].visitor).toMatchObject({ name: '张三丰', phone: '13800138001' });

    // 统计 → 统一受理: the year's table, one row for 法律咨询 and the total.
    await openMenu(page, '统计');
    await page.getByRole('tab', { name: '统一受理' }).click();
    const table = page.getByTestId('fd-stats-table');
    await expect(table.locator('tr[data-row-key="consultation"]')).toContainText('法律咨询');
    await expect(table.locator('tr[data-row-key="total"]')).toContainText('合计');
    await page.getByTestId('fd-stats-by').getByText('处理方式').click();
    await expect(table.locator('tr[data-row-key="on-the-spot"]')).toContainText('当场解答');
    await shot('fd-23-stats-front-desk');
    const download = page.waitForEvent('download');
    await page.getByTestId('fd-stats-export').click();
    const file = await (await download).path();
    expect(readFileSync(file!).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

test.describe('中心：站点上报的来访登记 1024×768 大字', () => {
  test.use({ viewport: { width: 1024, height: 768 }, office: CENTRE });

  test('按站点查看、搜索、打开一件（只读）；统计按站点', async ({ page, desk, shot }) => {
    test.setTimeout(240_000);
    const work = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-fd-centre-'));
    const station = await diskDesk({
      dataDir: await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-fd-station-')),
      settings: { name: '东城街道人民调解委员会', shortName: '东城', stationCode: '511702-001', operator: '王调解' },
      clock: systemClock,
    });
    try {
      // The station registers two requests and reports them; the centre trusts its key and imports the batch.
      await call(station, 'requests.add', {
        visitor: { name: '张三', phone: '13800138000', idNumber: IDS.zhangSan },
        matter: '咨询赡养费的标准',
        answer: '告知可协商确定',
      });
      await call(station, 'requests.add', {
        businessType: '法律援助',
        handling: '转办',
        office: '法律援助中心',
        visitor: { name: '李四', phone: '13900139000', idDeclined: true },
        matter: '被拖欠工资三个月，申请法律援助',
      });
      const stationKey = path.join(work, 'station.key.json');
      const centreKey = path.join(work, 'centre.key.json');
      await call(station, 'keys.export', { out: stationKey });
      await desk('keys.export', { out: centreKey });
      await desk('centre.trust', { file: stationKey });
      await call(station, 'keys.importCentre', { file: centreKey });
      const exported = await call(station, 'batches.export', { out: work });
      await desk('batches.import', { file: exported.file });

      await largeText(page, desk);
      await openMenu(page, '来访登记');
      const list = page.getByTestId('centre-requests');
      await expect(list).toContainText('张三');
      await expect(list).toContainText('李四');
      await expect(list).toContainText('东城街道人民调解委员会');
      await expect(list).not.toContainText(IDS.zhangSan);
      // by station, from the keyboard
      await page.getByLabel('站点').focus();
      await page.keyboard.type('东城');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('centre-requests-total')).toContainText('共 2 件');
      // searched by name
      await page.getByLabel('查找来访登记').fill('李四');
      await expect(page.getByTestId('centre-requests-total')).toContainText('共 1 件');
      await shot('fd-31-centre-requests');

      await list.getByRole('link').first().focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('request-origin')).toContainText('511702-001');
      await expect(page.getByTestId('request-actions')).toContainText('在中心只能查看');
      await expect(page.getByTestId('request-actions').getByRole('button')).toHaveCount(0);
      await expect(page.getByTestId('request-edit')).toHaveCount(0);
      await shot('fd-32-centre-request-read-only');

      // 统计 → 统一受理, by station at a centre
      await openMenu(page, '统计');
      await page.getByRole('tab', { name: '统一受理' }).click();
      await expect(page.getByTestId('fd-stats-table').getByRole('row', { name: /东城街道/ })).toBeVisible();
      await shot('fd-33-centre-stats');
    } finally {
      await station.close();
    }
  });
});
