/** The command line's exit statuses, mapped once from the core's error codes. Keep them stable. */

import type { ErrorCode } from '../core/errors';

export const EXIT = { ok: 0, other: 1, invalid: 2, notFoundOrNotAllowed: 3, store: 4, batchInvalid: 5, access: 6 } as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
    case 'TEMPLATE_INVALID':
      return EXIT.invalid;
    case 'NOT_FOUND':
    case 'NOT_ALLOWED':
      return EXIT.notFoundOrNotAllowed;
    case 'STORE_LOCKED':
    case 'STORE_CORRUPT':
    case 'STORE_UNWRITABLE':
    case 'STORE_UNAVAILABLE':
    case 'STORE_MISSING':
      return EXIT.store;
    case 'BATCH_INVALID':
      return EXIT.batchInvalid;
    case 'NOT_SIGNED_IN':
    case 'SIGN_IN_FAILED':
    case 'FORBIDDEN':
      return EXIT.access;
    default:
      return EXIT.other;
  }
}
