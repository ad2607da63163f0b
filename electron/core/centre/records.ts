/**
 * The centre's own records that supervision reads and writes, in one place: trusted keys and import
 * records (kept by ../batches/), returns (kept here). They are the register's (register/), so a centre
 * kept in PostgreSQL reads and writes them in its database; the rules in ./overview.ts and ./returns.ts stay.
 */

import { importRecords, ledgerStationNames } from '../batches/import';
import { requireCentre, trustedStations } from '../batches/trust';
import type { Desk } from '../desk';
import { registerOf } from '../register';
import { type CaseReturn, type ReturnsDoc, ReturnsDocSchema } from './returns';

export { importRecords, requireCentre, trustedStations };

export async function readReturns(desk: Desk): Promise<ReturnsDoc> {
  return ReturnsDocSchema.parse({ returns: await registerOf(desk).returns() });
}

/** Add or replace (by id) these returns. */
export function saveReturns(desk: Desk, returns: readonly CaseReturn[]): Promise<void> {
  return registerOf(desk).saveReturns(returns);
}

/** Station code → name, from the keys and the batches (the latest name wins). */
export async function stationNames(desk: Desk): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const s of await trustedStations(desk)) names.set(s.stationCode, s.name);
  for (const r of await ledgerStationNames(desk)) names.set(r.stationCode, r.stationName);
  return names;
}
