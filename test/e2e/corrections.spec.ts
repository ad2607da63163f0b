/**
 * Corrections and the centre's supervision, as their users meet them in the workbench:
 * 1. the station → centre → 退回补正 → correction → re-export round trip, with the centre's home;
 * 2. corrections on 案件详情 (a session record, the unsigned agreement, 撤销上一步, a 补充协议 after
 *    signing), 我的案件 and 打印台账, at 1024×768 in 大字;
 * 3. 备份到U盘/文件夹 and 从备份文件恢复 with a passphrase (a wrong one changes nothing).
 * Screenshots: test-results/screenshots/<project>/corrections-*.png.
 */

import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Browser, Page } from '@playwright/test';

import { CENTRE_SETTINGS as CENTRE } from '../integration/batches-support';
import { deskOf, expect, IDS, PASSWORD, startHarness, stopHarness, test } from './fixtures';

/** A second office (the centre) in its own harness and browser context, its administrator signed in. */
async function openCentre(browser: Browser) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-centre-'));
  const harness = await startHarness(dataDir);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(harness.url);
  await page.waitForFunction(() => Boolean((window as any).desk));
  await deskOf(page)('settings.init', { ...CENTRE, password: PASSWORD });
  await page.reload();
  await page.getByTestId('office-name').waitFor();
  return {
    page,
    desk: deskOf(page),
    async close() {
      await context.close();
      await stopHarness(harness);
    },
  };
}

async function act(page: Page, label: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => {}) {
  await page.getByTestId('case-actions').getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: label }).first();
  await expect(dialog).toBeVisible();
  await fill(dialog);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  const confirm = page.locator('.ant-modal-confirm');
  if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: `确定${label}` }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

const caseInput = (summary: string) => ({
  receivedAt: '2026-01-05',
  disputeType: '邻里',
  summary,
  facts: '双方系相邻住户，因排水沟改建发生纠纷。',
  mediators: ['王调解'],
  parties: [
    { role: 'applicant', name: '张三', idNumber: IDS.zhangSan, phone: '13800138000' },
    { role: 'respondent', name: '李四', idNumber: IDS.liSi, phone: '13900139000' },
  ],
});

