/** Pure parts of batches: CSV fields, file names, fingerprints, zip names, pending, sealing, key files. */

import { describe, expect, it } from 'vitest';

import { csvField, describeParty } from '../../electron/core/batches/csv';
import { batchFileName, safeFileName } from '../../electron/core/batches/format';
import { fingerprintOf, newKeysDoc, parsePublicKeyFile, publicKeyFile, sameFingerprint } from '../../electron/core/batches/keys';
import { isPending } from '../../electron/core/batches/log';
import { openSeal, startSeal } from '../../electron/core/batches/seal';
import { unsafeNameProblem } from '../../electron/core/batches/zip';
import { generateCases } from '../support/generate-cases';

const NOW = '2026-11-23T04:00:00.000Z';
const office = { role: 'centre' as const, stationCode: '511702-000', name: '通川区公共法律服务中心', organization: '' };

describe('batches: CSV fields', () => {
  it.each([
    ['plain', '张三', '张三'],
    ['comma', '3,000元', '"3,000元"'],
    ['quote', '他说"不"', '"他说""不"""'],
    ['newline', '第一行\n第二行', '"第一行\n第二行"'],
    ['formula', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['minus', '-1', "'-1"],
    ['number', 12, '12'],
    ['missing', undefined, ''],
  ])('%s', (_name, value, expected) => {
    expect(csvField(value as string | number | undefined)).toBe(expected);
  });

  it('writes parties as text with the full ID number', () => {
    const [c] = generateCases(1, { seed: 3 });
    const person = c.parties.find((p) => p.kind === 'person')!;
    const text = describeParty(person);
    expect(text.startsWith(person.name)).toBe(true);
    if (person.kind === 'person' && person.idNumber) expect(text).toContain(person.idNumber);
  });
});

describe('batches: names', () => {
  it('sanitises case numbers for folders', () => {
    expect(safeFileName('（2026）东城调字第3号')).toBe('（2026）东城调字第3号');
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(safeFileName('..\\..\\x')).toBe('_.._x');
    expect(safeFileName('CON')).toBe('未命名_CON');
    expect(safeFileName('   ')).toBe('未命名');
    expect(safeFileName('x. ')).toBe('x');
  });

  it('names batch files after station, period and sequence', () => {
    expect(batchFileName('510702-001', { from: '2026-01-01', to: '2026-06-30' }, 7)).toBe('510702-001_20260101_20260630_007.zip');
  });

  it.each([
    ['../../x', '越出目录'],
    ['/etc/passwd', '绝对路径'],
    ['C:/x', '绝对路径'],
    ['a\\b', '反斜杠'],
    ['a/./b', '越出目录'],
    ['a\u0001', '控制字符'],
  ])('refuses the zip entry name %j', (name, why) => {
    expect(unsafeNameProblem(name)).toContain(why);
  });

  it('accepts ordinary entry names', () => {
    expect(unsafeNameProblem('documents/（2026）东城调字第3号/人民调解协议书.pdf')).toBeNull();
  });
});

describe('batches: keys', () => {
  it('makes a short fingerprint to read over the phone, compared loosely', () => {
    const keys = newKeysDoc(NOW);
    const fingerprint = fingerprintOf(keys.signing.publicKey);
    expect(fingerprint).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(sameFingerprint(fingerprint, fingerprint.toLowerCase().replaceAll('-', ' '))).toBe(true);
    expect(sameFingerprint(fingerprint, fingerprintOf(newKeysDoc(NOW).signing.publicKey))).toBe(false);
  });

  it('refuses a key file whose sealing key or fingerprint was swapped', () => {
    const keys = newKeysDoc(NOW);
    const file = publicKeyFile(keys, office);
    expect(parsePublicKeyFile(JSON.parse(JSON.stringify(file))).fingerprint).toBe(file.fingerprint);
    const swapped = { ...file, sealingKey: newKeysDoc(NOW).sealing.publicKey };
    expect(() => parsePublicKeyFile(swapped)).toThrow(/加密公钥的签名不符/);
    expect(() => parsePublicKeyFile({ ...file, fingerprint: 'AAAA-AAAA-AAAA-AAAA' })).toThrow(/指纹/);
    expect(() => parsePublicKeyFile({ ...file, format: 'x' })).toThrow(/不是人民调解工作台的公钥文件/);
  });
});

describe('batches: sealing', () => {
  it('opens only for the recipient, and only unaltered', () => {
    const centre = newKeysDoc(NOW);
    const other = newKeysDoc(NOW);
    const { seal, cipher } = startSeal(publicKeyFile(centre, office), 'batch-1');
    const plain = Buffer.from('机密的案件内容'.repeat(100));
    const payload = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    expect(payload.includes(Buffer.from('机密'))).toBe(false);
    expect(openSeal(centre, seal, 'batch-1', payload).equals(plain)).toBe(true);
    expect(() => openSeal(other, seal, 'batch-1', payload)).toThrow(/无法解密/);
    expect(() => openSeal(centre, seal, 'batch-2', payload)).toThrow(/无法解密/);
    const flipped = Buffer.from(payload);
    flipped[10] ^= 1;
    expect(() => openSeal(centre, seal, 'batch-1', flipped)).toThrow(/无法解密/);
  });
});

describe('batches: pending', () => {
  it('is new or changed since the last export, not counting receipts', () => {
    const [c] = generateCases(1, { seed: 4 });
    expect(isPending(c, {})).toBe(true);
    expect(isPending(c, { [c.id]: c.revision })).toBe(false);
    const withReceipt = {
      ...c,
      revision: c.revision + 1,
      events: [...c.events, { ...c.events[0], seq: c.events.length, type: 'centre-receipt' }],
    };
    expect(isPending(withReceipt, { [c.id]: c.revision })).toBe(false);
    const edited = {
      ...withReceipt,
      revision: c.revision + 2,
      events: [...withReceipt.events, { ...c.events[0], seq: c.events.length + 1, type: 'edited' }],
    };
    expect(isPending(edited, { [c.id]: c.revision })).toBe(true);
  });
});
