/**
 * The journeys' fixtures: `page` is the workbench on a fresh, initialised data directory, its
 * administrator (OFFICE.operator, password PASSWORD) signed in — in the
 * `harness` project through the loopback harness (a child process started per test), in the
 * `electron` project through the real app (`_electron.launch`), skipped when no Electron binary exists
 * or the main process is not built. A journey fails on any uncaught page error or console error that
 * is not in EXPECTED_CONSOLE_ERRORS.
 * `desk(name, input)` calls a handler through the page's own `window.desk`, the same door the UI uses.
 * `unsavedWork()` reads the unsaved-work flag the page last reported (harness only).
 * `shot(name)` saves a screenshot under test-results/screenshots/<project>/.
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { _electron, type Page, test as base } from '@playwright/test';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const OFFICE = {
  name: '东城街道人民调解委员会',
  shortName: '东城',
  court: '达州市通川区人民法院',
  stationCode: '511702-001',
  operator: '王调解',
  mediators: ['王调解', '李明华', '张桂兰'],
};

/** The administrator's password (the harness's demo office uses the same, so seeded runs sign in alike). */
export const PASSWORD = 'tiaojie-2026';

/** Valid 居民身份证 numbers (check characters verified against GB 11643; also used in unit tests). */
export const IDS = {
  zhangSan: '11010519491231002X',
  liSi: '510702198503150017',
  wangWu: '510722199007240021',
};

