/**
 * Escrow with the centre: the last way back for a station that lost every password and its 恢复码 sheet.
 *
 * 1. Set up (a station's 管理员, once the centre's public key is recorded): the data key is sealed to the
 *    centre's X25519 key (batches/seal.ts) and the record, naming station and centre, is signed with the
 *    station's own Ed25519 key. It stays in the station's keyring; the centre holds nothing.
 * 2. Request (at the locked-out station, no sign-in): a one-time X25519 key pair is made and kept in the
 *    keyring; the request file carries the signed record and the one-time public key.
 * 3. Response (at the centre, signed in): the centre checks the record's signature against the stations
 *    it trusts and that it was sealed to this centre, opens the data key, and seals it again to the
 *    request's one-time key. The response is signed with the centre's key and logged with the operator.
 * 4. Apply (at the station): only the installation holding the one-time private key can open it; the
 *    station then sets a new administrator's password. The one-time key is deleted: a response works once.
 *
 * Both sides show a check code (from the one-time key) to read over the phone, so a swapped file is noticed.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { z } from 'zod';

import {
  canonicalBytes,
  ensureKeys,
  fingerprintOf,
  newSealingPair,
  ownPublicKeyFile,
  readKeys,
  sealingPrivateKey,
  sealingPrivateKeyOf,
  signBytes,
  verifyBytes,
} from '../batches/keys';
import { openSecret, sealSecret } from '../batches/seal';
import { trustedStations } from '../batches/trust';
import type { Desk } from '../desk';
import { DeskError, notAllowed, notFound } from '../errors';
import { TimestampSchema } from '../schema/case';
import { type EscrowRecord, EscrowRecordSchema, type Keyring, saveKeyring } from './keyring';

const ESCROW_LABEL = 'mediation-desk escrow v1';
const RESPONSE_LABEL = 'mediation-desk escrow response v1';

const SealedSchema = z.strictObject({ ephemeralPublicKey: z.string(), salt: z.string(), iv: z.string(), ciphertext: z.string() });

export const RequestFileSchema = z.strictObject({
  format: z.literal('mediation-desk-recovery-request', { message: '不是人民调解工作台的恢复申请文件' }),
  version: z.literal(1),
  requestId: z.uuid(),
  createdAt: TimestampSchema,
  escrow: EscrowRecordSchema,
  /** The one-time X25519 public key the response is sealed to. */
  responseKey: z.string(),
});
type RequestFile = z.infer<typeof RequestFileSchema>;

export const ResponseFileSchema = z.strictObject({
  format: z.literal('mediation-desk-recovery-response', { message: '不是人民调解工作台的恢复答复文件' }),
  version: z.literal(1),
  requestId: z.uuid(),
  issuedAt: TimestampSchema,
  station: z.strictObject({ code: z.string(), fingerprint: z.string() }),
  centre: z.strictObject({ name: z.string(), fingerprint: z.string() }),
  operator: z.string(),
  sealed: SealedSchema,
  signature: z.string(),
});
type ResponseFile = z.infer<typeof ResponseFileSchema>;

const EscrowLogSchema = z.strictObject({
  responses: z.array(
    z.strictObject({
      requestId: z.string(),
      station: z.string(),
      fingerprint: z.string(),
      issuedAt: TimestampSchema,
      operator: z.string(),
    }),
  ),
});

const escrowBinding = (r: Pick<EscrowRecord, 'officeId' | 'station' | 'centre'>) =>
  canonicalBytes({ officeId: r.officeId, station: r.station.fingerprint, centre: r.centre.fingerprint });
const responseBinding = (requestId: string, station: string, centre: string) => canonicalBytes({ requestId, station, centre });
const unsigned = <T extends { signature: string }>(value: T): Omit<T, 'signature'> => {
  const { signature: _signature, ...rest } = value;
  return rest;
};

/** The code both sides read aloud: the fingerprint of the one-time key. */
export const checkCodeOf = (responseKey: string) => fingerprintOf(responseKey);

/** At a station, signed in as 管理员: seal the data key to the recorded centre. */
export async function setUpEscrow(desk: Desk, keyring: Keyring): Promise<Keyring> {
  const settings = desk.settings();
  if (settings.role !== 'station') throw notAllowed('交中心托管恢复密钥在调解站点设置（中心自己用恢复码）');
  const keys = await ensureKeys(desk);
  const centre = (await readKeys(desk))?.centre;
  if (!centre) throw notFound('还没有登记中心的公钥：请先在“批量上报→密钥与指纹”中导入中心的公钥文件，再设置托管');
  const own = await ownPublicKeyFile(desk);
  const body = {
    version: 1 as const,
    officeId: keyring.officeId,
    createdAt: desk.nowIso(),
    station: { code: settings.stationCode, name: settings.name, fingerprint: own.fingerprint, signingKey: own.signingKey },
    centre: { name: centre.name, fingerprint: centre.fingerprint, signingKey: centre.signingKey, sealingKey: centre.sealingKey },
  };
  const sealed = sealSecret(centre.sealingKey, desk.officeKey(), ESCROW_LABEL, escrowBinding(body));
  const record: EscrowRecord = { ...body, sealed, signature: '' };
  record.signature = signBytes(keys, canonicalBytes(unsigned(record)));
  return saveKeyring(desk, { ...keyring, escrow: record }, desk.officeKey());
}

