/**
 * Benchmark figures: each section adds rows; the runner prints one table. Figures are reported,
 * never asserted: speed targets live here, not in timed tests.
 */

import { performance } from 'node:perf_hooks';

export interface BenchRow {
  section: string;
  name: string;
  value: number;
  unit: 'ms' | 's' | 'MB' | 'x' | 'cases/s';
  /** The target as written in the issue, e.g. `≤ 20 ms`. */
  target?: string;
  note?: string;
}

export class BenchReport {
  readonly rows: BenchRow[] = [];

  add(row: BenchRow): void {
    this.rows.push(row);
    const figure = `${row.value.toFixed(row.unit === 'ms' && row.value < 10 ? 2 : 1)} ${row.unit}`;
    process.stderr.write(`  ${row.section} · ${row.name}: ${figure}${row.target ? `  (目标 ${row.target})` : ''}\n`);
  }

  table(): string {
    const header = ['section', 'measure', 'value', 'target', 'note'];
    const lines = this.rows.map((r) => [
      r.section,
      r.name,
      `${r.value.toFixed(r.unit === 'ms' && r.value < 10 ? 2 : 1)} ${r.unit}`,
      r.target ?? '',
      r.note ?? '',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
  }
}

/**
 * The size a section measures at: `n`, or in a smoke run (`BENCH_SMOKE=1`: test/integration/bench-smoke.test.ts
 * runs every section that way, so that a change which breaks a benchmark is seen in `npm test`) a
 * five-hundredth of it, at least 20.
 */
export function benchSize(n: number): number {
  return process.env.BENCH_SMOKE === '1' ? Math.max(20, Math.round(n / 500)) : n;
}

export interface Timing {
  median: number;
  p95: number;
  mean: number;
  runs: number;
}

/** Run `fn` `runs` times (after `warmup` untimed runs) and return the spread in milliseconds. */
export async function timeRuns(fn: (i: number) => unknown, runs: number, warmup = 0): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)];
  return { median: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length, runs };
}

export async function timeOnce<T>(fn: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

export type BenchSection = (report: BenchReport) => Promise<void>;
