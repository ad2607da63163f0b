/**
 * A vitest reporter for `npm test`: writes what the run really ended with to the file named by
 * VITEST_SUMMARY_FILE (see VitestSummary in ./verdicts.ts). vitest's own JSON report leaves out
 * unhandled errors and counts the tests of a describe whose beforeAll failed as merely skipped;
 * this one records both, with where they happened.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';

import type { VitestSummary } from './verdicts';

type SerializedError = Parameters<NonNullable<Reporter['onTestRunEnd']>>[1][number];

const messageOf = (error: SerializedError) => error.message || error.stack || String(error);

export function summarise(
  modules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
  reason: TestRunEndReason,
): VitestSummary {
  const summary: VitestSummary = {
    reason,
    passed: 0,
    skipped: 0,
    failedTests: [],
    unfinishedTests: [],
    errors: [],
    unhandledErrors: unhandledErrors.map(messageOf),
  };
  for (const module of modules) {
    const file = module.relativeModuleId;
    for (const error of module.errors()) summary.errors.push({ where: file, message: messageOf(error) });
    for (const suite of module.children.allSuites()) {
      for (const error of suite.errors()) summary.errors.push({ where: `${file} > ${suite.fullName}`, message: messageOf(error) });
    }
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') summary.passed++;
      else if (state === 'skipped') summary.skipped++;
      else if (state === 'failed') summary.failedTests.push(`${file} > ${test.fullName}`);
      else summary.unfinishedTests.push(`${file} > ${test.fullName}`);
    }
  }
  return summary;
}

export default class VitestSummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const file = process.env.VITEST_SUMMARY_FILE;
    if (!file) return;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(summarise(modules, unhandledErrors, reason), null, 2));
  }
}
