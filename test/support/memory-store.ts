/**
 * A store kept in memory, for unit tests of logic above the store (workflow, documents, statistics).
 * It honours the contract's shape (commit replaces whole cases and documents) but writes nothing.
 */

import type { Case } from '../../electron/core/schema/case';
import type { BackupInfo, Commit, DocName, Store } from '../../electron/core/store/types';

export function memoryStore(initial: { cases?: Case[]; docs?: Partial<Record<DocName, unknown>>; keyring?: unknown } = {}): Store {
  const cases = new Map<string, Case>((initial.cases ?? []).map((c) => [c.id, c]));
  const docs = new Map<DocName, unknown>(Object.entries(initial.docs ?? {}) as [DocName, unknown][]);
  let keyring = initial.keyring;
  return {
    dataDir: '(memory)',
    schemaVersion: 0,
    encrypted: false,
    loaded: true,
    async unlock() {},
    keyring: <T>() => structuredClone(keyring) as T | undefined,
    getCase: (id) => cases.get(id),
    getCaseByNumber: (number) => [...cases.values()].find((c) => c.number === number.trim()),
    allCases: () => cases.values(),
    caseCount: () => cases.size,
    getDoc: <T>(name: DocName) => structuredClone(docs.get(name)) as T | undefined,
    async commit(change: Commit) {
      for (const c of change.cases ?? []) cases.set(c.id, structuredClone(c));
      for (const [name, value] of Object.entries(change.docs ?? {})) docs.set(name as DocName, structuredClone(value));
      if (change.keyring !== undefined) keyring = structuredClone(change.keyring);
    },
    async createBackup(): Promise<BackupInfo> {
      throw new Error('memory store has no backups');
    },
    async listBackups() {
      return [];
    },
    async withSnapshot(): Promise<never> {
      throw new Error('memory store has no files to back up');
    },
    async close() {},
  };
}