test('站点 → 中心 → 退回补正 → 站点更正 → 重新上报，中心工作台看得到', async ({ page, desk, browser, shot }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const centre = await openCentre(browser);
  try {
    const work = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-work-'));
    const file = (name: string) => path.join(work, name);
    // Keys exchanged (the key screens are the batch engineer's; here through the same door the UI uses).
    await desk('keys.export', { out: file('station.key.json') });
    await centre.desk('keys.export', { out: file('centre.key.json') });
    await centre.desk('centre.trust', { file: file('station.key.json') });
    await desk('keys.importCentre', { file: file('centre.key.json') });
    const c = await desk<{ id: string; number: string }>('cases.add', caseInput('相邻排水纠纷'));
    await desk('cases.act', { id: c.id, action: 'accept', details: { date: '2026-01-06' } });

    // The centre's home before any batch (reloaded: the key was trusted behind its back): the station
    // is known, nothing received.
    await centre.page.reload();
    await expect(centre.page.getByTestId('station-overview')).toContainText('东城街道人民调解委员会（511702-001）');
    await expect(centre.page.getByTestId('station-overview')).toContainText('未上报');

    // station → centre, receipt back
    const first = await desk<{ file: string }>('batches.export', { out: file('b1.zip') });
    await centre.desk('batches.import', { file: first.file, receiptOut: file('r1.json') });
    await desk('batches.applyReceipt', { file: file('r1.json') });
    await centre.page.reload();
    await expect(centre.page.getByTestId('station-overview')).toContainText('已上报');
    await expect(centre.page.getByTestId('recent-batches')).toContainText('第1批');
    await centre.page.screenshot({ path: 'test-results/screenshots/harness/corrections-01-centre-home.png' });

    // The centre's list names the station and filters by it; the case is returned for correction.
    await centre.page.getByRole('menuitem', { name: '案件' }).click();
    await expect(centre.page.getByTestId('register-table')).toContainText('东城街道人民调解委员会（511702-001）');
    await centre.page.getByTestId('register-station').click();
    await centre.page.locator('.ant-select-item-option', { hasText: '东城街道' }).click();
    await expect(centre.page.getByTestId('register-table')).toContainText(c.number);
    await centre.page.screenshot({ path: 'test-results/screenshots/harness/corrections-02-centre-register.png' });
    await centre.page.getByTestId('register-table').getByText(c.number).click();
    await centre.page.getByTestId('centre-return').getByRole('button', { name: '退回补正' }).click();
    const returnDialog = centre.page.getByRole('dialog');
    await returnDialog.getByLabel('退回补正的理由').fill('被申请人身份证号码与姓名不符，请核对');
    await returnDialog.getByRole('button', { name: '退回补正' }).click();
    await expect(centre.page.getByTestId('centre-return')).toContainText('被申请人身份证号码与姓名不符');
    await centre.page.screenshot({ path: 'test-results/screenshots/harness/corrections-03-centre-returned.png' });

    // 签发回执 from 站点上报 → 退回补正
    await centre.page.getByRole('menuitem', { name: '站点上报' }).click();
    await centre.page.getByRole('tab', { name: '退回补正' }).click();
    await centre.page.getByLabel('签发回执的站点').click();
    await centre.page.locator('.ant-select-item-option', { hasText: '东城街道' }).click();
    await centre.page.getByLabel('保存签发的回执').fill(file('r2.json'));
    await centre.page.getByRole('button', { name: '签发回执' }).click();
    await expect(centre.page.getByText(/已签发回执/)).toBeVisible();
    await expect(centre.page.getByRole('table').last()).toContainText('已随1份回执发出');

    // At the station: the returned case waits on 工作台 with the centre's reason.
    await desk('batches.applyReceipt', { file: file('r2.json') });
    await page.reload();
    const queue = page.getByTestId('queue-returned');
    await expect(queue).toContainText('被申请人身份证号码与姓名不符，请核对');
    await shot('corrections-04-station-returned');
    await queue.getByText(c.number).first().click();
    await expect(page.getByText('中心退回')).toBeVisible();

    // Correct the party (修改基本信息; no agreement yet, so the reason is optional) and re-export.
    await page.getByRole('button', { name: '修改基本信息' }).click();
    const idInput = page.locator('[data-field="parties[1].idNumber"]').locator('input').first();
    await idInput.fill(IDS.wangWu);
    await page.getByLabel('修改理由').fill('按中心退回意见更正身份证号码');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('case-number')).toBeVisible();
    await page.getByRole('tab', { name: '操作记录' }).click();
    await expect(page.getByText('当事人第2位·证件号码：510702********0017 → 510722********0021')).toBeVisible();
    await shot('corrections-05-station-log');
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await expect(page.getByTestId('queue-returned')).toBeVisible();
    const second = await desk<{ cases: number; file: string }>('batches.export', { out: file('b2.zip') });
    expect(second.cases).toBe(1);
    await page.reload();
    await expect(page.getByTestId('queue-returned')).toHaveCount(0);

    // The centre sees the new revision; the return closes.
    await centre.desk('batches.import', { file: second.file });
    // (imported behind the screen's back: reload, then 站点上报 → 退回补正 → 已补正)
    await centre.page.reload();
    await centre.page.getByRole('tab', { name: '退回补正' }).click();
    await centre.page.locator('.ant-radio-button-wrapper', { hasText: '已补正' }).click();
    await expect(centre.page.getByRole('table').last()).toContainText('已补正');
    await centre.page.getByRole('menuitem', { name: '工作台' }).click();
    await expect(centre.page.getByTestId('centre-totals')).toContainText('退回待补正');
    await centre.page.screenshot({ path: 'test-results/screenshots/harness/corrections-06-centre-after.png' });
  } finally {
    await centre.close();
  }
});

