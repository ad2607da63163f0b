/**
 * PDFs inside a batch: the agreement and the judicial-confirmation application of agreed cases.
 * The batch writer only sees this interface; ./pdf-pool.ts renders through the documents module,
 * in worker threads when there are many.
 */

import type { Case } from '../schema/case';
import type { Settings } from '../schema/settings';

export interface RenderedDocument {
  /** File name without `.pdf`, e.g. `人民调解协议书`. */
  name: string;
  data: Buffer;
}

export interface DocumentRenderer {
  /** Whether the case gets documents at all. */
  applies(c: Case): boolean;
  /** How many documents the case gets (for the progress bar). */
  count(c: Case): number;
  /** Every document of every case, in any order; stops early when `signal` aborts. */
  render(cases: readonly Case[], settings: Settings, signal?: AbortSignal): AsyncIterable<RenderedDocument & { caseId: string }>;
}
