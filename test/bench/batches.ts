/**
 * Batch benchmark: export 10,000 cases without documents, verify that batch (twice), import it into an empty
 * centre and again (all unchanged); export 1,000 agreed cases with their two PDFs each (worker threads).
 * The centre is opened as the app opens it: signed in, then its batch checks warmed (`batches.warm`).
 * Both offices are real data directories in the temp folder, encrypted as every new office is.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { call } from '../../electron/core/api';
import { Desk } from '../../electron/core/desk';
import { generateCases } from '../support/generate-cases';
import { type BenchReport, benchSize, timeOnce } from './report';

const SECTION = 'batches';
const CASES = benchSize(10_000);
const AGREED = benchSize(1_000);
const count = (n: number) => n.toLocaleString('en');
const STATION = {
  name: '东城街道人民调解委员会',
  shortName: '东城',
  stationCode: '510702-001',
  court: '达州市通川区人民法院',
  operator: '王调解',
};
const CENTRE = { name: '达州市通川区公共法律服务中心', shortName: '通川中心', stationCode: '511702-000', role: 'centre' as const };

/**
 * The machine may be shared: alongside wall time, each note gives the process's CPU time for the step
 * and the load average, so a slow figure on a busy machine can be told from a slow program.
 */
async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T; note: string }> {
  const cpu = process.cpuUsage();
  const { ms, result } = await timeOnce(fn);
  const used = process.cpuUsage(cpu);
  return { ms, result, note: `CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, load ${os.loadavg()[0].toFixed(1)}` };
}

/** A new office as the first-run form makes it: its administrator signed in, the register encrypted (the default). */
async function office(root: string, name: string, settings: object): Promise<Desk> {
  const desk = await Desk.open({ dataDir: path.join(root, name), dailyBackup: false });
  await call(desk, 'settings.init', { ...settings, operator: '王调解', password: 'bench-mima-2026' });
  return desk;
}

export default async function batches(report: BenchReport): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'mdesk-bench-batches-'));
  try {
    const station = await office(root, 'station', STATION);
    const centre = await office(root, 'centre', CENTRE);
    // What a centre's doors do once an operator has signed in (electron/main/main.ts, the harness): start
    // and keep the checking thread, run the checks warm. The first verify below comes ~15 s later.
    await call(centre, 'batches.warm', {});
    await call(station, 'keys.export', { out: path.join(root, 'station.key.json') });
    await call(centre, 'centre.trust', { file: path.join(root, 'station.key.json') });

    process.stderr.write(`  生成并写入${count(CASES)}件案件…\n`);
    const cases = generateCases(CASES, { seed: 7 });
    for (let i = 0; i < cases.length; i += 2_000) await station.commit({ cases: cases.slice(i, i + 2_000) });

    const exported = await measured(() => call(station, 'batches.export', { out: path.join(root, 'out'), selection: 'all' }));
    report.add({
      section: SECTION,
      name: `export ${count(CASES)} cases (no documents)`,
      value: exported.ms,
      unit: 'ms',
      target: '≤ 3000 ms',
      note: `${(exported.result.bytes / 1024 / 1024).toFixed(1)} MB; ${exported.note}`,
    });

    const verified = await measured(() => call(centre, 'batches.verify', { file: exported.result.file }));
    report.add({ section: SECTION, name: 'verify that batch', value: verified.ms, unit: 'ms', target: '≤ 2000 ms', note: verified.note });
    // A second verify: the first may still have run some checks cold; this shows verification itself.
    const again = await measured(() => call(centre, 'batches.verify', { file: exported.result.file }));
    report.add({ section: SECTION, name: 'verify it again (thread running)', value: again.ms, unit: 'ms', note: again.note });

    const first = await measured(() => call(centre, 'batches.import', { file: exported.result.file }));
    report.add({
      section: SECTION,
      name: 'import into an empty centre',
      value: first.ms,
      unit: 'ms',
      target: '≤ 5000 ms',
      note: `new ${first.result.new}; ${first.note}`,
    });

    const importedAgain = await measured(() => call(centre, 'batches.import', { file: exported.result.file }));
    report.add({
      section: SECTION,
      name: 'import again (all unchanged)',
      value: importedAgain.ms,
      unit: 'ms',
      target: '≤ 3000 ms',
      note: `unchanged ${importedAgain.result.unchanged}; ${importedAgain.note}`,
    });
    await station.close();
    await centre.close();

    // Agreed cases with two PDFs each, rendered in worker threads.
    const agreedStation = await office(root, 'agreed', STATION);
    const agreed = generateCases(AGREED, { seed: 11, statuses: ['agreed'] });
    await agreedStation.commit({ cases: agreed });
    try {
      const withDocs = await measured(() =>
        call(agreedStation, 'batches.export', { out: path.join(root, 'out-docs'), selection: 'all', withDocuments: true }),
      );
      report.add({
        section: SECTION,
        name: `export ${count(AGREED)} agreed cases with 2 PDFs each`,
        value: withDocs.ms,
        unit: 'ms',
        target: '≤ 30000 ms',
        note: `${withDocs.result.documents} PDFs, ${(withDocs.result.bytes / 1024 / 1024).toFixed(1)} MB, ${os.availableParallelism()} cores; main thread ${withDocs.note}`,
      });
    } catch (error) {
      // a row without a figure, so that the table (and the smoke test) shows the failure
      const name = `export ${count(AGREED)} agreed cases with 2 PDFs each`;
      report.add({ section: SECTION, name, value: NaN, unit: 'ms', note: `失败：${(error as Error).message}` });
    }
    await agreedStation.close();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
