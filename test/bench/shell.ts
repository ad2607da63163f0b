/**
 * The desktop shell's own cost on every call: the IPC door (request check, name lookup, the handler's
 * zod validation, error mapping) for a full case registration form, and the log's masking hook for a
 * typical line. Both run in the main process for every call or log line, so they must stay far below
 * anything a mediator could notice. There are no issue targets for these; they are reported as
 * figures.
 */

import { handlers } from '../../electron/core/api';
import { createDispatcher } from '../../electron/main/ipc';
import { maskingHook } from '../../electron/main/log-mask';
import { memoryDesk, sampleCaseInput } from '../support/desk';
import { type BenchReport, timeRuns } from './report';

export default async function shellBench(report: BenchReport): Promise<void> {
  const desk = await memoryDesk();
  const silent = { info() {}, warn() {}, error() {} };
  const dispatcher = createDispatcher({ table: handlers, getDesk: () => desk, log: silent });
  const send = () => {};

  // A refused registration: the full form is validated and the error mapped, nothing is written.
  const bad = sampleCaseInput();
  bad.parties[0] = { ...bad.parties[0], idNumber: '110105194912310021' } as (typeof bad.parties)[0];
  const refused = await timeRuns(() => dispatcher.call(1, { name: 'cases.add', input: bad, callId: 'b' }, send), 2000, 200);
  report.add({
    section: 'shell',
    name: 'IPC 调用：受理登记表校验并拒绝（中位数）',
    value: refused.median,
    unit: 'ms',
    note: `p95 ${refused.p95.toFixed(3)} ms`,
  });

  const codes = await timeRuns(() => dispatcher.call(1, { name: 'codes.list', input: {}, callId: 'c' }, send), 2000, 200);
  report.add({
    section: 'shell',
    name: 'IPC 调用：最小操作 codes.list（中位数）',
    value: codes.median,
    unit: 'ms',
    note: `p95 ${codes.p95.toFixed(3)} ms`,
  });

  const line = {
    data: [
      'IPC：cases.add → VALIDATION',
      { field: 'parties[0].idNumber', id: '11010519491231002X', phone: '13800138000' },
      '当事人张三 11010519491231002X',
    ],
  };
  const masked = await timeRuns(() => maskingHook(line), 5000, 500);
  report.add({
    section: 'shell',
    name: '日志脱敏：一行（含对象）（中位数）',
    value: masked.median,
    unit: 'ms',
    note: `p95 ${masked.p95.toFixed(3)} ms`,
  });
}