/** At the locked-out station: a request file for the centre, and the one-time key kept to open its answer. */
export async function requestRecovery(
  desk: Desk,
  keyring: Keyring,
  out: string,
  overwrite = false,
): Promise<{ file: string; requestId: string; checkCode: string }> {
  if (!keyring.escrow) throw notFound('本机构没有设置交中心托管，不能申请中心协助恢复；请使用恢复码');
  const pair = newSealingPair();
  const requestId = globalThis.crypto.randomUUID();
  const createdAt = desk.nowIso();
  const request: RequestFile = {
    format: 'mediation-desk-recovery-request',
    version: 1,
    requestId,
    createdAt,
    escrow: keyring.escrow,
    responseKey: pair.publicKey,
  };
  const file = await desk.writeOutput(out, `${JSON.stringify(request, null, 2)}\n`, { field: 'out', overwrite });
  await saveKeyring(desk, { ...keyring, pendingRecovery: { requestId, createdAt, ...pair } });
  return { file, requestId, checkCode: checkCodeOf(pair.publicKey) };
}

async function readJsonFile<T>(file: string, schema: z.ZodType<T>, what: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(`找不到${what}“${file}”`);
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new DeskError('VALIDATION', `“${path.basename(file)}”不是有效的${what}（JSON 格式错误）`, { field: 'file' });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new DeskError('VALIDATION', `“${path.basename(file)}”不是有效的${what}：${parsed.error.issues[0]?.message ?? ''}`, {
      field: 'file',
    });
  }
  return parsed.data;
}

/** At the centre: check a station's request and write the response only that station can apply. */
export async function respondToRecovery(
  desk: Desk,
  requestFile: string,
  out: string,
  overwrite = false,
): Promise<{ file: string; station: { code: string; name: string; fingerprint: string }; checkCode: string }> {
  if (desk.settings().role !== 'centre') throw notAllowed('协助站点恢复数据只能在公共法律服务中心进行');
  const request = await readJsonFile(requestFile, RequestFileSchema, '恢复申请文件');
  const record = request.escrow;
  const keys = await ensureKeys(desk);
  const own = await ownPublicKeyFile(desk);
  if (record.centre.fingerprint !== own.fingerprint) {
    throw notAllowed(`这份申请托管给的是“${record.centre.name}”（指纹 ${record.centre.fingerprint}），不是本中心`);
  }
  const station = (await trustedStations(desk)).find((s) => s.signingKey === record.station.signingKey);
  if (!station || station.revokedAt) {
    throw notAllowed(
      `站点“${record.station.name}”（指纹 ${record.station.fingerprint}）${station ? '的公钥已吊销' : '不在本中心登记的站点中'}，不能协助恢复`,
    );
  }
  if (!verifyBytes(record.station.signingKey, canonicalBytes(unsigned(record)), record.signature)) {
    throw new DeskError('VALIDATION', '恢复申请中的托管记录签名不符：文件被改动过，或不是该站点生成的', { field: 'file' });
  }
  const dataKey = openSecret(sealingPrivateKey(keys), keys.sealing.publicKey, record.sealed, ESCROW_LABEL, escrowBinding(record));
  if (!dataKey) throw new DeskError('VALIDATION', '无法解开托管的密钥：它不是用本中心现在的密钥托管的', { field: 'file' });
  const operator = desk.operator();
  const response: ResponseFile = {
    format: 'mediation-desk-recovery-response',
    version: 1,
    requestId: request.requestId,
    issuedAt: desk.nowIso(),
    station: { code: record.station.code, fingerprint: record.station.fingerprint },
    centre: { name: own.name, fingerprint: own.fingerprint },
    operator,
    sealed: sealSecret(
      request.responseKey,
      dataKey,
      RESPONSE_LABEL,
      responseBinding(request.requestId, record.station.fingerprint, own.fingerprint),
    ),
    signature: '',
  };
  response.signature = signBytes(keys, canonicalBytes(unsigned(response)));
  const file = await desk.writeOutput(out, `${JSON.stringify(response, null, 2)}\n`, { field: 'out', overwrite });
  const raw = desk.store.getDoc<unknown>('escrowLog');
  const log = raw === undefined ? { responses: [] } : EscrowLogSchema.parse(raw);
  log.responses.push({
    requestId: request.requestId,
    station: record.station.name,
    fingerprint: record.station.fingerprint,
    issuedAt: response.issuedAt,
    operator,
  });
  await desk.commit({ docs: { escrowLog: log } });
  return {
    file,
    station: { code: record.station.code, name: record.station.name, fingerprint: record.station.fingerprint },
    checkCode: checkCodeOf(request.responseKey),
  };
}

/** At the station: the data key from the centre's response to this installation's pending request. */
export async function openRecoveryResponse(keyring: Keyring, responseFile: string): Promise<Buffer> {
  const pending = keyring.pendingRecovery;
  if (!keyring.escrow || !pending) throw notFound('本机没有待处理的恢复申请：请先生成恢复申请文件交给中心');
  const response = await readJsonFile(responseFile, ResponseFileSchema, '恢复答复文件');
  if (response.requestId !== pending.requestId) {
    throw new DeskError('VALIDATION', '这份答复不是对本机最近一次恢复申请的答复（每份答复只能用于生成它的那份申请）', { field: 'file' });
  }
  const centre = keyring.escrow.centre;
  if (
    response.centre.fingerprint !== centre.fingerprint ||
    !verifyBytes(centre.signingKey, canonicalBytes(unsigned(response)), response.signature)
  ) {
    throw new DeskError('VALIDATION', `答复的签名不符：它不是托管中心“${centre.name}”签发的，或被改动过`, { field: 'file' });
  }
  const dataKey = openSecret(
    sealingPrivateKeyOf(pending),
    pending.publicKey,
    response.sealed,
    RESPONSE_LABEL,
    responseBinding(response.requestId, keyring.escrow.station.fingerprint, centre.fingerprint),
  );
  if (!dataKey) throw new DeskError('VALIDATION', '无法解开答复中的密钥：答复被改动过，或不是给本机的', { field: 'file' });
  return dataKey;
}
