/**
 * The keyring: the store's plain `keyring.json`, read before anyone has signed in. It holds the office's
 * operators (name, role, whether active) and the office's one random data key, wrapped independently:
 *
 * - by each operator's password (Argon2id, passwords.ts);
 * - by the recovery code printed on the 恢复码 sheet (recovery.ts);
 * - optionally sealed to the centre's public key, for the escrow round trip (escrow.ts).
 *
 * A wrap is AES-256-GCM of the data key, bound to what it is for (`operator/<id>`, `recovery`), so a wrap
 * cannot be moved to another account. The whole keyring except the lockout counters and a pending
 * escrow request (both written before anyone signs in) is authenticated with an HMAC under a key derived
 * from the data key: a role edited in the file is refused at the next sign-in.
 *
 * Even an office whose files are not encrypted has a data key: it is what every password unwraps, and
 * what turning encryption on then uses.
 */

import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';

import { z } from 'zod';

import { canonicalJson } from '../canonical';
import type { Desk } from '../desk';
import { DeskError } from '../errors';
import { TimestampSchema } from '../schema/case';
import { OPERATOR_ROLES } from '../schema/codes';
import { FileCipher, keyCheckOf, keyMatches, newDataKey } from '../store/cipher';
import { KdfSchema } from './passwords';

export const OperatorEntrySchema = z.strictObject({
  id: z.string().min(8),
  name: z.string().min(1).max(50),
  role: z.enum(OPERATOR_ROLES.codes),
  active: z.boolean(),
  createdAt: TimestampSchema,
  passwordSetAt: TimestampSchema,
  /** After an administrator's reset: the operator must choose a new password. */
  mustChangePassword: z.boolean(),
  kdf: KdfSchema,
  /** The data key wrapped by the password's key (base64). */
  wrap: z.string(),
});
export type OperatorEntry = z.infer<typeof OperatorEntrySchema>;

export const RecoveryWrapSchema = z.strictObject({
  issuedAt: TimestampSchema,
  salt: z.string(),
  wrap: z.string(),
});

/** The escrow: the data key sealed to the centre, signed by this station (escrow.ts makes and reads it). */
export const EscrowRecordSchema = z.strictObject({
  version: z.literal(1),
  officeId: z.string(),
  createdAt: TimestampSchema,
  station: z.strictObject({ code: z.string(), name: z.string(), fingerprint: z.string(), signingKey: z.string() }),
  centre: z.strictObject({ name: z.string(), fingerprint: z.string(), signingKey: z.string(), sealingKey: z.string() }),
  sealed: z.strictObject({ ephemeralPublicKey: z.string(), salt: z.string(), iv: z.string(), ciphertext: z.string() }),
  signature: z.string(),
});
export type EscrowRecord = z.infer<typeof EscrowRecordSchema>;

export const PendingRecoverySchema = z.strictObject({
  requestId: z.uuid(),
  createdAt: TimestampSchema,
  /** The one-time X25519 key pair the centre's response is sealed to (raw, base64url). */
  publicKey: z.string(),
  privateKey: z.string(),
});

export const LockoutSchema = z.strictObject({ failures: z.int().nonnegative(), until: TimestampSchema.optional() });

export const KeyringSchema = z.strictObject({
  format: z.literal('mediation-desk.keyring'),
  version: z.literal(1),
  officeId: z.string(),
  /** The office's name, for the sign-in screen (the settings are not readable before signing in). */
  office: z.string(),
  /** Proves a candidate data key (store/cipher.ts). */
  keyCheck: z.string(),
  /** Whether the office's files are encrypted: checked against the store at every sign-in. */
  encrypted: z.boolean(),
  operators: z.array(OperatorEntrySchema),
  recovery: RecoveryWrapSchema.optional(),
  escrow: EscrowRecordSchema.optional(),
  mac: z.string(),
  // not covered by the MAC: written while nobody is signed in
  lockouts: z.record(z.string(), LockoutSchema),
  pendingRecovery: PendingRecoverySchema.optional(),
});
export type Keyring = z.infer<typeof KeyringSchema>;

const UNSIGNED: readonly (keyof Keyring)[] = ['mac', 'lockouts', 'pendingRecovery'];

/** The office's keyring, or undefined before its first administrator exists. STORE_CORRUPT when unreadable. */
export function readKeyring(desk: Desk): Keyring | undefined {
  const raw = desk.store.keyring<unknown>();
  if (raw === undefined) return undefined;
  const parsed = KeyringSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DeskError('STORE_CORRUPT', `密钥文件（keyring.json）已损坏：${parsed.error.issues[0]?.message ?? ''}。没有修改任何文件。`, {
      details: { file: 'keyring.json' },
    });
  }
  return parsed.data;
}

function macKey(dataKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'mediation-desk keyring mac v1', 32));
}

function macOf(keyring: Keyring, dataKey: Uint8Array): string {
  const signed = Object.fromEntries(Object.entries(keyring).filter(([k]) => !UNSIGNED.includes(k as keyof Keyring)));
  return createHmac('sha256', macKey(dataKey))
    .update(canonicalJson(signed) ?? '')
    .digest('base64');
}

/** The keyring with its MAC made under the data key. */
export function signKeyring(keyring: Keyring, dataKey: Uint8Array): Keyring {
  return { ...keyring, mac: macOf(keyring, dataKey) };
}

/** The data key is the office's, and nothing but lockouts and a pending request changed since it was signed. */
export function checkKeyring(keyring: Keyring, dataKey: Uint8Array): void {
  const expected = Buffer.from(macOf(keyring, dataKey), 'base64');
  const given = Buffer.from(keyring.mac, 'base64');
  if (!keyMatches(dataKey, keyring.keyCheck) || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new DeskError(
      'STORE_CORRUPT',
      '密钥文件（keyring.json）被改动过，与本机构的数据密钥不符。为安全起见，没有登录。请联系中心的技术人员。',
      {
        details: { file: 'keyring.json' },
      },
    );
  }
}

/** Write the keyring; with the data key, signed anew (every change made by a signed-in operator). */
export async function saveKeyring(desk: Desk, keyring: Keyring, dataKey?: Uint8Array): Promise<Keyring> {
  const next = dataKey ? signKeyring(keyring, dataKey) : keyring;
  await desk.commit({ keyring: next });
  return next;
}

export function wrapKey(kek: Uint8Array, dataKey: Uint8Array, purpose: string): string {
  return new FileCipher(kek).seal(dataKey, `keyring/${purpose}`, 'wrap').toString('base64');
}

/** The data key, or null when `kek` is not the key this wrap was made with (a wrong password or code). */
export function unwrapKey(kek: Uint8Array, wrap: string, purpose: string): Buffer | null {
  try {
    return new FileCipher(kek).open(Buffer.from(wrap, 'base64'), `keyring/${purpose}`, 'wrap', 'keyring.json');
  } catch {
    return null;
  }
}

export const operatorPurpose = (id: string) => `operator/${id}`;
export const RECOVERY_PURPOSE = 'recovery';

/** A new office's keyring with a fresh data key; operators and the recovery wrap are added by the caller. */
export function newKeyring(office: string, encrypted: boolean): { keyring: Keyring; dataKey: Buffer } {
  const dataKey = newDataKey();
  const keyring: Keyring = {
    format: 'mediation-desk.keyring',
    version: 1,
    officeId: randomUUID(),
    office,
    keyCheck: keyCheckOf(dataKey),
    encrypted,
    operators: [],
    mac: '',
    lockouts: {},
  };
  return { keyring, dataKey };
}
