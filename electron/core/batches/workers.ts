/**
 * Starting this module's worker threads, from a bundle or from source.
 *
 * A bundle ships `<name>.js` beside itself (scripts/build-main.ts); when it does not, `workerAvailable`
 * says so and callers do the work in the main thread.
 *
 * From source (tsx, vitest, the benchmarks) a worker is bundled the same way on its first start in a
 * process, into dist/dev-workers/ (two folders deep, like dist/main/, so that paths relative to the
 * code still find resources/), and started as plain JavaScript. Starting the TypeScript through tsx's
 * loader inside the thread instead cost about a second of CPU per start (a loader thread of its own and a
 * transform per module), which the packaged app never pays and the benchmarks would have measured.
 */

import { existsSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';

const fromSource = import.meta.url.endsWith('.ts');

function entryOf(name: string): URL {
  return new URL(`./${name}${fromSource ? '.ts' : '.js'}`, import.meta.url);
}

export function workerAvailable(name: string): boolean {
  const entry = entryOf(name);
  return entry.protocol === 'file:' && existsSync(fileURLToPath(entry));
}

/** Bundles made by this process (made once: a process always runs the source it started with). */
const bundled = new Map<string, string>();

/** The worker's source bundled into dist/dev-workers/<name>.js, written atomically (processes run side by side). */
function devBundle(name: string): string {
  const made = bundled.get(name);
  if (made) return made;
  const source = fileURLToPath(entryOf(name));
  const repoRoot = path.resolve(path.dirname(source), '..', '..', '..');
  const out = path.join(repoRoot, 'dist', 'dev-workers', `${name}.js`);
  const temp = `${out}.${process.pid}-${threadId}.tmp`;
  // esbuild is a development dependency, only ever loaded here, from source
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  buildSync({
    entryPoints: [source],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  renameSync(temp, out);
  bundled.set(name, out);
  return out;
}

export function startWorker(name: string, workerData?: unknown): Worker {
  return new Worker(fromSource ? devBundle(name) : entryOf(name), { workerData });
}
