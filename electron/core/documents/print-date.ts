/**
 * The print-date rule: a document carries the dates of the acts it records (the agreement's date, the
 * application's, the session's), never the day it happens to be printed, so that printing it again a
 * year later gives the same paper. The template field `today` is therefore given only to documents whose
 * date really is the day of printing; a template of a record-dated document that uses it is refused when
 * saved or checked, and printed with the date left blank (and a warning) if an older copy still uses it.
 */

import { Liquid } from 'liquidjs';

/** Parses only, for static analysis: no rendering, so no filters or data are needed. */
const analysis = new Liquid();

/** Whether the template reads `today`. A template that does not parse is left to validation to report. */
export function usesPrintDate(source: string): boolean {
  try {
    return analysis.globalVariablesSync(source).includes('today');
  } catch {
    return false;
  }
}
