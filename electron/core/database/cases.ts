/**
 * The cases of a centre's database: writing a batch's cases, finding one, the register list and its
 * search, and what an import compares against. Rows arrive precomputed (register/rows.ts derives them
 * from the case with the same functions the embedded store's views use).
 */

import type pg from 'pg';

import { copyLine, copyRows, type CopyValue } from './copy';
import type { Queryable } from './index';
import { applyTotalsAfter, CASE_TOTALS, noteTotalsBefore } from './totals';

/** One case as the tables hold it. Dates are YYYY-MM-DD; absent ones null. */
export interface CaseRow {
  id: string;
  number: string;
  stationCode: string;
  stationName: string;
  fingerprint: string;
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
  /** Adjacent character pairs of the haystack and the pinyin, as case_search.bigrams holds them. */
  bigrams: string[];
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

/** The cases table's columns in the order `caseFields` gives them. */
const CASE_COLUMNS = [
  'id',
  'number',
  'station_code',
  'station_name',
  'fingerprint',
  'revision',
  'last_hash',
  'status',
  'dispute_type',
  'source',
  'mediators',
  'received_at',
  'created_ms',
  'updated_at',
  'amount_fen',
  'people',
  'declined',
  'agreement_form',
  'agreement_date',
  'effective_date',
  'failed_at',
  'withdrawn_at',
  'finished_at',
  'confirmation_applied_at',
  'confirmed_at',
  'performed_at',
];

function caseFields(r: CaseRow): CopyValue[] {
  return [
    r.id,
    r.number,
    r.stationCode,
    r.stationName,
    r.fingerprint,
    r.revision,
    r.lastHash,
    r.status,
    r.disputeType,
    r.source,
    r.mediators,
    r.receivedAt,
    r.createdMs,
    r.updatedAt,
    r.amountFen,
    r.people,
    r.declined,
    r.agreementForm,
    r.agreementDate,
    r.effectiveDate,
    r.failedAt,
    r.withdrawnAt,
    r.finishedAt,
    r.confirmationAppliedAt,
    r.confirmedAt,
    r.performedAt,
  ];
}

/**
 * The GIN indexes an import writes through their pending lists (migrations 5 and 8 make the lists
 * large enough for a whole batch): the import merges them into the indexes itself before it commits,
 * so that no search or duplicate check afterwards reads a pending list, and the merge inserts each
 * trigram, pair or key once with all its new rows, in key order, instead of once per row.
 */
export const PENDING_GIN_INDEXES = ['case_search_haystack', 'case_search_pinyin', 'case_search_bigrams', 'parties_keys'] as const;

const mergePending = (db: pg.ClientBase, index: string) => db.query('SELECT gin_clean_pending_list($1::regclass)', [index]);

/**
 * Pending lists merged on `spare`, a connection outside the import's transaction, one after the other
 * in the order handed over: a GIN merge moves the entries whatever transaction wrote them, so the rows
 * still uncommitted go into the index (if the import then rolls back they are dead entries, as after any
 * failed insert, for VACUUM). `finish` resolves to the indexes it did not merge (no connection to spare,
 * or it failed): the import merges those itself before it commits, so an import never leaves a pending
 * list whichever way this goes.
 */
class MergesBeside {
  private readonly left: string[] = [];
  private done: Promise<void> = Promise.resolve();
  private broken = false;
  private readonly onError = () => {
    this.broken = true;
  };

  constructor(private readonly spare: pg.PoolClient | undefined) {
    spare?.on('error', this.onError);
  }

  add(index: string): void {
    this.left.push(index);
    if (!this.spare) return;
    const spare = this.spare;
    this.done = this.done.then(async () => {
      if (this.broken) return;
      try {
        await mergePending(spare, index);
        this.left.splice(this.left.indexOf(index), 1);
      } catch {
        this.broken = true;
      }
    });
  }

