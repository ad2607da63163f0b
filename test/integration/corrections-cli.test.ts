/**
 * The station → centre → return → correction → re-export round trip on the command line, as the
 * offices' IT staff would script it: two data directories, real processes, JSON on stdout. Along the
 * way: a signed agreement refused an amendment (exit 3), a 补充协议 instead, the register printed.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { runCli } from '../support/cli';
import { diskDesk, fixedClock, IDS, sampleCaseInput, tempDataDir, TEST_SETTINGS } from '../support/desk';
import { CENTRE_SETTINGS } from './batches-support';

describe('corrections and returns on the command line', () => {
  it('station → centre → 退回补正 → correction → re-export closes the return', async () => {
    const station = await tempDataDir('mdesk-rt-station-');
    const centre = await tempDataDir('mdesk-rt-centre-');
    const work = await tempDataDir('mdesk-rt-work-');
    // each office's administrator signs in: the station's 王调解, the centre's 刘审核
    const cli = (dir: string, args: string[], stdin?: string) =>
      runCli(dir, args, stdin, { MEDIATION_DESK_OPERATOR: dir === centre ? CENTRE_SETTINGS.operator : TEST_SETTINGS.operator });
    const ok = (r: ReturnType<typeof cli>) => {
      expect(r.status, r.stderr).toBe(0);
      return r;
    };
    // Set up in-process (the same core): two offices with keys exchanged, a signed case with a 补充协议.
    const clock = fixedClock('2026-11-23');
    const s = await diskDesk({ dataDir: station, settings: { ...TEST_SETTINGS, mediators: ['王调解'] }, clock });
    const c = await diskDesk({ dataDir: centre, settings: CENTRE_SETTINGS, clock });
    await call(s, 'keys.export', { out: path.join(work, 'station.key.json') });
    await call(c, 'keys.export', { out: path.join(work, 'centre.key.json') });
    await call(c, 'centre.trust', { file: path.join(work, 'station.key.json') });
    await call(s, 'keys.importCentre', { file: path.join(work, 'centre.key.json') });
    const added = await call(s, 'cases.add', sampleCaseInput());
    const id = added.id;
    for (const [action, details] of [
      ['accept', { date: '2026-11-03' }],
      ['agree', { date: '2026-11-05', terms: ['被申请人赔偿申请人一千元。'] }],
      ['sign', { date: '2026-11-06' }],
      ['supplement', { date: '2026-11-10', terms: ['延期至12月31日。'] }],
      ['sign-supplement', { date: '2026-11-10' }],
    ] as const) {
      await call(s, 'cases.act', { id, action, details });
    }
    await s.close();
    await c.close();

    // signed: the agreement is frozen (exit 3); a 补充协议 was the way
    const amend = cli(station, ['case', 'act', id, 'amend-agreement', '--json', '-'], JSON.stringify({ terms: ['改'], reason: '改' }));
    expect(amend.status).toBe(3);
    expect(amend.stderr).toContain('补充协议');
    // 我的案件 as a register
    const register = path.join(work, 'register.pdf');
    expect(ok(cli(station, ['case', 'register', '--mine', '--format', 'pdf', '--out', register])).stderr).toContain('1件');
    expect(existsSync(register)).toBe(true);

    // station → centre
    const first = ok(cli(station, ['export', '--out', path.join(work, 'out')])).json();
    const imported = ok(cli(centre, ['import', first.file, '--receipt-out', path.join(work, 'r1.json')])).json();
    expect(imported).toMatchObject({ new: 1 });
    ok(cli(station, ['receipt', 'apply', path.join(work, 'r1.json')]));

    // 退回补正 at the centre, carried by a receipt issued on demand
    const returned = ok(cli(centre, ['centre', 'return', added.number, '--reason', '被申请人身份证号码有误'])).json();
    expect(returned).toMatchObject({ status: 'open', stationCode: TEST_SETTINGS.stationCode });
    const overview = ok(cli(centre, ['centre', 'overview', '--json'])).json();
    expect(overview.stations[0]).toMatchObject({ name: TEST_SETTINGS.name, monthStatus: expect.any(String), openReturns: 1 });
    ok(cli(centre, ['receipt', 'issue', '--station', TEST_SETTINGS.stationCode!, '--out', path.join(work, 'r2.json')]));
    expect(ok(cli(station, ['receipt', 'apply', path.join(work, 'r2.json')])).json()).toMatchObject({ returned: 1 });
    expect(ok(cli(station, ['returned'])).stdout).toContain('被申请人身份证号码有误');

    // correction at the station (a reason: the case has an agreement), then re-export
    const shown = ok(cli(station, ['case', 'show', id, '--json'])).json();
    const parties = shown.parties.map((p: Record<string, unknown>, i: number) =>
      i === 1 ? { ...p, idNumber: IDS.wangWu, gender: undefined, birthDate: undefined } : p,
    );
    const noReason = cli(station, ['case', 'edit', id, '--json', '-'], JSON.stringify({ parties }));
    expect(noReason.status).toBe(2);
    ok(cli(station, ['case', 'edit', id, '--json', '-'], JSON.stringify({ parties, reason: '按中心退回意见更正身份证号码' })));
    const second = ok(cli(station, ['export', '--out', path.join(work, 'out')])).json();
    expect(second.cases).toBe(1);
    const again = ok(cli(centre, ['import', second.file, '--receipt-out', path.join(work, 'r3.json')])).json();
    expect(again).toMatchObject({ updated: 1, returnsClosed: [{ id }], returnsOpen: 0 });
    expect(ok(cli(centre, ['centre', 'returns', '--open'])).stderr).toContain('没有退回补正的案件');
    ok(cli(station, ['receipt', 'apply', path.join(work, 'r3.json')]));
    expect(ok(cli(station, ['returned'])).stderr).toContain('没有待补正的退回案件');
    expect(ok(cli(centre, ['case', 'show', id, '--json'])).json().parties[1].idNumber).toBe(IDS.wangWu);

    // nothing pending: a 零上报
    const zero = ok(cli(station, ['export', '--out', path.join(work, 'out'), '--zero'])).json();
    expect(zero.cases).toBe(0);
    ok(cli(centre, ['import', zero.file]));
  }, 900_000);
});
