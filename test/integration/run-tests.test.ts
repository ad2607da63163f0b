/**
 * `npm test` run for real on the deliberately broken suites of test/fixtures/runner/ (see its README):
 * every breakage the old runner let through as `0 failed` — an unhandled error, a failing
 * beforeAll/afterAll, a test file or spec that fails to load, a failing Playwright global setup, a run
 * with no tests, a tool that dies before writing its report while an earlier run's report lies there —
 * is counted, named under its stage, and makes the exit status non-zero.
 *
 * One runner process runs all nine small suites one after the other (about 25 s on a quiet machine:
 * mostly the start-up of vitest and Playwright; no browser is launched).
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { suiteStage } from '../../scripts/test-runner/stages';
import type { Verdict, VitestSummary } from '../../scripts/test-runner/verdicts';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test', 'fixtures', 'runner');
const out = mkdtempSync(path.join(os.tmpdir(), 'mdesk-runner-'));

const SUITES = [
  ['vitest', 'vitest-passing'],
  ['vitest', 'vitest-hooks'],
  ['vitest', 'vitest-unhandled'],
  ['vitest', 'vitest-load-error'],
  ['vitest', 'vitest-no-tests'],
  ['vitest', 'vitest-dies'],
  ['playwright', 'playwright-passing'],
  ['playwright', 'playwright-setup-fails'],
  ['playwright', 'playwright-load-error'],
] as const;
const configOf = (kind: string, name: string) => path.join(fixtures, name, `${kind}.config.ts`);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm test on deliberately broken suites', () => {
  it('counts and names every breakage, and exits non-zero', () => {
    // An earlier run's report, all passing, where the dying suite would write its own.
    const stale: VitestSummary = {
      reason: 'passed',
      passed: 99,
      skipped: 0,
      failedTests: [],
      unfinishedTests: [],
      errors: [],
      unhandledErrors: [],
    };
    writeFileSync(suiteStage('vitest', configOf('vitest', 'vitest-dies'), out, '').report!, JSON.stringify(stale));

    // The child vitest must not think it runs inside this one.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
    const run = spawnSync(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      ['scripts/run-tests.ts', '--out', out, ...SUITES.flatMap(([kind, name]) => ['--stage', `${kind}=${configOf(kind, name)}`])],
      { cwd: root, env, encoding: 'utf8', timeout: 240_000 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(1);

    const verdicts = JSON.parse(readFileSync(path.join(out, 'verdicts.json'), 'utf8')) as Verdict[];
    const byName = Object.fromEntries(SUITES.map(([, name], i) => [name, verdicts[i]]));
    const counts = (v: Verdict) => [v.passed, v.failed, v.skipped];

    expect(counts(byName['vitest-passing'])).toEqual([2, 0, 1]);
    expect(counts(byName['playwright-passing'])).toEqual([1, 0, 1]);

    expect(counts(byName['vitest-hooks'])).toEqual([2, 2, 2]);
    expect(byName['vitest-hooks'].problems).toEqual([
      expect.stringMatching(/hooks\.test\.ts > a suite whose beforeAll fails：beforeAll failed on purpose$/),
      expect.stringMatching(/hooks\.test\.ts > a suite whose afterAll fails：afterAll failed on purpose$/),
    ]);
    expect(counts(byName['vitest-unhandled'])).toEqual([2, 1, 0]);
    expect(byName['vitest-unhandled'].problems).toEqual(['未处理的错误：unhandled error on purpose']);
    expect(byName['vitest-load-error'].problems).toEqual([expect.stringMatching(/load\.test\.ts：test file failed to load on purpose$/)]);
    expect(byName['vitest-no-tests'].problems).toEqual([expect.stringContaining('没有任何测试')]);
    // the earlier run's 99 passed tests are not lent to a run that wrote nothing
    expect(counts(byName['vitest-dies'])).toEqual([0, 1, 0]);
    expect(byName['vitest-dies'].problems).toEqual([expect.stringContaining('没有写出完整的报告')]);
    expect(byName['playwright-setup-fails'].problems).toEqual([expect.stringContaining('global setup failed on purpose')]);
    expect(byName['playwright-load-error'].problems).toEqual([expect.stringContaining('spec failed to load on purpose')]);
    for (const name of ['vitest-unhandled', 'vitest-load-error', 'vitest-no-tests', 'playwright-setup-fails', 'playwright-load-error'])
      expect(byName[name].failed, name).toBe(1);

    // Each failed stage is named in the summary, then the one line CI reads.
    const lines = run.stdout.trimEnd().split('\n');
    for (const v of verdicts.filter((v) => v.failed)) expect(run.stdout).toContain(`✗ ${v.title}：`);
    expect(lines.at(-1)).toBe('7 passed, 8 failed, 4 skipped');
  }, 300_000);
});
