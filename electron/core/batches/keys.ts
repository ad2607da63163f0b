/**
 * This installation's key pairs and the public-key files offices exchange.
 *
 * - Ed25519 signs batches (station) and receipts (centre); its fingerprint names the installation.
 * - X25519 lets stations seal batches so that only the centre can open them.
 *
 * Both pairs are made on first use and kept in the store document `keys` (private keys in plain JWK form:
 * the data directory is the installation's identity, like its case register; backups carry it along).
 * A public-key file carries both public keys; the X25519 key is signed with the Ed25519 key so that
 * a file whose sealing key was swapped is refused.
 */

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';

import { z } from 'zod';

import { canonicalJson } from '../canonical';
import type { Desk } from '../desk';
import { DeskError } from '../errors';
import { registerOf } from '../register';
import { TimestampSchema } from '../schema/case';
import { OFFICE_ROLES } from '../schema/codes';
import { type IdentityLog, withIdentityEntry } from '../settings/identity-log';
import { phoneCode } from './phone-code';

const B64URL = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '公钥格式不正确');

const KeyPairSchema = z.strictObject({ publicKey: B64URL, privateKey: B64URL });

export const PublicKeyFileSchema = z.strictObject({
  format: z.literal('mediation-desk-public-key', { message: '不是人民调解工作台的公钥文件' }),
  version: z.literal(1, { message: '不认识的公钥文件版本' }),
  role: z.enum(OFFICE_ROLES.codes),
  stationCode: z.string(),
  name: z.string(),
  organization: z.string(),
  fingerprint: z.string(),
  /** Ed25519, raw 32 bytes, base64url. */
  signingKey: B64URL,
  /** X25519, raw 32 bytes, base64url: what stations seal batches to. */
  sealingKey: B64URL,
  /** Ed25519 signature (base64) of the sealing key's raw bytes. */
  sealingKeySignature: z.string(),
  createdAt: TimestampSchema,
});
export type PublicKeyFile = z.infer<typeof PublicKeyFileSchema>;

export const KeysDocSchema = z.strictObject({
  version: z.literal(1),
  createdAt: TimestampSchema,
  signing: KeyPairSchema,
  sealing: KeyPairSchema,
  /** At a station: the centre's public key, used to check receipts (recorded on `--seal-to` or `keys import-centre`). */
  centre: PublicKeyFileSchema.optional(),
});
export type KeysDoc = z.infer<typeof KeysDocSchema>;

// ---------------------------------------------------------------- pure helpers

/**
 * A short name of a signing key to read over the phone: the phone code (./phone-code.ts) of the SHA-256
 * of the raw public key.
 */
export function fingerprintOf(signingKey: string): string {
  return phoneCode(createHash('sha256').update(Buffer.from(signingKey, 'base64url')).digest());
}

/** Fingerprints as typed by people: case, spaces and dashes do not matter. */
export function sameFingerprint(a: string, b: string): boolean {
  const norm = (s: string) => s.toUpperCase().replace(/[^A-Z2-7]/g, '');
  return norm(a) === norm(b);
}

function publicKeyObject(raw: string, crv: 'Ed25519' | 'X25519'): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv, x: raw }, format: 'jwk' });
}

function privateKeyObject(pair: { publicKey: string; privateKey: string }, crv: 'Ed25519' | 'X25519'): KeyObject {
  return createPrivateKey({ key: { kty: 'OKP', crv, x: pair.publicKey, d: pair.privateKey }, format: 'jwk' });
}

function newPair(kind: 'ed25519' | 'x25519'): { publicKey: string; privateKey: string } {
  const pair = kind === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  const jwk = pair.privateKey.export({ format: 'jwk' });
  return { publicKey: jwk.x!, privateKey: jwk.d! };
}

export function newKeysDoc(now: string): KeysDoc {
  return { version: 1, createdAt: now, signing: newPair('ed25519'), sealing: newPair('x25519') };
}

/** The canonical bytes of a JSON value: what signatures cover, independent of key order and spacing. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value) ?? '', 'utf8');
}

export function signBytes(keys: KeysDoc, bytes: Uint8Array): string {
  return sign(null, bytes, privateKeyObject(keys.signing, 'Ed25519')).toString('base64');
}

export function verifyBytes(signingKey: string, bytes: Uint8Array, signature: string): boolean {
  try {
    return verify(null, bytes, publicKeyObject(signingKey, 'Ed25519'), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function sealingPublicKey(raw: string): KeyObject {
  return publicKeyObject(raw, 'X25519');
}

export function sealingPrivateKey(keys: KeysDoc): KeyObject {
  return privateKeyObject(keys.sealing, 'X25519');
}

/** A one-time X25519 pair (raw keys, base64url): what a recovery request's response is sealed to. */
export function newSealingPair(): { publicKey: string; privateKey: string } {
  return newPair('x25519');
}

export function sealingPrivateKeyOf(pair: { publicKey: string; privateKey: string }): KeyObject {
  return privateKeyObject(pair, 'X25519');
}

