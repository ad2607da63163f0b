/**
 * Regression tests of issue 12 for the offices' identities: item 3 (a station reports only under the
 * code bound to its key at the centre; a change of code is deliberate and logged at both ends) and
 * item 8 (the recorded centre key is never replaced silently).
 */

import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { exitCodeFor } from '../../electron/cli/exit-codes';
import { call } from '../../electron/core/api';
import { readKeys } from '../../electron/core/batches/keys';
import { cliHere } from '../support/cli-here';
import { diskDesk, fixedClock, sampleCaseInput } from '../support/desk';
import { assertGoodRefusal } from '../support/hostile';
import { CENTRE_SETTINGS, type Offices, setupOffices } from './batches-support';

const refused = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => assertGoodRefusal(e),
  );

let offices: Offices | undefined;
afterEach(async () => {
  await offices?.station.close();
  await offices?.centre.close();
  offices = undefined;
});

describe('item 3: a station reports only under the code bound to its key', () => {
  it('refuses a batch whose code does not match its signing key (exit 5, naming both), and imports nothing', async () => {
    const o = (offices = await setupOffices());
    await call(o.station, 'cases.add', sampleCaseInput());
    // Before any export a code change is allowed (and logged): the centre still has the key under the old code.
    await call(o.station, 'settings.update', { stationCode: '510702-999' });
    const exported = await call(o.station, 'batches.export', { out: o.work });
    const error = await refused(call(o.centre, 'batches.import', { file: exported.file, receiptOut: path.join(o.work, 'r.json') }));
    expect(exitCodeFor(error.code)).toBe(5);
    expect(error.message).toContain('“510702-999”');
    expect(error.message).toContain('“510702-001”');
    expect(error.message).toContain('centre recode');
    expect(o.centre.store.caseCount()).toBe(0);
    const log = await call(o.station, 'identity.log', {});
    expect(log[0]).toMatchObject({ action: 'station-code-changed', details: { from: '510702-001', to: '510702-999' } });
  });

  it('refuses a change of code in the settings once batches were reported; recode does it deliberately, and the centre confirms it', async () => {
    const o = (offices = await setupOffices());
    await call(o.station, 'cases.add', sampleCaseInput());
    const first = await call(o.station, 'batches.export', { out: o.work });
    await call(o.centre, 'batches.import', { file: first.file, receiptOut: path.join(o.work, 'r1.json') });

    const viaSettings = await refused(call(o.station, 'settings.init', { stationCode: '510702-002' }));
    expect(viaSettings).toMatchObject({ code: 'NOT_ALLOWED', field: 'stationCode' });
    expect(viaSettings.message).toContain('recode');
    expect(o.station.settings().stationCode).toBe('510702-001');

    const noReason = await refused(call(o.station, 'settings.recode', { stationCode: '510702-002', reason: '' }));
    expect(noReason.field).toBe('reason');
    await call(o.station, 'settings.recode', { stationCode: '510702-002', reason: '区划调整，县中心重新编码' });
    await call(o.station, 'cases.add', sampleCaseInput({ summary: '改码后的案件' }));
    const second = await call(o.station, 'batches.export', { out: o.work });
    const before = await refused(call(o.centre, 'batches.import', { file: second.file, receiptOut: path.join(o.work, 'r2.json') }));
    expect(before.code).toBe('BATCH_INVALID');

    const fingerprint = (await call(o.station, 'keys.show', {})).fingerprint;
    const recoded = await call(o.centre, 'centre.recode', { fingerprint, stationCode: '510702-002', reason: '电话核实：区划调整' });
    expect(recoded).toMatchObject({ stationCode: '510702-002', history: [{ stationCode: '510702-001', reason: '电话核实：区划调整' }] });
    const imported = await call(o.centre, 'batches.import', { file: second.file, receiptOut: path.join(o.work, 'r2.json') });
    expect(imported).toMatchObject({ new: 1, station: { code: '510702-002' } });
    const stats = await call(o.centre, 'stats.report', { year: 2026, by: 'station' });
    expect(JSON.stringify(stats)).toContain('510702-002');
    expect((await call(o.centre, 'identity.log', {})).map((e) => e.action)).toEqual(['station-recoded', 'station-trusted']);
    expect((await call(o.station, 'identity.log', {}))[0]).toMatchObject({
      action: 'station-code-changed',
      details: { from: '510702-001', to: '510702-002', reason: '区划调整，县中心重新编码', via: 'recode' },
    });
  });

  it('binds one code to one key: another key claiming a trusted code, or a trusted key with another code, is refused at trust', async () => {
    const o = (offices = await setupOffices());
    const impostor = await diskDesk({
      settings: { ...CENTRE_SETTINGS, role: 'station', name: '别的站', shortName: '别站', stationCode: '510702-001' },
    });
    try {
      const impostorKey = path.join(o.work, 'impostor.key.json');
      await call(impostor, 'keys.export', { out: impostorKey });
      const taken = await refused(call(o.centre, 'centre.trust', { file: impostorKey }));
      expect(taken.message).toContain('站点代码 510702-001 已登记给站点');

      await call(o.station, 'settings.update', { stationCode: '510702-777' });
      const newFile = path.join(o.work, 'station-new.key.json');
      await call(o.station, 'keys.export', { out: newFile });
      const changed = await refused(call(o.centre, 'centre.trust', { file: newFile }));
      expect(changed.message).toContain('centre recode');
      expect((await call(o.centre, 'centre.stations', {})).stations.map((s) => s.stationCode)).toEqual(['510702-001']);
    } finally {
      await impostor.close();
    }
  });

  it('says it on the command line: init refuses with exit 3, recode prints what it did and what the centre must do', async () => {
    const o = await setupOffices();
    await call(o.station, 'cases.add', sampleCaseInput());
    await call(o.station, 'batches.export', { out: o.work });
    const stationDir = o.station.dataDir;
    await o.station.close();
    await o.centre.close();
    const settings = path.join(o.work, 'settings.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(settings, JSON.stringify({ stationCode: '510702-002' })));
    const init = await cliHere(stationDir, ['init', '--json', settings]);
    expect(init.status).toBe(3);
    expect(init.stderr).toContain('站点代码');
    const recode = await cliHere(stationDir, ['recode', '--code', '510702-002', '--reason', '区划调整']);
    expect(recode.status, recode.stderr).toBe(0);
    expect(recode.stderr).toContain('centre recode');
    const history = await cliHere(stationDir, ['keys', 'history']);
    expect(history.stdout).toContain('本站站点代码变更');
  });
});

describe('item 8: the recorded centre key is never replaced silently', () => {
  it('sealing to another centre asks for confirmation; with it the recorded centre stays; replacing it is explicit and logged', async () => {
    const o = (offices = await setupOffices());
    const other = await diskDesk({
      settings: { ...CENTRE_SETTINGS, name: '另一个公共法律服务中心', stationCode: '511702-900' },
      clock: fixedClock(),
    });
    try {
      const otherKey = path.join(o.work, 'other-centre.key.json');
      await call(other, 'keys.export', { out: otherKey });
      await call(o.station, 'cases.add', sampleCaseInput());
      const recorded = (await readKeys(o.station))!.centre!.fingerprint;

      const asked = await refused(call(o.station, 'batches.export', { out: o.work, sealTo: otherKey }));
      expect(asked).toMatchObject({ code: 'VALIDATION', field: 'sealTo' });
      expect(asked.message).toContain(recorded);
      expect(asked.message).toContain('--force');
      const sealed = await call(o.station, 'batches.export', { out: o.work, sealTo: otherKey, confirmOtherCentre: true });
      expect(sealed.sealed).toBe(true);
      expect((await readKeys(o.station))!.centre!.fingerprint).toBe(recorded);
      expect((await call(o.station, 'identity.log', {}))[0]).toMatchObject({ action: 'sealed-to-other-centre' });

      const replace = await refused(call(o.station, 'keys.importCentre', { file: otherKey }));
      expect(replace.message).toContain('--replace');
      expect((await readKeys(o.station))!.centre!.fingerprint).toBe(recorded);
      const replaced = await call(o.station, 'keys.importCentre', { file: otherKey, replace: true, reason: '县里调整了上报中心' });
      expect(replaced).toMatchObject({ changed: true, previous: recorded });
      expect((await call(o.station, 'identity.log', {}))[0]).toMatchObject({
        action: 'centre-key-replaced',
        details: { from: recorded, reason: '县里调整了上报中心' },
      });
    } finally {
      await other.close();
    }
  });
});
