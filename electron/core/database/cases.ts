/**
 * The cases of a centre's database: writing a batch's cases, finding one, the register list and its
 * search, and what an import compares against. Rows arrive precomputed (register/rows.ts derives them
 * from the case with the same functions the embedded store's views use).
 */

import type { Queryable } from './index';

/** One case as the tables hold it. Dates are YYYY-MM-DD; absent ones null. */
export interface CaseRow {
  id: string;
  number: string;
  stationCode: string;
  stationName: string;
  fingerprint: string;
  batchId: string;
  importedAt: string;
  revision: number;
  lastHash: string | null;
  status: string;
  disputeType: string;
  source: string;
  mediators: string[];
  receivedAt: string;
  createdMs: number;
  updatedAt: string;
  amountFen: number;
  people: number;
  declined: boolean;
  agreementForm: string | null;
  agreementDate: string | null;
  effectiveDate: string | null;
  failedAt: string | null;
  withdrawnAt: string | null;
  finishedAt: string | null;
  confirmationAppliedAt: string | null;
  confirmedAt: string | null;
  performedAt: string | null;
  /** The whole case. */
  doc: unknown;
  haystack: string;
  pinyin: string;
  parties: { partyId: string; name: string; keys: string[] }[];
}

/** What an import needs to know of a case the centre already has. */
export interface ExistingRow {
  id: string;
  number: string;
  revision: number;
  fingerprint: string;
  stationName: string;
  lastHash: string | null;
}

const CASE_COLUMNS = `id text, number text, "stationCode" text, "stationName" text, fingerprint text, "batchId" text,
  "importedAt" timestamptz, revision integer, "lastHash" text, status text, "disputeType" text, source text,
  mediators text[], "receivedAt" date, "createdMs" bigint, "updatedAt" text, "amountFen" bigint, people integer,
  declined boolean, "agreementForm" text, "agreementDate" date, "effectiveDate" date, "failedAt" date,
  "withdrawnAt" date, "finishedAt" date, "confirmationAppliedAt" date, "confirmedAt" date, "performedAt" date`;

/**
 * Insert or replace cases with their documents, search text and parties. One statement per table,
 * the rows passed as one JSON array (parsed by the server), so a 10,000-case batch is five round trips.
 */
export async function writeCases(db: Queryable, rows: readonly CaseRow[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = JSON.stringify(rows);
  await db.query(
    `INSERT INTO cases AS c (id, number, station_code, station_name, fingerprint, batch_id, imported_at, revision,
       last_hash, status, dispute_type, source, mediators, received_at, created_ms, updated_at, amount_fen, people,
       declined, agreement_form, agreement_date, effective_date, failed_at, withdrawn_at, finished_at,
       confirmation_applied_at, confirmed_at, performed_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${CASE_COLUMNS})
     ON CONFLICT (id) DO UPDATE SET
       number = excluded.number, station_code = excluded.station_code, station_name = excluded.station_name,
       fingerprint = excluded.fingerprint, batch_id = excluded.batch_id, imported_at = excluded.imported_at,
       revision = excluded.revision, last_hash = excluded.last_hash, status = excluded.status,
       dispute_type = excluded.dispute_type, source = excluded.source, mediators = excluded.mediators,
       received_at = excluded.received_at, created_ms = excluded.created_ms, updated_at = excluded.updated_at,
       amount_fen = excluded.amount_fen, people = excluded.people, declined = excluded.declined,
       agreement_form = excluded.agreement_form, agreement_date = excluded.agreement_date,
       effective_date = excluded.effective_date, failed_at = excluded.failed_at, withdrawn_at = excluded.withdrawn_at,
       finished_at = excluded.finished_at, confirmation_applied_at = excluded.confirmation_applied_at,
       confirmed_at = excluded.confirmed_at, performed_at = excluded.performed_at`,
    [payload],
  );
  await db.query(
    `INSERT INTO case_documents (id, doc)
     SELECT id, doc FROM jsonb_to_recordset($1::jsonb) AS r(id text, doc jsonb)
     ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`,
    [payload],
  );
  await db.query(
    `INSERT INTO case_search (id, haystack, pinyin)
     SELECT id, haystack, pinyin FROM jsonb_to_recordset($1::jsonb) AS r(id text, haystack text, pinyin text)
     ON CONFLICT (id) DO UPDATE SET haystack = excluded.haystack, pinyin = excluded.pinyin
     WHERE case_search.haystack IS DISTINCT FROM excluded.haystack OR case_search.pinyin IS DISTINCT FROM excluded.pinyin`,
    [payload],
  );
  // A replaced case's parties may have changed: its rows are replaced.
  await db.query('DELETE FROM parties WHERE case_id = ANY($1::text[])', [rows.map((r) => r.id)]);
  await db.query(
    `INSERT INTO parties (case_id, party_id, name, keys)
     SELECT r.id, p."partyId", p.name, ARRAY(SELECT decode(k, 'hex') FROM unnest(p.keys) AS k)
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, parties jsonb),
          LATERAL jsonb_to_recordset(r.parties) AS p("partyId" text, name text, keys text[])`,
    [payload],
  );
}

/** The whole case by id, else by 案号 (the most recently imported of that number). */
export async function findCaseDocument(db: Queryable, idOrNumber: string): Promise<unknown> {
  const byId = await db.query<{ doc: unknown }>('SELECT doc FROM case_documents WHERE id = $1', [idOrNumber]);
  if (byId.rows.length) return byId.rows[0].doc;
  const byNumber = await db.query<{ doc: unknown }>(
    `SELECT d.doc FROM cases c JOIN case_documents d USING (id) WHERE c.number = $1 ORDER BY c.imported_at DESC, c.id LIMIT 1`,
    [idOrNumber.trim()],
  );
  return byNumber.rows[0]?.doc;
}

export async function caseDocuments(db: Queryable, ids: readonly string[]): Promise<Map<string, unknown>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; doc: unknown }>('SELECT id, doc FROM case_documents WHERE id = ANY($1::text[])', [
    [...ids],
  ]);
  return new Map(rows.map((r) => [r.id, r.doc]));
}

