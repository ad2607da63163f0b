/**
 * Shared set-up for the batch tests: a station and a centre on two real temporary data directories,
 * keys exchanged, a mixed set of cases, and a crafter of signed-but-wrong batches for the bad-input tests.
 */

import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import yazl from 'yazl';

import { call } from '../../electron/core/api';
import { canonicalBytes, fingerprintOf, readKeys, signBytes } from '../../electron/core/batches/keys';
import { listBytes } from '../../electron/core/batches/list-parts';
import type { Desk } from '../../electron/core/desk';
import type { Case } from '../../electron/core/schema/case';
import { creditCodeCheckChar } from '../../electron/core/schema/identity';
import { diskDesk, fixedClock, IDS, sampleCaseInput, tempDataDir, TEST_SETTINGS } from '../support/desk';

export const CENTRE_SETTINGS = {
  name: '达州市通川区公共法律服务中心',
  shortName: '通川中心',
  stationCode: '511702-000',
  role: 'centre' as const,
  organization: '达州市通川区司法局',
  operator: '刘审核',
};

export interface Offices {
  station: Desk;
  centre: Desk;
  work: string;
  stationKey: string;
  centreKey: string;
}

/**
 * A station and its centre; `stationCode` gives a second station its own code (a centre binds one key per
 * code); `database`: the centre keeps its register in PostgreSQL.
 */
export async function setupOffices(options: { trust?: boolean; stationCode?: string; database?: string } = {}): Promise<Offices> {
  const clock = fixedClock('2026-11-23');
  const stationCode = options.stationCode ?? TEST_SETTINGS.stationCode;
  const station = await diskDesk({ settings: { ...TEST_SETTINGS, stationCode, organization: '达州市通川区东城街道办事处' }, clock });
  const centre = await diskDesk({ settings: CENTRE_SETTINGS, clock, database: options.database });
  const work = await tempDataDir('mdesk-batches-');
  const stationKey = path.join(work, 'station.key.json');
  const centreKey = path.join(work, 'centre.key.json');
  await call(station, 'keys.export', { out: stationKey });
  await call(centre, 'keys.export', { out: centreKey });
  if (options.trust !== false) {
    await call(centre, 'centre.trust', { file: stationKey });
    await call(station, 'keys.importCentre', { file: centreKey });
  }
  return { station, centre, work, stationKey, centreKey };
}

const creditCode = (body17: string) => body17 + creditCodeCheckChar(body17);

export const TRICKY_FACTS = '双方因"共用墙"发生争执，申请人称：\n1. 墙体开裂，损失约3,000元；\n2. 被申请人拒不修缮。\n=SUM(A1:A2) 不是公式';

/** Four cases: rare characters and a written agreement, an organization with an oral agreement, tricky facts, a declined one. */
export async function addMixedCases(station: Desk): Promise<Case[]> {
  const act = (id: string, action: string, details: unknown) => call(station, 'cases.act', { id, action: action as never, details });
  const rare = await call(
    station,
    'cases.add',
    sampleCaseInput({
      parties: [
        {
          role: 'applicant',
          kind: 'person',
          name: '𠮷田𡈽',
          idNumber: IDS.zhangSan,
          phone: '13800138000',
          address: '达州市通川区东城街道𨙸子巷1号',
        },
        { role: 'respondent', kind: 'person', name: '李四', idNumber: IDS.liSi, phone: '0818-2345678' },
      ],
    }),
  );
  await act(rare.id, 'accept', { date: '2026-11-03' });
  await act(rare.id, 'agree', {
    date: '2026-11-06',
    form: 'written',
    terms: ['被申请人于2026年11月30日前修缮墙体。', '被申请人赔偿申请人3000元。'],
  });
  await act(rare.id, 'sign', { date: '2026-11-07' });

  const organization = await call(
    station,
    'cases.add',
    sampleCaseInput({
      disputeType: 'contract',
      summary: '物业服务合同纠纷',
      parties: [
        { role: 'applicant', kind: 'person', name: '王五', idNumber: IDS.wangWu },
        {
          role: 'respondent',
          kind: 'organization',
          name: '达州某某物业有限公司',
          creditCode: creditCode('91511702MA6BXXXX0'),
          representative: '赵六',
          representativeTitle: '总经理',
        },
      ],
    }),
  );
  await act(organization.id, 'accept', { date: '2026-11-03' });
  await act(organization.id, 'agree', { date: '2026-11-06', form: '口头', terms: ['物业公司于三日内修复电梯。'] });

  const tricky = await call(
    station,
    'cases.add',
    sampleCaseInput({ summary: '相邻关系纠纷', facts: TRICKY_FACTS, receivedAt: '2026-10-15' }),
  );
  const declined = await call(station, 'cases.add', sampleCaseInput({ summary: '借款纠纷', receivedAt: '2026-11-20' }));
  await act(declined.id, 'decline', { date: '2026-11-20', reason: '已起诉至人民法院' });
  return [rare, organization, tricky, declined].map((c) => station.getCase(c.id));
}

