/**
 * Benchmark section `documents`: a two-page agreement with three parties, after warm-up, as PDF and as
 * DOCX (template → document model → file; no event recorded, so the store is not measured); and the
 * first PDF in a fresh process, fonts included, measured in a child process.
 */

import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import { renderCaseDocument } from '../../electron/core/documents/service';
import { IDS, memoryDesk, sampleCaseInput } from '../support/desk';
import { type BenchReport, timeOnce, timeRuns } from './report';

const TERMS = [
  '被申请人李四于2026年11月30日前将堆放在公共通道内的木料、砖块等杂物全部清除，恢复通道原状，保证申请人正常通行。',
  '被申请人李四、王五共同赔偿申请人张三因通行受阻造成的误工费、交通费等各项损失共计人民币壹万贰仟叁佰元零伍分（¥12,300.05），于2026年11月30日前一次性支付到申请人指定的银行账户。',
];

/** An agreed, signed case with three parties whose agreement takes two pages. */
export async function benchCase(): Promise<{ desk: Desk; id: string }> {
  const desk = await memoryDesk();
  const c = await call(
    desk,
    'cases.add',
    sampleCaseInput({
      facts: '申请人与被申请人系同一院落的邻居。被申请人在公共通道内长期堆放杂物，致使申请人的车辆无法通行，双方因此发生纠纷。',
      parties: [
        {
          role: 'applicant',
          kind: 'person',
          name: '张三',
          idNumber: IDS.zhangSan,
          phone: '13800138000',
          address: '达州市通川区东城街道1号',
        },
        {
          role: 'respondent',
          kind: 'person',
          name: '李四',
          idNumber: IDS.liSi,
          phone: '0818-2345678',
          address: '达州市通川区东城街道2号',
          agent: { name: '赵律师', relation: '律师' },
        },
        {
          role: 'respondent',
          kind: 'person',
          name: '王五',
          idNumber: IDS.wangWu,
          phone: '13900139000',
          address: '达州市通川区东城街道3号',
        },
      ],
    }),
  );
  await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
  await call(desk, 'cases.act', {
    id: c.id,
    action: 'agree',
    details: { date: '2026-11-20', terms: TERMS, performanceMethod: '银行转账', performanceDeadline: '2026-11-30' },
  });
  await call(desk, 'cases.act', { id: c.id, action: 'sign', details: { date: '2026-11-20' } });
  return { desk, id: c.id };
}

async function firstPdfChild(): Promise<void> {
  const { desk, id } = await benchCase();
  const { ms, result } = await timeOnce(() => renderCaseDocument(desk, id, 'agreement', 'pdf', { record: false }));
  process.stdout.write(JSON.stringify({ ms, pages: result.pages }));
}

export default async function documents(report: BenchReport): Promise<void> {
  const { desk, id } = await benchCase();
  const first = await renderCaseDocument(desk, id, 'agreement', 'pdf', { record: false });
  // The machine may be shared: the load average says how much of the CPU these figures had.
  const load = `负载 ${os.loadavg()[0].toFixed(1)}/${os.cpus().length}核`;
  const note = `${first.pages} 页，3 名当事人，${load}`;
  // CPU time per document as well: on a shared, loaded machine wall time mostly measures waiting.
  const cpuPerRun = async (format: 'pdf' | 'docx', runs = 40) => {
    const start = process.cpuUsage();
    for (let i = 0; i < runs; i++) await renderCaseDocument(desk, id, 'agreement', format, { record: false });
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / runs;
  };
  const pdf = await timeRuns(() => renderCaseDocument(desk, id, 'agreement', 'pdf', { record: false }), 40, 10);
  report.add({
    section: 'documents',
    name: '协议书 PDF（预热后，中位数）',
    value: pdf.median,
    unit: 'ms',
    target: '≤ 40 ms',
    note: `${note}；p95 ${pdf.p95.toFixed(1)} ms`,
  });
  report.add({ section: 'documents', name: '协议书 PDF（CPU时间/份）', value: await cpuPerRun('pdf'), unit: 'ms', target: '≤ 40 ms' });
  const docx = await timeRuns(() => renderCaseDocument(desk, id, 'agreement', 'docx', { record: false }), 40, 10);
  report.add({
    section: 'documents',
    name: '协议书 DOCX（预热后，中位数）',
    value: docx.median,
    unit: 'ms',
    target: '≤ 15 ms',
    note: `p95 ${docx.p95.toFixed(1)} ms`,
  });

  report.add({ section: 'documents', name: '协议书 DOCX（CPU时间/份）', value: await cpuPerRun('docx'), unit: 'ms', target: '≤ 15 ms' });

  // A fresh process: fonts parsed, template compiled, first PDF written (module loading excluded).
  const self = fileURLToPath(import.meta.url);
  const tsx = path.resolve(path.dirname(self), '../../node_modules/.bin/tsx');
  const child = spawnSync(tsx, [self, '--first-pdf-child'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`子进程失败：${child.stderr}`);
  const result = JSON.parse(child.stdout) as { ms: number; pages: number };
  report.add({
    section: 'documents',
    name: '新进程中的第一份 PDF（含加载字体）',
    value: result.ms,
    unit: 'ms',
    target: '≤ 500 ms',
    note: `${result.pages} 页，${load}`,
  });
}

if (process.argv.includes('--first-pdf-child')) await firstPdfChild();
