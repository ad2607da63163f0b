/**
 * `npm test`: type-check, unit and integration tests (vitest), then the Playwright journeys in
 * Chromium against the loopback harness. Ends with one line `N passed, N failed, N skipped`
 * (what CI reads) and a non-zero exit status when anything failed.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'test-results');
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;

function run(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  process.stdout.write(`\n=== ${title} ===\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

// 1. Types: one failure counted if the project does not type-check.
if (run('类型检查 (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) === 0) passed++;
else failed++;

// 1b. Lint (ESLint with type-aware rules) and format (Prettier): one failure each when they find anything.
if (run('代码检查 (eslint)', 'npx', ['eslint', '.', '--max-warnings=0']) === 0) passed++;
else failed++;
if (run('格式检查 (prettier)', 'npx', ['prettier', '--check', '.']) === 0) passed++;
else failed++;

// 2. Unit and integration tests.
const vitestJson = path.join(out, 'vitest.json');
const vitestStatus = run('单元与集成测试 (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; message?: string; name: string }[];
  };
  passed += report.numPassedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A test file that fails to load has no test results of its own: count it as a failure.
  const counted = report.numFailedTests + report.testResults.filter((f) => f.status === 'failed' && f.message).length;
  // vitest failed with nothing counted (a global set-up that threw, e.g. no PostgreSQL under CI): one failure.
  failed += vitestStatus !== 0 && counted === 0 ? 1 : counted;
} else if (vitestStatus !== 0) failed++;

// 3. End-to-end journeys (Playwright, Debian's Chromium).
if (existsSync(path.join(root, 'playwright.config.ts'))) {
  const e2eJson = path.join(out, 'playwright.json');
  const e2eStatus = run('端到端测试 (Playwright)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
  });
  if (existsSync(e2eJson)) {
    const stats = (
      JSON.parse(readFileSync(e2eJson, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }
    ).stats;
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    skipped += stats.skipped;
  } else if (e2eStatus !== 0) failed++;
}

process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
