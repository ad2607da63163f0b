/**
 * Where things live, computed with plain Node so that the command line and the desktop app agree
 * without importing Electron: the data directory is `<user data folder>/data`, where the user data
 * folder is what Electron's `app.getPath('userData')` gives for the app name `mediation-desk`.
 */

import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_FOLDER_NAME = 'mediation-desk';

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME);
}

/** `--data DIR` wins, then `MEDIATION_DESK_DATA`, then the app's user-data folder. */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.MEDIATION_DESK_DATA) return path.resolve(env.MEDIATION_DESK_DATA);
  return path.join(defaultUserDataDir(env), 'data');
}

/** The shipped resources (templates, fonts): `resources/` of the checkout when running from source. */
export function defaultResourcesDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources');
}
