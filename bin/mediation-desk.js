#!/usr/bin/env node
/**
 * `mediation-desk` on the command line. From a checkout (the TypeScript sources and tsx present) the
 * sources run directly through tsx, so the command never lags behind the code; otherwise the bundle
 * dist/cli.mjs made by `npm run build` runs. Either way the same runCli(argv) does the work.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = new URL('../electron/cli/main.ts', import.meta.url);
const bundle = new URL('../dist/cli.mjs', import.meta.url);

async function loadCli() {
  if (existsSync(fileURLToPath(source))) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      return await import(source.href);
    } catch (error) {
      // tsx missing (production install): fall through to the bundle.
      if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    }
  }
  if (existsSync(fileURLToPath(bundle))) return import(bundle.href);
  process.stderr.write(`错误：找不到命令行程序。请在 ${root} 中先运行 npm install，或运行 npm run build 生成 dist/cli.mjs。\n`);
  process.exit(1);
}

const { runCli } = await loadCli();
process.exitCode = await runCli(process.argv.slice(2));
