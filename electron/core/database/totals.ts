/**
 * Keeping the daily totals (`case_totals`, migration 0002) in step with the cases: an import takes
 * away what the cases it replaces contributed and adds what they contribute now, in the same
 * transaction. The change is summed first and applied in one statement in key order, so imports
 * from several centre PCs (which share the type, source and mediator rows) wait for each other on
 * those rows instead of deadlocking; rows left at zero are removed, so a grouping key no case has
 * any more leaves the reports, as it does on the embedded store.
 */

import type { Queryable } from './index';

const COUNTS = [
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
] as const;

/** Before the cases are replaced: note (negated) what they contribute now. Within a transaction. */
export async function noteTotalsBefore(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query(
    `CREATE TEMP TABLE desk_totals_change ON COMMIT DROP AS
     SELECT dimension, key, day, ${COUNTS.map((c) => `-sum(${c})::bigint AS ${c}`).join(', ')}
     FROM case_contributions WHERE id = ANY($1::uuid[]) GROUP BY dimension, key, day`,
    [ids],
  );
}

/** After the cases are written: add what they contribute and apply the change. */
export async function applyTotalsAfter(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query(
    `INSERT INTO desk_totals_change
     SELECT dimension, key, day, ${COUNTS.map((c) => `sum(${c})`).join(', ')}
     FROM case_contributions WHERE id = ANY($1::uuid[]) GROUP BY dimension, key, day`,
    [ids],
  );
  await db.query(
    `INSERT INTO case_totals AS t (dimension, key, day, ${COUNTS.join(', ')})
     SELECT dimension, key, day, ${COUNTS.map((c) => `sum(${c})`).join(', ')}
     FROM desk_totals_change GROUP BY dimension, key, day ORDER BY dimension, key, day
     ON CONFLICT (dimension, key, day) DO UPDATE SET ${COUNTS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`,
  );
  await db.query(
    `DELETE FROM case_totals t USING (SELECT DISTINCT dimension, key, day FROM desk_totals_change) c
     WHERE (t.dimension, t.key, t.day) = (c.dimension, c.key, c.day) AND ${COUNTS.map((n) => `t.${n} = 0`).join(' AND ')}`,
  );
  await db.query('DROP TABLE desk_totals_change');
}
