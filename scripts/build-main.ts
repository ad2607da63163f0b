/**
 * Bundles the Electron side into dist/ (no Electron binary needed):
 *   dist/main/main.mjs       main process, ESM (Electron ≥ 28 loads an ESM main)
 *   dist/preload/preload.cjs preload, CommonJS: sandboxed preloads cannot be ES modules and may only
 *                            require('electron'); the build fails if anything else is required
 *   dist/cli.mjs             the command line, for bin/mediation-desk.js outside a checkout
 * npm packages stay external: electron-builder ships the production dependencies next to dist/, and
 * some of them (pdfkit's font metrics, fonts packages) read files relative to their own folder.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const at = (p: string) => path.join(root, p);

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'production') },
};

export async function buildMain(): Promise<void> {
  await Promise.all([
    build({ ...common, entryPoints: [at('electron/main/main.ts')], outfile: at('dist/main/main.mjs'), format: 'esm', packages: 'external' }),
    build({ ...common, entryPoints: [at('electron/cli/main.ts')], outfile: at('dist/cli.mjs'), format: 'esm', packages: 'external' }),
    build({
      ...common,
      entryPoints: [at('electron/preload/preload.ts')],
      outfile: at('dist/preload/preload.cjs'),
      format: 'cjs',
      platform: 'browser',
      target: 'chrome130',
      external: ['electron'],
      sourcemap: false,
    }),
  ]);
  const preload = readFileSync(at('dist/preload/preload.cjs'), 'utf8');
  const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const foreign = required.filter((name) => name !== 'electron');
  if (foreign.length) throw new Error(`preload requires ${foreign.join(', ')}: a sandboxed preload may only require electron`);
}

const isEntryPoint = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isEntryPoint) {
  buildMain().then(
    () => process.stdout.write('已生成 dist/main/main.mjs、dist/preload/preload.cjs、dist/cli.mjs\n'),
    (error) => {
      process.stderr.write(`构建失败：${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
