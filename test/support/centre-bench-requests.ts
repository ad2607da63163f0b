/**
 * The front-desk requests of the centre benchmark's database (test/bench/centre.ts): a city centre's
 * year, 500,000 requests from 50 of the bench's stations by default (`CENTRE_BENCH_REQUESTS`), written
 * through the import's own statement (database/requests.ts `writeRequests`, rows from
 * register/request-rows.ts), 10,000 per transaction. Kept with the database and loaded again only when
 * the number asked for changes.
 */

import { Database } from '../../electron/core/database/index';
import { writeRequests } from '../../electron/core/database/requests';
import { requestRow } from '../../electron/core/register/request-rows';
import { benchStation } from './generate-centre';
import { generateRequests } from './generate-requests';
import { sqlRows } from './postgres';

const CHUNK = 10_000;
const STATIONS = 50;
const MARKER = 'bench-requests';

/** Stations whose requests the centre holds (codes as the bench's stations have them). */
export const requestStations = Array.from({ length: STATIONS }, (_, i) => benchStation(i * 10));

export async function prepareRequests(url: string, n: number, say: (line: string) => void): Promise<void> {
  const marker = await sqlRows<{ value: number }>(url, 'SELECT value AS value FROM documents WHERE name = $1', [MARKER]);
  if (marker[0]?.value === n) return;
  const db = new Database(url);
  try {
    say(`生成并载入 ${n.toLocaleString('en')} 条来访登记（${STATIONS} 个站点，经导入的写入语句）…`);
    const started = performance.now();
    await db.read('清空来访登记', (q) => q.query('TRUNCATE requests, request_totals'));
    const codes = requestStations.map((s) => s.code);
    const names = new Map(requestStations.map((s) => [s.code, s.name]));
    for (let done = 0; done < n; done += CHUNK) {
      const chunk = generateRequests(Math.min(CHUNK, n - done), {
        seed: 7_000 + done / CHUNK,
        stations: codes,
        from: '2026-01-01',
        to: '2026-11-20',
        atCentre: true,
        sequenceBase: done,
      }).map((r) => ({
        ...r,
        // the station's real name
        origin: { ...r.origin!, stationName: names.get(r.origin!.stationCode)! },
      }));
      await db.transaction('载入来访登记', (client) => writeRequests(client, chunk.map(requestRow)));
    }
    await db.read('整理', (q) => q.query('VACUUM ANALYZE requests'));
    await db.read('标记', (q) =>
      q.query(
        `INSERT INTO documents (name, value) VALUES ($1, to_jsonb($2::int))
         ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
        [MARKER, n],
      ),
    );
    say(`来访登记载入用时 ${((performance.now() - started) / 60_000).toFixed(1)} 分钟`);
  } finally {
    await db.close();
  }
}