  /** Once the merges handed over have run: the connection back to the pool, and what is left to merge. Call once. */
  async finish(): Promise<string[]> {
    await this.done;
    if (this.spare) {
      this.spare.off('error', this.onError);
      // a connection that failed must not go back to the pool
      this.spare.release(this.broken || undefined);
    }
    return this.left;
  }
}

/**
 * Insert or replace cases with their documents, search text, parties and daily totals, inside the
 * caller's transaction. `replaced`: the ids among them the database already holds (the import knows
 * them); those are deleted first (their documents, search text and parties go with them) after
 * noting what they contributed to the daily totals, so every table then receives all the batch's
 * rows in one `COPY` (database/copy.ts). Measured at 500,000 cases on 10,000 new ones: the server's
 * CPU fell from about 12 s (one JSON parameter per table, GIN entries one row at a time) to the
 * figures in docs/postgresql.md.
 *
 * `rowOf` derives each item's row while the first COPY is sent, so that this process's work on the
 * rows overlaps the server's on the cases table (two cores: about 0.7 s of each per 10,000 cases).
 *
 * `spare`: a second connection (Database.spare) that merges the pending lists (`MergesBeside`), each
 * as soon as its table is written, on one core while this transaction writes the next tables on the
 * other: the merges were a third of the server's work at 5,000,000 cases (docs/postgresql.md). So the
 * tables with GIN indexes are written first, the documents (the largest, with none) after them.
 */
export async function writeCases<T>(
  client: pg.PoolClient,
  items: readonly T[],
  rowOf: (item: T) => CaseRow,
  replaced: readonly string[],
  spare?: () => Promise<pg.PoolClient | undefined>,
): Promise<void> {
  if (items.length === 0) return;
  const noted = await noteTotalsBefore(client, CASE_TOTALS, replaced);
  if (replaced.length) await client.query('DELETE FROM cases WHERE id = ANY($1::uuid[])', [[...replaced]]);
  // the merge below sorts the pending entries in this much memory (the server's default is 4 MB)
  await client.query("SET LOCAL work_mem = '64MB'");
  const rows: CaseRow[] = [];
  await copyRows(
    client,
    'cases',
    CASE_COLUMNS,
    (function* () {
      for (const item of items) {
        const r = rowOf(item);
        rows.push(r);
        yield copyLine(caseFields(r));
      }
    })(),
  );
  await copyRows(
    client,
    'case_search',
    ['id', 'haystack', 'pinyin', 'bigrams'],
    (function* () {
      for (const r of rows) yield copyLine([r.id, r.haystack, r.pinyin, r.bigrams]);
    })(),
  );
  const merges = new MergesBeside(await spare?.());
  let left: Promise<string[]>;
  try {
    for (const index of PENDING_GIN_INDEXES) if (index.startsWith('case_search_')) merges.add(index);
    await copyRows(
      client,
      'parties',
      ['case_id', 'party_id', 'name', 'keys'],
      (function* () {
        for (const r of rows) for (const p of r.parties) yield copyLine([r.id, p.partyId, p.name, p.keys.map((k) => `\\x${k}`)]);
      })(),
    );
    merges.add('parties_keys');
    await copyRows(
      client,
      'case_documents',
      ['id', 'doc'],
      (function* () {
        for (const r of rows) yield copyLine([r.id, JSON.stringify(r.doc)]);
      })(),
    );
    await applyTotalsAfter(
      client,
      CASE_TOTALS,
      rows.map((r) => r.id),
      noted,
    );
  } finally {
    // the spare connection goes back to the pool even when this transaction failed
    left = merges.finish();
  }
  for (const index of await left) await mergePending(client, index);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that can be in the database at all (a batch may carry anything). */
function uuidsOf(ids: readonly string[]): string[] {
  return ids.filter((id) => typeof id === 'string' && UUID.test(id));
}

/** The whole case by id, else by 案号 (the most recently imported of that number). */
export async function findCaseDocument(db: Queryable, idOrNumber: string): Promise<unknown> {
  if (UUID.test(idOrNumber)) {
    const byId = await db.query<{ doc: unknown }>('SELECT doc FROM case_documents WHERE id = $1::uuid', [idOrNumber]);
    if (byId.rows.length) return byId.rows[0].doc;
  }
  const byNumber = await db.query<{ doc: unknown }>(
    `SELECT d.doc FROM cases c JOIN case_documents d USING (id) WHERE c.number = $1 ORDER BY c.received_at DESC, c.created_ms DESC, c.id DESC LIMIT 1`,
    [idOrNumber.trim()],
  );
  return byNumber.rows[0]?.doc;
}

/** Whole cases by id (keyed by the id as the case itself spells it). */
export async function caseDocuments(db: Queryable, ids: readonly string[]): Promise<Map<string, unknown>> {
  const wanted = uuidsOf(ids);
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<{ doc: { id: string } }>('SELECT doc FROM case_documents WHERE id = ANY($1::uuid[])', [wanted]);
  return new Map(rows.map((r) => [r.doc.id, r.doc]));
}

/** What an import compares with, keyed by the ids as given (upper or lower case alike). */
export async function existingCases(db: Queryable, ids: readonly string[]): Promise<Map<string, ExistingRow>> {
  const wanted = uuidsOf(ids);
  if (wanted.length === 0) return new Map();
  const { rows } = await db.query<ExistingRow>(
    `SELECT id::text AS id, number, revision, fingerprint, station_name AS "stationName", last_hash AS "lastHash"
     FROM cases WHERE id = ANY($1::uuid[])`,
    [wanted],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const found = new Map<string, ExistingRow>();
  for (const id of wanted) {
    const row = byId.get(id.toLowerCase());
    if (row) found.set(id, { ...row, id });
  }
  return found;
}

/** Every case from this station code, in the register's order (newest first): what a receipt on demand lists. */
export async function casesOfStation(
  db: Queryable,
  stationCode: string,
): Promise<{ id: string; number: string; revision: number; fingerprint: string }[]> {
  const { rows } = await db.query<{ id: string; number: string; revision: number; fingerprint: string }>(
    `SELECT id, number, revision, fingerprint FROM cases
     WHERE station_code = $1 ORDER BY received_at DESC, created_ms DESC, id DESC`,
    [stationCode],
  );
  return rows;
}

export async function countCases(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM cases');
  return Number(rows[0].n);
}

const FIELD_SEPARATOR = '\u0001';

/**
 * Every two adjacent characters (code points) of the haystack and the pinyin, each once: what a
 * two-character query is looked up by. Pairs across a field separator are left out, and so are pairs
 * of two ASCII digits (ID and phone numbers are mostly those, and such a pair is in nearly every case:
 * a query of two digits is answered by reading the haystacks).
 */
export function bigramsOf(haystack: string, pinyin: string): string[] {
  const found = new Set<string>();
  for (const text of [haystack, pinyin]) {
    let previous = FIELD_SEPARATOR;
    for (const ch of text) {
      if (previous !== FIELD_SEPARATOR && ch !== FIELD_SEPARATOR && !(isDigit(previous) && isDigit(ch))) found.add(previous + ch);
      previous = ch;
    }
  }
  return [...found];
}

const isDigit = (ch: string) => ch.length === 1 && ch >= '0' && ch <= '9';

/** Whether a two-character query can be looked up by its bigram (else the haystacks are read). */
export function hasBigram(query: string): boolean {
  const chars = [...query];
  return chars.length === 2 && !(isDigit(chars[0]) && isDigit(chars[1]));
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
export function likeLiteral(text: string): string {
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
      if (hasBigram(text)) clauses.push(`s.bigrams @> ARRAY[${t}::text]`);
      clauses.push(exact);
    }
  }
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/**
 * Matching cases newest first (received date, creation time, id), a page of them, and how many there
 * are: one statement (the count as a window over the same matches, so the matching rows are read once);
 * a page past the end asks for the count alone.
 */
export async function searchCases(
  db: Queryable,
  filter: CaseFilter,
  page: { offset: number; limit: number },
): Promise<{ total: number; docs: unknown[] }> {
  const params: unknown[] = [];
  const where = whereOf(filter, params);
  const from = filter.q ? 'cases c JOIN case_search s ON s.id = c.id' : 'cases c';
  const count = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${from} ${where}`, params)).rows[0].n);
  if (page.limit === 0) return { total: await count(), docs: [] };
  const { rows } = await db.query<{ doc: unknown; total: string }>(
    `SELECT d.doc, p.total FROM (
       SELECT c.id, c.received_at, c.created_ms, count(*) OVER () AS total FROM ${from} ${where}
       ORDER BY c.received_at DESC, c.created_ms DESC, c.id DESC
       OFFSET ${Number(page.offset)} LIMIT ${Number(page.limit)}
     ) p JOIN case_documents d ON d.id = p.id
     ORDER BY p.received_at DESC, p.created_ms DESC, p.id DESC`,
    params,
  );
  if (rows.length === 0) return { total: page.offset === 0 ? 0 : await count(), docs: [] };
  return { total: Number(rows[0].total), docs: rows.map((r) => r.doc) };
}