test('案件详情的更正：调解记录、未签署的协议、撤销上一步、补充协议；我的案件与打印台账（1024×768，大字）', async ({ page, desk, shot }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1024, height: 768 });
  await desk('settings.update', { largeText: true });
  await page.reload();
  const c = await desk<{ id: string; number: string }>('cases.add', caseInput('相邻通行纠纷'));
  const others = await desk<{ number: string }>('cases.add', { ...caseInput('别人的案件'), mediators: ['李明华'] });
  await page.evaluate((id) => (window.location.hash = `#/case/${id}`), c.id);
  await expect(page.getByTestId('case-number')).toHaveText(c.number);
  await act(page, '受理');
  // 撤销上一步 names the step and asks for a reason
  await page.getByTestId('undo-last').click();
  const undo = page.getByRole('dialog');
  await expect(undo.getByTestId('action-note')).toContainText('受理');
  await undo.getByLabel('撤销理由').fill('误点了受理');
  await undo.getByRole('button', { name: '撤销上一步' }).click();
  await expect(page.getByText('已登记').first()).toBeVisible();
  await act(page, '受理');
  await act(page, '记录调解', async (d) => {
    await d.getByLabel('调解经过').fill('双方陈述事实。');
    await d.getByLabel('记录人').fill('王调解王调解');
  });
  // 修改 a session record: starts from the current values, only the change is sent
  await page.getByTestId('session-card').getByRole('button', { name: '修改' }).click();
  const edit = page.getByRole('dialog');
  await expect(edit.getByLabel('调解经过')).toHaveValue('双方陈述事实。');
  await edit.getByLabel('记录人').fill('王调解');
  await edit.getByLabel('修改理由').fill('记录人写重了');
  await shot('corrections-07-edit-session');
  await edit.getByRole('button', { name: '修改调解记录' }).click();
  await expect(page.getByTestId('session-card')).toContainText('记录人：王调解');
  await expect(page.getByTestId('session-card')).not.toContainText('王调解王调解');

  await act(page, '达成协议', async (d) => {
    await d.getByLabel('协议条款第1条').fill('被申请人于2026年3月31日前清除杂物。');
  });
  // 修改协议 before signing
  await page.getByRole('button', { name: '修改协议' }).click();
  const amend = page.getByRole('dialog');
  await amend.getByLabel('协议条款第1条').fill('被申请人于2026年4月30日前清除杂物。');
  await amend.getByLabel('修改理由').fill('当事人阅读协议时发现日期写错');
  await amend.getByRole('button', { name: '修改协议' }).click();
  await expect(page.getByTestId('agreement-view')).toContainText('2026年4月30日');
  await act(page, '协议签署生效');
  await expect(page.getByRole('button', { name: '修改协议' })).toHaveCount(0);
  await act(page, '补充协议', async (d) => {
    await d.getByLabel('协议条款第1条').fill('清除期限延长至2026年5月31日。');
  });
  await expect(page.getByTestId('supplement-view')).toContainText('尚未签署');
  await act(page, '补充协议签署生效');
  await expect(page.getByTestId('supplement-view')).toContainText('生效');
  await shot('corrections-08-supplement');
  await page.getByRole('tab', { name: '操作记录' }).click();
  await page.getByTestId('verify-log').click();
  await expect(page.getByTestId('verify-result')).toContainText('操作记录完整');
  await shot('corrections-09-log');

  // 我的案件 on 工作台 and 案件; 打印台账 for what the list shows
  await page.getByRole('menuitem', { name: '案件' }).click();
  // 案由 is not among the register's default columns: the other case is known by its number
  await expect(page.getByTestId('register-table')).toContainText(others.number);
  await page.getByTestId('register-mine').click();
  await expect(page.getByTestId('register-table')).not.toContainText(others.number);
  await page.getByTestId('register-print').click();
  const print = page.getByRole('dialog');
  await expect(print).toContainText('共 1 件');
  const download = page.waitForEvent('download');
  await print.getByRole('button', { name: '保存' }).click();
  expect((await download).suggestedFilename()).toMatch(/案件登记台账.*\.pdf$/);
  await shot('corrections-10-register-mine');
});

test('备份到U盘/文件夹并从备份文件恢复（口令错误时不做任何更改）', async ({ page, desk, shot }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await desk('cases.add', caseInput('备份前的案件'));
  await page.reload();
  await expect(page.getByTestId('backup-reminder')).toBeVisible();
  await page.getByTestId('backup-reminder').getByRole('button', { name: '备份到U盘' }).click();
  const stick = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-stick-'));
  const exportCard = page.getByTestId('backup-export');
  await exportCard.getByLabel('保存备份文件').fill(stick);
  await exportCard.getByTestId('backup-encrypt').click();
  await exportCard.getByLabel('口令', { exact: true }).fill('东城调委会备份口令');
  await exportCard.getByLabel('再输入一次口令').fill('东城调委会备份口令');
  await shot('corrections-11-backup-export');
  await exportCard.getByRole('button', { name: '备份到U盘/文件夹' }).click();
  await expect(page.getByText(/已备份到/)).toBeVisible();
  const written = await desk<{ lastExport: { fileName: string } }>('backups.reminder');
  const archive = path.join(stick, written.lastExport.fileName);

  await desk('cases.add', caseInput('备份后的案件'));
  const importCard = page.getByTestId('backup-import');
  await importCard.getByLabel('选择备份文件').fill(archive);
  await importCard.getByRole('button', { name: '查看备份文件' }).click();
  await expect(importCard.getByTestId('archive-info')).toContainText('已用口令加密');
  await importCard.getByLabel('备份文件的口令').fill('错误的口令123');
  await importCard.getByRole('button', { name: '从备份文件恢复' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '恢复' }).click();
  await expect(importCard.getByText('口令不正确')).toBeVisible();
  expect((await desk<{ total: number }>('cases.list', {})).total).toBe(2);
  await shot('corrections-12-wrong-passphrase');
  await importCard.getByLabel('备份文件的口令').fill('东城调委会备份口令');
  await importCard.getByRole('button', { name: '从备份文件恢复' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '恢复' }).click();
  await expect(page.getByText(/已恢复到“备份文件/)).toBeVisible();
  expect((await desk<{ total: number }>('cases.list', {})).total).toBe(1);
  await shot('corrections-13-restored');
  // and undone
  await page.getByRole('button', { name: '撤销这次恢复' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '撤销恢复' }).click();
  await expect.poll(async () => (await desk<{ total: number }>('cases.list', {})).total).toBe(2);
});
