/**
 * Codes read aloud over the phone: base32 (no 0/O or 1/I to confuse) of the first 80 bits of a
 * SHA-256 digest, in four groups (`K7QF-3MZA-…`). Used for key fingerprints and for a batch file's
 * hash (the full 64-digit hash stays in the log). Pure: the renderer uses it too.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** The phone code of a digest's bytes. */
export function phoneCode(digest: Uint8Array): string {
  return base32(digest.subarray(0, 10)).match(/.{4}/g)!.join('-');
}

/** The phone code of a SHA-256 written in hex (as the batch log keeps it). */
export function phoneCodeOfHex(sha256: string): string {
  const bytes = new Uint8Array(10);
  for (let i = 0; i < 10; i++) bytes[i] = parseInt(sha256.slice(i * 2, i * 2 + 2), 16);
  return phoneCode(bytes);
}
