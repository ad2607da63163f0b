/**
 * Several centre PCs on one database: the same batch (cases and front-desk requests) imported on two of
 * them at once (one writes, the other reports it unchanged), keys made on both at once (one pair), and a connection cut in the
 * middle of an import (everything rolled back, said in Chinese, the next import succeeds).
 */

import path from 'node:path';

import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

import { call } from '../../../electron/core/api';
import { databaseFaults } from '../../../electron/core/database/index';
import type { Desk } from '../../../electron/core/desk';
import type { DeskError } from '../../../electron/core/errors';
import { diskDesk, fixedClock } from '../../support/desk';
import { generateCases } from '../../support/generate-cases';
import { generateRequests } from '../../support/generate-requests';
import { createDatabase } from '../../support/postgres';
import { describeWithPostgres } from '../../support/postgres-tests';
import { CENTRE_SETTINGS, type Offices, setupOffices } from '../batches-support';

/** Requests as a station stores them. */
const stationRequests = (n: number, seed: number) => generateRequests(n, { seed, to: '2026-11-20', sequenceBase: seed * 1000 });

async function count(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

describeWithPostgres('centre PCs sharing one database', ({ adminUrl }) => {
  let url: string;
  let o: Offices;
  let second: Desk;
  let batch: string;

  beforeAll(async () => {
    url = await createDatabase(adminUrl);
    o = await setupOffices({ database: url });
    // a second centre PC: its own data directory and settings, the same database
    second = await diskDesk({ settings: { ...CENTRE_SETTINGS, operator: '李审核' }, clock: fixedClock('2026-11-23'), database: url });
    await o.station.commit({ cases: generateCases(300, { seed: 31, to: '2026-11-20' }), records: { requests: stationRequests(40, 31) } });
    batch = (await call(o.station, 'batches.export', { out: path.join(o.work, 'out') })).file;
  });
  afterEach(() => {
    databaseFaults.hook = undefined;
  });
  afterAll(async () => {
    await o.station.close();
    await o.centre.close();
    await second.close();
  });

  it('shares the centre: one key pair and the trusted stations, whichever PC made them', async () => {
    expect((await call(second, 'keys.show', {})).fingerprint).toBe((await call(o.centre, 'keys.show', {})).fingerprint);
    expect((await call(second, 'centre.stations', {})).stations).toHaveLength(1);
  });

  it('imports one batch once when two PCs import it at the same moment', async () => {
    const [a, b] = await Promise.all([call(o.centre, 'batches.import', { file: batch }), call(second, 'batches.import', { file: batch })]);
    const [winner, loser] = a.alreadyImported ? [b, a] : [a, b];
    expect(winner).toMatchObject({ new: 300, unchanged: 0, alreadyImported: false, requests: { new: 40, unchanged: 0 } });
    expect(loser).toMatchObject({ new: 0, unchanged: 300, alreadyImported: true, requests: { new: 0, unchanged: 40 } });
    expect(await count(url, 'cases')).toBe(300);
    expect(await count(url, 'requests')).toBe(40);
    expect(await count(url, 'batches')).toBe(1);
    // both PCs see the same register
    expect((await call(second, 'stats.report', { year: 2026 })).total).toEqual(
      (await call(o.centre, 'stats.report', { year: 2026 })).total,
    );
  });

  it('rolls back an import whose connection is cut after the cases were written, and says so', async () => {
    const more = generateCases(200, { seed: 32, to: '2026-11-20', shortName: '西城' });
    await o.station.commit({ cases: more, records: { requests: stationRequests(20, 32) } });
    const next = (await call(o.station, 'batches.export', { out: path.join(o.work, 'out') })).file;
    const counts = async () => ({
      cases: await count(url, 'cases'),
      batches: await count(url, 'batches'),
      parties: await count(url, 'parties'),
      requests: await count(url, 'requests'),
    });
    const before = await counts();
    databaseFaults.hook = async (point, client) => {
      if (point !== 'import-written') return;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [(client as unknown as { processID: number }).processID]);
      await admin.end();
    };
    const error = (await call(o.centre, 'batches.import', { file: next }).catch((e: unknown) => e)) as DeskError;
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toContain('与数据库的连接中断');
    expect(error.message).toContain('本次操作已全部撤销，数据库中没有写入任何内容');
    expect(await counts()).toEqual(before);

    databaseFaults.hook = undefined;
    expect(await call(second, 'batches.import', { file: next })).toMatchObject({ new: 200, alreadyImported: false, requests: { new: 20 } });
    expect(await count(url, 'cases')).toBe(500);
    expect(await count(url, 'requests')).toBe(60);
  });

  it('makes one key pair when two new PCs ask for it at once', async () => {
    const fresh = await createDatabase(adminUrl);
    const pcs = await Promise.all(
      [1, 2].map(() => diskDesk({ settings: CENTRE_SETTINGS, clock: fixedClock('2026-11-23'), database: fresh })),
    );
    const [a, b] = await Promise.all(pcs.map((pc) => call(pc, 'keys.show', {})));
    expect(a.fingerprint).toBe(b.fingerprint);
    await Promise.all(pcs.map((pc) => pc.close()));
  });
});
