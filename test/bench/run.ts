/**
 * `npm run bench [-- SECTION…]`: runs the benchmark sections and prints one table of figures.
 * Each section lives in its own file beside this one.
 */

import { BenchReport, type BenchSection } from './report';

const SECTIONS: Record<string, () => Promise<{ default: BenchSection }>> = {
  store: () => import('./store'),
  batches: () => import('./batches'),
  oversight: () => import('./oversight'),
  centre: () => import('./centre'),
  renderer: () => import('./renderer'),
  documents: () => import('./documents'),
  shell: () => import('./shell'),
  limits: () => import('./limits'),
  requests: () => import('./requests'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(SECTIONS);
const report = new BenchReport();
for (const name of names) {
  const load = SECTIONS[name];
  if (!load) {
    process.stderr.write(`未知的基准测试部分：${name}（可选：${Object.keys(SECTIONS).join('、')}）\n`);
    process.exit(2);
  }
  process.stderr.write(`\n== ${name} ==\n`);
  await (await load()).default(report);
}
process.stdout.write(`\n${report.table()}\n`);
