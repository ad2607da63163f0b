/**
 * Bad batches: each is refused with a clear Chinese message (BATCH_INVALID, exit 5 on the command line)
 * and the centre's store is left exactly as it was.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { fingerprintOf, readKeys } from '../../electron/core/batches/keys';
import { listBytes } from '../../electron/core/batches/list-parts';
import type { DeskError } from '../../electron/core/errors';
import type { Case } from '../../electron/core/schema/case';
import { generateCases } from '../support/generate-cases';
import { addMixedCases, craftBatch, type Offices, patchBytes, setupOffices, writeTo } from './batches-support';

async function rejection(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    return error as DeskError;
  }
  throw new Error('expected a rejection');
}

/** Set the uncompressed size of `name` in the central directory (what readers trust) to `size`. */
function lieAboutSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = out.readUInt32LE(eocd + 16);
  const count = out.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const nameLength = out.readUInt16LE(at + 28);
    const entryName = out.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (entryName === name) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
    at += 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  throw new Error(`no ${name}`);
}

describe('batches: bad input is refused and nothing is written', () => {
  let o: Offices;
  let cases: Case[];
  let good: string;
  let fingerprint: string;

  beforeAll(async () => {
    o = await setupOffices();
    cases = await addMixedCases(o.station);
    good = (await call(o.station, 'batches.export', { out: path.join(o.work, 'good') })).file;
    fingerprint = fingerprintOf((await readKeys(o.station))!.signing.publicKey);
  });
  afterAll(async () => {
    await o.station.close();
    await o.centre.close();
  });

  async function refused(data: Buffer | string, name = 'bad.zip'): Promise<DeskError> {
    const file = await writeTo(path.join(o.work, 'bad'), name, data);
    const verify = await rejection(call(o.centre, 'batches.verify', { file }));
    const imported = await rejection(call(o.centre, 'batches.import', { file, receiptOut: path.join(o.work, 'bad', 'receipt.json') }));
    expect(verify.code).toBe('BATCH_INVALID');
    expect(imported.code).toBe('BATCH_INVALID');
    expect(imported.message).toBe(verify.message);
    expect(o.centre.store.caseCount()).toBe(0);
    expect(o.centre.store.getDoc('imports')).toBeUndefined();
    if (process.env.SHOW_MESSAGES) process.stderr.write(`${imported.message}\n`);
    return imported;
  }

  it('a file changed by one byte in a case', async () => {
    const json = listBytes(cases);
    const changed = Buffer.from(json);
    const at = json.indexOf(Buffer.from('"amountFen":1230005'));
    expect(at).toBeGreaterThan(0);
    changed[at + 13] = 0x39; // 1230005 → 9230005
    const error = await refused(await craftBatch(o.station, { cases, tamper: { name: 'cases.json', data: changed } }));
    expect(error.message).toContain('“cases.json”的内容与清单中的 SHA-256 不符');
  });

  it('a real batch with one byte flipped anywhere in its compressed data', async () => {
    const bytes = await readFile(good);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 3)] ^= 0xff;
    await refused(flipped);
  });

  it('a truncated zip', async () => {
    const bytes = await readFile(good);
    const error = await refused(bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(error.message).toContain('不完整');
  });

  it('not a zip at all', async () => {
    const error = await refused('案号,受理日期\r\n（2026）东城调字第1号,2026-11-02\r\n', 'cases.zip');
    expect(error.message).toMatch(/不是有效的批次文件/);
  });

  it('an entry climbing out with ../../x', async () => {
    const crafted = await craftBatch(o.station, { cases, extra: [{ name: 'PPPPPPx', data: Buffer.from('x') }] });
    const error = await refused(patchBytes(crafted, 'PPPPPPx', '../../x'));
    expect(error.message).toContain('不安全的文件路径');
  });

  it('an entry with an absolute path', async () => {
    const crafted = await craftBatch(o.station, { cases, extra: [{ name: 'QQQQQQQ', data: Buffer.from('x') }] });
    const error = await refused(patchBytes(crafted, 'QQQQQQQ', '/etc/pw'));
    expect(error.message).toContain('不安全的文件路径');
  });

  it('a zip bomb: an absurd compression ratio', async () => {
    const error = await refused(
      await craftBatch(o.station, { cases, unlisted: [{ name: 'bomb.bin', data: Buffer.alloc(64 * 1024 * 1024) }] }),
    );
    expect(error.message).toContain('压缩炸弹');
  });

  it('a zip bomb: an entry expanding beyond its stated size', async () => {
    const json = listBytes(cases);
    const crafted = await craftBatch(o.station, {
      cases,
      manifest: (m) => {
        (m.files as { path: string; size: number }[])[0].size = 100;
      },
    });
    const error = await refused(lieAboutSize(crafted, 'cases.json', 100));
    expect(json.length).toBeGreaterThan(100);
    expect(error.message).toMatch(/超过了清单所列的大小|超过了它声明的大小/);
  });

  it('an unknown format version', async () => {
    const error = await refused(await craftBatch(o.station, { cases, manifest: (m) => (m.formatVersion = 3) }));
    expect(error.message).toContain('批次格式版本为“3”');
    expect(error.message).toContain('本软件只认识版本 1、2');
  });

  it('a manifest listing a file that is missing', async () => {
    const error = await refused(
      await craftBatch(o.station, { cases, missing: [{ name: 'documents/x/协议书.pdf', data: Buffer.from('%PDF') }] }),
    );
    expect(error.message).toContain('“documents/x/协议书.pdf”在批次文件中不存在');
  });

  it('a file that is not listed', async () => {
    const error = await refused(await craftBatch(o.station, { cases, unlisted: [{ name: 'extra.txt', data: Buffer.from('hello') }] }));
    expect(error.message).toContain('“extra.txt”不在清单中');
  });

  it('duplicate case ids inside one batch', async () => {
    const error = await refused(await craftBatch(o.station, { cases: [cases[0], cases[1], cases[0]] }));
    expect(error.message).toContain(`案件ID“${cases[0].id}”重复出现`);
  });

  it('a manifest changed after signing (signature by another key)', async () => {
    const other = await setupOffices({ trust: false });
    const crafted = await craftBatch(o.station, { cases, signer: other.station, manifest: (m) => (m.fingerprint = fingerprint) });
    const error = await refused(crafted);
    expect(error.message).toContain('签名校验失败');
    await other.station.close();
    await other.centre.close();
  });

  it('an unknown station key, with the fingerprint in the message', async () => {
    const stranger = await setupOffices({ trust: false, stationCode: '510702-002' });
    await addMixedCases(stranger.station);
    const exported = await call(stranger.station, 'batches.export', { out: path.join(o.work, 'stranger') });
    const strangerFingerprint = fingerprintOf((await readKeys(stranger.station))!.signing.publicKey);
    const error = await refused(await readFile(exported.file));
    expect(error.message).toContain('尚未在本中心登记');
    expect(error.message).toContain(strangerFingerprint);

    // trusted, then revoked: refused again, naming the revocation
    await call(o.centre, 'centre.trust', { file: stranger.stationKey });
    await call(o.centre, 'centre.revoke', { fingerprint: strangerFingerprint.toLowerCase().replaceAll('-', ' '), reason: '站点电脑丢失' });
    const revoked = await refused(await readFile(exported.file));
    expect(revoked.message).toContain('已被吊销');
    expect(revoked.message).toContain(strangerFingerprint);
    await stranger.station.close();
    await stranger.centre.close();
  });

  it.each([
    ['one case per line, checked in parts on two threads', false],
    ['on one line (as batches were written before), read whole', true],
  ])('finds a broken chain, a schema failure and half a surrogate pair among thousands of cases: %s', async (_layout, oneLine) => {
    const many = generateCases(2_500, { seed: 12, to: '2026-10-31' });
    many[1_234].events[1] = { ...many[1_234].events[1], operator: '别人' };
    many[2_222] = { ...many[2_222], peopleInvolved: 0 };
    many[2_400] = { ...many[2_400], number: `${many[2_400].number}\uDC00` };
    const file = await writeTo(path.join(o.work, 'many'), `many-${oneLine}.zip`, await craftBatch(o.station, { cases: many, oneLine }));
    const error = await rejection(call(o.centre, 'batches.verify', { file }));
    const invalid = (error.details as { invalidCases: { index: number; problem: string }[] }).invalidCases;
    expect(invalid.map((c) => c.index)).toEqual([1_234, 2_222, 2_400]);
    expect(invalid[0].problem).toContain('第2条记录');
    expect(invalid[1].problem).toContain('peopleInvolved');
    expect(invalid[2].problem).toContain('不成对的 UTF-16 代理项');
    expect(o.centre.store.caseCount()).toBe(0);
  });

  it('words a problem of a big list as a whole (an id twice, far apart) as for a small one', async () => {
    const many = generateCases(2_500, { seed: 13, to: '2026-10-31' });
    many[2_300] = { ...many[2_300], id: many[10].id };
    const error = await refused(await craftBatch(o.station, { cases: many }));
    expect(error.message).toContain(`案件ID“${many[10].id}”重复出现（第11件和第2301件）`);
  });

  it('finds half a surrogate pair in a field that only the batch check looks at, and passes a character beyond the BMP', async () => {
    const broken = { ...cases[0], number: `${cases[0].number}\uD800` };
    const file = await writeTo(path.join(o.work, 'surrogate'), 'surrogate.zip', await craftBatch(o.station, { cases: [broken, cases[1]] }));
    const error = await rejection(call(o.centre, 'batches.verify', { file }));
    expect(error.message).toContain('不成对的 UTF-16 代理项');
    expect((error.details as { invalidCases: { index: number }[] }).invalidCases.map((c) => c.index)).toEqual([0]);

    // a rare character (a surrogate pair in JavaScript) is text like any other
    const rare = { ...cases[1], number: `${cases[1].number}𠀀` };
    const fine = await writeTo(path.join(o.work, 'surrogate'), 'rare.zip', await craftBatch(o.station, { cases: [cases[0], rare] }));
    expect(await call(o.centre, 'batches.verify', { file: fine })).toMatchObject({ ok: true, cases: 2 });
    expect(o.centre.store.caseCount()).toBe(0);
  });

  it('rejects, case by case, cases with a broken hash chain or owned by another station', async () => {
    const edited = structuredClone(cases[0]);
    edited.events[0].details = { ...edited.events[0].details, number: '（2026）东城调字第99号' };
    const file = await writeTo(path.join(o.work, 'chain'), 'chain.zip', await craftBatch(o.station, { cases: [edited, cases[1]] }));
    const verify = await rejection(call(o.centre, 'batches.verify', { file }));
    expect(verify.message).toContain('哈希链断裂');
    const imported = await call(o.centre, 'batches.import', { file });
    expect(imported).toMatchObject({ new: 1, rejected: [{ id: cases[0].id }] });
    expect(imported.rejected[0].reason).toContain('第1条记录（登记）的内容与其哈希不符');
    expect(o.centre.store.getCase(cases[0].id)).toBeUndefined();

    // another trusted station sends a case with an id the centre already holds from this station
    const rival = await setupOffices({ trust: false, stationCode: '510702-003' });
    await call(o.centre, 'centre.trust', { file: rival.stationKey });
    const stolen = await writeTo(
      path.join(o.work, 'rival'),
      'rival.zip',
      await craftBatch(rival.station, { cases: [{ ...cases[1], revision: cases[1].revision }] }),
    );
    const clash = await call(o.centre, 'batches.import', { file: stolen });
    expect(clash).toMatchObject({ new: 0, updated: 0, rejected: [{ id: cases[1].id }] });
    expect(clash.rejected[0].reason).toContain('不能由另一站点覆盖');
    expect(o.centre.getCase(cases[1].id).origin?.fingerprint).toBe(fingerprint);
    await rival.station.close();
    await rival.centre.close();
  });
});
