/**
 * Starting this module's worker threads, from source or from a bundle.
 *
 * From source (tsx, vitest) a worker is a TypeScript file: it is started through a tiny data-URL
 * bootstrap that registers tsx's loader inside the worker first (Node 20 does not apply `--import tsx`
 * from `execArgv` to a worker's entry module). A bundle should ship `<name>.js` beside itself; when it
 * does not, `workerAvailable` says so and callers do the work in the main thread.
 */

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const fromSource = import.meta.url.endsWith('.ts');

function entryOf(name: string): URL {
  return new URL(`./${name}${fromSource ? '.ts' : '.js'}`, import.meta.url);
}

export function workerAvailable(name: string): boolean {
  const entry = entryOf(name);
  return entry.protocol === 'file:' && existsSync(fileURLToPath(entry));
}

export function startWorker(name: string, workerData?: unknown): Worker {
  const entry = entryOf(name);
  if (!fromSource) return new Worker(entry, { workerData });
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(entry.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData });
}
