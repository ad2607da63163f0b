const names = [
  'app',
  'session',
  'ipcMain',
  'BrowserWindow',
  'dialog',
  'Menu',
  'shell',
  'net',
  'autoUpdater',
  'Notification',
  'powerMonitor',
];
const source = `const e = globalThis.__electronStub; export default e; ${names.map((n) => `export const ${n} = e.${n};`).join(' ')}`;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: 'stub:electron', shortCircuit: true };
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url === 'stub:electron') return { format: 'module', source, shortCircuit: true };
  return next(url, context);
}
