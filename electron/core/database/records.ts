/**
 * The centre's records beside its cases: shared documents (its keys, party links), trusted stations
 * and the import ledger. Each record is kept whole as JSON, as the embedded store keeps it, beside the
 * columns it is looked up by; the modules that own a record (batches/, oversight/) validate it.
 */

import type { Queryable } from './index';

export async function readDocument(db: Queryable, name: string): Promise<unknown> {
  const { rows } = await db.query<{ value: unknown }>('SELECT value FROM documents WHERE name = $1', [name]);
  return rows[0]?.value;
}

/** Store `value` unless the document exists; returns the one that is stored (two PCs making keys at once agree on one). */
export async function createDocument(db: Queryable, name: string, value: unknown): Promise<unknown> {
  await db.query('INSERT INTO documents (name, value) VALUES ($1, $2::jsonb) ON CONFLICT (name) DO NOTHING', [name, JSON.stringify(value)]);
  return readDocument(db, name);
}

/** Inside a transaction: the document, locked until the transaction ends (read-modify-write by several PCs). */
export async function lockDocument(db: Queryable, name: string): Promise<unknown> {
  await db.query("INSERT INTO documents (name, value) VALUES ($1, 'null'::jsonb) ON CONFLICT (name) DO NOTHING", [name]);
  const { rows } = await db.query<{ value: unknown }>('SELECT value FROM documents WHERE name = $1 FOR UPDATE', [name]);
  return rows[0]?.value ?? undefined;
}

export async function writeDocument(db: Queryable, name: string, value: unknown): Promise<void> {
  await db.query(
    `INSERT INTO documents (name, value, updated_at) VALUES ($1, $2::jsonb, now())
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = now()`,
    [name, JSON.stringify(value)],
  );
}

/** Trusted stations in the order they were trusted (revoked ones included). */
export async function readStations(db: Queryable): Promise<unknown[]> {
  const { rows } = await db.query<{ record: unknown }>('SELECT record FROM stations ORDER BY position');
  return rows.map((r) => r.record);
}

export interface StationColumns {
  fingerprint: string;
  stationCode: string;
  name: string;
  trustedAt: string;
  revokedAt?: string;
}

/** Add a station, or replace its record (a revocation); the position of a known station is kept. */
export async function writeStation(db: Queryable, columns: StationColumns, record: unknown): Promise<void> {
  await db.query(
    `INSERT INTO stations (fingerprint, station_code, name, trusted_at, revoked_at, record)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (fingerprint) DO UPDATE SET station_code = excluded.station_code, name = excluded.name,
       trusted_at = excluded.trusted_at, revoked_at = excluded.revoked_at, record = excluded.record`,
    [columns.fingerprint, columns.stationCode, columns.name, columns.trustedAt, columns.revokedAt ?? null, JSON.stringify(record)],
  );
}

/** The import ledger, oldest first. */
export async function readLedger(db: Queryable): Promise<unknown[]> {
  const { rows } = await db.query<{ record: unknown }>('SELECT record FROM batches ORDER BY entry');
  return rows.map((r) => r.record);
}

/**
 * Each station code's newest ledger entry (by `entry`), its code and name, oldest first: one probe of
 * batches_station_newest per station (a loose index scan, migration 9) and one row read, however long
 * the ledger has grown.
 */
export async function newestLedgerNames(db: Queryable): Promise<{ stationCode: string; stationName: string }[]> {
  const newest = `SELECT station_code, entry, record ->> 'stationName' AS name FROM batches`;
  const { rows } = await db.query<{ stationCode: string; stationName: string }>(
    `WITH RECURSIVE newest AS (
       (${newest} ORDER BY station_code, entry DESC LIMIT 1)
       UNION ALL
       SELECT n.* FROM newest s, LATERAL (${newest} WHERE station_code > s.station_code ORDER BY station_code, entry DESC LIMIT 1) n
     )
     SELECT station_code AS "stationCode", name AS "stationName" FROM newest ORDER BY entry`,
  );
  return rows;
}

export async function batchImported(db: Queryable, batchId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM batches WHERE batch_id = $1 LIMIT 1', [batchId]);
  return rows.length > 0;
}

export interface LedgerColumns {
  batchId: string;
  stationCode: string;
  fingerprint: string;
  sequence: number;
  fileSha256: string;
  importedAt: string;
  receiptId: string;
}

export async function appendLedger(db: Queryable, columns: LedgerColumns, receipt: unknown, record: unknown): Promise<void> {
  await db.query(
    `INSERT INTO batches (batch_id, station_code, fingerprint, sequence, file_sha256, imported_at, receipt_id, receipt, record)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
    [
      columns.batchId,
      columns.stationCode,
      columns.fingerprint,
      columns.sequence,
      columns.fileSha256,
      columns.importedAt,
      columns.receiptId,
      JSON.stringify(receipt),
      JSON.stringify(record),
    ],
  );
}

/** Serialises the imports of one station's batches across every centre PC until the transaction ends. */
export async function lockStation(db: Queryable, fingerprint: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('mediation-desk:import:' || $1, 0))", [fingerprint]);
}

/** Returns for correction in the order made; `fingerprint`: only those of cases that came with this (normalised) key. */
export async function readReturns(db: Queryable, fingerprint?: string): Promise<unknown[]> {
  const { rows } = fingerprint
    ? await db.query<{ record: unknown }>('SELECT record FROM returns WHERE fingerprint = $1 ORDER BY position', [fingerprint])
    : await db.query<{ record: unknown }>('SELECT record FROM returns ORDER BY position');
  return rows.map((r) => r.record);
}

export interface ReturnColumns {
  id: string;
  caseId: string;
  fingerprint: string;
  stationCode: string;
  status: string;
}

/** Add returns or replace them by id (closed, carried by a receipt); the position of a known one is kept. */
export async function writeReturns(db: Queryable, returns: readonly { columns: ReturnColumns; record: unknown }[]): Promise<void> {
  if (returns.length === 0) return;
  await db.query(
    `INSERT INTO returns (id, case_id, fingerprint, station_code, status, record)
     SELECT r.id, r.case_id, r.fingerprint, r.station_code, r.status, r.record
     FROM json_to_recordset($1::json) AS r(id uuid, case_id uuid, fingerprint text, station_code text, status text, record jsonb)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, record = excluded.record`,
    [
      JSON.stringify(
        returns.map(({ columns, record }) => ({
          id: columns.id,
          case_id: columns.caseId,
          fingerprint: columns.fingerprint,
          station_code: columns.stationCode,
          status: columns.status,
          record,
        })),
      ),
    ],
  );
}
