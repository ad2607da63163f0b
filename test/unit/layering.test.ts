/**
 * The layering of electron/, written once: each module may import only from its own layer or the
 * layers below it (VS Code's rule, checked here rather than by a lint plugin so the failure names the
 * whole chain of the offending import). Type-only imports count too: a type from an upper layer still
 * ties the lower one to it. A lower layer that needs an upper one's judgement receives it as an
 * injected function (e.g. the 卷宗 check on closing, passed to the case handlers by api.ts).
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Lowest first. A file belongs to the first entry whose pattern matches its path under electron/.
 * New domains take the rank of their peers (e.g. a front-desk `requests/` beside `oversight/`).
 */
export const LAYERS: { name: string; paths: RegExp[] }[] = [
  { name: 'base', paths: [/^core\/(errors|dates|money|paths|validate|limits|json|canonical|files|zip|turns)\.ts$/] },
  { name: 'schema', paths: [/^core\/schema\//] },
  { name: 'store', paths: [/^core\/(store|database)\//] },
  { name: 'desk', paths: [/^core\/(desk|handler|session)\.ts$/] },
  { name: 'cases', paths: [/^core\/(cases|settings|backups)\//] },
  { name: 'documents', paths: [/^core\/documents\//] },
  // register/ (one method per centre function, embedded or PostgreSQL) shares the pure definitions of oversight/, batches/ and centre/
  { name: 'oversight, batches', paths: [/^core\/(oversight|batches|centre|requests|operators|register)\//] },
  { name: 'api', paths: [/^core\/api\.ts$/] },
  { name: 'doors', paths: [/^(main|preload|dev|cli)\//] },
];

function rankOf(relative: string): number {
  const rank = LAYERS.findIndex((layer) => layer.paths.some((p) => p.test(relative)));
  if (rank < 0) throw new Error(`electron/${relative} 不属于任何一层：请在 test/unit/layering.test.ts 的 LAYERS 中为它定位`);
  return rank;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Relative imports of a file (value and type), resolved to paths under electron/. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => {
      const target = path.resolve(path.dirname(file), spec);
      for (const candidate of [`${target}.ts`, `${target}.tsx`, path.join(target, 'index.ts'), target]) {
        try {
          if (statSync(candidate).isFile()) return candidate;
        } catch {
          // try the next spelling
        }
      }
      return `${target}.ts`;
    });
}

describe('layering of electron/ (imports only downward)', () => {
  const electronDir = path.join(root, 'electron');
  const files = sourceFiles(electronDir);
  const relative = (file: string) => path.relative(electronDir, file).split(path.sep).join('/');

  it('places every module in a layer', () => {
    for (const file of files) expect(() => rankOf(relative(file))).not.toThrow();
  });

  it('has no import from a lower layer to a higher one', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = relative(file);
      const fromRank = rankOf(from);
      for (const target of importsOf(file)) {
        if (!target.startsWith(electronDir + path.sep)) continue;
        const to = relative(target);
        const toRank = rankOf(to);
        if (toRank > fromRank) violations.push(`${from}（${LAYERS[fromRank].name}）→ ${to}（${LAYERS[toRank].name}）`);
      }
    }
    expect(violations, `这些导入从低层指向高层：\n${violations.join('\n')}`).toEqual([]);
  });

  it('catches an upward import (the check itself can fail)', () => {
    expect(rankOf('core/cases/service.ts')).toBeLessThan(rankOf('core/oversight/dossier.ts'));
    expect(rankOf('core/desk.ts')).toBeLessThan(rankOf('core/cases/search.ts'));
    expect(rankOf('core/schema/case.ts')).toBeLessThan(rankOf('core/store/index.ts'));
  });
});
