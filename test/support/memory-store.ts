/**
 * A store kept in memory, for unit tests of logic above the store (workflow, documents, statistics).
 * It honours the contract's shape (commit replaces whole cases and documents) but writes nothing.
 */

import type { Case } from '../../electron/core/schema/case';
import { caseKeyOf } from '../../electron/core/schema/case-keys';
import type { BackupInfo, Commit, DocName, RecordKind, Store, StoredRecord } from '../../electron/core/store/types';

export function memoryStore(initial: { cases?: Case[]; docs?: Partial<Record<DocName, unknown>>; keyring?: unknown } = {}): Store {
  const cases = new Map<string, Case>((initial.cases ?? []).map((c) => [c.id, c]));
  const docs = new Map<DocName, unknown>(Object.entries(initial.docs ?? {}) as [DocName, unknown][]);
  const records = new Map<RecordKind, Map<string, StoredRecord>>();
  const kind = (k: RecordKind) => records.get(k) ?? records.set(k, new Map()).get(k)!;
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
    *caseKeys() {
      for (const c of cases.values()) yield caseKeyOf(c);
    },
    async parseAllCases() {},
    getRecord: <T extends StoredRecord>(k: RecordKind, id: string) => kind(k).get(id) as T | undefined,
    getRecordByNumber: <T extends StoredRecord>(k: RecordKind, number: string) =>
      [...kind(k).values()].find((r) => r.number === number.trim()) as T | undefined,
    allRecords: <T extends StoredRecord>(k: RecordKind) => kind(k).values() as IterableIterator<T>,
    recordCount: (k: RecordKind) => kind(k).size,
    getDoc: <T>(name: DocName) => structuredClone(docs.get(name)) as T | undefined,
    async commit(change: Commit) {
      for (const c of change.cases ?? []) cases.set(c.id, structuredClone(c));
      for (const [k, list] of Object.entries(change.records ?? {}) as [RecordKind, StoredRecord[]][])
        for (const r of list) kind(k).set(r.id, structuredClone(r));
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
