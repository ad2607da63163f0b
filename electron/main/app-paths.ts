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