export function publicKeyFile(
  keys: KeysDoc,
  office: { role: PublicKeyFile['role']; stationCode: string; name: string; organization: string },
): PublicKeyFile {
  return {
    format: 'mediation-desk-public-key',
    version: 1,
    role: office.role,
    stationCode: office.stationCode,
    name: office.name,
    organization: office.organization,
    fingerprint: fingerprintOf(keys.signing.publicKey),
    signingKey: keys.signing.publicKey,
    sealingKey: keys.sealing.publicKey,
    sealingKeySignature: signBytes(keys, Buffer.from(keys.sealing.publicKey, 'base64url')),
    createdAt: keys.createdAt,
  };
}

/** A public-key file from another office, checked: its fingerprint and its signed sealing key. */
export function parsePublicKeyFile(raw: unknown, what = '公钥文件'): PublicKeyFile {
  const parsed = PublicKeyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeskError('VALIDATION', `${what}无效：${issue.path.length ? `${issue.path.join('.')}：` : ''}${issue.message}`);
  }
  const file = parsed.data;
  const fingerprint = fingerprintOf(file.signingKey);
  if (!sameFingerprint(fingerprint, file.fingerprint)) {
    throw new DeskError(
      'VALIDATION',
      `${what}无效：文件中写的指纹（${file.fingerprint}）与公钥不符（实为 ${fingerprint}），文件可能被改动`,
    );
  }
  if (!verifyBytes(file.signingKey, Buffer.from(file.sealingKey, 'base64url'), file.sealingKeySignature)) {
    throw new DeskError('VALIDATION', `${what}无效：加密公钥的签名不符（指纹 ${fingerprint}），文件可能被改动`);
  }
  return { ...file, fingerprint };
}

// ---------------------------------------------------------------- the desk's keys

/** This office's keys (a centre on a database: the centre's, shared by its PCs), if made yet. */
export async function readKeys(desk: Desk): Promise<KeysDoc | undefined> {
  const raw = await registerOf(desk).readDocument('keys');
  return raw === undefined || raw === null ? undefined : KeysDocSchema.parse(raw);
}

/** This installation's keys, made and saved on first use (two centre PCs doing so at once keep one pair). */
export async function ensureKeys(desk: Desk): Promise<KeysDoc> {
  const existing = await readKeys(desk);
  if (existing) return existing;
  return KeysDocSchema.parse(await registerOf(desk).createDocument('keys', newKeysDoc(desk.nowIso())));
}

export async function ownPublicKeyFile(desk: Desk): Promise<PublicKeyFile> {
  const settings = desk.settings();
  const keys = await ensureKeys(desk);
  return publicKeyFile(keys, {
    role: settings.role,
    stationCode: settings.stationCode,
    name: settings.name,
    organization: settings.organization,
  });
}

/**
 * At a station: the centre whose receipts are believed and to whom batches are sealed by default. The
 * first centre key is recorded as it comes (`keys import-centre`, or the first `--seal-to`); replacing a
 * recorded key with another is explicit (`replace`, `--replace` on the command line) and logged, because
 * from then on the old centre's receipts are refused.
 */
export function centreKeyChange(
  desk: Desk,
  keys: KeysDoc,
  centre: PublicKeyFile,
  options: { replace?: boolean; reason?: string; field?: string } = {},
): { changed: boolean; previous?: string; docs: { keys?: KeysDoc; identityLog?: IdentityLog } } {
  if (centre.role !== 'centre')
    throw new DeskError('VALIDATION', `这是${OFFICE_ROLES.label(centre.role)}“${centre.name}”的公钥，不是公共法律服务中心的公钥`, {
      field: options.field,
    });
  const recorded = keys.centre;
  if (recorded && recorded.signingKey === centre.signingKey && recorded.sealingKey === centre.sealingKey)
    return { changed: false, docs: {} };
  if (recorded && !options.replace) {
    throw new DeskError(
      'VALIDATION',
      `本站已登记中心“${recorded.name}”（指纹 ${recorded.fingerprint}），这个公钥文件是“${centre.name}”（指纹 ${centre.fingerprint}）。更换后，原中心的回执将不再被接受：确需更换请确认（命令行加 --replace，并用 --reason 写明原因），更换会记入身份与信任记录`,
      { field: options.field, details: { replaces: recorded.fingerprint, by: centre.fingerprint, needsConfirmation: 'replace' } },
    );
  }
  const identityLog = recorded
    ? withIdentityEntry(desk, 'centre-key-replaced', {
        from: recorded.fingerprint,
        fromName: recorded.name,
        to: centre.fingerprint,
        toName: centre.name,
        reason: options.reason ?? '',
      })
    : withIdentityEntry(desk, 'centre-key-recorded', { fingerprint: centre.fingerprint, name: centre.name });
  return { changed: true, previous: recorded?.fingerprint, docs: { keys: { ...keys, centre }, identityLog } };
}

/** Record (or, with `replace`, replace) the centre's key at a station, with its log entry, in one commit. */
export async function rememberCentreKey(
  desk: Desk,
  centre: PublicKeyFile,
  options: { replace?: boolean; reason?: string; field?: string } = {},
): Promise<{ changed: boolean; previous?: string }> {
  const keys = await ensureKeys(desk);
  const { changed, previous, docs } = centreKeyChange(desk, keys, centre, options);
  if (changed) await desk.commit({ docs });
  return previous ? { changed, previous } : { changed };
}
