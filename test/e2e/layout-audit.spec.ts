/**
 * The layout audit: every screen (and every tab of 案件详情, 批量上报, 站点上报 and 设置) at 1024×768 and
 * 1366×768, in normal and 大字 mode, checked by ./layout-audit.ts for text spilling over its neighbours,
 * text over text, columns without width, required columns off screen and numbers clipped in their
 * inputs. Three journeys: a station, a centre with a station that reports and one that is silent, and
 * the screens before the workbench (sign-in, 忘记密码, the lock, the forced password change).
 * The page is audited screen by screen down to its end (at most four screens).
 * Screenshots of every combination: test-results/layout-audit/<office>/<size>-<mode>/<screen>[-<n>].png.
 */

import { mkdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Page } from '@playwright/test';

import { call } from '../../electron/core/api';
import { systemClock } from '../../electron/core/dates';
import { CENTRE_SETTINGS } from '../integration/batches-support';
import { diskDesk, sampleCaseInput } from '../support/desk';
import { type DeskCall, expect, IDS, OFFICE, PASSWORD, ROOT, test } from './fixtures';
import { auditLayout, scrollDown } from './layout-audit';

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
];

/** The register's working columns: all of them on screen at 1366, the first three at 1024. */
const REGISTER_COLUMNS: Record<number, string[]> = {
  1366: ['案号', '当事人', '纠纷类型', '状态', '登记日期', '调解员'],
  1024: ['案号', '当事人', '状态'],
};

interface View {
  name: string;
  /** The route to open; or `open` brings the page to the view (the screens before the workbench). */
  hash?: string;
  open?(page: Page): Promise<void>;
  /** A tab to click after the screen opened. */
  tab?: string;
  requiredColumns?(width: number): string[];
}

