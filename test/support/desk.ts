/**
 * Desks for tests: in memory (logic above the store) or on a real temporary data directory
 * (integration), both with a fixed clock so dates and deadlines are repeatable.
 */

import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { call } from '../../electron/core/api';
import type { Clock } from '../../electron/core/dates';
import { Desk } from '../../electron/core/desk';
import { kdfSettings } from '../../electron/core/operators/passwords';
import type { CaseInput } from '../../electron/core/schema/case';
import { type SettingsInput, SettingsSchema } from '../../electron/core/schema/settings';
import { memoryStore } from './memory-store';

/**
 * Tests derive passwords with tiny Argon2id parameters: the real ones take a quarter of a second per
 * password, on purpose. The parameters are recorded with each password, so this changes nothing else.
 */
kdfSettings.params = { memoryKiB: 64, iterations: 1, lanes: 1 };

/** The administrator's password of every test office (its name is the settings' `operator`). */
export const TEST_PASSWORD = 'ceshi-mima-2026';

export const TEST_SETTINGS: SettingsInput = {
  name: '东城街道人民调解委员会',
  shortName: '东城',
  court: '达州市通川区人民法院',
  stationCode: '510702-001',
  operator: '王调解',
};

/** A clock fixed at noon (Beijing time) of the given day; `set` moves it. */
export function fixedClock(day = '2026-11-23'): Clock & { set(day: string): void } {
  let now = new Date(`${day}T12:00:00+08:00`);
  return {
    now: () => new Date(now),
    set(next: string) {
      now = new Date(`${next}T12:00:00+08:00`);
    },
  };
}

/** A desk in memory with the test office, its administrator (the settings' `operator`) signed in. */
export async function memoryDesk(options: { settings?: SettingsInput; clock?: Clock } = {}): Promise<Desk> {
  const settings = SettingsSchema.parse(options.settings ?? TEST_SETTINGS);
  const desk = await Desk.open({ dataDir: '(memory)', store: memoryStore({ docs: { settings } }), clock: options.clock ?? fixedClock() });
  desk.session.begin({ id: 'test-administrator', name: settings.operator || '王调解', role: 'admin' });
  return desk;
}

export async function tempDataDir(prefix = 'mdesk-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/**
 * A desk on a temporary data directory (a fresh one unless given), set up with the test settings: its
 * administrator (the settings' `operator`, password TEST_PASSWORD) signed in, the register encrypted as
 * every new office's is unless `encrypt` is false. `database`: a centre's PostgreSQL database
 * (test/support/postgres.ts), as MEDIATION_DESK_DATABASE would give it.
 */
export async function diskDesk(
  options: { dataDir?: string; settings?: SettingsInput; clock?: Clock; encrypt?: boolean; database?: string } = {},
): Promise<Desk> {
  const dataDir = options.dataDir ?? (await tempDataDir());
  const settings = options.settings ?? TEST_SETTINGS;
  const desk = await Desk.open({ dataDir, clock: options.clock ?? fixedClock(), dailyBackup: false, database: options.database });
  if (desk.store.keyring() !== undefined) {
    await call(desk, 'session.signIn', { name: settings.operator || '王调解', password: TEST_PASSWORD });
  } else {
    await call(desk, 'settings.init', { ...settings, password: TEST_PASSWORD, ...(options.encrypt === false ? { encrypt: false } : {}) });
  }
  return desk;
}

/** Valid ID numbers for tests (check characters computed by hand against GB 11643). */
export const IDS = {
  zhangSan: '11010519491231002X', // female, 1949-12-31
  liSi: '510702198503150017', // male, 1985-03-15
  wangWu: '510722199007240021', // female, 1990-07-24
};

export function sampleCaseInput(overrides: Partial<CaseInput> = {}): CaseInput {
  return {
    receivedAt: '2026-11-02',
    source: 'application',
    disputeType: 'neighbour',
    summary: '相邻通行纠纷',
    facts: '申请人与被申请人系邻居，因被申请人在公共通道堆放杂物发生纠纷。',
    claims: '请求被申请人清除杂物并赔偿损失。',
    amount: '12300.05',
    mediators: ['王调解'],
    parties: [
      { role: 'applicant', kind: 'person', name: '张三', idNumber: IDS.zhangSan, phone: '13800138000', address: '达州市通川区东城街道1号' },
      { role: 'respondent', kind: 'person', name: '李四', idNumber: IDS.liSi, phone: '0818-2345678', address: '达州市通川区东城街道2号' },
    ],
    ...overrides,
  };
}
