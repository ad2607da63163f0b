/**
 * The renderer runs in a sandboxed page: it may use pure helpers from electron/core (identity, dates,
 * money, code tables, schemas) but nothing that needs Node (fs, crypto…) or Electron. This walks the
 * import graph from every renderer source file and fails on the first such import, naming the chain.
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RENDERER = path.join(ROOT, 'renderer', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Runtime imports only: `import type` and `export type` vanish at build time. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(re)) found.push(m[1] ?? m[2]);
  return found;
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const FORBIDDEN =
  /^(node:|fs$|path$|os$|crypto$|child_process$|electron$|electron\/|lowdb|canonicalize$|pdfkit|docx$|exceljs|yazl|yauzl|electron-log|electron-updater)/;

function offending(entry: string): string[] | null {
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]): string[] | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    for (const spec of importsOf(file)) {
      if (FORBIDDEN.test(spec)) return [...chain, path.relative(ROOT, file), spec];
      if (!spec.startsWith('.')) continue;
      const next = resolve(file, spec);
      if (next && !next.endsWith('.css')) {
        const bad = walk(next, [...chain, path.relative(ROOT, file)]);
        if (bad) return bad;
      }
    }
    return null;
  };
  return walk(entry, []);
}

describe('renderer import graph', () => {
  it('reaches no Node built-in, Electron or Node-only package', () => {
    const problems = sources(RENDERER)
      .map((file) => offending(file))
      .filter((chain): chain is string[] => chain !== null)
      .map((chain) => chain.join(' → '));
    expect([...new Set(problems)]).toEqual([]);
  });

  it('would notice one (the check itself works)', () => {
    expect(offending(path.join(ROOT, 'electron', 'core', 'desk.ts'))?.at(-1)).toMatch(/^node:/);
  });
});
