/**
 * Growing the centre benchmark's register on the server: `copies` more copies of every case the
 * import path already wrote, made with `INSERT … SELECT` in one transaction.
 *
 * Why: loading through the import's COPY ran at about 16,000 cases a minute on the shared 2-core
 * machine (the app derives every row, the server keeps three GIN indexes and the daily totals up to
 * date batch by batch): about 4 hours from 1,000,000 to 5,000,000. Here the server derives the
 * copies from rows it already has, with the non-unique indexes dropped during the bulk and built once
 * after, and the daily totals recomputed once.
 *
 * Each copy of a case gets a new id, 案号 (…第N号 → N + k × 1,000,000), a ledger batch of its own
 * station (one per station and copy), other people (surnames permuted, so a full-name search stays as
 * selective as on generated data; ID numbers, credit codes and phone numbers changed, so the duplicate
 * check finds no copy as the same person), and the rows the import would have derived: columns, search
 * text, pinyin, character pairs, parties and their key hashes (centre-grow.sql). Dates, types, amounts,
 * statuses and mediators are the source's, so the statistics count every day k + 1 times.
 * centre-grow-check.ts then derives a sample of copies' rows again with the app's own code
 * (register/rows.ts `caseRow`) and reads them through the handler table.
 */

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

import { pinyinOf } from '../../electron/core/cases/search';
import { CASE_TOTALS } from '../../electron/core/database/totals';
import type { Case } from '../../electron/core/schema/case';
import { DISPUTE_TYPES } from '../../electron/core/schema/codes';
import { COMPANIES, GIVEN, SURNAMES } from '../support/generate-cases';

const FUNCTIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'centre-grow.sql');

/** Tables the copies are written to: their non-unique indexes are dropped for the bulk and built after. */
const BULK_TABLES = ['cases', 'case_search', 'parties'];
/** How many of each copy's cases centre-grow-check.ts derives again. */
const SAMPLE_PER_COPY = 50;

/**
 * The surname characters a copy permutes: none that occurs in a given name (the pinyin of a copy
 * replaces only the surname's), an organisation's name, a 案由 label or the 案由's own words (a copy's
 * 案由 is translated as a whole).
 */
export function permutedSurnames(): string {
  const elsewhere = new Set([...GIVEN.join(''), ...COMPANIES.join(''), ...DISPUTE_TYPES.entries.map((e) => e.label).join(''), ...'与纠纷']);
  return [...new Set(SURNAMES)].filter((ch) => !elsewhere.has(ch)).join('');
}

const rotate = (text: string, by: number) => {
  const chars = [...text];
  const shift = ((by % chars.length) + chars.length) % chars.length;
  return [...chars.slice(shift), ...chars.slice(0, shift)].join('');
};

/** Surname-position pinyin (initial, whole) of a character, by the app's own function. */
function surnamePinyin(ch: string): [string, string] {
  const [initial, whole] = pinyinOf({ parties: [{ kind: 'person', name: ch }] } as unknown as Case).split('\u0001');
  return [initial, whole];
}

export interface GrowResult {
  /** A sample of the copies' ids (for the check). */
  sample: string[];
  seconds: number;
}

/**
 * Connections working at once: one per copy, and four index builds (GIN indexes build on one core
 * each). More than the 2 cores: on a machine shared with others' work, each connection is one more
 * share of the CPU.
 */
const COPY_WORKERS = 4;
const INDEX_WORKERS = 4;

type Say = (line: string) => void;

async function connect(url: string): Promise<pg.Client> {
  // no statement or query timeout: single statements here run for many minutes
  const client = new pg.Client({ connectionString: url, application_name: 'mediation-desk-bench-grow' });
  await client.connect();
  await client.query("SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'");
  return client;
}

async function step(client: pg.Client, say: Say, label: string, sql: string, params: unknown[] = []): Promise<void> {
  const t = performance.now();
  const result = await client.query(sql, params);
  say(
    `  ${label}：${((performance.now() - t) / 1000).toFixed(0)} 秒${result.rowCount ? `，${result.rowCount.toLocaleString('en')} 行` : ''}`,
  );
}

