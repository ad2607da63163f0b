/**
 * The page grid both renderers lay a document out on (GB/T 9704-2012): 22 lines of 28 characters in a
 * 156 × 225 mm block. The PDF and the DOCX use the same grid, the same signature columns and the same
 * room to sign, so that they break pages at the same places (./closing.ts plans the signature pages on
 * this grid, before either renderer runs).
 */

export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/**
 * Signature rows: the parties' column (a name and 签名或按指印; a company's name and 盖章) takes this
 * share of the line, the mediators' column the rest; half a character keeps the columns apart.
 */
export const SIGN_LEFT_SHARE = 0.6;
export const SIGN_GAP_CHARS = 0.5;

/** Lines of room under each signature line: the signature or fingerprint goes there. */
export const SIGN_ROOM_LINES = 1;
