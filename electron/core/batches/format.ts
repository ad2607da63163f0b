/**
 * The batch file format: what a station hands to the centre on a USB stick or shared folder.
 *
 * Plain batch (opens in any zip tool):
 *   manifest.json            format, station, signer fingerprint and public key, selection, case count, every file with size + SHA-256
 *   manifest.sig             Ed25519 signature of the canonical manifest (JSON: algorithm, fingerprint, signature)
 *   cases.json               every case in full, events included
 *   cases.csv                one row per case, Chinese headers, UTF-8 with BOM (for Excel/WPS)
 *   schema/case.schema.json  JSON Schema of a case (from the zod model)
 *   requests.json            format version 2: the front desk's requests in full (来访登记), events included
 *   requests.csv             version 2: one row per request
 *   schema/request.schema.json  version 2: JSON Schema of a request
 *   documents/<案号>/*.pdf    optional: agreement and judicial-confirmation application of agreed cases
 *
 * Format versions: 1 carries cases only; 2 adds requests (and cases may link the request they were made
 * from). A batch is written as version 1 when it has neither, so a centre not yet upgraded still takes
 * it; a version-1 centre refuses a version-2 batch as a whole, by its version, rather than dropping the
 * requests it does not know.
 *
 * Sealed batch (for one centre): an outer zip with a manifest without personal data (station, count,
 * created-at, recipient fingerprint), its signature, and `payload.bin`: the plain batch zip encrypted
 * with AES-256-GCM under a key agreed by X25519 with the centre's sealing key.
 */

import { z } from 'zod';

import { LIMITS as CORE_LIMITS } from '../limits';
import { DateSchema, TimestampSchema } from '../schema/case';
import { PublicKeyFileSchema } from './keys';

export const BATCH_FORMAT = 'mediation-desk-batch';
export const SEALED_FORMAT = 'mediation-desk-sealed-batch';
export const RECEIPT_FORMAT = 'mediation-desk-receipt';
/** The newest batch format this program writes and reads; it reads every version in FORMAT_VERSIONS. */
export const FORMAT_VERSION = 2;
export const FORMAT_VERSIONS = [1, 2] as const;
/** Receipts keep their own version: a receipt answers a version-1 batch for a station that may not know requests. */
export const RECEIPT_FORMAT_VERSION = 1;

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const CASES_JSON = 'cases.json';
export const CASES_CSV = 'cases.csv';
export const CASE_SCHEMA = 'schema/case.schema.json';
export const REQUESTS_JSON = 'requests.json';
export const REQUESTS_CSV = 'requests.csv';
export const REQUEST_SCHEMA = 'schema/request.schema.json';
export const PAYLOAD = 'payload.bin';

const encoder = new TextEncoder();

/**
 * A batch file's text as UTF-8 bytes. TextEncoder rather than `Buffer.from(text)`: for tens of megabytes
 * of Chinese text it takes half the time (measured on cases.json of 10,000 cases).
 */
export function utf8(text: string): Buffer {
  const bytes = encoder.encode(text);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Caps on what a batch may hold and expand to (figures in the program's one limits table, ../limits.ts). */
export const LIMITS = {
  cases: CORE_LIMITS.batchCases,
  casesJsonBytes: CORE_LIMITS.batchCasesJsonBytes,
  entries: CORE_LIMITS.batchEntries,
  manifestBytes: CORE_LIMITS.batchManifestBytes,
  entryBytes: CORE_LIMITS.batchEntryBytes,
  totalBytes: CORE_LIMITS.batchTotalBytes,
  /** A sealed payload is decrypted in memory (never to disk in plain text). */
  sealedPayloadBytes: CORE_LIMITS.batchSealedPayloadBytes,
  /** Deflate cannot do better than ~1032:1; real JSON reaches ~20:1. A higher ratio on a big entry is a bomb. */
  ratio: 200,
  ratioMinBytes: 1024 * 1024,
} as const;

export const SelectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pending') }),
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('range'), from: DateSchema, to: DateSchema }),
]);
export type Selection = z.infer<typeof SelectionSchema>;

