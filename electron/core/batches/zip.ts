/**
 * Batches through the core's safe zip reader (../zip.ts): refusals are BATCH_INVALID and name the
 * batch file; the limits are the batch format's.
 */

import { DeskError } from '../errors';
import { SafeZip as Zip, type ZipKind } from '../zip';
import { LIMITS } from './format';

export { unsafeNameProblem, type ZipEntryInfo } from '../zip';

export const batchInvalid = (message: string, details?: unknown): DeskError => new DeskError('BATCH_INVALID', message, { details });

const BATCH_ZIP: ZipKind = { noun: '批次文件', refuse: batchInvalid, limits: LIMITS };

/** A batch file opened for reading; every refusal is a BATCH_INVALID naming the batch file. */
export type SafeZip = Zip;
export const SafeZip = { open: (source: string | Buffer): Promise<SafeZip> => Zip.open(source, BATCH_ZIP) };
