/**
 * The centre's own records that supervision reads and writes, read from the desk's documents in one
 * place: trusted keys and import records (kept by ../batches/), returns (kept here). A centre kept in
 * PostgreSQL gives these functions a SQL implementation; the rules in ./overview.ts and ./returns.ts stay.
 */

import { importRecords } from '../batches/import';
import { requireCentre, trustedStations } from '../batches/trust';
import type { Desk } from '../desk';
import { type ReturnsDoc, ReturnsDocSchema } from './returns';

export { importRecords, requireCentre, trustedStations };

export function readReturns(desk: Desk): ReturnsDoc {
  const raw = desk.store.getDoc<unknown>('returns');
  return raw === undefined ? { returns: [] } : ReturnsDocSchema.parse(raw);
}

/** Station code → name, from the keys and the batches (the latest name wins). */
export function stationNames(desk: Desk): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of trustedStations(desk)) names.set(s.stationCode, s.name);
  for (const r of importRecords(desk)) names.set(r.stationCode, r.stationName);
  return names;
}