export const FileEntrySchema = z.strictObject({
  path: z.string().min(1),
  size: z.int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileEntry = z.infer<typeof FileEntrySchema>;

const StationSchema = z.strictObject({ code: z.string(), name: z.string(), organization: z.string() });

/** What both manifests say about a batch: who made it, when, how many cases and requests; no personal data. */
const batchIdentity = {
  formatVersion: z.union(FORMAT_VERSIONS.map((v) => z.literal(v))),
  batchId: z.uuid(),
  sequence: z.int().positive(),
  station: StationSchema,
  fingerprint: z.string(),
  /**
   * The station's public-key file, so that the centre can trust a new station from its first batch
   * (after reading the fingerprint back by phone). Batches of the first version lack it.
   */
  publicKey: PublicKeyFileSchema.optional(),
  createdAt: TimestampSchema,
  caseCount: z.int().nonnegative(),
  /** Version 2: how many requests (来访登记) the batch carries. */
  requestCount: z.int().nonnegative().optional(),
};

/** A version-2 manifest says how many requests it carries; a version-1 one carries none. */
const requestsDeclared = (m: { formatVersion: number; requestCount?: number }) => m.formatVersion >= 2 === (m.requestCount !== undefined);
const REQUESTS_DECLARED = { message: '第2版批次的清单应写明来访登记数（requestCount），第1版的不应写', path: ['requestCount'] };

export const ManifestSchema = z
  .strictObject({
    format: z.literal(BATCH_FORMAT),
    ...batchIdentity,
    selection: SelectionSchema,
    withDocuments: z.boolean(),
    /** Received dates of the cases and requests in the batch (or the selected range). */
    period: z.strictObject({ from: DateSchema, to: DateSchema }),
    /** The station's operator who exported the batch (absent in batches from before operators signed in). */
    operator: z.string().optional(),
    files: z.array(FileEntrySchema),
  })
  .refine(requestsDeclared, REQUESTS_DECLARED);
export type Manifest = z.infer<typeof ManifestSchema>;

export const SealSchema = z.strictObject({
  algorithm: z.literal('X25519-HKDF-SHA256-AES-256-GCM'),
  recipientFingerprint: z.string(),
  ephemeralPublicKey: z.string(),
  salt: z.string(),
  iv: z.string(),
});
export type Seal = z.infer<typeof SealSchema>;

export const SealedManifestSchema = z
  .strictObject({
    format: z.literal(SEALED_FORMAT),
    ...batchIdentity,
    seal: SealSchema,
    files: z.array(FileEntrySchema).length(1),
  })
  .refine(requestsDeclared, REQUESTS_DECLARED);
export type SealedManifest = z.infer<typeof SealedManifestSchema>;

export const SignatureFileSchema = z.strictObject({
  algorithm: z.literal('Ed25519'),
  fingerprint: z.string(),
  signature: z.string(),
});
export type SignatureFile = z.infer<typeof SignatureFileSchema>;

/** Windows, macOS and Linux all accept what is left: no reserved characters, no trailing dots/spaces. */
export function safeFileName(name: string, fallback = '未命名'): string {
  const cleaned = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
    .trim()
    .slice(0, 80);
  if (cleaned === '' || /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(cleaned)) return `${fallback}${cleaned ? `_${cleaned}` : ''}`;
  return cleaned;
}

/** `<stationCode>_<from>_<to>_<sequence>.zip`, e.g. `511702-001_20260101_20260630_007.zip`. */
export function batchFileName(stationCode: string, period: { from: string; to: string }, sequence: number): string {
  const compact = (d: string) => d.replaceAll('-', '');
  return `${safeFileName(stationCode, 'station')}_${compact(period.from)}_${compact(period.to)}_${String(sequence).padStart(3, '0')}.zip`;
}
