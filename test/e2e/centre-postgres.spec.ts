/**
 * The workbench of a centre on PostgreSQL (a throw-away server: test/support/postgres.ts): set up as a
 * centre whose register is in the database (MEDIATION_DESK_DATABASE, as an administrator would give it),
 * then a station's batch checked and imported on the 站点上报 screen with its receipt written, the
 * year's statistics by station, and the register searched by name — all answered from the database;
 * the batch's front-desk requests too: 来访登记 lists them (ID numbers masked), one opens read only, and
 * 统计 → 统一受理 counts them by station.
 *
 * Without PostgreSQL a local run skips this journey with the reason; under CI it fails instead.
 */

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { call } from '../../electron/core/api';
import { DATABASE_ENV, Desk } from '../../electron/core/desk';
import { generateCases } from '../support/generate-cases';
import { type Cluster, createDatabase, postgresBin, startCluster } from '../support/postgres';
import { isCI } from '../support/postgres-setup';
import { expect, IDS, PASSWORD, test } from './fixtures';

const CENTRE = { name: '通川区公共法律服务中心', shortName: '通川中心', role: 'centre', operator: '赵主任' };
const NO_SERVER = '本机未安装 PostgreSQL（找不到 initdb），中心使用数据库的旅程已跳过';

test.describe('中心使用 PostgreSQL 数据库', () => {
  // the centre is set up by the fixture (its administrator signed in), with the database from the environment
  test.use({ office: CENTRE });
  // one journey through four screens on a shared, often loaded machine
  test.describe.configure({ timeout: 300_000 });
  let cluster: Cluster | undefined;
  let work: string;
  let batch: string;
  let key: string;
  let partyName: string;
  const previous = process.env[DATABASE_ENV];

  test.beforeAll(async () => {
    if (!postgresBin()) {
      if (isCI()) throw new Error(`${NO_SERVER}：CI 中不能跳过`);
      return;
    }
    test.setTimeout(240_000);
    cluster = await startCluster();
    // the harness (a child of this worker) takes the database from the environment, password included
    process.env[DATABASE_ENV] = await createDatabase(cluster.adminUrl, 'journey');
    work = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-centre-'));
    const station = await Desk.open({ dataDir: path.join(work, 'station'), dailyBackup: false });
    await call(station, 'settings.init', {
      name: '东城街道人民调解委员会',
      shortName: '东城',
      stationCode: '510702-001',
      operator: '王调解',
      password: PASSWORD,
      encrypt: false,
    });
    const cases = generateCases(120, { seed: 15, shortName: '东城', to: '2026-11-20' });
    await station.commit({ cases });
    // the station's front desk: a consultation answered on the spot, a legal-aid request routed
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
    partyName = cases[7].parties[0].name;
    key = path.join(work, 'east.key.json');
    await call(station, 'keys.export', { out: key });
    batch = (await call(station, 'batches.export', { out: path.join(work, 'out') })).file;
    await station.close();
  });

  test.afterAll(async () => {
    if (previous === undefined) delete process.env[DATABASE_ENV];
    else process.env[DATABASE_ENV] = previous;
    cluster?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('导入站点批次、出具回执、统计和查找都在数据库中完成', async ({ page, desk, shot }) => {
    test.skip(!cluster, NO_SERVER);
    await page.waitForFunction(() => Boolean((window as unknown as { desk?: unknown }).desk));
    expect(await desk('settings.get')).toMatchObject({ role: 'centre' });
    await desk('centre.trust', { file: key });
    await page.reload();
    await expect(page.getByTestId('office-name')).toContainText('通川区公共法律服务中心');

    await page.getByRole('menuitem', { name: '站点上报' }).click();
    await page.locator('#batch-file').fill(batch);
    await page.getByRole('button', { name: '只校验' }).click();
    await expect(page.getByText('批次完好：120 件案件，2 条来访登记')).toBeVisible();
    await shot('centre-pg-01-verified');
    await page.getByRole('button', { name: '校验并导入' }).click();
    const receipt = batch.replace(/\.zip$/, '.receipt.json');
    await expect(page.getByText('导入结果：东城街道人民调解委员会（510702-001）')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('回执已保存')).toBeVisible();
    await expect(page.getByTestId('import-requests')).toContainText('来访登记：新增 2 条');
    await shot('centre-pg-02-imported');
    expect(existsSync(receipt)).toBe(true);
    const written = JSON.parse(readFileSync(receipt, 'utf8')) as { receipt: { format: string; station: { code: string } } };
    expect(written.receipt).toMatchObject({ format: 'mediation-desk-receipt', station: { code: '510702-001' } });
    // the register is in the database, not in the data directory
    const stations = await desk<{ stations: { stationCode: string }[] }>('centre.stations', {});
    expect(stations.stations.map((s) => s.stationCode)).toEqual(['510702-001']);

    await page.getByRole('menuitem', { name: '统计' }).click();
    await page.getByText('年', { exact: true }).click();
    await page.getByTestId('stats-by').getByText('站点', { exact: true }).click();
    await expect(page.getByTestId('stats-table')).toContainText('东城街道人民调解委员会');
    await shot('centre-pg-03-statistics');

    await page.getByRole('menuitem', { name: '案件' }).click();
    await page.getByTestId('register-search').locator('input').fill(partyName);
    await expect(page.locator('.page-subtitle')).toContainText(`按“${partyName}”查找`);
    await expect(page.getByTestId('register-table')).toContainText(partyName);
    await shot('centre-pg-04-search');

    // the front desk's requests, from the database: listed with ID numbers masked, searched, one opened read only
    await page.getByRole('menuitem', { name: '来访登记' }).click();
    const list = page.getByTestId('centre-requests');
    await expect(page.getByTestId('centre-requests-total')).toHaveText('共 2 件');
    await expect(list).toContainText('张三');
    await expect(list).toContainText('李四');
    await expect(list).toContainText('东城街道人民调解委员会');
    await expect(list).not.toContainText(IDS.zhangSan);
    await shot('centre-pg-05-requests');
    await page.getByLabel('查找来访登记').fill('拖欠工资');
    await expect(page.getByTestId('centre-requests-total')).toHaveText('共 1 件');
    await expect(list).toContainText('李四');
    await list.getByRole('link').first().click();
    await expect(page.getByTestId('request-origin')).toContainText('510702-001');
    await expect(page.getByTestId('request-actions')).toContainText('在中心只能查看');
    await expect(page.getByTestId('request-actions').getByRole('button')).toHaveCount(0);
    await expect(page.getByTestId('request-edit')).toHaveCount(0);
    await shot('centre-pg-06-request-read-only');

    // 统计 → 统一受理 by station
    await page.getByRole('menuitem', { name: '统计' }).click();
    await page.getByRole('tab', { name: '统一受理' }).click();
    await page.getByTestId('fd-stats-by').getByText('站点', { exact: true }).click();
    const row = page.getByTestId('fd-stats-table').getByRole('row', { name: /东城街道/ });
    await expect(row).toBeVisible();
    await expect(row.getByRole('cell').nth(1)).toHaveText('2'); // 登记 (this month's, the default period)
    await shot('centre-pg-07-front-desk-stats');
  });
});
