/**
 * The key exchange on screen, without the command line. At the centre: the first batch of a station
 * not yet registered is refused with the station's fingerprint, and 指纹一致，登记站点并导入 registers it
 * and imports. At a station: the first receipt, before the centre's key is registered, shows the
 * centre's fingerprint, and 指纹一致，登记并应用回执 registers the key and applies it. The other side is
 * a desk on its own temporary data directory, driven through the handler table.
 */

import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { call } from '../../electron/core/api';
import { systemClock } from '../../electron/core/dates';
import type { Desk } from '../../electron/core/desk';
import type { SettingsInput } from '../../electron/core/schema/settings';
import { CENTRE_SETTINGS as CENTRE } from '../integration/batches-support';
import { diskDesk, sampleCaseInput } from '../support/desk';
import { expect, test } from './fixtures';
import { openMenu } from './workbench';

const STATION = { name: '西城街道人民调解委员会', shortName: '西城', stationCode: '511702-002', operator: '赵调解' };

/** The other side, on its own data directory, its administrator signed in; `dir` is a folder for its files. */
async function openDesk(settings: SettingsInput): Promise<{ desk: Desk; dir: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-keys-data-'));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-keys-'));
  return { desk: await diskDesk({ dataDir, settings, clock: systemClock }), dir };
}

test.describe('中心：从站点的第一个批次登记站点', () => {
  test.use({ office: CENTRE });

  test('拒收未登记站点的批次并显示指纹 → 指纹一致，登记站点并导入', async ({ page, desk, shot }) => {
    const station = await openDesk(STATION);
    try {
      await call(station.desk, 'cases.add', sampleCaseInput());
      const batch = await call(station.desk, 'batches.export', { out: path.join(station.dir, '批次.zip'), selection: 'all' });
      const fingerprint = (await call(station.desk, 'keys.show', {})).fingerprint;

      await openMenu(page, '站点上报');
      await page.getByLabel('选择站点的批次文件').fill(batch.file);
      await page.getByRole('button', { name: '校验并导入' }).click();
      const offer = page.getByTestId('trust-station-offer');
      await expect(offer).toContainText(`${STATION.name}（${STATION.stationCode}）`);
      await expect(offer.getByTestId('offered-fingerprint')).toHaveText(fingerprint);
      await expect(page.locator('.ant-result-error')).not.toContainText('centre trust');
      await shot('90-centre-untrusted-batch');
      expect((await desk<{ total: number }>('cases.list')).total).toBe(0);

      await offer.getByRole('button', { name: '指纹一致，登记站点并导入' }).click();
      const report = page.locator('.ant-card').filter({ hasText: '导入结果' });
      await expect(report).toContainText(`导入结果：${STATION.name}（${STATION.stationCode}）`, { timeout: 60_000 });
      expect((await desk<{ total: number }>('cases.list')).total).toBe(1);
      await page.getByRole('tab', { name: '站点公钥' }).click();
      await expect(page.getByRole('row').filter({ hasText: STATION.stationCode })).toContainText(fingerprint);
    } finally {
      await station.desk.close();
    }
  });
});

test('站点：第一份回执附带中心公钥 → 电话核对指纹 → 登记并应用回执', async ({ page, desk, shot }) => {
  const centre = await openDesk(CENTRE);
  try {
    // The station (the workbench) exports a batch; the centre trusts it and imports it, writing a receipt.
    await desk('cases.add', sampleCaseInput());
    const batch = await desk<{ file: string }>('batches.export', { out: path.join(centre.dir, '站点批次.zip'), selection: 'all' });
    await call(centre.desk, 'centre.trustFromBatch', {
      file: batch.file,
      fingerprint: (await desk<{ fingerprint: string }>('keys.show', {})).fingerprint,
    });
    const receipt = path.join(centre.dir, '回执.json');
    await call(centre.desk, 'batches.import', { file: batch.file, receiptOut: receipt });
    const centreFingerprint = (await call(centre.desk, 'keys.show', {})).fingerprint;

    await openMenu(page, '批量上报');
    await page.getByRole('tab', { name: '上报记录与回执' }).click();
    await expect(page.getByTestId('centre-key-card')).toContainText('尚未登记');
    await page.getByLabel('选择回执文件').fill(receipt);
    await page.getByRole('button', { name: '应用回执', exact: true }).click();
    const offer = page.getByTestId('confirm-centre-offer');
    await expect(offer.getByTestId('offered-fingerprint')).toHaveText(centreFingerprint);
    await expect(page.getByTestId('error-notice')).not.toContainText('keys import-centre');
    await shot('91-station-first-receipt');

    await offer.getByRole('button', { name: '指纹一致，登记并应用回执' }).click();
    await expect(page.getByText(`${CENTRE.name}：已接收 1 件，退回 0 件`)).toBeVisible();
    await expect(page.getByTestId('centre-key-card')).toContainText(`已登记：${CENTRE.name}，指纹 ${centreFingerprint}`);
    await expect(page.getByTestId('error-notice')).toHaveCount(0);
  } finally {
    await centre.desk.close();
  }
});