/** Wait until nothing is loading any more; false when the screen did not settle in time. */
async function settle(page: Page): Promise<boolean> {
  const loaded = await expect(page.locator('.ant-spin-spinning, .ant-skeleton, .ant-card-loading-content'))
    .toHaveCount(0, { timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  // Fonts and the last layout pass.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(200);
  return loaded;
}

/** 大字 on or off: in the office's settings (signed in) and in this PC's storage (read before sign-in). */
async function setLargeText(page: Page, desk: DeskCall, on: boolean, signedIn = true): Promise<void> {
  if (signedIn) {
    const settings = await desk<Record<string, unknown>>('settings.get');
    await desk('settings.update', { ...settings, largeText: on });
  }
  await page.evaluate((v) => localStorage.setItem('mediation-desk.largeText', v ? '1' : '0'), on);
  await page.reload();
  if (signedIn) await page.getByTestId('office-name').waitFor();
  await expect(page.locator('html')).toHaveClass(on ? /large-text/ : /^(?!.*large-text)/);
}

/** Visit every view in every size and mode; collect the problems, write the screenshots. */
async function auditAll(
  page: Page,
  desk: DeskCall,
  office: string,
  views: View[],
  setMode: (large: boolean) => Promise<void> = (large) => setLargeText(page, desk, large),
): Promise<string[]> {
  const problems: string[] = [];
  for (const large of [false, true]) {
    await setMode(large);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const where = `${size.width}×${size.height}${large ? ' 大字' : ''}`;
      const dir = path.join(ROOT, 'test-results', 'layout-audit', office, `${size.width}-${large ? 'large' : 'normal'}`);
      mkdirSync(dir, { recursive: true });
      for (const view of views) {
        if (view.open) await view.open(page);
        else await page.evaluate((hash) => (window.location.hash = hash), `#/${view.hash}`);
        let loaded = await settle(page);
        if (view.tab) {
          await page.getByRole('tab', { name: view.tab }).first().click();
          loaded = (await settle(page)) && loaded;
        }
        if (!loaded) problems.push(`${where} · ${view.name}：20秒内没有载入完`);
        await page.evaluate(() => {
          for (const el of [document.scrollingElement, ...document.querySelectorAll('main, .ant-layout-content, .ant-layout')])
            el?.scrollTo(0, 0);
        });
        // Screen by screen down the page (the audit sees what is in the viewport), at most four.
        for (let part = 1; part <= 4; part++) {
          const found = await page.evaluate(auditLayout, { requiredColumns: part === 1 ? view.requiredColumns?.(size.width) : [] });
          problems.push(...new Set(found.map((p) => `${where} · ${view.name}${part > 1 ? `（往下第${part - 1}屏）` : ''}：${p}`)));
          const file = `${view.name.replace(/[\\/ ]/g, '_')}${part > 1 ? `-${part}` : ''}.png`;
          await page.screenshot({ path: path.join(dir, file) });
          if (!(await page.evaluate(scrollDown))) break;
          await page.waitForTimeout(150);
        }
      }
    }
  }
  return problems;
}

/** A case with everything a case can show: three parties (one an organisation, one with an agent), sessions, agreement, follow-up. */
async function fullCase(desk: DeskCall): Promise<string> {
  const c = await desk<{ id: string }>('cases.add', {
    disputeType: 'housing-homestead',
    summary: '宅基地界址及排水沟改道引起的相邻关系纠纷',
    facts: '申请人与被申请人系前后院邻居。',
    claims: '请求被申请人恢复排水沟原状。',
    amount: '12800.50',
    mediators: ['王调解', '李明华'],
    parties: [
      {
        role: 'applicant',
        kind: 'person',
        name: '欧阳建华',
        idNumber: IDS.zhangSan,
        phone: '13800138000',
        address: '达州市通川区东城街道办事处朝阳路社区五组一百二十八号附三号',
        agent: { name: '司马光明', relation: '律师', phone: '13900139000' },
      },
      { role: 'respondent', kind: 'person', name: '李四', idNumber: IDS.liSi, phone: '0818-2345678', address: '东城街道朝阳路130号' },
      {
        role: 'third-party',
        kind: 'organization',
        name: '达州市通川区朝阳物业管理有限责任公司',
        creditCode: '91511702MA62XK5Q3C',
        representative: '张经理',
        phone: '0818-2222222',
        address: '通川区朝阳路1号',
      },
    ],
  });
  const act = (action: string, details: unknown = {}) => desk('cases.act', { id: c.id, action, details });
  await act('accept');
  await act('record-session', { place: '东城街道人民调解室', participants: '双方当事人、调解员', content: '经调解，双方同意协商解决。' });
  await act('agree', { terms: ['被申请人于十日内将排水沟恢复原状。', '申请人放弃其他请求。'], performanceDeadline: '2026-12-31' });
  await act('sign');
  await act('supplement', { terms: ['被申请人另于十二月十五日前修复院墙裂缝。'], performanceDeadline: '2027-01-15' });
  await act('follow-up', { performance: 'partial', notes: '已部分恢复', visitor: '王调解' });
  return c.id;
}

const SETTINGS_TABS = ['机构信息', '调解员', '操作员', '数据安全', '我的密码', '备份与恢复', '显示', '软件更新', '文书模板', '密钥与指纹'];

const stationViews = (caseId: string): View[] => [
  { name: '工作台', hash: 'home' },
  { name: '案件', hash: 'register', requiredColumns: (w) => REGISTER_COLUMNS[w] },
  { name: '纠纷登记', hash: 'intake' },
  { name: '修改案件信息', hash: `intake/edit/${caseId}` },
  ...['概况', '调解记录', '调解协议', '司法确认', '回访', '卷宗', '查重', '操作记录'].map((tab) => ({
    name: `案件详情-${tab}`,
    hash: `case/${caseId}`,
    tab,
  })),
  { name: '文书', hash: `documents?case=${caseId}` },
  { name: '批量上报-导出批次', hash: 'batches' },
  { name: '批量上报-上报记录与回执', hash: 'batches', tab: '上报记录与回执' },
  { name: '统计', hash: 'statistics' },
  ...SETTINGS_TABS.map((tab) => ({
    name: `设置-${tab}`,
    hash: 'settings',
    tab,
  })),
];

/** The centre's screens, with the case of a station opened there (it offers 退回补正). */
const centreViews = (caseId: string): View[] => [
  { name: '工作台', hash: 'home' },
  { name: '案件', hash: 'register', requiredColumns: (w) => REGISTER_COLUMNS[w] },
  { name: '案件详情-概况', hash: `case/${caseId}` },
  { name: '案件详情-操作记录', hash: `case/${caseId}`, tab: '操作记录' },
  ...['导入批次', '站点公钥', '退回补正', '导入记录'].map((tab) => ({ name: `站点上报-${tab}`, hash: 'imports', tab })),
  { name: '统计', hash: 'statistics' },
  ...SETTINGS_TABS.filter((tab) => tab !== '文书模板').map((tab) => ({ name: `设置-${tab}`, hash: 'settings', tab })),
];

const WEST = { name: '西城街道人民调解委员会', shortName: '西城', stationCode: '511702-002', operator: '赵调解' };
const NORTH = { name: '北山镇人民调解委员会', shortName: '北山', stationCode: '511702-003', operator: '钱调解' };

/**
 * At the centre (the page): station 西城 reports a batch of three cases (one returned for correction),
 * station 北山 is registered and has never reported. Returns an imported case's id.
 */
async function centreWithStations(desk: DeskCall): Promise<string> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-audit-centre-'));
  const centreKey = path.join(work, '中心公钥.json');
  await desk('keys.export', { out: centreKey });
  const station = await diskDesk({
    dataDir: await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-audit-west-')),
    settings: WEST,
    clock: systemClock,
  });
  const silent = await diskDesk({
    dataDir: await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-audit-north-')),
    settings: NORTH,
    clock: systemClock,
  });
  try {
    await call(station, 'keys.importCentre', { file: centreKey });
    const cases = [
      await call(
        station,
        'cases.add',
        sampleCaseInput({ summary: '宅基地界址及排水沟改道引起的相邻关系纠纷', disputeType: 'housing-homestead' }),
      ),
      await call(station, 'cases.add', sampleCaseInput({ summary: '借款纠纷', disputeType: 'contract' })),
      await call(station, 'cases.add', sampleCaseInput({ summary: '房屋租赁合同纠纷' })),
    ];
    const batch = await call(station, 'batches.export', { out: path.join(work, '西城批次.zip'), selection: 'all' });
    await desk('centre.trustFromBatch', { file: batch.file, fingerprint: (await call(station, 'keys.show', {})).fingerprint });
    await desk('batches.import', { file: batch.file, receiptOut: path.join(work, '西城回执.json') });
    await call(silent, 'keys.export', { out: path.join(work, '北山公钥.json') });
    await desk('centre.trust', { file: path.join(work, '北山公钥.json') });
    await desk('centre.return', { id: cases[2].id, reason: '调解协议书缺少双方当事人签名页，请补齐后重新上报。' });
    return cases[0].id;
  } finally {
    await station.close();
    await silent.close();
  }
}