export async function existingCases(db: Queryable, ids: readonly string[]): Promise<Map<string, ExistingRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<ExistingRow>(
    `SELECT id, number, revision, fingerprint, station_name AS "stationName", last_hash AS "lastHash"
     FROM cases WHERE id = ANY($1::text[])`,
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function countCases(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM cases');
  return Number(rows[0].n);
}

/** The register's filters, as cases/search.ts's CaseQuery defines them. */
export interface CaseFilter {
  /** Lowercased query text and whether it could be pinyin (only ASCII letters). */
  q?: { text: string; pinyin: boolean };
  statuses?: readonly string[];
  type?: string;
  mediator?: string;
  from?: string;
  to?: string;
  station?: string;
  unsigned?: boolean;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereOf(filter: CaseFilter, params: unknown[]): string {
  const clauses: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.statuses) clauses.push(`c.status = ANY(${param([...filter.statuses])}::text[])`);
  if (filter.type) clauses.push(`c.dispute_type = ${param(filter.type)}::text`);
  if (filter.from) clauses.push(`c.received_at >= ${param(filter.from)}::date`);
  if (filter.to) clauses.push(`c.received_at <= ${param(filter.to)}::date`);
  if (filter.mediator) clauses.push(`${param(filter.mediator)}::text = ANY(c.mediators)`);
  if (filter.station) clauses.push(`c.station_code = ${param(filter.station)}::text`);
  if (filter.unsigned) clauses.push(`c.agreement_form = 'written' AND c.effective_date IS NULL`);
  if (filter.q) {
    const { text, pinyin } = filter.q;
    const length = [...text].length;
    if (length >= 3) {
      // pg_trgm's indexes find the candidates (LIKE rechecks exactly)
      const pattern = param(`%${likeLiteral(text)}%`);
      clauses.push(`(s.haystack LIKE ${pattern}::text${pinyin ? ` OR s.pinyin LIKE ${pattern}::text` : ''})`);
    } else {
      // Exactly what the embedded index tests: the haystack contains the text, or (letters only) the pinyin does.
      const t = param(text);
      const exact = `(strpos(s.haystack, ${t}::text) > 0${pinyin ? ` OR strpos(s.pinyin, ${t}::text) > 0` : ''})`;
      // Two characters: the bigram index finds the candidates, the exact test keeps the right ones.
      if (length === 2) clauses.push(`desk_bigrams(s.haystack, s.pinyin) @> ARRAY[${t}::text]`);
      clauses.push(exact);
    }
  }
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/** Matching cases newest first (received date, creation time, id), a page of them, and how many there are. */
export async function searchCases(
  db: Queryable,
  filter: CaseFilter,
  page: { offset: number; limit: number },
): Promise<{ total: number; docs: unknown[] }> {
  const params: unknown[] = [];
  const where = whereOf(filter, params);
  const from = filter.q ? 'cases c JOIN case_search s ON s.id = c.id' : 'cases c';
  const counted = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${from} ${where}`, params);
  const total = Number(counted.rows[0].n);
  if (total === 0 || page.limit === 0 || page.offset >= total) return { total, docs: [] };
  const { rows } = await db.query<{ doc: unknown }>(
    `SELECT d.doc FROM (
       SELECT c.id, c.received_at, c.created_ms FROM ${from} ${where}
       ORDER BY c.received_at DESC, c.created_ms DESC, c.id DESC
       OFFSET ${Number(page.offset)} LIMIT ${Number(page.limit)}
     ) p JOIN case_documents d ON d.id = p.id
     ORDER BY p.received_at DESC, p.created_ms DESC, p.id DESC`,
    params,
  );
  return { total, docs: rows.map((r) => r.doc) };
}