/** The functions, the copies' surnames and digits, one ledger batch per station and copy; the non-unique indexes dropped (their definitions returned). */
async function prepare(client: pg.Client, have: number, copies: number): Promise<{ name: string; definition: string }[]> {
  await client.query('DROP SCHEMA IF EXISTS bench_grow CASCADE');
  await client.query('BEGIN');
  await client.query(fs.readFileSync(FUNCTIONS, 'utf8'));
  const surnames = permutedSurnames();
  const pinyins = [...surnames].map(surnamePinyin);
  const stride = Math.max(1, Math.floor([...surnames].length / (copies + 1)));
  for (let k = 1; k <= copies; k++)
    await client.query('INSERT INTO bench_grow.copy VALUES ($1, $2, $3, $4, $5, $6)', [
      k,
      surnames,
      rotate(surnames, k * stride),
      rotate('0123456789', k),
      pinyins.map((p) => p[0]),
      pinyins.map((p) => p[1]),
    ]);
  const found = await client.query<{ n: string }>('SELECT count(*) AS n FROM cases');
  if (Number(found.rows[0].n) !== have) throw new Error(`登记中有 ${found.rows[0].n} 件案件，不是 ${have} 件：不扩充`);
  await client.query('CREATE TABLE bench_grow.source AS SELECT id, station_code FROM cases');
  await client.query('CREATE TABLE bench_grow.sample (id uuid)');
  await client.query(
    `CREATE TABLE bench_grow.batch AS
     SELECT k, station_code, min(station_name) AS station_name, min(fingerprint) AS fingerprint, count(*) AS cases,
            gen_random_uuid() AS batch_id, gen_random_uuid() AS receipt_id
     FROM bench_grow.copy, cases GROUP BY k, station_code`,
  );
  // the ledger entries as batches/import.ts keeps them (the centre's overview and station names read them)
  await client.query(
    `INSERT INTO batches (batch_id, station_code, fingerprint, sequence, file_sha256, imported_at, receipt_id, receipt, record)
     SELECT batch_id::text, station_code, fingerprint, 1 + k, repeat('0', 64), '2026-11-01T01:00:00Z', receipt_id,
            jsonb_build_object('receiptId', receipt_id),
            jsonb_build_object('batchId', batch_id, 'sequence', 1 + k, 'fileSha256', repeat('0', 64), 'stationCode', station_code,
              'stationName', station_name, 'fingerprint', fingerprint, 'createdAt', '2026-11-01T01:00:00.000Z',
              'importedAt', '2026-11-01T01:00:00.000Z', 'sealed', false, 'caseCount', cases, 'new', cases, 'updated', 0,
              'unchanged', 0, 'skipped', 0, 'rejected', '[]'::jsonb, 'receiptId', receipt_id, 'operator', '基准载入')
     FROM bench_grow.batch ORDER BY k, station_code`,
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i JOIN pg_index x ON x.indexrelid = format('%I', i.indexname)::regclass
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT x.indisunique`,
    [BULK_TABLES],
  );
  for (const { name } of indexes.rows) await client.query(`DROP INDEX ${name}`);
  await client.query('COMMIT');
  return indexes.rows;
}

/** Copy k of every source case, with its documents, search rows and parties: one transaction. */
async function copyOnce(client: pg.Client, k: number, say: Say): Promise<void> {
  const map = `bench_grow.map_${k}`;
  await client.query('BEGIN');
  // the rows reference cases written just before them in this transaction: skip the per-row foreign-key checks
  await client.query('SET LOCAL session_replication_role = replica');
  await client.query(
    `CREATE TABLE ${map} AS SELECT s.id AS source, gen_random_uuid() AS id, b.batch_id
     FROM bench_grow.source s JOIN bench_grow.batch b ON b.k = $1 AND b.station_code = s.station_code`,
    [k],
  );
  const label = (table: string) => `副本 ${k} ${table}`;
  await step(
    client,
    say,
    label('cases'),
    `INSERT INTO cases SELECT m.id, bench_grow.number(c.number, $1), c.station_code, c.station_name, c.fingerprint, c.revision,
       c.last_hash, c.status, c.dispute_type, c.source, c.mediators, c.received_at, c.created_ms, c.updated_at, c.amount_fen,
       c.people, c.declined, c.agreement_form, c.agreement_date, c.effective_date, c.failed_at, c.withdrawn_at, c.finished_at,
       c.confirmation_applied_at, c.confirmed_at, c.performed_at
     FROM ${map} m JOIN cases c ON c.id = m.source`,
    [k],
  );
  await step(
    client,
    say,
    label('case_documents'),
    `INSERT INTO case_documents SELECT m.id, bench_grow.doc(d.doc, m.id, m.batch_id, cp)
     FROM ${map} m JOIN case_documents d ON d.id = m.source JOIN bench_grow.copy cp ON cp.k = $1`,
    [k],
  );
  await step(
    client,
    say,
    label('case_search'),
    `INSERT INTO case_search SELECT id, haystack, pinyin, bench_grow.bigrams(haystack, pinyin) FROM (
       SELECT m.id, bench_grow.haystack(d.doc) AS haystack, bench_grow.pinyin(s.pinyin, d.doc, cp) AS pinyin
       FROM ${map} m JOIN case_documents d ON d.id = m.id JOIN case_search s ON s.id = m.source JOIN bench_grow.copy cp ON cp.k = $1
     ) x`,
    [k],
  );
  await step(
    client,
    say,
    label('parties'),
    `INSERT INTO parties SELECT m.id, (p ->> 'id')::uuid, bench_grow.squash(p ->> 'name'), bench_grow.keys(p)
     FROM ${map} m JOIN case_documents d ON d.id = m.id, jsonb_array_elements(d.doc -> 'parties') p`,
  );
  await client.query(`INSERT INTO bench_grow.sample SELECT id FROM ${map} ORDER BY random() LIMIT $1`, [SAMPLE_PER_COPY]);
  await client.query('COMMIT');
}

/** Run `jobs` on `clients`, each client taking the next job when it is free. */
async function onEach<T>(clients: pg.Client[], jobs: T[], run: (client: pg.Client, job: T) => Promise<void>): Promise<void> {
  const queue = [...jobs];
  await Promise.all(
    clients.map(async (client) => {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) await run(client, job);
    }),
  );
}

/**
 * The most copies that stay other people: a copy's ID numbers move the sequence by 200 × k (mod 1,000,
 * so the sex digit's parity stays), which comes back to the source's at k = 5. Found when a 250,000
 * register was grown twentyfold: the check's duplicate probes found copies 5, 10 and 15 apart.
 */
export const MAX_COPIES = 4;

/**
 * Add `copies` copies of the `have` cases in the database at `url` (as a superuser: the copies skip
 * the per-row foreign-key checks). Each copy is one transaction; a database left half grown by a
 * failure is not marked as loaded, and the bench makes it again (it grows a copy of the cached one).
 */
export async function growByCopies(url: string, have: number, copies: number, say: Say): Promise<GrowResult> {
  if (copies > MAX_COPIES) throw new Error(`最多复制 ${MAX_COPIES} 份（第 ${MAX_COPIES + 1} 份的身份证号会与原件相同）；要 ${copies} 份`);
  const started = performance.now();
  const clients: pg.Client[] = [];
  try {
    for (let i = 0; i < Math.max(COPY_WORKERS, INDEX_WORKERS); i++) clients.push(await connect(url));
    const indexes = await prepare(clients[0], have, copies);
    say(`  暂时删除 ${indexes.length} 个非唯一索引：${indexes.map((r) => r.name).join('、')}`);
    const ks = Array.from({ length: copies }, (_, i) => i + 1);
    await onEach(clients.slice(0, COPY_WORKERS), ks, (client, k) => copyOnce(client, k, say));
    // Every copy counts on the same days, under the same type, source, station and mediators as its
    // source: each daily total is (1 + copies) times the source register's (centre-grow-check.ts
    // compares the province's year, read from these totals, with the stations' own, read from their cases).
    await step(
      clients[0],
      say,
      '每日合计（case_totals）',
      `UPDATE case_totals SET ${CASE_TOTALS.counts.map((c) => `${c} = ${c} * ${1 + copies}`).join(', ')}`,
    );
    // largest first, so that the connections finish together
    const order = ['case_search_haystack', 'case_search_bigrams', 'parties_keys', 'case_search_pinyin'];
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    const builds = [...indexes].sort((a, b) => rank(a.name) - rank(b.name));
    await onEach(clients.slice(0, INDEX_WORKERS), builds, (client, index) => step(client, say, `重建索引 ${index.name}`, index.definition));
    const sample = await clients[0].query<{ id: string }>('SELECT id::text AS id FROM bench_grow.sample');
    await clients[0].query('DROP SCHEMA bench_grow CASCADE');
    return { sample: sample.rows.map((r) => r.id), seconds: (performance.now() - started) / 1000 };
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
  }
}
