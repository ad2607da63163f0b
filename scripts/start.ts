/**
 * `npm start` (after `npm run build`): launches the real app with the Electron binary. The project's
 * .npmrc sets ignore-scripts, so `npm install` never downloads it: the first start fetches it with
 * Electron's own installer (which honours ELECTRON_MIRROR). Where that fails (no internet, as on this
 * project's build machines) it says so plainly and points to the harness instead of a stack trace.
 */

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export function electronBinary(): { path: string } | { problem: string } {
  const require = createRequire(path.join(root, 'package.json'));
  try {
    const binary = require('electron') as unknown as string;
    if (typeof binary === 'string' && existsSync(binary)) return { path: binary };
    return { problem: `找不到 Electron 程序文件：${binary}` };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

const isEntryPoint = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
/** Run Electron's own installer once (downloads the binary for this platform). */
function downloadElectron(): void {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return;
  process.stderr.write('首次启动：正在下载 Electron 程序……\n');
  spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), stdio: 'inherit' });
}

if (isEntryPoint) {
  let found = electronBinary();
  if ('problem' in found) {
    downloadElectron();
    found = electronBinary();
  }
  if ('problem' in found) {
    process.stderr.write(
      [
        '无法启动人民调解工作台：本机没有 Electron 程序（二进制文件未下载）。',
        `原因：${found.problem}`,
        '',
        '在能联网的电脑上运行 `node node_modules/electron/install.js` 下载 Electron 程序',
        '（国内可设置 ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ 加速下载）。',
        '没有 Electron 时，可用 `npm run harness` 在浏览器中打开同一界面（仅供开发和测试）。',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
  if (!existsSync(path.join(root, 'dist', 'main', 'main.mjs'))) {
    process.stderr.write('尚未构建：请先运行 npm run build。\n');
    process.exit(1);
  }
  const child = spawn(found.path, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
