/**
 * Encryption at rest through the desk: an office from before operators opens and migrates with one step;
 * no party's name, ID number, phone or address is left in clear anywhere in the data directory (its
 * backups and journal included); a partition swapped with another or edited byte-wise is refused, and
 * nothing is lost by it; a wrong password or key changes nothing; backups and restore work encrypted;
 * an administrator turns encryption off and on again.
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { Desk } from '../../electron/core/desk';
import type { DeskError } from '../../electron/core/errors';
import type { Case } from '../../electron/core/schema/case';
import { SettingsSchema } from '../../electron/core/schema/settings';
import { convertEncryption, openStore } from '../../electron/core/store';
import { isSealed } from '../../electron/core/store/cipher';
import { diskDesk, fixedClock, IDS, sampleCaseInput, tempDataDir, TEST_PASSWORD, TEST_SETTINGS } from '../support/desk';
import { countersOf, generateCases } from '../support/generate-cases';

const open: Desk[] = [];
afterAll(async () => {
  for (const desk of open) await desk.close().catch(() => undefined);
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: DeskError) => error,
  );

/** Every file under `dir`, relative path → bytes. */
function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.set(child, fs.readFileSync(path.join(dir, child)));
    }
  };
  walk('');
  return out;
}

/** A fingerprint of every file but the lock and the keyring (which counts wrong passwords by design). */
function dataFingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rel, bytes] of filesUnder(dir)) {
    if (rel === 'lock' || rel === 'keyring.json') continue;
    out[rel] = createHash('sha256').update(bytes).digest('hex');
  }
  return out;
}

/** The personal data of the fixture cases: every name, ID number, phone and address, as stored. */
function personalValues(cases: readonly Case[]): string[] {
  const values = new Set<string>();
  for (const c of cases) {
    for (const party of c.parties) {
      const idNumber = party.kind === 'person' ? party.idNumber : undefined;
      for (const value of [party.name, idNumber, party.phone, party.address]) if (value && value.length >= 2) values.add(value);
    }
  }
  return [...values];
}

/**
 * The byte forms text takes in the store's files: UTF-8 (documents, case bodies), ASCII JSON with \uXXXX
 * escapes (the heads line of a partition, see buckets.ts) and UTF-16LE (that line in older files).
 */
const TEXT_FORMS = {
  utf8: (value: string) => Buffer.from(value, 'utf8'),
  escaped: (value: string) =>
    Buffer.from(
      JSON.stringify(value)
        .slice(1, -1)
        .replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      'latin1',
    ),
  utf16le: (value: string) => Buffer.from(value, 'utf16le'),
};

/** Which of `values` appear byte-wise, in any of the store's text forms, in which files under `dir`. */
function clearHits(dir: string, values: readonly string[]): string[] {
  const hits: string[] = [];
  for (const [rel, bytes] of filesUnder(dir)) {
    for (const value of values) {
      for (const [encoding, form] of Object.entries(TEXT_FORMS)) {
        const needle = form(value);
        // A two-character name is only 4 bytes in UTF-16LE: megabytes of ciphertext hold such a pattern by
        // chance (about once in 4 billion positions), so needles that short prove nothing either way.
        if (needle.length < 6) continue;
        if (bytes.includes(needle)) hits.push(`${rel}: ${value} (${encoding})`);
      }
    }
  }
  return hits;
}

/** An office as it was before operators existed: plain files, settings naming the operator, no keyring. */
async function officeFromBefore(cases: readonly Case[]): Promise<string> {
  const dataDir = await tempDataDir('mdesk-enc-old-');
  const store = await openStore({ dataDir, dailyBackup: false });
  const settings = SettingsSchema.parse(TEST_SETTINGS);
  await store.commit({ docs: { settings, counters: countersOf(cases) }, cases });
  await store.createBackup('manual');
  await store.close();
  return dataDir;
}

