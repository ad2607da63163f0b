/**
 * The renderer's own work that grows with the register, measured under node with the same pure
 * modules the screens use:
 * - 案件: filtering and sorting the whole list (50,000 summaries) as the register screen does on every
 *   filter or sort change (the text query itself is answered by the core's index, measured by `store`);
 * - 受理登记: the per-keystroke validation of a three-party form.
 */

import { type CaseSummary, summarise } from '../../electron/core/cases/search';
import { emptyIntake, emptyParty, toCaseInput, validateIntake } from '../../renderer/src/screens/intake/validate';
import { registerView } from '../../renderer/src/screens/register/filter';
import { iterateCases } from '../support/generate-cases';
import { type BenchReport, benchSize, timeRuns } from './report';

const ROWS = benchSize(50_000);
const GENERATED = benchSize(10_000);

/** 50,000 realistic summaries: 10,000 generated cases, repeated with distinct ids and 案号 (generation dominates otherwise). */
function summaries(): CaseSummary[] {
  const base = [...iterateCases(GENERATED, { seed: 7 })].map(summarise);
  const rows: CaseSummary[] = [];
  for (let copy = 0; rows.length < ROWS; copy++) {
    for (const row of base) {
      if (rows.length >= ROWS) break;
      rows.push(
        copy === 0
          ? row
          : { ...row, id: `${row.id}-${copy}`, number: row.number.replace(/第(\d+)号/, (_, n) => `第${Number(n) + copy * GENERATED}号`) },
      );
    }
  }
  return rows;
}

export default async function rendererBench(report: BenchReport): Promise<void> {
  const rows = summaries();
  const section = 'renderer';
  const target = '≤ 50 ms';

  const filtered = await timeRuns(
    () => registerView(rows, { statuses: ['accepted', 'agreed', 'closed'], from: '2024-01-01', to: '2026-06-30' }),
    30,
    3,
  );
  report.add({
    section,
    name: '案件列表 5万行：状态+日期筛选',
    value: filtered.median,
    unit: 'ms',
    target,
    note: `p95 ${filtered.p95.toFixed(1)} ms`,
  });

  const byMediator = await timeRuns(() => registerView(rows, { mediator: '李明华', type: 'neighbour' }), 30, 3);
  report.add({
    section,
    name: '案件列表 5万行：调解员+类型筛选',
    value: byMediator.median,
    unit: 'ms',
    target,
    note: `p95 ${byMediator.p95.toFixed(1)} ms`,
  });

  const sortAmount = await timeRuns(() => registerView(rows, {}, { key: 'amountFen', order: 'descend' }), 20, 2);
  report.add({
    section,
    name: '案件列表 5万行：按金额排序',
    value: sortAmount.median,
    unit: 'ms',
    target,
    note: `p95 ${sortAmount.p95.toFixed(1)} ms`,
  });

  const sortNumber = await timeRuns(
    () => registerView(rows, { statuses: ['closed', 'agreed'] }, { key: 'number', order: 'ascend' }),
    20,
    2,
  );
  report.add({
    section,
    name: '案件列表 5万行：筛选+按案号排序',
    value: sortNumber.median,
    unit: 'ms',
    target,
    note: `p95 ${sortNumber.p95.toFixed(1)} ms`,
  });

  // Typing the third party's ID number one character at a time into a filled three-party form.
  const today = '2026-11-23';
  const form = emptyIntake(today, '王调解');
  Object.assign(form, { disputeType: 'neighbour', summary: '相邻排水纠纷', amount: '3,000.50', facts: '双方系相邻住户。'.repeat(40) });
  form.parties[0] = { ...form.parties[0], name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };
  form.parties[1] = { ...form.parties[1], name: '李四', idNumber: '510702198503150017', phone: '0818-2345678' };
  form.parties.push({ ...emptyParty('third-party'), name: '王五', phone: '13900139000' });
  const id = '510722199007240021';
  const keystroke = await timeRuns(
    (i) => {
      form.parties[2] = { ...form.parties[2], idNumber: id.slice(0, (i % id.length) + 1) };
      const problems = validateIntake(form, today);
      // the draft and the core check are sent the converted input: part of a keystroke's work
      return [problems, toCaseInput(form)];
    },
    2000,
    100,
  );
  report.add({
    section,
    name: '纠纷登记：每次按键的校验（三方当事人）',
    value: keystroke.median,
    unit: 'ms',
    target: '≤ 5 ms',
    note: `p95 ${keystroke.p95.toFixed(3)} ms`,
  });
}
