/**
 * `npm run harness [-- --data DIR] [--seed N] [--port N] [--no-build] [--json]`
 *
 * Runs the real renderer in any browser without the Electron binary: builds the renderer with vite,
 * opens a desk on a data directory (`--data`, else MEDIATION_DESK_DATA, else a fresh temporary one),
 * and serves both on 127.0.0.1 with a per-run token (see ./server.ts). Prints the URL to open.
 * `--seed N` fills an empty register with N generated demo cases (to try the UI at 50,000 cases).
 * `--seed-only` stops after seeding (the Electron end-to-end project prepares its data directory so).
 * `--json` prints one JSON line `{url, token, port, dataDir}` on stdout (for the end-to-end tests).
 * A seeded office's administrator is 王调解 with the password DEMO_PASSWORD; the page opens on the
 * sign-in screen, as the desktop app does.
 */

import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { call, handlers } from '../core/api';
import { caseIndex } from '../core/cases/search';
import { Desk } from '../core/desk';
import type { Case } from '../core/schema/case';
import { startHarnessServer } from './server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

export async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

/** The demo office's administrator password (development and tests only). */
export const DEMO_PASSWORD = 'tiaojie-2026';

/** The office the demo cases were generated for (their 案号 use this short name). */
export const DEMO_SETTINGS = {
  name: '东城街道人民调解委员会',
  shortName: '东城',
  court: '达州市通川区人民法院',
  stationCode: '511702-001',
  operator: '王调解',
  mediators: ['王调解', '李明华', '张桂兰', '刘建国', '陈秀英', '赵志强'],
};

/** Fill an empty register with generated cases, in chunks so memory stays flat at 50,000. */
export async function seedDemoCases(desk: Desk, count: number, say: (line: string) => void): Promise<void> {
  if (desk.store.keyring() !== undefined) await call(desk, 'session.signIn', { name: DEMO_SETTINGS.operator, password: DEMO_PASSWORD });
  if (desk.store.caseCount() > 0) {
    say(`数据目录中已有 ${desk.store.caseCount()} 件案件，不再生成演示案件。`);
    return;
  }
  // Test-support code, loaded only when asked for: the app never ships it.
  const { iterateCases, countersOf } = await import('../../test/support/generate-cases');
  if (!desk.maybeSettings()) await call(desk, 'settings.init', { ...DEMO_SETTINGS, password: DEMO_PASSWORD });
  const settings = desk.settings();
  const options = { shortName: settings.shortName, numberPattern: settings.numberPattern, court: settings.court || undefined };
  let chunk: Case[] = [];
  const counters: Record<string, number> = {};
  let done = 0;
  const flush = async () => {
    for (const [year, seq] of Object.entries(countersOf(chunk, settings.numberPattern)))
      counters[year] = Math.max(counters[year] ?? 0, seq);
    await desk.commit({ cases: chunk, docs: { counters: { ...counters } } });
    done += chunk.length;
    chunk = [];
    say(`  已生成 ${done}/${count} 件`);
  };
  for (const c of iterateCases(count, options)) {
    chunk.push(c);
    if (chunk.length >= 5000) await flush();
  }
  if (chunk.length) await flush();
  // the workbench opens on the sign-in screen, as the desktop app does
  desk.session.end();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'seed-only': { type: 'boolean', default: false },
    },
  });
  const say = (line: string) => process.stderr.write(`${line}\n`);

  if (!values['seed-only'] && (!values['no-build'] || !existsSync(path.join(RENDERER_DIR, 'index.html')))) {
    say('正在构建界面（vite）……');
    await buildRenderer();
  }

  const dataDir = values.data ?? process.env.MEDIATION_DESK_DATA ?? (await mkdtemp(path.join(os.tmpdir(), 'mediation-desk-harness-')));
  const desk = await Desk.open({ dataDir });
  // Once an operator has signed in: build the indexes while the office starts work, so the first search
  // and the first 查重 at intake answer at once.
  desk.onLoaded(() => {
    caseIndex(desk)
      .warm()
      .catch((error: unknown) => say(`预备案件列表失败：${(error as Error).message}`));
    if (desk.session.active()) {
      call(desk, 'duplicates.warm', {}).catch((error: unknown) => say(`预建查重索引失败：${(error as Error).message}`));
      // a centre's batch checks (the handler does nothing at a station): the checking thread kept, the checks warm
      call(desk, 'batches.warm', {}).catch((error: unknown) => say(`预热批次校验失败：${(error as Error).message}`));
    }
  });
  if (values.seed) {
    const count = Number(values.seed);
    if (!Number.isInteger(count) || count < 0) throw new Error('--seed 应为非负整数');
    say(`正在生成 ${count} 件演示案件……`);
    await seedDemoCases(desk, count, say);
  }
  if (values['seed-only']) {
    await desk.close();
    return;
  }

  const harness = await startHarnessServer({
    desk,
    table: handlers,
    rendererDir: RENDERER_DIR,
    port: values.port ? Number(values.port) : undefined,
    log: say,
  });

  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: harness.url, token: harness.token, port: harness.port, dataDir })}\n`);
  } else {
    say('');
    say(`人民调解工作台（开发用）已启动，数据目录：${dataDir}`);
    say(`请在浏览器中打开：${harness.url}`);
    say('（仅本机可访问；按 Ctrl+C 停止）');
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await harness.close();
    await desk.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`启动失败：${(error as Error).message}\n`);
    process.exit(1);
  });
}
