/**
 * Applying the centre's receipt at the station, in the cases the round trip in batches.test.ts does
 * not reach: case ids the station does not have, a receipt addressed to another station, marks that
 * arrive out of order (stale), and a receipt for an older revision than the station now holds. The
 * receipts are signed with the centre's real key, so each gets past the signature check and is judged
 * on its content.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { RECEIPT_FORMAT, RECEIPT_FORMAT_VERSION } from '../../electron/core/batches/format';
import { fingerprintOf, readKeys } from '../../electron/core/batches/keys';
import { type Receipt, type ReceiptCase, receiptIssuer, signReceipt } from '../../electron/core/batches/receipt';
import type { Desk } from '../../electron/core/desk';
import type { Case } from '../../electron/core/schema/case';
import { sampleCaseInput } from '../support/desk';
import { rejection } from '../support/rejection';
import { type Offices, setupOffices, writeTo } from './batches-support';

const stationState = (desk: Desk) => JSON.stringify({ cases: [...desk.store.allCases()], receipts: desk.store.getDoc('receipts') ?? null });

let o: Offices;
let serial = 0;

/** A receipt as the centre would sign it, addressed to the station unless told otherwise. */
async function receiptFile(cases: ReceiptCase[], over: { issuedAt?: string; stationFingerprint?: string; batchId?: string } = {}) {
  const centreKeys = (await readKeys(o.centre))!;
  const settings = o.station.settings();
  serial++;
  const receipt: Receipt = {
    format: RECEIPT_FORMAT,
    formatVersion: RECEIPT_FORMAT_VERSION,
    receiptId: `6f1c2d3e-4b5a-4c6d-8e7f-${String(serial).padStart(12, '0')}`,
    batchId: over.batchId ?? 'batch-1',
    issuedAt: over.issuedAt ?? '2026-11-23T04:00:00.000Z',
    station: {
      code: settings.stationCode,
      name: settings.name,
      fingerprint: over.stationFingerprint ?? fingerprintOf((await readKeys(o.station))!.signing.publicKey),
    },
    ...receiptIssuer(centreKeys, o.centre.settings()),
    cases,
  };
  return writeTo(o.work, `receipt-${serial}.json`, JSON.stringify(signReceipt(centreKeys, receipt)));
}

const apply = (file: string) => call(o.station, 'batches.applyReceipt', { file });
const accepted = (c: Case): ReceiptCase => ({ id: c.id, number: c.number, revision: c.revision, result: 'accepted' });

beforeEach(async () => {
  o = await setupOffices();
});
afterEach(async () => {
  await o.station.close();
  await o.centre.close();
});

