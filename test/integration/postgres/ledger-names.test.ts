/**
 * The reports' station names on a centre's database: each station code's newest ledger entry, found
 * by one probe per station (database/records.ts `newestLedgerNames`, migration 9's index) instead of
 * reading the whole ledger. The names must be the ones the whole ledger gives when read oldest first
 * with the newest winning (centre/records.ts `stationNames`, the embedded centre's reading), whatever
 * order the stations' batches came in and however often a station was renamed.
 */

import { randomUUID } from 'node:crypto';

import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { Database } from '../../../electron/core/database/index';
import { appendLedger, newestLedgerNames } from '../../../electron/core/database/records';
import { createDatabase, explaining } from '../../support/postgres';
import { describeWithPostgres } from '../../support/postgres-tests';

describeWithPostgres('station names from the ledger on PostgreSQL', ({ adminUrl }) => {
  let database: Database;

  beforeAll(async () => {
    database = new Database(await createDatabase(adminUrl, 'ledger_names'));
    await database.ready();
  });
  afterAll(() => database.close());

  /** The ledger's entries written in this order. */
  const writeLedger = (entries: readonly { stationCode: string; stationName: string }[]) =>
    database.transaction('写入导入记录', async (client) => {
      await client.query('TRUNCATE batches');
      for (const [i, e] of entries.entries())
        await appendLedger(
          client,
          {
            batchId: randomUUID(),
            stationCode: e.stationCode,
            fingerprint: 'AAAA',
            sequence: i + 1,
            fileSha256: '0'.repeat(64),
            importedAt: '2026-12-01T00:00:00Z',
            receiptId: randomUUID(),
          },
          {},
          { stationCode: e.stationCode, stationName: e.stationName },
        );
    });

  it("gives each station code its newest entry's name, oldest first, one row per code", async () => {
    const entry = fc.record({
      stationCode: fc.constantFrom('510702-001', '510702-002', '510702-010', '511700-001', '999999-999', 'Z'),
      stationName: fc.constantFrom('东城调委会', '东城人民调解委员会', '西城调委会', '北坡村调委会', '名称“引号”\\斜杠'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 40 }), async (entries) => {
        await writeLedger(entries);
        const found = await database.read('读取站点名称', newestLedgerNames);
        const whole = new Map<string, string>();
        const newestAt = new Map<string, number>();
        for (const [i, e] of entries.entries()) {
          whole.set(e.stationCode, e.stationName);
          newestAt.set(e.stationCode, i);
        }
        expect(new Map(found.map((r) => [r.stationCode, r.stationName]))).toEqual(whole);
        // one row per code, in the order of each code's newest entry
        expect(found.map((r) => r.stationCode)).toEqual([...newestAt].sort((a, b) => a[1] - b[1]).map(([code]) => code));
      }),
      { numRuns: 40 },
    );
  });

  it('finds them by the index, one probe per station, not by reading the ledger', async () => {
    const stations = 30;
    await writeLedger(
      Array.from({ length: 3_000 }, (_, i) => ({ stationCode: `5107${String(i % stations).padStart(2, '0')}-001`, stationName: `站${i}` })),
    );
    const plan = await database.transaction('读取站点名称', async (client) => {
      await client.query('ANALYZE batches');
      const { db, plans } = explaining(client, 'ANALYZE, COSTS OFF, TIMING OFF');
      await newestLedgerNames(db);
      return plans.join('\n');
    });
    expect(plan).toContain('Index Scan using batches_station_newest on batches');
    expect(plan).not.toMatch(/Seq Scan on batches|Bitmap Heap Scan on batches/);
    // after the first station, one probe per station: each finds the next, the last finds none
    const loops = /Index Scan using batches_station_newest on batches batches_1 \(actual rows=\d+ loops=(\d+)\)/.exec(plan);
    expect(Number(loops?.[1])).toBe(stations);
  });
});