/** A second operator whose password the administrator has just reset (he must choose a new one). */
const CLERK = { name: '孙受理', password: 'shouli-2026-xin' };

/** Sign out from whatever shows, then sign in as `name` through the sign-in screen. */
async function signInAs(page: Page, name: string, password: string): Promise<void> {
  await page.evaluate(async () =>
    (window as unknown as { desk: { call(n: string, i: unknown): Promise<unknown> } }).desk.call('session.signOut', {}),
  );
  await page.reload();
  await page.locator('.operator-names').getByText(name).click();
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The screens before the workbench, in the order a new office meets them. */
const entryViews: View[] = [
  {
    name: '登录',
    open: async (page) => {
      await page.evaluate(async () =>
        (window as unknown as { desk: { call(n: string, i: unknown): Promise<unknown> } }).desk.call('session.signOut', {}),
      );
      await page.reload();
      await page.getByRole('button', { name: '登录' }).waitFor();
    },
  },
  {
    name: '忘记密码',
    open: async (page) => {
      await page.getByRole('button', { name: '忘记密码？' }).click();
    },
  },
  {
    name: '锁定',
    open: async (page) => {
      await signInAs(page, OFFICE.operator, PASSWORD);
      await page.getByTestId('office-name').waitFor();
      await page.getByRole('button', { name: '锁定' }).click();
      await page.locator('.lock-cover').waitFor();
    },
  },
  {
    name: '首次登录改密码',
    open: async (page) => {
      await signInAs(page, CLERK.name, CLERK.password);
      await page.getByText('请设置您自己的密码').waitFor();
    },
  },
];

test.describe('版面检查（1024×768、1366×768，普通与大字）', () => {
  test.setTimeout(20 * 60_000);

  test.describe('调解站点', () => {
    test.use({ seed: 400 });
    test('调解站点的每个界面', async ({ page, desk }) => {
      const caseId = await fullCase(desk);
      const problems = await auditAll(page, desk, 'station', stationViews(caseId));
      expect(problems, problems.join('\n')).toEqual([]);
    });
  });

  test.describe('公共法律服务中心', () => {
    test.use({ office: CENTRE_SETTINGS });
    test('中心的每个界面：工作台、案件、站点上报、统计、设置', async ({ page, desk }) => {
      const caseId = await centreWithStations(desk);
      const problems = await auditAll(page, desk, 'centre', centreViews(caseId));
      expect(problems, problems.join('\n')).toEqual([]);
    });
  });

  test('进入工作台之前：登录、忘记密码、锁定、首次登录改密码', async ({ page, desk }) => {
    const clerk = await desk<{ id: string }>('operators.add', { name: CLERK.name, role: 'clerk', password: CLERK.password });
    const problems = await auditAll(page, desk, 'entry', entryViews, async (large) => {
      // Each round starts signed in as the administrator, who resets the clerk's password (so the
      // clerk must change it again at sign-in).
      await signInAs(page, OFFICE.operator, PASSWORD);
      await page.getByTestId('office-name').waitFor();
      await desk('operators.resetPassword', { id: clerk.id, password: CLERK.password });
      await setLargeText(page, desk, large);
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
