/**
 * electron-builder.yml against electron-builder's own configuration schema
 * (node_modules/app-builder-lib/scheme.json, JSON Schema draft-07, checked with ajv), and the choices
 * the issue asks for: per-user Chinese NSIS for x64, deb and AppImage for x64 and arm64, extra
 * resources, ASAR, only dist/ and package.json, a generic update server.
 */

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder (which reads the same file with it).
const yaml = require('js-yaml') as { load(text: string): unknown };
const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as { $schema: string };
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

let compiled: ReturnType<Ajv['compile']> | undefined;
function validator() {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return compiled;
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s configuration schema', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const validate = validator();
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check does catch mistakes', () => {
    const validate = validator();
    expect(validate({ ...config, nsis: { ...config.nsis, oneClick: 'no' } })).toBe(false);
    expect(validate({ ...config, productNme: 'typo' })).toBe(false);
    expect(validate({ ...config, publish: [{ provider: 'generic' }] })).toBe(false);
  });

  it('makes a per-user Chinese NSIS installer for x64 with a choosable directory', () => {
    expect(config.appId).toBe('cn.gov.mediation.desk');
    expect(config.productName).toBe('人民调解工作台');
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['zh_CN'],
      language: '2052',
      deleteAppDataOnUninstall: false,
    });
  });

  it('makes deb and AppImage for x64 and arm64', () => {
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.linux.maintainer).toBeTruthy();
  });

  it('ships only the built app, with templates and fonts as extra resources, in an ASAR', () => {
    expect(config.asar).toBe(true);
    const include = (config.files as string[]).filter((f) => !f.startsWith('!'));
    // Exclusions only ever remove things from dependencies or dist/, never add.
    expect((config.files as string[]).filter((f) => f.startsWith('!')).every((f) => /^!(dist|node_modules)\//.test(f))).toBe(true);
    expect(include.sort()).toEqual(['dist/**', 'package.json']);
    expect(JSON.stringify(config.files)).not.toMatch(/electron\/dev|test/);
    expect(config.extraResources[0]).toEqual({ from: 'resources', to: 'resources', filter: ['**/*'] });
    // The two font weights the PDF renderer uses go where electron/core/documents/fonts.ts looks first
    // (<resourcesDir>/fonts/NotoSerifSC_<weight>.ttf); the font package's own copies stay out of the ASAR.
    for (const weight of ['400Regular', '700Bold']) {
      const entry = config.extraResources.find((e: { to: string }) => e.to === `resources/fonts/NotoSerifSC_${weight}.ttf`);
      expect(entry, weight).toBeDefined();
      expect(existsSync(path.join(root, entry.from)), entry.from).toBe(true);
    }
    expect(config.files).toContain('!node_modules/@expo-google-fonts/noto-serif-sc/**/*.{ttf,png}');
    expect(config.icon).toBe('build/icon.png');
    const png = readFileSync(path.join(root, config.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('publishes to a generic server (the centre’s; the app uses settings.updateServer at run time)', () => {
    expect(config.publish).toHaveLength(1);
    expect(config.publish[0].provider).toBe('generic');
    expect(config.publish[0].url).toMatch(/^https?:\/\//);
  });

  it('package.json points Electron at the built ESM main', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/main/main.mjs');
    expect(pkg.scripts.build).toMatch(/scripts\/build-main\.ts/);
    expect(pkg.scripts.dist).toMatch(/electron-builder --config electron-builder\.yml/);
    // The updater and the logger are runtime dependencies, so electron-builder ships them.
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['electron-log', 'electron-updater']));
    expect(Object.keys(pkg.dependencies)).not.toContain('electron');
  });
});
