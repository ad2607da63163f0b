/**
 * Bundles the Electron side into dist/ (no Electron binary needed):
 *   dist/main/main.mjs       main process, ESM (Electron ≥ 28 loads an ESM main)
 *   dist/preload/preload.cjs preload, CommonJS: sandboxed preloads cannot be ES modules and may only
 *                            require('electron'); the build fails if anything else is required
 *   dist/cli.mjs             the command line, for bin/mediation-desk.js outside a checkout
 *   dist/{main/,}*-worker.js the batch worker threads, beside each bundle that starts them (workers.ts
 *                            looks for `<name>.js` next to itself; without them the work runs in the main thread)
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

/** `outDir` must lie inside the checkout, so the bundles' external packages resolve from its node_modules. */
const WORKERS = ['pdf-worker', 'check-worker'];

export async function buildMain(outDir = at('dist')): Promise<void> {
  const out = (p: string) => path.join(outDir, p);
  const workers = WORKERS.flatMap((name) =>
    ['main/', ''].map((dir) =>
      build({
        ...common,
        entryPoints: [at(`electron/core/batches/${name}.ts`)],
        outfile: out(`${dir}${name}.js`),
        format: 'esm',
        packages: 'external',
      }),
    ),
  );
  await Promise.all([
    ...workers,
    build({ ...common, entryPoints: [at('electron/main/main.ts')], outfile: out('main/main.mjs'), format: 'esm', packages: 'external' }),
    build({ ...common, entryPoints: [at('electron/cli/main.ts')], outfile: out('cli.mjs'), format: 'esm', packages: 'external' }),
    build({
      ...common,
      entryPoints: [at('electron/preload/preload.ts')],
      outfile: out('preload/preload.cjs'),
      format: 'cjs',
      platform: 'browser',
      target: 'chrome130',
      external: ['electron'],
      sourcemap: false,
    }),
  ]);
  const preload = readFileSync(out('preload/preload.cjs'), 'utf8');
  const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const foreign = required.filter((name) => name !== 'electron');
  if (foreign.length) throw new Error(`preload requires ${foreign.join(', ')}: a sandboxed preload may only require electron`);
  // The packaged app has only the production dependencies and what they depend on: a main-process
  // import of anything else (a devDependency) would work here and fail in the installed app.
  const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const shipped = productionClosure(Object.keys(pkg.dependencies));
  for (const bundle of ['main/main.mjs', 'cli.mjs']) {
    const imported = externalPackages(readFileSync(out(bundle), 'utf8')).filter((name) => name !== 'electron');
    const missing = imported.filter((name) => !shipped.has(name));
    if (missing.length)
      throw new Error(`${bundle} imports ${missing.join(', ')}, which the installed app would not have (not production dependencies)`);
    const indirect = imported.filter((name) => !(name in pkg.dependencies));
    if (indirect.length)
      process.stderr.write(`注意：${bundle} 直接使用了间接依赖 ${indirect.join(', ')}（随其他依赖一起打包；建议加入 dependencies）\n`);
  }
}

/** The production dependencies with everything they depend on, read from node_modules. */
export function productionClosure(direct: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...direct];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    try {
      const manifest = JSON.parse(readFileSync(at(`node_modules/${name}/package.json`), 'utf8')) as {
        dependencies?: Record<string, string>;
        optionalDependencies?: Record<string, string>;
      };
      queue.push(...Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }));
    } catch {
      // nested or absent (an optional dependency for another platform): nothing more to follow
    }
  }
  return seen;
}

/** Package names a bundle imports at run time (node: built-ins excluded). */
export function externalPackages(code: string): string[] {
  const specifiers = [...code.matchAll(/(?:^|\n)\s*import\s[^;]*?from\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? m[2]);
  const names = specifiers
    .filter((s) => !s.startsWith('node:') && !s.startsWith('.') && !s.startsWith('/'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]));
  return [...new Set(names)].sort();
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