describe('an office from before operators', () => {
  const cases = generateCases(120, { seed: 14 });
  const personal = personalValues(cases);

  it('opens as before, asks for its first administrator, then is encrypted with every backup, losing nothing', async () => {
    const dataDir = await officeFromBefore(cases);
    // the fixture really is in clear before, names (in the partitions' escaped heads) as well as numbers
    expect(clearHits(dataDir, personal).some((hit) => hit.includes('(escaped)') && /[\u4e00-\u9fff]/.test(hit))).toBe(true);

    const desk = await Desk.open({ dataDir, clock: fixedClock(), dailyBackup: false });
    open.push(desk);
    expect(desk.store.loaded).toBe(true);
    expect(await call(desk, 'session.status', {})).toMatchObject({
      state: 'signed-out',
      setUp: 'needs-administrator',
      office: TEST_SETTINGS.name,
      encrypted: false,
    });
    expect((await refusal(call(desk, 'cases.list', {}))).code).toBe('NOT_SIGNED_IN');

    // the one step: name the administrator (the settings keep everything else) and give a password
    const result = await call(desk, 'settings.init', { operator: '王调解', password: TEST_PASSWORD });
    expect(result.recoveryCode).toMatch(/^\d{4}(-\d{4}){7}$/);
    expect(result.settings.name).toBe(TEST_SETTINGS.name);
    expect(desk.store.encrypted).toBe(true);
    expect((await call(desk, 'cases.list', { limit: 500 })).total).toBe(cases.length);
    expect((await call(desk, 'backups.list', {})).length).toBeGreaterThanOrEqual(1);
    await desk.close();

    expect(clearHits(dataDir, personal)).toEqual([]);
    const reopened = await Desk.open({ dataDir, clock: fixedClock(), dailyBackup: false });
    open.push(reopened);
    expect(reopened.store.loaded).toBe(false);
    await call(reopened, 'session.signIn', { name: '王调解', password: TEST_PASSWORD });
    for (const c of cases.slice(0, 20)) expect((await call(reopened, 'cases.get', { id: c.id })).case.parties).toEqual(c.parties);

    // the backup made before the migration was converted with it, and restores
    const [old] = (await call(reopened, 'backups.list', {})).filter((b) => b.kind === 'manual');
    await call(reopened, 'backups.restore', { name: old.name });
    expect(reopened.store.encrypted).toBe(true);
    expect((await call(reopened, 'cases.list', { limit: 500 })).total).toBe(cases.length);
  });

  it('may stay unencrypted when the administrator says so', async () => {
    const dataDir = await officeFromBefore(cases.slice(0, 10));
    const desk = await Desk.open({ dataDir, clock: fixedClock(), dailyBackup: false });
    open.push(desk);
    await call(desk, 'settings.init', { operator: '王调解', password: TEST_PASSWORD, encrypt: false });
    expect(desk.store.encrypted).toBe(false);
    expect((await call(desk, 'cases.list', {})).total).toBe(10);
    await desk.close();
    const reopened = await Desk.open({ dataDir, clock: fixedClock(), dailyBackup: false });
    open.push(reopened);
    // operators exist now: the register waits for a sign-in even though it is plain
    expect((await refusal(call(reopened, 'cases.list', {}))).code).toBe('NOT_SIGNED_IN');
    await call(reopened, 'session.signIn', { name: '王调解', password: TEST_PASSWORD });
    expect((await call(reopened, 'cases.list', {})).total).toBe(10);
  });

  it('refuses a conversion with a file it cannot read, and changes nothing', async () => {
    const dataDir = await officeFromBefore(cases.slice(0, 30));
    const bucket = fs.readdirSync(path.join(dataDir, 'cases')).find((name) => name.endsWith('.jsonl'))!;
    fs.appendFileSync(path.join(dataDir, 'cases', bucket), '{"not a case"\n');
    const before = dataFingerprint(dataDir);
    const error = await refusal(convertEncryption(dataDir, { from: null, to: Buffer.alloc(32, 7) }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(bucket);
    expect(dataFingerprint(dataDir)).toEqual(before);
  });
});

describe('an encrypted office', () => {
  it('leaves no party name, ID number, phone or address in clear in any file: data, backups, journal', async () => {
    const desk = await diskDesk();
    open.push(desk);
    const cases = generateCases(200, { seed: 41, shortName: '东城' });
    await desk.commit({ cases, docs: { counters: countersOf(cases) } });
    const added = await call(desk, 'cases.add', sampleCaseInput());
    await call(desk, 'backups.create', {});
    await call(desk, 'cases.act', { id: added.id, action: 'accept', details: {} });
    const stored = [...cases, (await call(desk, 'cases.get', { id: added.id })).case];
    const dataDir = desk.dataDir;
    await desk.close();

    const files = filesUnder(dataDir);
    expect([...files.keys()].some((rel) => rel.startsWith('backups/'))).toBe(true);
    const values = personalValues(stored);
    expect(values).toEqual(expect.arrayContaining(['张三', '11010519491231002X', '13800138000', '达州市通川区东城街道1号']));
    expect(clearHits(dataDir, values)).toEqual([]);
    for (const [rel, bytes] of files) {
      if (/^(backups\/[^/]+\/)?(cases|docs)\//.test(rel)) expect(isSealed(bytes), rel).toBe(true);
    }
  });

  it('refuses a partition swapped with another or edited byte-wise (exit 4, STORE_CORRUPT) and loses nothing', async () => {
    const desk = await diskDesk();
    const cases = generateCases(60, { seed: 7, shortName: '东城' });
    await desk.commit({ cases, docs: { counters: countersOf(cases) } });
    const dataDir = desk.dataDir;
    await desk.close();
    const casesDir = path.join(dataDir, 'cases');
    const [a, b] = fs.readdirSync(casesDir).filter((name) => name.endsWith('.jsonl'));
    const bytesA = fs.readFileSync(path.join(casesDir, a));
    const bytesB = fs.readFileSync(path.join(casesDir, b));

    const signIn = async () => {
      const reopened = await Desk.open({ dataDir, clock: fixedClock(), dailyBackup: false });
      open.push(reopened);
      return { desk: reopened, result: call(reopened, 'session.signIn', { name: '王调解', password: TEST_PASSWORD }) };
    };

    // swapped: each file is authentic, but not under that name
    fs.writeFileSync(path.join(casesDir, a), bytesB);
    fs.writeFileSync(path.join(casesDir, b), bytesA);
    let attempt = await signIn();
    const swapped = await refusal(attempt.result);
    expect(swapped.code).toBe('STORE_CORRUPT');
    expect(swapped.message).toContain(a);
    await attempt.desk.close();

    // one byte changed in the last case's body (read when that case is first opened)
    fs.writeFileSync(path.join(casesDir, b), bytesB);
    const edited = Buffer.from(bytesA);
    edited[edited.length - 20] ^= 0x01;
    fs.writeFileSync(path.join(casesDir, a), edited);
    attempt = await signIn();
    const refused = await attempt.result.then(
      async () => {
        // the heads were sound: the edited body is refused when it is read (checking a log reads it)
        const errors = [];
        for (const c of cases) errors.push(await refusal(call(attempt.desk, 'cases.verifyLog', { id: c.id })).catch(() => undefined));
        return errors.find((e) => e?.code === 'STORE_CORRUPT');
      },
      (error: DeskError) => error,
    );
    expect(refused?.code).toBe('STORE_CORRUPT');
    expect(refused?.message).toContain(a);
    await attempt.desk.close();

    // the original bytes back: everything is there
    fs.writeFileSync(path.join(casesDir, a), bytesA);
    attempt = await signIn();
    await attempt.result;
    expect((await call(attempt.desk, 'cases.list', { limit: 500 })).total).toBe(cases.length);
    for (const c of cases) expect((await call(attempt.desk, 'cases.get', { id: c.id })).case.facts).toBe(c.facts);
  });

  it('a wrong password or a wrong key changes no data file', async () => {
    const desk = await diskDesk();
    await call(desk, 'cases.add', sampleCaseInput());
    const dataDir = desk.dataDir;
    await desk.close();
    const before = dataFingerprint(dataDir);

    const reopened = await Desk.open({ dataDir, clock: fixedClock(), dailyBackup: false });
    open.push(reopened);
    for (let i = 0; i < 6; i++) await refusal(call(reopened, 'session.signIn', { name: '王调解', password: `cuo-mima-${i}` }));
    await reopened.close();
    expect((await refusal(convertEncryption(dataDir, { from: Buffer.alloc(32, 1), to: null }))).message).toContain('密钥与数据不符');
    expect(dataFingerprint(dataDir)).toEqual(before);
  });

  it('backs up and restores encrypted; an administrator turns encryption off (with his password) and on again', async () => {
    const desk = await diskDesk();
    open.push(desk);
    const first = await call(desk, 'cases.add', sampleCaseInput());
    const backup = await call(desk, 'backups.create', {});
    const second = await call(desk, 'cases.add', sampleCaseInput({ summary: '第二件' }));
    const backupFiles = filesUnder(path.join(desk.dataDir, 'backups', backup.name));
    for (const [rel, bytes] of backupFiles) if (/^(cases|docs)\//.test(rel)) expect(isSealed(bytes), rel).toBe(true);

    await call(desk, 'backups.restore', { name: backup.name });
    expect((await call(desk, 'cases.list', {})).items.map((c) => c.id)).toEqual([first.id]);
    // the case number of the undone case is never issued again
    expect((await call(desk, 'cases.add', sampleCaseInput())).number).not.toBe(second.number);

    expect((await refusal(call(desk, 'encryption.disable', { password: 'not-mine-1' }))).code).toBe('SIGN_IN_FAILED');
    expect(desk.store.encrypted).toBe(true);
    expect(await call(desk, 'encryption.disable', { password: TEST_PASSWORD })).toMatchObject({ encrypted: false });
    expect(desk.store.encrypted).toBe(false);
    expect(clearHits(desk.dataDir, [IDS.zhangSan]).length).toBeGreaterThan(0);
    expect((await call(desk, 'cases.list', {})).total).toBe(2);
    // the backups went with it: a restore in the plain form works
    await call(desk, 'backups.restore', { name: backup.name });
    expect((await call(desk, 'cases.list', {})).total).toBe(1);

    expect(await call(desk, 'encryption.enable', {})).toMatchObject({ encrypted: true });
    expect(clearHits(desk.dataDir, ['张三', '11010519491231002X', '13800138000'])).toEqual([]);
    expect((await call(desk, 'cases.get', { id: first.id })).case.parties[0].name).toBe('张三');
  });
});
