/**
 * Keeping daily totals in step with what they count: `case_totals` (migration 0002) with the cases,
 * `request_totals` (migration 0007) with the front desk's requests. An import takes away what the
 * records it replaces contributed and adds what they contribute now, in the same transaction. The
 * change is summed first and applied in one statement in key order, so imports from several centre PCs
 * (which share the type, source and mediator rows) wait for each other on those rows instead of
 * deadlocking; rows left at zero are removed, so a grouping key no record has any more leaves the
 * reports, as it does on the embedded store.
 */

import type { Queryable } from './index';

/** A totals table and the view of what each record contributes to it (same columns, plus the record's id). */
export interface DailyTotals {
  table: string;
  contributions: string;
  /** The record ids' SQL type. */
  idType: 'uuid' | 'text';
  /** The table's primary key, in its order (the order changes are applied in). */
  keys: readonly string[];
  counts: readonly string[];
}

export const CASE_TOTALS: DailyTotals = {
  table: 'case_totals',
  contributions: 'case_contributions',
  idType: 'uuid',
  keys: ['dimension', 'key', 'day'],
  counts: [
    'received',
    'amount_fen',
    'people',
    'resolved',
    'written',
    'oral',
    'failed',
    'withdrawn',
    'confirmation_applied',
    'confirmed',
    'performed',
    'received_all',
    'closed_out',
  ],
};

export const REQUEST_TOTALS: DailyTotals = {
  table: 'request_totals',
  contributions: 'request_contributions',
  idType: 'text',
  keys: ['dimension', 'day', 'key', 'open_due'],
  counts: [
    'received',
    'visitors',
    'on_the_spot',
    'scheduled',
    'legal_aid_guidance',
    'route_handling',
    'to_mediation_handling',
    'other_channel',
    'routed',
    'to_mediation',
    'kept_late',
    'open_limits',
    'kept_in_time',
    'closed',
    'followed_up',
    'satisfied',
    'basically_satisfied',
    'dissatisfied',
    'callbacks_open',
  ],
};

const changeOf = (t: DailyTotals) => `desk_${t.table}_change`;

/** The ordered upsert of summed changes (`source`: rows of keys and counts), in key order. */
function upsertFrom(t: DailyTotals, source: string): string {
  const keys = t.keys.join(', ');
  return `INSERT INTO ${t.table} AS t (${keys}, ${t.counts.join(', ')})
     SELECT ${keys}, ${t.counts.map((c) => `sum(${c})`).join(', ')}
     FROM ${source} GROUP BY ${keys} ORDER BY ${keys}
     ON CONFLICT (${keys}) DO UPDATE SET ${t.counts.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`;
}

/**
 * Before the records are replaced: note (negated) what they contribute now. Within a transaction.
 * Returns whether any of them contributed (none does when the records are all new).
 */
export async function noteTotalsBefore(db: Queryable, t: DailyTotals, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return false;
  const keys = t.keys.join(', ');
  const noted = await db.query(
    `CREATE TEMP TABLE ${changeOf(t)} ON COMMIT DROP AS
     SELECT ${keys}, ${t.counts.map((c) => `-sum(${c})::bigint AS ${c}`).join(', ')}
     FROM ${t.contributions} WHERE id = ANY($1::${t.idType}[]) GROUP BY ${keys}`,
    [ids],
  );
  if (noted.rowCount) return true;
  await db.query(`DROP TABLE ${changeOf(t)}`);
  return false;
}

/**
 * After the records are written: add what they contribute and apply the change. `noted`: what
 * `noteTotalsBefore` returned. With nothing taken away, every row only grows: the contributions go
 * straight into the totals and no row can be left at zero.
 */
export async function applyTotalsAfter(db: Queryable, t: DailyTotals, ids: readonly string[], noted: boolean): Promise<void> {
  const where = `WHERE id = ANY($1::${t.idType}[])`;
  if (!noted) {
    if (ids.length) await db.query(upsertFrom(t, `${t.contributions} ${where}`), [ids]);
    return;
  }
  const keys = t.keys.join(', ');
  const change = changeOf(t);
  await db.query(
    `INSERT INTO ${change}
     SELECT ${keys}, ${t.counts.map((c) => `sum(${c})`).join(', ')}
     FROM ${t.contributions} ${where} GROUP BY ${keys}`,
    [ids],
  );
  await db.query(upsertFrom(t, change));
  await db.query(
    `DELETE FROM ${t.table} t USING (SELECT DISTINCT ${keys} FROM ${change}) c
     WHERE (${t.keys.map((k) => `t.${k}`).join(', ')}) = (${t.keys.map((k) => `c.${k}`).join(', ')})
       AND ${t.counts.map((n) => `t.${n} = 0`).join(' AND ')}`,
  );
  await db.query(`DROP TABLE ${change}`);
}
