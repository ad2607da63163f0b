/**
 * The centre's screens and the keys, with a real station beside the workbench: the station is a desk
 * on its own temporary data directory, driven from the test through the same handler table (as its
 * own workbench or command line would). The centre exports its key from 设置 → 密钥与指纹, registers
 * the station's key, checks and imports its batch in 站点上报 (one case refused with the reason), and
 * the station applies the receipt. A second journey: a station's 密钥与指纹.
 */

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Page } from '@playwright/test';

import { call } from '../../electron/core/api';
import { systemClock } from '../../electron/core/dates';
import type { Desk } from '../../electron/core/desk';
import type { SettingsInput } from '../../electron/core/schema/settings';
import { CENTRE_SETTINGS as CENTRE, craftBatch, writeTo } from '../integration/batches-support';
import { diskDesk, sampleCaseInput } from '../support/desk';
import { expect, test } from './fixtures';
import { openMenu } from './workbench';

/** A station on its own data directory, set up with its administrator signed in. */
async function openStation(settings: SettingsInput): Promise<Desk> {
  return diskDesk({ dataDir: await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-station-')), settings, clock: systemClock });
}

const STATION = {
  name: '东城街道人民调解委员会',
  shortName: '东城',
  stationCode: '511702-001',
  organization: '达州市通川区东城街道办事处',
  operator: '王调解',
};

async function openKeys(page: Page) {
  await openMenu(page, '设置');
  await page.getByRole('tab', { name: '密钥与指纹' }).click();
}

test.describe('公共法律服务中心', () => {
  test.use({ office: CENTRE });

  test('密钥与指纹 → 登记站点公钥 → 校验并导入批次（拒收一件并说明原因）→ 站点应用回执', async ({ page, desk, shot }) => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-centre-'));
    const station = await openStation(STATION);
    try {
      // 设置 → 密钥与指纹: the centre's fingerprint, and its key file for the stations
      await openKeys(page);
      const keys = await desk<{ fingerprint: string }>('keys.show');
      await expect(page.getByText(keys.fingerprint, { exact: true })).toBeVisible();
      const centreKey = path.join(work, '中心公钥.json');
      await page.getByLabel('保存公钥文件').fill(centreKey);
      await page.getByRole('button', { name: '导出公钥文件' }).click();
      await expect(page.getByText(`公钥文件已保存：${centreKey}`)).toBeVisible();
      expect(JSON.parse(readFileSync(centreKey, 'utf8'))).toMatchObject({ role: 'centre', fingerprint: keys.fingerprint });
      await shot('80-centre-keys');

      // The station registers the centre's key, and makes a batch: two good cases and one without 案由.
      await call(station, 'keys.importCentre', { file: centreKey });
      const good = [
        await call(station, 'cases.add', sampleCaseInput()),
        await call(station, 'cases.add', sampleCaseInput({ summary: '借款纠纷' })),
      ];
      const broken = { ...(await call(station, 'cases.add', sampleCaseInput({ summary: '房屋租赁纠纷' }))), summary: '' };
      const batch = await writeTo(work, '511702-001_批次.zip', await craftBatch(station, { cases: [...good, broken] }));
      const stationKey = path.join(work, '站点公钥.json');
      const stationKeys = await call(station, 'keys.export', { out: stationKey });

      // 站点上报 → 站点公钥: register the station after reading the fingerprint back
      await openMenu(page, '站点上报');
      await page.getByRole('tab', { name: '站点公钥' }).click();
      await page.getByLabel('选择站点公钥文件').fill(stationKey);
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await expect(page.getByText(`已登记：${STATION.name}，指纹 ${stationKeys.fingerprint}`)).toBeVisible();
      const stationRow = page.getByRole('row').filter({ hasText: STATION.stationCode });
      await expect(stationRow).toContainText(stationKeys.fingerprint);
      await expect(stationRow).toContainText('登记');

      // 导入批次: a path that is not there, then 只校验 (refused: one case has no 案由), then import
      await page.getByRole('tab', { name: '导入批次' }).click();
      await page.getByLabel('选择站点的批次文件').fill(path.join(work, '没有这个文件.zip'));
      await page.getByRole('button', { name: '只校验' }).click();
      await expect(page.locator('.ant-result-error')).toContainText('没有这个文件.zip');
      await page.getByLabel('选择站点的批次文件').fill(batch);
      await page.getByRole('button', { name: '只校验' }).click();
      await expect(page.locator('.ant-result-error')).toContainText('批次未通过校验，未导入任何内容');
      await expect(page.locator('.ant-result-error')).toContainText('案由不能为空');
      expect((await desk<{ total: number }>('cases.list')).total).toBe(0);
      await shot('81-centre-verify-refused');

      await page.getByRole('button', { name: '校验并导入' }).click();
      const report = page.locator('.ant-card').filter({ hasText: '导入结果' });
      await expect(report).toContainText(`导入结果：${STATION.name}（${STATION.stationCode}）`, { timeout: 60_000 });
      const statistic = (title: string) => report.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');
      await expect(statistic('新增')).toHaveText('2');
      await expect(statistic('拒收')).toHaveText('1');
      const refused = report.getByRole('row').filter({ hasText: broken.number });
      await expect(refused).toContainText('拒收');
      await expect(refused).toContainText('summary');
      for (const c of good) await expect(report.getByRole('row').filter({ hasText: c.number })).toContainText('新增');
      const receipt = batch.replace(/\.zip$/, '.receipt.json');
      await expect(report).toContainText(`回执已保存：${receipt}`);
      expect(existsSync(receipt)).toBe(true);
      expect((await desk<{ total: number }>('cases.list')).total).toBe(2);
      await shot('82-centre-imported');

      // the station applies the receipt: two received, one returned with the reason
      const applied = await call(station, 'batches.applyReceipt', { file: receipt });
      expect(applied).toMatchObject({ received: 2, returned: 1, returnedCases: [{ id: broken.id }] });

      await page.getByRole('tab', { name: '导入记录' }).click();
      const logRow = page.getByRole('row').filter({ hasText: STATION.stationCode });
      await expect(logRow).toContainText(STATION.name);
      await expect(logRow.getByRole('cell').nth(4)).toHaveText('3');
    } finally {
      await station.close();
    }
  });
});

test('站点：密钥与指纹——本机指纹、导出公钥文件、登记中心公钥', async ({ page, desk, shot }) => {
  const work = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-keys-'));
  const centre = await openStation(CENTRE);
  try {
    const centreKey = path.join(work, '中心公钥.json');
    const centreKeys = await call(centre, 'keys.export', { out: centreKey });

    await openKeys(page);
    const own = await desk<{ fingerprint: string }>('keys.show');
    await expect(page.getByText(own.fingerprint, { exact: true })).toBeVisible();
    const centreRow = page.getByTestId('centre-key-card');
    await expect(centreRow).toContainText('尚未登记');

    const out = path.join(work, '站点公钥.json');
    await page.getByLabel('保存公钥文件').fill(out);
    await page.getByRole('button', { name: '导出公钥文件' }).click();
    await expect(page.getByText(`公钥文件已保存：${out}`)).toBeVisible();
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ role: 'station', fingerprint: own.fingerprint });

    // a file that is not a key is refused with a Chinese message, and nothing is registered
    const notAKey = await writeTo(work, '不是公钥.json', '{"hello":"world"}');
    await page.getByLabel('选择中心公钥文件').fill(notAKey);
    await page.getByRole('button', { name: '登记中心公钥' }).click();
    await expect(page.locator('.ant-notification-notice')).toContainText('中心公钥文件');
    await expect(centreRow).toContainText('尚未登记');

    await page.getByLabel('选择中心公钥文件').fill(centreKey);
    await page.getByRole('button', { name: '登记中心公钥' }).click();
    await expect(page.getByText(`已登记中心“${CENTRE.name}”的公钥，指纹 ${centreKeys.fingerprint}`)).toBeVisible();
    await expect(centreRow).toContainText(`已登记：${CENTRE.name}，指纹 ${centreKeys.fingerprint}`);
    await shot('83-station-keys');
  } finally {
    await centre.close();
  }
});
