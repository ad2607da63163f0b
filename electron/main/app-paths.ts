/**
 * Where the shell finds its parts. Everything is relative to the app path (the checkout when run
 * with `electron .`, `resources/app.asar` when packaged); templates and fonts are extra resources
 * outside the ASAR when packaged (electron-builder.yml: resources/ → resources).
 */

import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppLocation {
  appPath: string;
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
}

export function shellPaths(location: AppLocation) {
  const dist = path.join(location.appPath, 'dist');
  const rendererIndex = path.join(dist, 'renderer', 'index.html');
  return {
    preload: path.join(dist, 'preload', 'preload.cjs'),
    rendererIndex,
    rendererUrl: pathToFileURL(rendererIndex).href,
    resourcesDir: location.isPackaged ? path.join(location.resourcesPath, 'resources') : path.join(location.appPath, 'resources'),
    icon: location.isPackaged ? undefined : path.join(location.appPath, 'build', 'icon.png'),
  };
}

/**
 * `--data DIR` / `--data=DIR` on the app's command line (e.g. in a desktop shortcut, to keep the
 * register on D:\ where a reimaged C:\ cannot take it), as the CLI accepts. Electron's own switches
 * and the first-run arguments are ignored.
 */
export function dataDirArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data' && argv[i + 1] && !argv[i + 1].startsWith('--')) return argv[i + 1];
    if (arg.startsWith('--data=') && arg.length > '--data='.length) return arg.slice('--data='.length);
  }
  return undefined;
}
