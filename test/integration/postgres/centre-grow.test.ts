/**
 * The centre benchmark's server-side growth (test/bench/centre-grow.ts) at a tiny size: 200 cases
 * loaded through the import's writes, grown to 1,000 by four copies. The grown register must be one
 * the app reads as its own (centre-grow-check.ts: every sampled copy's rows derived again by the app,
 * opened, searched, checked for duplicates; the whole's statistics equal to the stations' sum), the
 * copies other cases and other people, the indexes back; and the check must notice a copy whose rows
 * do not match its document.
 */

import { randomUUID } from 'node:crypto';

import { beforeAll, expect, it } from 'vitest';

import { writeCases } from '../../../electron/core/database/cases';
import { Database } from '../../../electron/core/database/index';
import { appendLedger } from '../../../electron/core/database/records';
import { caseRow } from '../../../electron/core/register/rows';
import { COMPLETE_LEDGER } from '../../bench/centre';
import { growByCopies } from '../../bench/centre-grow';
import { checkGrown } from '../../bench/centre-grow-check';
import { centreCases } from '../../support/generate-centre';
import { createDatabase, sqlRows } from '../../support/postgres';
import { describeWithPostgres } from '../../support/postgres-tests';

const STATIONS = 4;
const PER_STATION = 50;
const YEAR = 2025;

/** What the indexes of the bulk tables are, by name and definition. */
const INDEXES = `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('cases', 'case_search', 'parties') ORDER BY indexname`;

describeWithPostgres('the centre benchmark grown on the server', ({ adminUrl }) => {
  let url: string;
  let sample: string[];
  let indexesBefore: unknown[];

  beforeAll(async () => {
    url = await createDatabase(adminUrl, 'grow');
    const db = new Database(url);
    const batches = new Map<number, string>();
    const cases = [
      ...centreCases(STATIONS * PER_STATION, { stations: STATIONS, perStation: PER_STATION, seed: 15, templates: 300, trim: true }, (s) => {
        if (!batches.has(s)) batches.set(s, randomUUID());
        return batches.get(s)!;
      }),
    ];
    for (let s = 0; s < STATIONS; s++) {
      const chunk = cases.slice(s * PER_STATION, (s + 1) * PER_STATION);
      const origin = chunk[0].origin!;
      await db.transaction('载入', async (client) => {
        await writeCases(client, chunk, caseRow, []);
        const receiptId = randomUUID();
        await appendLedger(
          client,
          { ...origin, sequence: 1, fileSha256: '0'.repeat(64), receiptId },
          { receiptId },
          { batchId: origin.batchId, stationCode: origin.stationCode, caseCount: chunk.length, loaded: true },
        );
      });
    }
    await db.read('补全', (q) => q.query(COMPLETE_LEDGER));
    await db.close();
    indexesBefore = await sqlRows(url, INDEXES);
    sample = (await growByCopies(url, STATIONS * PER_STATION, 4, () => undefined)).sample;
  }, 180_000);

  it('grows 200 cases to 1,000 that the app reads as its own', async () => {
    const [{ n }] = await sqlRows<{ n: string }>(url, 'SELECT count(*) AS n FROM cases');
    expect(Number(n)).toBe(1_000);
    expect(sample).toHaveLength(200);
    await expect(checkGrown(url, sample, YEAR)).resolves.toMatch(/equal; 40 opened/);
  });

  it('makes other cases of other people, with their ledger batches and the indexes back', async () => {
    const [counts] = await sqlRows<Record<string, string>>(
      url,
      `SELECT (SELECT count(DISTINCT number) FROM cases) AS numbers,
              (SELECT count(DISTINCT doc -> 'origin' ->> 'batchId') FROM case_documents) AS batches,
              (SELECT count(*) FROM batches) AS ledger,
              (SELECT count(DISTINCT p ->> 'idNumber') FROM case_documents, jsonb_array_elements(doc -> 'parties') p WHERE p ->> 'kind' = 'person') AS ids,
              (SELECT count(*) FROM case_documents, jsonb_array_elements(doc -> 'parties') p WHERE p ->> 'kind' = 'person') AS people,
              (SELECT count(DISTINCT p ->> 'id') FROM case_documents, jsonb_array_elements(doc -> 'parties') p) AS party_ids,
              (SELECT count(*) FROM parties) AS parties,
              (SELECT count(*) FROM pg_namespace WHERE nspname = 'bench_grow') AS left_behind`,
    );
    expect(Number(counts.numbers)).toBe(1_000);
    // each station: its loaded batch and one per copy, every case's origin naming one of them
    expect(Number(counts.batches)).toBe(STATIONS * 5);
    expect(Number(counts.ledger)).toBe(STATIONS * 5);
    expect(Number(counts.ids)).toBe(Number(counts.people));
    expect(Number(counts.party_ids)).toBe(Number(counts.parties));
    expect(Number(counts.left_behind)).toBe(0);
    // surnames changed: a copy's people are not its source's (five copies of each name would leave a fifth)
    const [names] = await sqlRows<{ names: string; people: string }>(
      url,
      `SELECT count(DISTINCT p ->> 'name') AS names, count(*) AS people
       FROM case_documents, jsonb_array_elements(doc -> 'parties') p WHERE p ->> 'kind' = 'person'`,
    );
    expect(Number(names.names)).toBeGreaterThan(0.9 * Number(names.people));
    expect(await sqlRows(url, INDEXES)).toEqual(indexesBefore);
  });

  it('refuses a register whose copied rows do not match their documents', async () => {
    await sqlRows(url, `UPDATE case_search SET haystack = haystack || 'x' WHERE id = $1`, [sample[0]]);
    try {
      await expect(checkGrown(url, sample, YEAR)).rejects.toThrow(/不一致[\s\S]*检索文本/);
    } finally {
      await sqlRows(url, `UPDATE case_search SET haystack = left(haystack, -1) WHERE id = $1`, [sample[0]]);
    }
  });
});
