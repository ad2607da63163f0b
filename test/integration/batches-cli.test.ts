/**
 * Batches on the command line, as the centre's IT staff script it: two data directories, real
 * processes, JSON on stdout, and exit 5 with the reason when a batch fails verification.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli } from '../support/cli';
import { sampleCaseInput, tempDataDir, TEST_SETTINGS } from '../support/desk';
import { CENTRE_SETTINGS } from './batches-support';

/** Each office's administrator signs in (the station's is 王调解, the centre's 刘审核). */
const operators = new Map<string, string>();

function cli(dataDir: string, args: string[], stdin?: string) {
  return runCli(dataDir, args, stdin, { MEDIATION_DESK_OPERATOR: operators.get(dataDir) });
}

describe('batches on the command line', () => {
  it('keys, trust, export, verify, import and receipt; exit 5 for a bad batch', async () => {
    const station = await tempDataDir('mdesk-cli-station-');
    const centre = await tempDataDir('mdesk-cli-centre-');
    const work = await tempDataDir('mdesk-cli-work-');
    operators.set(station, TEST_SETTINGS.operator!).set(centre, CENTRE_SETTINGS.operator);
    const settings = (name: string, value: unknown) => {
      const file = path.join(work, name);
      writeFileSync(file, JSON.stringify(value));
      return file;
    };
    expect(cli(station, ['init', '--json', settings('s.json', TEST_SETTINGS)]).status).toBe(0);
    expect(cli(centre, ['init', '--json', settings('c.json', CENTRE_SETTINGS)]).status).toBe(0);
    expect(cli(station, ['case', 'add', '--json', '-'], JSON.stringify(sampleCaseInput())).status).toBe(0);

    const shown = cli(station, ['keys', 'show']);
    expect(shown.status, shown.stderr).toBe(0);
    const fingerprint = /指纹：(\S+)/.exec(shown.stdout)![1];
    expect(cli(station, ['keys', 'export', '--out', path.join(work, 'station.key.json')]).json()).toMatchObject({
      role: 'station',
      fingerprint,
    });
    expect(cli(centre, ['keys', 'export', '--out', path.join(work, 'centre.key.json')]).status).toBe(0);

    // before trust: exit 5, fingerprint in the message
    const exported = cli(station, ['export', '--out', path.join(work, 'out'), '--seal-to', path.join(work, 'centre.key.json')]);
    expect(exported.status, exported.stderr).toBe(0);
    const summary = exported.json();
    expect(summary).toMatchObject({ cases: 1, sealed: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(exported.stderr).toContain('已登记中心公钥');
    const untrusted = cli(centre, ['verify', summary.file]);
    expect(untrusted.status).toBe(5);
    expect(untrusted.stderr).toContain(fingerprint);

    const trusted = cli(centre, ['centre', 'trust', path.join(work, 'station.key.json')]);
    expect(trusted.status, trusted.stderr).toBe(0);
    expect(trusted.stderr).toContain(fingerprint);
    expect(cli(centre, ['centre', 'stations']).stdout).toContain(fingerprint);
    expect(cli(centre, ['verify', summary.file]).json()).toMatchObject({ ok: true, cases: 1, sealed: true });

    const receipt = path.join(work, 'receipt.json');
    const imported = cli(centre, ['import', summary.file, '--receipt-out', receipt]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.json()).toMatchObject({ new: 1, updated: 0, unchanged: 0, skipped: [], rejected: [] });
    expect(cli(station, ['receipt', 'apply', receipt]).json()).toMatchObject({ received: 1, returned: 0 });
    expect(cli(station, ['case', 'list']).stdout).toContain('（2026）东城调字第1号');

    // one byte changed: exit 5 with the reason on stderr, nothing imported
    const bytes = readFileSync(summary.file);
    bytes[Math.floor(bytes.length / 2)] ^= 0x20;
    const broken = path.join(work, 'broken.zip');
    writeFileSync(broken, bytes);
    const refused = cli(centre, ['verify', broken]);
    expect(refused.status).toBe(5);
    expect(refused.stderr).toMatch(/^错误：/);
    expect(cli(centre, ['import', broken]).status).toBe(5);

    // nothing pending any more; a date range needs both ends
    expect(cli(station, ['export', '--out', work]).status).toBe(3);
    expect(cli(station, ['export', '--out', work, '--from', '2026-01-01']).status).toBe(2);
  }, 180_000);
});
