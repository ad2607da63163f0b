/**
 * The key exchange without the command line: a centre trusts a new station from the refusal of its
 * first batch (the batch carries the station's key; the fingerprint is read back by phone), and a
 * station registers the centre's key from the first receipt (which carries it). Refusals carry the
 * step to take as `details.action`, and their messages name no command.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { commandAdvice } from '../../electron/cli/actions';
import { call } from '../../electron/core/api';
import { actionOf, DeskError } from '../../electron/core/errors';
import { addMixedCases, craftBatch, type Offices, setupOffices, writeTo } from './batches-support';

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeskError);
  return error as DeskError;
}

const NO_COMMANDS = /keys |centre trust|--seal-to|import-centre|命令行/;

describe('key exchange from the screens', () => {
  let o: Offices;
  beforeEach(async () => {
    o = await setupOffices({ trust: false });
  });
  afterEach(async () => {
    await o.station.close();
    await o.centre.close();
  });

  it('the centre trusts a station from the refusal of its first batch, after the phone check', async () => {
    await addMixedCases(o.station);
    const { fingerprint } = await call(o.station, 'keys.show', {});
    for (const sealed of [true, false]) {
      if (sealed) await call(o.station, 'keys.importCentre', { file: o.centreKey });
      const exported = await call(o.station, 'batches.export', {
        out: path.join(o.work, sealed ? 'sealed' : 'plain'),
        selection: 'all',
        sealToCentre: sealed,
      });
      const refused = await refusal(call(o.centre, 'batches.import', { file: exported.file }));
      expect(refused.code).toBe('BATCH_INVALID');
      expect(refused.message).toContain('东城');
      expect(refused.message).toContain(fingerprint);
      expect(refused.message).not.toMatch(NO_COMMANDS);
      const action = actionOf(refused.details);
      expect(action).toEqual({ kind: 'trust-station', station: expect.objectContaining({ fingerprint }), keyInBatch: true });
      expect(commandAdvice(action!)).toContain(`centre trust --from-batch 批次文件 --fingerprint ${fingerprint}`);
      if (sealed) continue;

      // A fingerprint misheard on the phone trusts nothing.
      const misheard = await refusal(call(o.centre, 'centre.trustFromBatch', { file: exported.file, fingerprint: 'AAAA-BBBB-CCCC-DDDD' }));
      expect(misheard).toMatchObject({ code: 'VALIDATION', field: 'fingerprint' });
      expect((await call(o.centre, 'centre.stations', {})).stations).toHaveLength(0);

      const trusted = await call(o.centre, 'centre.trustFromBatch', { file: exported.file, fingerprint: fingerprint.toLowerCase() });
      expect(trusted).toMatchObject({ fingerprint, already: false, name: expect.stringContaining('东城') });
      expect(await call(o.centre, 'batches.import', { file: exported.file })).toMatchObject({ new: 4 });
    }
  });

  it('trusts nothing from a batch whose carried key is not the one that signed it', async () => {
    const other = await setupOffices({ trust: false });
    const otherKey = JSON.parse(await readFile(other.stationKey, 'utf8')) as { fingerprint: string };
    await other.station.close();
    await other.centre.close();
    // Signed by this station, carrying another station's key: under this station's fingerprint, then under the other's.
    const forgeries = [
      await craftBatch(o.station, { cases: [], manifest: (m) => (m.publicKey = otherKey) }),
      await craftBatch(o.station, {
        cases: [],
        manifest: (m) => Object.assign(m, { publicKey: otherKey, fingerprint: otherKey.fingerprint }),
      }),
    ];
    for (const [i, forged] of forgeries.entries()) {
      const file = await writeTo(o.work, `forged-${i}.zip`, forged);
      const refused = await refusal(call(o.centre, 'centre.trustFromBatch', { file, fingerprint: otherKey.fingerprint }));
      expect(refused.code).toBe('BATCH_INVALID');
    }
    expect((await call(o.centre, 'centre.stations', {})).stations).toHaveLength(0);
  });

  it('the station registers the centre key from the first receipt, after the phone check', async () => {
    await call(o.centre, 'centre.trust', { file: o.stationKey });
    await addMixedCases(o.station);
    const exported = await call(o.station, 'batches.export', { out: o.work, selection: 'all' });
    const receipt = path.join(o.work, 'r.json');
    await call(o.centre, 'batches.import', { file: exported.file, receiptOut: receipt });
    const centreFingerprint = (await call(o.centre, 'keys.show', {})).fingerprint;

    const first = await refusal(call(o.station, 'batches.applyReceipt', { file: receipt }));
    expect(first.code).toBe('NOT_ALLOWED');
    expect(first.message).toContain(centreFingerprint);
    expect(first.message).not.toMatch(NO_COMMANDS);
    expect(actionOf(first.details)).toEqual({
      kind: 'confirm-centre-key',
      centre: { name: expect.any(String), fingerprint: centreFingerprint },
    });

    const misheard = await refusal(call(o.station, 'batches.applyReceipt', { file: receipt, trustCentre: 'AAAA-BBBB-CCCC-DDDD' }));
    expect(misheard.message).toContain('不一致');
    expect((await call(o.station, 'keys.show', {})).centre).toBeUndefined();

    const applied = await call(o.station, 'batches.applyReceipt', { file: receipt, trustCentre: centreFingerprint });
    expect(applied).toMatchObject({ received: 4 });
    expect((await call(o.station, 'keys.show', {})).centre).toMatchObject({ fingerprint: centreFingerprint });
  });

  it('without any centre key the refusal says to register it, in neutral words', async () => {
    const refused = await refusal(
      call(o.station, 'batches.export', { out: o.work, selection: 'all', sealToCentre: true }).then(async () => undefined),
    );
    expect(refused.message).not.toMatch(NO_COMMANDS);
    expect(actionOf(refused.details)).toEqual({ kind: 'import-centre-key' });
  });
});
