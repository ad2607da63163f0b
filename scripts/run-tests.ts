/**
 * `npm test`: type check, lint, format, unit and integration tests (vitest), then the Playwright
 * journeys in Chromium against the loopback harness. Ends with a summary of every stage (each failure
 * named) and one line `N passed, N failed, N skipped` (what CI reads); the exit status is non-zero
 * whenever any stage failed. How a stage is judged: scripts/test-runner/verdicts.ts.
 *
 *   npm test                                   the whole project
 *   npm test -- --stage vitest=<config> …      only these suites (vitest or playwright), e.g. a fixture
 *   npm test -- --out <dir>                    where the reports go (default test-results/)
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { projectStages, runStage, type Stage, type SuiteKind, suiteStage } from './test-runner/stages';
import { exitCode, finalLine, summaryLines, totals } from './test-runner/verdicts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { stage: { type: 'string', multiple: true }, out: { type: 'string' } },
});
const out = path.resolve(values.out ?? path.join(root, 'test-results'));
mkdirSync(out, { recursive: true });

function namedStage(spec: string): Stage {
  const match = /^(vitest|playwright)=(.+)$/.exec(spec);
  if (!match) {
    process.stderr.write(`--stage 应写作 vitest=<配置文件> 或 playwright=<配置文件>：${spec}\n`);
    process.exit(2);
  }
  const [, kind, config] = match;
  return suiteStage(kind as SuiteKind, config, out, `${kind} ${path.relative(root, path.resolve(config))}`);
}

const stages = values.stage?.length ? values.stage.map(namedStage) : projectStages(out);
const verdicts = stages.map(runStage);
writeFileSync(path.join(out, 'verdicts.json'), JSON.stringify(verdicts, null, 2));

process.stdout.write(`\n=== 汇总 ===\n${summaryLines(verdicts).join('\n')}\n\n${finalLine(totals(verdicts))}\n`);
process.exit(exitCode(verdicts));
