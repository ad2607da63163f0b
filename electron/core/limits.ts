/**
 * Every size limit of the program, in one table. Each is far above what a real case, template or batch
 * reaches (a county register of 200,000 cases included) and far below what would exhaust an office PC,
 * so that careless or hostile input is refused at once, with a Chinese message naming the field,
 * instead of being accepted after minutes or crashing the process. docs/cli.md lists them for users;
 * change a figure here and there together.
 */

const KIB = 1024;
const MIB = 1024 * KIB;

export const LIMITS = {
  /** One call's input: a `--json` file, standard input, the harness's request body, an IPC call. */
  requestBytes: 4 * MIB,
  /** Nesting of an input (objects in arrays in objects…): real inputs are 4 deep. */
  requestDepth: 32,
  /** Values (strings, numbers, objects…) in one input: a case with the most parties is ~5,000. */
  requestValues: 100_000,

  /** Parties of one case (群体性纠纷 are registered through representatives; `peopleInvolved` counts the rest). */
  partiesPerCase: 200,
  /** Mediators named on one case. */
  mediatorsPerCase: 20,
  /** Terms of one agreement. */
  termsPerAgreement: 100,
  /** Mediation sessions recorded on one case. */
  sessionsPerCase: 200,
  /** Follow-up visits recorded on one case. */
  followUpsPerCase: 200,
  /** Entries of one case's event log (every action and every document generated adds one). */
  eventsPerCase: 10_000,
  /** Mediators listed in the settings. */
  mediatorsInSettings: 500,
  /** A search text. */
  queryChars: 200,
  /** A case reference typed by a person: an id or a 案号. */
  caseRefChars: 100,
  /** A file path. */
  pathChars: 4_096,

  /** A template's text (the built-in ones are 2–5 KB). */
  templateChars: 200_000,
  /** Time one template may take to render (real templates take a few milliseconds). */
  templateRenderMs: 1_000,
  /** Memory one template render may allocate (liquidjs's own accounting). */
  templateMemory: 50_000_000,

  /** Cases in one batch (a station reports hundreds a year; `--from/--to` splits larger exports). */
  batchCases: 50_000,
  /** `cases.json` of a batch, read into memory (below the longest string V8 can make, ~512 MB). */
  batchCasesJsonBytes: 400 * MIB,
  /** Entries (files) in a batch zip. */
  batchEntries: 50_000,
  /** One entry of a batch zip once decompressed (a PDF, `cases.json`). */
  batchEntryBytes: 1024 * MIB,
  /** All entries of a batch zip once decompressed. */
  batchTotalBytes: 4 * 1024 * MIB,
  /** A batch manifest. */
  batchManifestBytes: 16 * MIB,
  /** A sealed batch's payload, decrypted in memory (never to disk in plain text). */
  batchSealedPayloadBytes: 1536 * MIB,
  /** A public-key file. */
  keyFileBytes: 64 * KIB,
  /** A receipt file (one line per case of its batch). */
  receiptFileBytes: 64 * MIB,
} as const;

/**
 * Lengths of text fields, in characters. A name is a line; 纠纷简要情况 and 调解记录 are pages. The
 * schemas (schema/case.ts, schema/settings.ts) take their maxima from here.
 */
export const TEXT_LIMITS = {
  personName: 50,
  organizationName: 100,
  shortText: 50,
  mediumText: 100,
  address: 200,
  participants: 500,
  summary: 100,
  facts: 20_000,
  claims: 5_000,
  term: 5_000,
  reason: 2_000,
  sessionContent: 20_000,
  notes: 5_000,
  performanceMethod: 1_000,
  idNumber: 32,
  phone: 30,
  numberPattern: 60,
  caseNumber: 80,
} as const;

/** `4 MB`, `200,000`: a limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${Math.round((bytes / MIB) * 10) / 10} MB`;
  if (bytes >= KIB) return `${Math.round(bytes / KIB)} KB`;
  return `${bytes} 字节`;
}
