/**
 * How `npm test` judges a stage (scripts/test-runner/verdicts.ts), case by case: each way a stage can
 * fail while its report counts no failed test is on its own enough to make the exit status non-zero,
 * and is named. test/integration/run-tests.test.ts runs the same cases through real vitest and
 * Playwright runs of the broken suites under test/fixtures/runner/.
 */

import { describe, expect, it } from 'vitest';

import {
  checkVerdict,
  exitCode,
  finalLine,
  type PlaywrightReport,
  playwrightVerdict,
  summaryLines,
  totals,
  type Verdict,
  type VitestSummary,
  vitestVerdict,
} from '../../scripts/test-runner/verdicts';

const vitest = (over: Partial<VitestSummary> = {}): VitestSummary => ({
  reason: 'passed',
  passed: 10,
  skipped: 1,
  failedTests: [],
  unfinishedTests: [],
  errors: [],
  unhandledErrors: [],
  ...over,
});

const playwright = (
  over: { suites?: PlaywrightReport['suites']; errors?: PlaywrightReport['errors']; stats?: Partial<PlaywrightReport['stats']> } = {},
): PlaywrightReport => ({
  suites: over.suites ?? [],
  errors: over.errors ?? [],
  stats: { startTime: '2026-11-23T04:00:00.000Z', duration: 1, expected: 7, unexpected: 0, flaky: 0, skipped: 7, ...over.stats },
});

/** A failing verdict makes the whole run fail, whatever the other stages did. */
function failsTheRun(verdict: Verdict): void {
  expect(verdict.failed).toBeGreaterThanOrEqual(1);
  expect(exitCode([checkVerdict('类型检查 (tsc)', 0), verdict])).toBe(1);
  expect(summaryLines([verdict])[0].startsWith(`✗ ${verdict.title}：`)).toBe(true);
}

describe('npm test: judging a vitest stage', () => {
  it('counts a clean run as it is', () => {
    const verdict = vitestVerdict('单元', vitest(), 0);
    expect(verdict).toEqual({ title: '单元', passed: 10, failed: 0, skipped: 1, problems: [] });
    expect(exitCode([verdict])).toBe(0);
  });

  it('an unhandled error is a failure, though every test passed', () => {
    const verdict = vitestVerdict('单元', vitest({ reason: 'failed', unhandledErrors: ['late boom\n    at Timeout'] }), 1);
    failsTheRun(verdict);
    expect(verdict).toMatchObject({ passed: 10, failed: 1, problems: ['未处理的错误：late boom'] });
  });

  it('a failing beforeAll or afterAll in a describe is a failure; its skipped tests stay skipped', () => {
    const verdict = vitestVerdict(
      '单元',
      vitest({
        reason: 'failed',
        skipped: 3,
        errors: [
          { where: 'test/integration/x.test.ts > harness', message: 'harness did not start' },
          { where: 'test/integration/y.test.ts > dossier', message: 'afterAll boom' },
        ],
      }),
      1,
    );
    failsTheRun(verdict);
    expect(verdict.failed).toBe(2);
    expect(verdict.skipped).toBe(3);
    expect(verdict.problems[0]).toContain('test/integration/x.test.ts > harness：harness did not start');
  });

  it('a file that fails to load is a failure', () => {
    failsTheRun(vitestVerdict('单元', vitest({ reason: 'failed', errors: [{ where: 'test/unit/z.test.ts', message: 'SyntaxError' }] }), 1));
  });

  it('a non-zero exit is a failure even when the report counts none', () => {
    const verdict = vitestVerdict('单元', vitest(), 1);
    failsTheRun(verdict);
    expect(verdict.problems).toEqual(['退出码 1，但报告中没有失败的测试']);
    failsTheRun(vitestVerdict('单元', vitest(), null));
  });

  it('no report (the tool died first) is a failure, and so is a report of zero tests', () => {
    failsTheRun(vitestVerdict('单元', undefined, 1));
    failsTheRun(vitestVerdict('单元', undefined, 0));
    const empty = vitestVerdict('单元', vitest({ passed: 0, skipped: 0 }), 0);
    failsTheRun(empty);
    expect(empty.problems[0]).toContain('没有任何测试');
  });

  it('an interrupted run or a test left unfinished is a failure', () => {
    failsTheRun(vitestVerdict('单元', vitest({ reason: 'interrupted' }), 0));
    failsTheRun(vitestVerdict('单元', vitest({ unfinishedTests: ['a.test.ts > hangs'] }), 0));
  });

  it('counts each failed test once, not once more for the exit status', () => {
    const verdict = vitestVerdict('单元', vitest({ reason: 'failed', failedTests: ['a.test.ts > one', 'a.test.ts > two'] }), 1);
    expect(verdict).toMatchObject({ failed: 2, problems: ['测试失败：a.test.ts > one', '测试失败：a.test.ts > two'] });
  });
});

