/**
 * What `npm test` concludes from each stage: pure functions from (exit status, report) to a verdict,
 * so the rules can be tested on their own. The rules, whatever a report says:
 * - a stage that exits non-zero is at least one failure, named;
 * - a test stage that wrote no report (its tool died first) is a failure, and so is one that reports
 *   no tests at all — every test stage of this project has tests;
 * - errors outside any test (a file that fails to load, a failing beforeAll/afterAll, an unhandled
 *   error, Playwright's report-level `errors[]` such as a failed global setup) are failures, each named.
 */

import type { JSONReport, JSONReportSuite } from '@playwright/test/reporter';

export interface Verdict {
  title: string;
  passed: number;
  failed: number;
  skipped: number;
  /** One line per failure, in Chinese where the runner writes it (tool messages stay as they are). */
  problems: string[];
}

/** What scripts/test-runner/vitest-summary.ts writes after a vitest run. */
export interface VitestSummary {
  reason: 'passed' | 'failed' | 'interrupted';
  passed: number;
  skipped: number;
  /** `file > suite > test` of each failed test. */
  failedTests: string[];
  /** Tests still pending when the run ended. */
  unfinishedTests: string[];
  /** Errors outside tests: a file that failed to load or whose hooks failed (`where` is the file), a describe's hooks (`file > suite`). */
  errors: { where: string; message: string }[];
  unhandledErrors: string[];
}

const firstLine = (text: string) => text.split('\n').find((line) => line.trim()) ?? text;

/** A stage judged by its exit status alone (type check, lint, format): one check, passed or failed. */
export function checkVerdict(title: string, status: number | null): Verdict {
  return status === 0
    ? { title, passed: 1, failed: 0, skipped: 0, problems: [] }
    : { title, passed: 0, failed: 1, skipped: 0, problems: [exitProblem(status)] };
}

function exitProblem(status: number | null): string {
  return status === null ? '进程被信号终止或无法启动' : `退出码 ${status}`;
}

/** The rules every test stage obeys on top of what its report counts. */
function settle(verdict: Verdict, status: number | null, reported: boolean): Verdict {
  const problems = [...verdict.problems];
  let failed = verdict.failed;
  if (!reported) {
    problems.push('没有写出完整的报告（工具在写完报告之前就退出了）');
    failed++;
  } else if (verdict.passed + verdict.failed + verdict.skipped === 0) {
    problems.push('报告中没有任何测试（这个阶段本应有测试）');
    failed++;
  }
  if (status !== 0 && failed === 0) {
    problems.push(`${exitProblem(status)}，但报告中没有失败的测试`);
    failed++;
  }
  return { ...verdict, failed, problems };
}

export function vitestVerdict(title: string, summary: VitestSummary | undefined, status: number | null): Verdict {
  if (!summary) return settle({ title, passed: 0, failed: 0, skipped: 0, problems: [] }, status, false);
  const problems = [
    ...summary.failedTests.map((name) => `测试失败：${name}`),
    ...summary.unfinishedTests.map((name) => `测试没有运行完：${name}`),
    ...summary.errors.map((e) => `测试之外的错误（加载失败或 beforeAll/afterAll 钩子失败）：${e.where}：${firstLine(e.message)}`),
    ...summary.unhandledErrors.map((message) => `未处理的错误：${firstLine(message)}`),
  ];
  if (summary.reason === 'interrupted') problems.push('测试运行被中断');
  return settle({ title, passed: summary.passed, failed: problems.length, skipped: summary.skipped, problems }, status, true);
}

function failedSpecs(suites: readonly JSONReportSuite[] | undefined, trail: string[] = []): string[] {
  return (suites ?? []).flatMap((suite) => {
    const here = suite.title ? [...trail, suite.title] : trail;
    const own = suite.specs.flatMap((spec) =>
      spec.tests.filter((t) => t.status === 'unexpected').map((t) => `测试失败：[${t.projectName}] ${[...here, spec.title].join(' › ')}`),
    );
    return [...own, ...failedSpecs(suite.suites, here)];
  });
}

export type PlaywrightReport = Pick<JSONReport, 'stats' | 'errors' | 'suites'>;

export function playwrightVerdict(title: string, report: PlaywrightReport | undefined, status: number | null): Verdict {
  if (!report) return settle({ title, passed: 0, failed: 0, skipped: 0, problems: [] }, status, false);
  const named = failedSpecs(report.suites);
  const unnamed = Math.max(0, report.stats.unexpected - named.length);
  const problems = [
    ...named,
    ...(unnamed ? [`另有 ${unnamed} 个测试失败`] : []),
    ...report.errors.map((e) => `测试之外的错误（全局准备、加载测试文件等）：${firstLine(e.message ?? String(e.value ?? ''))}`),
  ];
  return settle(
    { title, passed: report.stats.expected + report.stats.flaky, failed: problems.length, skipped: report.stats.skipped, problems },
    status,
    true,
  );
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

export function totals(verdicts: readonly Verdict[]): Totals {
  return verdicts.reduce((t, v) => ({ passed: t.passed + v.passed, failed: t.failed + v.failed, skipped: t.skipped + v.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
}

/** The last line of `npm test`, which CI reads: exactly `N passed, N failed, N skipped`. */
export function finalLine(t: Totals): string {
  return `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
}

export function exitCode(verdicts: readonly Verdict[]): number {
  return verdicts.some((v) => v.failed > 0) ? 1 : 0;
}

/** The summary printed before the final line: every stage, and under a failed one each failure. */
export function summaryLines(verdicts: readonly Verdict[]): string[] {
  return verdicts.flatMap((v) => [`${v.failed ? '✗' : '✓'} ${v.title}：${finalLine(v)}`, ...v.problems.map((p) => `    - ${p}`)]);
}