/** Where the Electron binary would be, without importing `electron` (which would try to download it). */
export function electronBinary(): string | null {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/**
 * Console errors the app is expected to print, each with the reason. Keep this short: anything not
 * listed — an uncaught exception (`pageerror`) or a `console.error` — fails the journey.
 */
export const EXPECTED_CONSOLE_ERRORS: { pattern: RegExp; why: string }[] = [];

/** Collects what the page reports as errors, except the expected ones. */
function watchForErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('pageerror', (error) => seen.push(`页面未捕获的错误：${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    const text = where ? `${message.text()}（${where}）` : message.text();
    if (!EXPECTED_CONSOLE_ERRORS.some((expected) => expected.pattern.test(text))) seen.push(`控制台错误：${text}`);
  });
  return seen;
}

function failOnErrors(errors: readonly string[]): void {
  if (errors.length) throw new Error(`页面报告了未预期的错误（${errors.length} 条）：\n${errors.join('\n')}`);
}

export interface Harness {
  url: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
}

export async function startHarness(dataDir: string, seed?: number): Promise<Harness> {
  const args = ['electron/dev/harness.ts', '--no-build', '--json', '--data', dataDir, ...(seed ? ['--seed', String(seed)] : [])];
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`harness did not start in time:\n${errors}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, newline));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited (${code}):\n${errors}`));
    });
  });
  const info = JSON.parse(line) as { url: string; token: string };
  return { ...info, dataDir, child };
}

export async function stopHarness(harness: Harness): Promise<void> {
  if (harness.child.exitCode !== null) return;
  const exited = new Promise((resolve) => harness.child.once('exit', resolve));
  harness.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (harness.child.exitCode === null) harness.child.kill('SIGKILL');
}

export type DeskCall = <T = unknown>(name: string, input?: unknown) => Promise<T>;

/** The handler table through a page's `window.desk`, as the workbench calls it; a refusal throws its message. */
export const deskOf =
  (page: Page): DeskCall =>
  async (name, input = {}) => {
    const outcome = await page.evaluate(async ([n, i]) => (window as any).desk.call(n, i), [name, input] as const);
    if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
    return outcome.data;
  };

interface Fixtures {
  /** Demo cases generated into the fresh data directory before the app opens. */
  seed: number;
  /** false: leave the data directory without settings or operators, so the first-run form shows. */
  setUp: boolean;
  /** The office the data directory is set up for (a centre for the import journeys). */
  office: Record<string, unknown>;
  /** The loopback harness behind `page` (undefined in the electron project). */
  harness: Harness | undefined;
  page: Page;
  desk: DeskCall;
  unsavedWork(): Promise<boolean>;
  shot(name: string): Promise<void>;
}

async function initialise(page: Page, office: Record<string, unknown>): Promise<void> {
  // First start shows the setup form, later ones the sign-in screen; the journeys begin with an office
  // already set up and its administrator (the office's `operator`, password PASSWORD) signed in.
  await page.waitForFunction(() => Boolean((window as unknown as { desk?: unknown }).desk));
  const deskCall = (name: string, input: unknown) =>
    page.evaluate(async ([n, i]) => (window as any).desk.call(n, i), [name, input] as const);
  const administrator = typeof office.operator === 'string' && office.operator ? office.operator : OFFICE.operator;
  const status = (await deskCall('session.status', {})).data as { setUp: string; state: string };
  const outcome =
    status.setUp === 'new'
      ? await deskCall('settings.init', { ...office, operator: administrator, password: PASSWORD })
      : status.state !== 'signed-in'
        ? await deskCall('session.signIn', { name: administrator, password: PASSWORD })
        : { ok: true };
  if (!outcome.ok) throw new Error(`setting up the office failed: ${outcome.message}`);
  await page.reload();
  await page.getByTestId('office-name').waitFor();
}

export const test = base.extend<Fixtures>({
  seed: [0, { option: true }],
  setUp: [true, { option: true }],
  office: [OFFICE, { option: true }],

  harness: async ({ seed }, use, testInfo) => {
    if (testInfo.project.name === 'electron') return use(undefined);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-'));
    const harness = await startHarness(dataDir, seed || undefined);
    try {
      await use(harness);
    } finally {
      await stopHarness(harness);
    }
  },

  page: async ({ browser, seed, setUp, office, harness }, use, testInfo) => {
    if (!harness) {
      const binary = electronBinary();
      testInfo.skip(!binary, 'Electron 二进制未安装（本机无法下载），真实应用的旅程已跳过；同样的旅程已在 harness 项目中运行。');
      // The app as packaged: the directory whose package.json `main` names the built main process
      // (built by the end-to-end global setup, so it is the current code).
      const main = path.join(ROOT, JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).main as string);
      testInfo.skip(!existsSync(main), `${path.relative(ROOT, main)} 不存在：请先运行 npm run build。`);
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mdesk-e2e-'));
      if (seed) {
        execFileSync(
          path.join(ROOT, 'node_modules/.bin/tsx'),
          ['electron/dev/harness.ts', '--data', dataDir, '--seed', String(seed), '--seed-only'],
          { cwd: ROOT, stdio: 'ignore' },
        );
      }
      const app = await _electron.launch({
        executablePath: binary!,
        args: [ROOT],
        cwd: ROOT,
        env: { ...process.env, MEDIATION_DESK_DATA: dataDir } as Record<string, string>,
      });
      const page = await app.firstWindow();
      const errors = watchForErrors(page);
      if (setUp) await initialise(page, office);
      await use(page);
      failOnErrors(errors);
      await app.close();
      return;
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(harness.url);
    if (setUp) await initialise(page, office);
    try {
      await use(page);
      failOnErrors(errors);
    } finally {
      await context.close();
    }
  },

  unsavedWork: async ({ harness }, use, testInfo) => {
    testInfo.skip(!harness, '未保存标志只能在 harness 中读取（应用中由 test/integration/shell-main.test.ts 检查）');
    await use(async () => {
      const response = await fetch(new URL('/api/unsaved-work', harness!.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Desk-Token': harness!.token },
        body: '{}',
      });
      return ((await response.json()) as { unsaved: boolean }).unsaved;
    });
  },

  desk: async ({ page }, use) => {
    await use(deskOf(page));
  },

  shot: async ({ page }, use, testInfo) => {
    const dir = path.join(ROOT, 'test-results', 'screenshots', testInfo.project.name);
    mkdirSync(dir, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
    });
  },
});

export { expect } from '@playwright/test';