describe('npm test: judging the Playwright stage', () => {
  it('counts expected and flaky as passed, skipped as skipped', () => {
    const verdict = playwrightVerdict('端到端', playwright({ stats: { flaky: 1 } }), 0);
    expect(verdict).toEqual({ title: '端到端', passed: 8, failed: 0, skipped: 7, problems: [] });
  });

  it('a global setup that fails (stats all zero, errors[] filled) is a failure', () => {
    const report = playwright({
      stats: { expected: 0, skipped: 0 },
      errors: [{ message: 'Error: vite build failed\n  at globalSetup' }],
    });
    const verdict = playwrightVerdict('端到端', report, 1);
    failsTheRun(verdict);
    expect(verdict.problems).toEqual(['测试之外的错误（全局准备、加载测试文件等）：Error: vite build failed']);
  });

  it('a spec that fails to load is a failure', () => {
    failsTheRun(playwrightVerdict('端到端', playwright({ stats: { expected: 0, skipped: 0 }, errors: [{ message: 'SyntaxError' }] }), 1));
  });

  it('names each failed journey with its project', () => {
    const report = playwright({
      stats: { expected: 6, unexpected: 1 },
      suites: [
        {
          title: 'journeys.spec.ts',
          file: 'journeys.spec.ts',
          line: 0,
          column: 0,
          specs: [],
          suites: [
            {
              title: '查找案件',
              file: 'journeys.spec.ts',
              line: 1,
              column: 1,
              specs: [
                {
                  title: '按姓名查找',
                  ok: false,
                  tags: [],
                  id: 'x',
                  file: 'journeys.spec.ts',
                  line: 2,
                  column: 2,
                  tests: [
                    {
                      timeout: 1,
                      annotations: [],
                      expectedStatus: 'passed',
                      projectName: 'harness',
                      projectId: 'harness',
                      results: [],
                      status: 'unexpected',
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const verdict = playwrightVerdict('端到端', report, 1);
    expect(verdict).toMatchObject({ passed: 6, failed: 1, problems: ['测试失败：[harness] journeys.spec.ts › 查找案件 › 按姓名查找'] });
  });

  it('no report, zero tests, or a non-zero exit with nothing failed: each a failure', () => {
    failsTheRun(playwrightVerdict('端到端', undefined, 1));
    failsTheRun(playwrightVerdict('端到端', playwright({ stats: { expected: 0, skipped: 0 } }), 0));
    failsTheRun(playwrightVerdict('端到端', playwright(), 1));
  });
});

describe('npm test: the checks and the final line', () => {
  it('a check (tsc, eslint, prettier) is one passed or one failed, by its exit status', () => {
    expect(checkVerdict('代码检查 (eslint)', 0)).toMatchObject({ passed: 1, failed: 0 });
    failsTheRun(checkVerdict('代码检查 (eslint)', 1));
    expect(checkVerdict('代码检查 (eslint)', 1).problems).toEqual(['退出码 1']);
  });

  it('ends with exactly `N passed, N failed, N skipped`', () => {
    const verdicts = [checkVerdict('类型检查 (tsc)', 0), vitestVerdict('单元', vitest(), 0), playwrightVerdict('端到端', playwright(), 0)];
    expect(finalLine(totals(verdicts))).toBe('18 passed, 0 failed, 8 skipped');
    expect(exitCode(verdicts)).toBe(0);
  });
});
