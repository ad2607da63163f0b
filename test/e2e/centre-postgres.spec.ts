/**
 * The workbench of a centre on PostgreSQL (a throw-away server: test/support/postgres.ts): set up as a
 * centre whose register is in the database (MEDIATION_DESK_DATABASE, as an administrator would give it),
 * then a station's batch checked and imported on the 站点上报 screen with its receipt written, the
 * year's statistics by station, and the register searched by name — all answered from the database;
 * 来访登记 says that the database keeps no front-desk requests yet.
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
import { expect, PASSWORD, test } from './fixtures';

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
    await expect(page.getByText('批次完好：120 件案件')).toBeVisible();
    await shot('centre-pg-01-verified');
    await page.getByRole('button', { name: '校验并导入' }).click();
    const receipt = batch.replace(/\.zip$/, '.receipt.json');
    await expect(page.getByText('导入结果：东城街道人民调解委员会（510702-001）')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('回执已保存')).toBeVisible();
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

    // the front desk's requests are not kept in the database yet: 来访登记 says so rather than a bare empty list
    await page.getByRole('menuitem', { name: '来访登记' }).click();
    await expect(page.getByTestId('centre-requests-notice')).toContainText('数据库暂不保存站点上报的来访登记');
    await expect(page.getByTestId('centre-requests-total')).toHaveText('共 0 件');
    await shot('centre-pg-05-requests');
  });
});
