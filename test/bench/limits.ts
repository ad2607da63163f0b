/**
 * Benchmark section `limits` (issue 12): how fast oversized input is refused. Each figure is one refusal
 * of input far over a limit (electron/core/limits.ts); the target is the "within a second".
 * The tests check that these inputs are refused and how; the time is measured here, not asserted there.
 */

import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { call } from '../../electron/core/api';
import { readUserJson } from '../../electron/core/files';
import { parseJsonText } from '../../electron/core/json';
import { LIMITS } from '../../electron/core/limits';
import { memoryDesk, sampleCaseInput } from '../support/desk';
import { type BenchReport, timeOnce } from './report';

const SECTION = 'limits';
const TARGET = '≤ 1000 ms';

/** The time `work` takes to be refused; a success is a failure of the limit, said loudly. */
async function refusal(name: string, work: () => Promise<unknown>): Promise<number> {
  const { ms, result } = await timeOnce(() =>
    work().then(
      () => 'accepted',
      () => 'refused',
    ),
  );
  if (result !== 'refused') throw new Error(`${name}：超过上限的输入没有被拒绝`);
  return ms;
}

export default async function limits(report: BenchReport): Promise<void> {
  const desk = await memoryDesk();
  const work = await mkdtemp(path.join(os.tmpdir(), 'mdesk-bench-limits-'));
  try {
    const big = path.join(work, 'big.json');
    writeFileSync(big, `{"summary":"${'x'.repeat(51 * 1024 * 1024)}"}`);
    report.add({
      section: SECTION,
      name: '51 MB case file (--json) refused',
      value: await refusal('51 MB', () => readUserJson(big, { what: '输入文件', maxBytes: LIMITS.requestBytes })),
      unit: 'ms',
      target: TARGET,
    });

    // Empty parties: the most a request can hold under the 4 MB request limit (full parties are refused by size).
    const many = JSON.stringify({ ...sampleCaseInput(), parties: Array.from({ length: 190_001 }, () => ({})) });
    if (many.length > LIMITS.requestBytes) throw new Error('190,001 empty parties no longer fit in one request');
    report.add({
      section: SECTION,
      name: '190,001 parties (parse + cases.add) refused',
      value: await refusal('190,001', async () => call(desk, 'cases.add', parseJsonText(many, '输入') as never)),
      unit: 'ms',
      target: TARGET,
      note: `${(many.length / 1024 / 1024).toFixed(1)} MB of JSON`,
    });

    report.add({
      section: SECTION,
      name: 'template looping 4,000,000 times refused',
      value: await refusal('template', () =>
        call(desk, 'templates.validate', {
          source: '# 标题\n{% for i in (1..2000) %}{% for j in (1..2000) %}{{ i }}{% endfor %}{% endfor %}\n',
        }),
      ),
      unit: 'ms',
      target: `≤ ${LIMITS.templateRenderMs + 500} ms`,
      note: `render limit ${LIMITS.templateRenderMs} ms`,
    });
  } finally {
    await desk.close();
    await rm(work, { recursive: true, force: true });
  }
}
