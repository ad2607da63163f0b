/**
 * `receipt issue --station CODE`: a signed receipt to one station outside an import, with every case the
 * centre holds from it: returned for correction (with the centre's reason) or received at its current
 * revision; and every front-desk request it holds from it, received (a station that never reported
 * requests gets a receipt without that part, as from an import). The station applies it like an import's receipt; marks it already has are left unchanged.
 */

import { randomUUID } from 'node:crypto';

import { RECEIPT_FORMAT, RECEIPT_FORMAT_VERSION } from '../batches/format';
import { ensureKeys, sameFingerprint } from '../batches/keys';
import { type Receipt, type ReceiptCase, receiptIssuer, signReceipt } from '../batches/receipt';
import type { Desk } from '../desk';
import { notAllowed, notFound } from '../errors';
import { registerOf } from '../register';
import { importRecords, readReturns, requireCentre, saveReturns, trustedStations } from './records';
import { noteCarried, openReturnsFor } from './returns';

export interface IssuedReceipt {
  file: string;
  receiptId: string;
  station: { code: string; name: string; fingerprint: string };
  cases: number;
  returned: number;
  received: number;
  /** Front-desk requests marked received. */
  requests: number;
}

export async function issueReceipt(desk: Desk, stationCode: string, out: string, overwrite = false): Promise<IssuedReceipt> {
  requireCentre(desk, '签发回执');
  const settings = desk.settings();
  const keys = (await trustedStations(desk)).filter((s) => s.stationCode === stationCode && !s.revokedAt);
  if (!keys.length) throw notFound(`没有登记站点代码为“${stationCode}”的站点（或其公钥已吊销）`);
  const station = keys.reduce((a, s) => (s.trustedAt > a.trustedAt ? s : a));
  const batches = (await importRecords(desk)).filter((r) => r.stationCode === stationCode);
  if (!batches.length) throw notAllowed(`尚未导入过站点“${station.name}”的批次，没有可以回执的案件`);
  const sameKey = (fingerprint: string) => keys.some((k) => sameFingerprint(k.fingerprint, fingerprint));

  const doc = await readReturns(desk);
  const open = openReturnsFor(doc, sameKey);
  const returned = new Map(open.map((r) => [r.caseId, r]));
  const cases: ReceiptCase[] = [];
  for (const c of await registerOf(desk).stationCases(stationCode)) {
    if (!sameKey(c.fingerprint)) continue;
    const r = returned.get(c.id);
    cases.push(
      r
        ? { id: c.id, number: c.number, revision: r.revision, result: 'returned', reason: r.reason }
        : { id: c.id, number: c.number, revision: c.revision, result: 'accepted' },
    );
  }
  const requests: ReceiptCase[] = (await registerOf(desk).stationRequests(stationCode))
    .filter((r) => sameKey(r.fingerprint))
    .map((r) => ({ id: r.id, number: r.number, revision: r.revision, result: 'accepted' }));
  const own = await ensureKeys(desk);
  const receipt: Receipt = {
    format: RECEIPT_FORMAT,
    formatVersion: RECEIPT_FORMAT_VERSION,
    receiptId: randomUUID(),
    // The marks stand as of the station's latest batch.
    batchId: batches.reduce((a, b) => (b.importedAt > a.importedAt ? b : a)).batchId,
    issuedAt: desk.nowIso(),
    station: { code: stationCode, name: station.name, fingerprint: station.fingerprint },
    ...receiptIssuer(own, settings),
    cases,
    ...(requests.length ? { requests } : {}),
  };
  const file = await desk.writeOutput(out, `${JSON.stringify(signReceipt(own, receipt), null, 2)}\n`, { overwrite, field: 'out' });
  if (open.length) {
    noteCarried(doc, open, receipt.receiptId);
    const carried = new Set(open.map((r) => r.id));
    await saveReturns(
      desk,
      doc.returns.filter((r) => carried.has(r.id)),
    );
  }
  return {
    file,
    receiptId: receipt.receiptId,
    station: receipt.station,
    cases: cases.length,
    returned: open.length,
    received: cases.length - open.length,
    requests: requests.length,
  };
}
