/**
 * Sealing a batch for one centre: ECIES with Node's crypto only.
 * X25519 between a fresh ephemeral key (one per batch) and the centre's sealing key → HKDF-SHA256
 * (random salt; info binds both public keys) → AES-256-GCM key. The payload is the ciphertext followed
 * by the 16-byte tag; the batch id, recipient and ephemeral key are authenticated as associated data.
 *
 * `sealSecret`/`openSecret` are the same construction for a small secret held in memory (the escrow of
 * an office's data key with its centre, operators/escrow.ts), under their own HKDF label.
 */

import {
  type CipherGCM,
  createCipheriv,
  createDecipheriv,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

import type { Seal } from './format';
import { canonicalBytes, type KeysDoc, type PublicKeyFile, sealingPrivateKey, sealingPublicKey } from './keys';
import { batchInvalid } from './zip';

const INFO = 'mediation-desk batch seal v1';
export const TAG_BYTES = 16;

function deriveKey(shared: Buffer, salt: Buffer, ephemeralPublicKey: string, recipientSealingKey: string, label = INFO): Buffer {
  const info = Buffer.concat([
    Buffer.from(label),
    Buffer.from(ephemeralPublicKey, 'base64url'),
    Buffer.from(recipientSealingKey, 'base64url'),
  ]);
  return Buffer.from(hkdfSync('sha256', shared, salt, info, 32));
}

function associatedData(batchId: string, seal: Pick<Seal, 'recipientFingerprint' | 'ephemeralPublicKey'>): Buffer {
  return canonicalBytes({ batchId, recipientFingerprint: seal.recipientFingerprint, ephemeralPublicKey: seal.ephemeralPublicKey });
}

/** A cipher for the payload of batch `batchId`; its tag must be appended after `final()`. */
export function startSeal(recipient: PublicKeyFile, batchId: string): { seal: Seal; cipher: CipherGCM } {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublicKey = ephemeral.publicKey.export({ format: 'jwk' }).x!;
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: sealingPublicKey(recipient.sealingKey) });
  const salt = randomBytes(32);
  const iv = randomBytes(12);
  const key = deriveKey(shared, salt, ephemeralPublicKey, recipient.sealingKey);
  const seal: Seal = {
    algorithm: 'X25519-HKDF-SHA256-AES-256-GCM',
    recipientFingerprint: recipient.fingerprint,
    ephemeralPublicKey,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
  };
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(batchId, seal));
  return { seal, cipher };
}

/** The plain inner batch, or BATCH_INVALID when the payload was altered or is not for these keys. */
export function openSeal(keys: KeysDoc, seal: Seal, batchId: string, payload: Buffer): Buffer {
  if (payload.length < TAG_BYTES) throw batchInvalid('加密的批次内容不完整');
  let key: Buffer;
  try {
    const shared = diffieHellman({ privateKey: sealingPrivateKey(keys), publicKey: sealingPublicKey(seal.ephemeralPublicKey) });
    key = deriveKey(shared, Buffer.from(seal.salt, 'base64'), seal.ephemeralPublicKey, keys.sealing.publicKey);
  } catch {
    throw batchInvalid('加密批次的密钥参数无效');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(seal.iv, 'base64'));
  decipher.setAAD(associatedData(batchId, seal));
  decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(payload.subarray(0, payload.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw batchInvalid('加密的批次内容无法解密：文件被改动，或不是用本中心的公钥加密的');
  }
}

/** A small secret sealed to one X25519 public key: only the holder of its private key can open it. */
export interface SealedSecret {
  ephemeralPublicKey: string;
  salt: string;
  iv: string;
  /** Ciphertext and tag, base64. */
  ciphertext: string;
}

export function sealSecret(recipientSealingKey: string, secret: Uint8Array, label: string, associated: Uint8Array): SealedSecret {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublicKey = ephemeral.publicKey.export({ format: 'jwk' }).x!;
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: sealingPublicKey(recipientSealingKey) });
  const salt = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(shared, salt, ephemeralPublicKey, recipientSealingKey, label), iv);
  cipher.setAAD(associated);
  const ciphertext = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  return { ephemeralPublicKey, salt: salt.toString('base64'), iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** The secret, or null when it was not sealed to this key pair or was altered. */
export function openSecret(
  privateKey: KeyObject,
  ownSealingKey: string,
  sealed: SealedSecret,
  label: string,
  associated: Uint8Array,
): Buffer | null {
  try {
    const shared = diffieHellman({ privateKey, publicKey: sealingPublicKey(sealed.ephemeralPublicKey) });
    const key = deriveKey(shared, Buffer.from(sealed.salt, 'base64'), sealed.ephemeralPublicKey, ownSealingKey, label);
    const payload = Buffer.from(sealed.ciphertext, 'base64');
    if (payload.length < TAG_BYTES) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(associated);
    decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES));
    return Buffer.concat([decipher.update(payload.subarray(0, payload.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}
