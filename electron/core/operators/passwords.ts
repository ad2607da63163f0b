/**
 * Turning a password into a key: Argon2id (`@node-rs/argon2`, prebuilt for Windows x64 and Linux x64/arm64)
 * with a random 16-byte salt per password. The 32-byte result wraps the office's data key (keyring.ts);
 * neither the password nor anything derived from it is stored or logged, only the wrap, which a wrong
 * password cannot open.
 *
 * Parameters: 19 MiB of memory and one lane, as in OWASP's Password Storage Cheat Sheet, whose figures
 * are minimums; the iterations are raised from its 2 to 48 so that signing in takes 0.2–1 s on the
 * offices' PCs (2 iterations take ~15 ms of CPU on this project's machines, far too cheap to slow down
 * guessing on a stolen laptop). Each wrap records its parameters, so they can be raised later.
 */

import { randomBytes } from 'node:crypto';

import { hashRaw } from '@node-rs/argon2';
import { z } from 'zod';

export const KdfSchema = z.strictObject({
  algorithm: z.literal('argon2id'),
  memoryKiB: z.int().min(8).max(4_194_304),
  iterations: z.int().min(1).max(10_000),
  lanes: z.int().min(1).max(16),
  salt: z.string().min(16),
});
export type Kdf = z.infer<typeof KdfSchema>;

/** `Algorithm.Argon2id` of @node-rs/argon2 (a `const enum` in its types, which isolated modules cannot read). */
const ARGON2ID = 2;

export const PASSWORD_KDF = { memoryKiB: 19 * 1024, iterations: 48, lanes: 1 } as const;

/** The parameters new passwords get. Tests lower them (as `storeFaults` lets them break the disk); never elsewhere. */
export const kdfSettings: { params: { memoryKiB: number; iterations: number; lanes: number } } = { params: PASSWORD_KDF };

export function newKdf(): Kdf {
  return { algorithm: 'argon2id', ...kdfSettings.params, salt: randomBytes(16).toString('base64') };
}

/** The key a password gives under these parameters (in Argon2's own thread: the event loop goes on). */
export async function passwordKey(password: string, kdf: Kdf): Promise<Buffer> {
  return hashRaw(password.normalize('NFC'), {
    algorithm: ARGON2ID,
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.lanes,
    salt: Buffer.from(kdf.salt, 'base64'),
    outputLen: 32,
  });
}