// ---------------------------------------------------------------- crafted batches

export interface CraftEntry {
  name: string;
  data: Buffer;
}

export function zipBuffer(entries: readonly CraftEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { mtime: new Date('2026-11-23T00:00:00Z') });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export interface CraftOptions {
  cases: unknown[];
  /** Front-desk requests: the batch becomes format version 2 with requests.json. */
  requests?: unknown[];
  /** Change the manifest before it is signed. */
  manifest?: (m: Record<string, unknown>) => void;
  /** Entries added without being listed. */
  unlisted?: CraftEntry[];
  /** Files listed but left out of the zip. */
  missing?: CraftEntry[];
  /** Replace a file's bytes after the manifest was made (the hash no longer matches). */
  tamper?: { name: string; data: Buffer };
  /** Placeholder names in the zip to be patched afterwards (same length). */
  extra?: CraftEntry[];
  /** Sign with these keys (default: the station's own). */
  signer?: Desk;
  /** Write the lists on one line, as batches were before the one-item-per-line layout (list-parts.ts). */
  oneLine?: boolean;
}

/** A batch written and signed like the real exporter, but from arbitrary content, for bad-input tests. */
export async function craftBatch(station: Desk, options: CraftOptions): Promise<Buffer> {
  const keys = (await readKeys(options.signer ?? station))!;
  const list = (items: unknown[]) => (options.oneLine ? JSON.stringify(items) : listBytes(items).toString());
  const files: CraftEntry[] = [
    { name: 'cases.json', data: Buffer.from(list(options.cases)) },
    { name: 'cases.csv', data: Buffer.from('\uFEFF案号\r\n') },
    ...(options.requests ? [{ name: 'requests.json', data: Buffer.from(list(options.requests)) }] : []),
  ];
  const listed = [...files, ...(options.missing ?? [])];
  const settings = station.settings();
  const manifest: Record<string, unknown> = {
    format: 'mediation-desk-batch',
    formatVersion: 1,
    batchId: '0b6f7a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    sequence: 1,
    station: { code: settings.stationCode, name: settings.name, organization: settings.organization },
    fingerprint: fingerprintOf(keys.signing.publicKey),
    createdAt: '2026-11-23T04:00:00.000Z',
    selection: { kind: 'all' },
    withDocuments: false,
    period: { from: '2026-01-01', to: '2026-11-23' },
    caseCount: options.cases.length,
    ...(options.requests ? { formatVersion: 2, requestCount: options.requests.length } : {}),
    files: listed.map((f) => ({ path: f.name, size: f.data.length, sha256: sha(f.data) })),
  };
  options.manifest?.(manifest);
  const signature = { algorithm: 'Ed25519', fingerprint: manifest.fingerprint, signature: signBytes(keys, canonicalBytes(manifest)) };
  const entries = files.map((f) => (options.tamper && f.name === options.tamper.name ? { name: f.name, data: options.tamper.data } : f));
  return zipBuffer([
    ...entries,
    ...(options.unlisted ?? []),
    ...(options.extra ?? []),
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: 'manifest.sig', data: Buffer.from(JSON.stringify(signature)) },
  ]);
}

/** Replace every occurrence of one byte string by another of the same length (zip entry names). */
export function patchBytes(buffer: Buffer, from: string, to: string): Buffer {
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  if (a.length !== b.length) throw new Error('patch must keep the length');
  const out = Buffer.from(buffer);
  let at = out.indexOf(a);
  let count = 0;
  while (at >= 0) {
    b.copy(out, at);
    count++;
    at = out.indexOf(a, at + b.length);
  }
  if (count === 0) throw new Error(`no ${from} in buffer`);
  return out;
}

export async function writeTo(dir: string, name: string, data: Buffer | string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, data);
  return file;
}
