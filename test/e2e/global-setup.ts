/**
 * Before the journeys: build the renderer (the harness then starts with --no-build) and the main
 * process and preload (scripts/build-main.ts), so that wherever an Electron binary exists the
 * `electron` project runs the current code, never an old dist/. E2E_SKIP_BUILD=1 skips both (when
 * iterating on a spec with a build already made).
 */

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildMain } from '../../scripts/build-main';

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execFileSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  await buildMain();
}
