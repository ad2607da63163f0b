/**
 * Keys for an encrypted backup archive, from a passphrase: scrypt (node:crypto, no native module to
 * ship) with parameters recorded in the archive, so they can be raised later without breaking old
 * archives. The 64 derived bytes give the AES-256-GCM key and a separate check key: the archive keeps
 * an HMAC made with the check key, so a wrong passphrase is told at once (and told apart from a damaged
 * file, which GCM's tag reports) without decrypting anything.
 */

import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

import { z } from 'zod';

import { DeskError } from '../errors';

/** N = 2^17, r = 8: about 128 MB and half a second on an office PC (OWASP's recommendation for scrypt). */
const DEFAULT = { N: 2 ** 17, r: 8, p: 1 };
/** What an archive may ask for: a crafted file must not make the PC allocate gigabytes. */
const MAX_N = 2 ** 20;

export const KdfSchema = z.strictObject({
  algorithm: z.literal('scrypt'),
  N: z
    .int()
    .min(2 ** 14)
    .max(MAX_N)
    .refine((n) => (n & (n - 1)) === 0, 'N 应为2的幂'),
  r: z.int().min(1).max(16),
  p: z.int().min(1).max(4),
  salt: z.string().min(16),
});
export type Kdf = z.infer<typeof KdfSchema>;

export const MIN_PASSPHRASE = 8;

const CHECK_LABEL = 'mediation-desk backup passphrase check v1';

export function checkPassphraseStrength(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE)
    throw new DeskError('VALIDATION', `口令：至少${MIN_PASSPHRASE}个字符（口令丢失后备份无法打开，请妥善保管）`, { field: 'passphrase' });
}

export function newKdf(): Kdf {
  return { algorithm: 'scrypt', ...DEFAULT, salt: randomBytes(16).toString('base64') };
}

export interface ArchiveKeys {
  key: Buffer;
  check: string;
}

export async function deriveKeys(passphrase: string, kdf: Kdf): Promise<ArchiveKeys> {
  const bytes = await new Promise<Buffer>((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(kdf.salt, 'base64'),
      64,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 64 * 1024 * 1024 },
      (error, derived) => (error ? reject(error) : resolve(derived)),
    ),
  );
  const check = createHmac('sha256', bytes.subarray(32)).update(CHECK_LABEL).digest('base64');
  return { key: bytes.subarray(0, 32), check };
}

/** True when the passphrase's check value is the archive's. */
export function passphraseMatches(keys: ArchiveKeys, expected: string): boolean {
  const a = Buffer.from(keys.check, 'base64');
  const b = Buffer.from(expected, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}
