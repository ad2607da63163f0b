/**
 * The duplicate check on a centre's database: parties found under any of the probe's key hashes
 * (the GIN index on `parties.keys`), with the hashes each one carries, so the caller can tell why
 * it matched.
 */

import type { Queryable } from './index';

export interface PartyHit {
  caseId: string;
  partyId: string;
  /** Hex SHA-256 prefixes of the keys the party is found under. */
  keys: string[];
}

export async function partiesWithKeys(db: Queryable, keys: readonly string[]): Promise<PartyHit[]> {
  if (keys.length === 0) return [];
  const { rows } = await db.query<{ case_id: string; party_id: string; keys: string[] }>(
    `SELECT case_id, party_id, ARRAY(SELECT encode(k, 'hex') FROM unnest(keys) AS k) AS keys
     FROM parties WHERE keys && ARRAY(SELECT decode(k, 'hex') FROM unnest($1::text[]) AS k)`,
    [[...keys]],
  );
  return rows.map((r) => ({ caseId: r.case_id, partyId: r.party_id, keys: r.keys }));
}
