/**
 * The stages of `npm test` and how each is run and judged. The project's plan is `projectStages`;
 * `suiteStage` points a vitest or Playwright stage at any config (the runner's own tests point it at
 * the deliberately broken suites under test/fixtures/runner/).
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { checkVerdict, playwrightVerdict, type Verdict, vitestVerdict } from './verdicts';

export interface Stage {
  title: string;
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** The report this stage writes, deleted before the stage runs so that an earlier run's cannot stand in. */
  report?: string;
  judge(status: number | null, report: unknown): Verdict;
}

export type SuiteKind = 'vitest' | 'playwright';

const ROOT = path.resolve(import.meta.dirname, '../..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
const VITEST_REPORTER = path.join(import.meta.dirname, 'vitest-summary.ts');

const check = (title: string, command: string, args: string[]): Stage => ({
  title,
  command: bin(command),
  args,
  cwd: ROOT,
  judge: (status) => checkVerdict(title, status),
});

/** A vitest or Playwright stage on `config`, its report written to `<out>/<key>.json`. */
export function suiteStage(kind: SuiteKind, config: string, out: string, title: string): Stage {
  const key = path.relative(ROOT, path.resolve(config)).replace(/[\\/.]+/g, '-');
  const report = path.join(out, `${kind}-${key}.json`);
  const cwd = path.dirname(path.resolve(config));
  if (kind === 'vitest') {
    return {
      title,
      command: bin('vitest'),
      args: ['run', '--config', path.resolve(config), '--reporter=default', `--reporter=${VITEST_REPORTER}`],
      cwd,
      env: { VITEST_SUMMARY_FILE: report },
      report,
      judge: (status, json) => vitestVerdict(title, json as never, status),
    };
  }
  return {
    title,
    command: bin('playwright'),
    args: ['test', '--config', path.resolve(config), '--reporter=list,json'],
    cwd,
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    report,
    judge: (status, json) => playwrightVerdict(title, json as never, status),
  };
}

/** `npm test`: types, lint, format, unit and integration tests, then the end-to-end journeys. */
export function projectStages(out: string): Stage[] {
  return [
    check('类型检查 (tsc)', 'tsc', ['-p', 'tsconfig.json', '--noEmit']),
    check('代码检查 (eslint)', 'eslint', ['.', '--max-warnings=0']),
    check('格式检查 (prettier)', 'prettier', ['--check', '.']),
    suiteStage('vitest', path.join(ROOT, 'vitest.config.ts'), out, '单元与集成测试 (vitest)'),
    suiteStage('playwright', path.join(ROOT, 'playwright.config.ts'), out, '端到端测试 (Playwright)'),
  ];
}

/** Run one stage with its output on the terminal, and judge it. */
export function runStage(stage: Stage): Verdict {
  process.stdout.write(`\n=== ${stage.title} ===\n`);
  if (stage.report) rmSync(stage.report, { force: true });
  const result = spawnSync(stage.command, stage.args, { cwd: stage.cwd, stdio: 'inherit', env: { ...process.env, ...stage.env } });
  if (result.error) process.stdout.write(`无法启动 ${stage.command}：${result.error.message}\n`);
  return stage.judge(result.status, stage.report ? readReport(stage.report) : undefined);
}

/** The parsed report, or undefined when there is none or it is cut short (the tool died writing it). */
function readReport(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