describe('receipts at the station', () => {
  it('the receipt format written here is the one the centre writes', async () => {
    const c = await call(o.station, 'cases.add', sampleCaseInput());
    const exported = await call(o.station, 'batches.export', { out: o.work });
    await call(o.centre, 'batches.import', { file: exported.file, receiptOut: path.join(o.work, 'real.json') });
    const real = JSON.parse(await readFile(path.join(o.work, 'real.json'), 'utf8'));
    const crafted = JSON.parse(await readFile(await receiptFile([accepted(c)]), 'utf8'));
    expect(Object.keys(crafted.receipt).sort()).toEqual(Object.keys(real.receipt).sort());
    expect(crafted.receipt.station).toEqual(real.receipt.station);
    expect(crafted.receipt.centre).toEqual(real.receipt.centre);
  });

  it('ids the station does not have are listed, the rest applied', async () => {
    const c = await call(o.station, 'cases.add', sampleCaseInput());
    const result = await apply(
      await receiptFile([
        accepted(c),
        { id: 'no-such-case', number: '（2026）西城调字第9号', revision: 1, result: 'rejected', reason: '不属于本中心' },
      ]),
    );
    expect(result).toMatchObject({ received: 1, returned: 0, unknown: ['no-such-case'], stale: 0 });
    expect(o.station.getCase(c.id).centreMark).toMatchObject({ mark: 'received', batchId: 'batch-1', revision: c.revision });
    expect(await call(o.station, 'batches.log', {})).toMatchObject({ receipts: [{ received: 1, returned: 0 }] });
  });

  it('a receipt addressed to another station is refused and changes nothing', async () => {
    const c = await call(o.station, 'cases.add', sampleCaseInput());
    const other = await setupOffices();
    const elsewhere = fingerprintOf((await readKeys(other.station))!.signing.publicKey);
    await other.station.close();
    await other.centre.close();
    const before = stationState(o.station);
    const error = await rejection(apply(await receiptFile([accepted(c)], { stationFingerprint: elsewhere })));
    expect(error.code).toBe('NOT_ALLOWED');
    expect(error.message).toContain('这份回执是发给另一个站点的');
    expect(error.message).toContain(elsewhere);
    expect(stationState(o.station)).toBe(before);
  });

  it('marks that arrive out of order are stale: a later receipt is not undone by an earlier one', async () => {
    const c = await call(o.station, 'cases.add', sampleCaseInput());
    const later = await receiptFile([{ ...accepted(c), result: 'rejected', reason: '案由不完整' }], {
      issuedAt: '2026-11-23T09:00:00.000Z',
      batchId: 'batch-2',
    });
    const earlier = await receiptFile([accepted(c)], { issuedAt: '2026-11-23T04:00:00.000Z', batchId: 'batch-1' });
    expect(await apply(later)).toMatchObject({ returned: 1, returnedCases: [{ id: c.id, reason: '案由不完整' }] });
    const marked = o.station.getCase(c.id);

    const result = await apply(earlier);
    expect(result).toMatchObject({ received: 0, returned: 0, stale: 1, unchanged: 0 });
    const after = o.station.getCase(c.id);
    expect(after.centreMark).toEqual(marked.centreMark);
    expect(after.revision).toBe(marked.revision); // no event for a mark not applied
    // the stale receipt is still recorded as seen, with nothing applied
    expect((await call(o.station, 'batches.log', {})).receipts).toHaveLength(2);
  });

  it('a receipt for an older revision: recorded with that revision, the case stays due for the next batch, and it cannot replace a newer mark', async () => {
    const c = await call(o.station, 'cases.add', sampleCaseInput());
    const exported = await call(o.station, 'batches.export', { out: o.work });
    // the station edits the case after exporting it
    const edited = await call(o.station, 'cases.edit', { id: c.id, changes: { claims: '请求清除杂物。' } });
    expect(edited.revision).toBe(c.revision + 1);
    expect((await call(o.station, 'batches.preview', {})).count).toBe(1);

    const forOld = await receiptFile([accepted(c)], { batchId: exported.batchId, issuedAt: '2026-11-23T05:00:00.000Z' });
    expect(await apply(forOld)).toMatchObject({ received: 1, stale: 0 });
    expect(o.station.getCase(c.id).centreMark).toMatchObject({ mark: 'received', revision: c.revision });
    // the centre has only the older revision: the edit still goes in the next batch
    expect((await call(o.station, 'batches.preview', {})).count).toBe(1);

    // the next batch carries the edited revision; its receipt marks it, and the older one cannot come back
    const forNew = await receiptFile([accepted(edited)], { batchId: 'batch-2', issuedAt: '2026-11-23T06:00:00.000Z' });
    expect(await apply(forNew)).toMatchObject({ received: 1 });
    expect(o.station.getCase(c.id).centreMark).toMatchObject({ revision: edited.revision, batchId: 'batch-2' });
    const replayed = await receiptFile([accepted(c)], { batchId: exported.batchId, issuedAt: '2026-11-23T07:00:00.000Z' });
    expect(await apply(replayed)).toMatchObject({ received: 0, stale: 1 });
    expect(o.station.getCase(c.id).centreMark).toMatchObject({ revision: edited.revision, batchId: 'batch-2' });
  });
});
