/**
 * The print-date rule: a document carries the dates of the acts it records (the agreement's date, the
 * application's, the session's), never the day it happens to be printed, so that printing it again a
 * year later gives the same paper. The template field `today` is therefore given only to documents whose
 * date really is the day of printing; a template of a record-dated document that uses it is refused when
 * saved or checked, and printed with the date left blank (and a warning) if an older copy still uses it.
 *
 * Its twin for people: a document names the people of the acts it records (登记人 `case.registrar`,
 * 记录人 `case.recorder`, the mediators), never whoever is signed in when it is printed, so that another
 * operator printing it gives the same paper. `office.operator` (the one printing) is given only to
 * documents that name the one who makes them (the 卷宗封面's 立卷人) and to an office's own documents,
 * with the same refusal and the same blank and warning for an older copy.
 */

import { Liquid } from 'liquidjs';

/** Parses only, for static analysis: no rendering, so no filters or data are needed. */
const analysis = new Liquid();

/** Which fields of the moment of printing a template reads. */
export interface PrintingFields {
  /** `today`. */
  date: boolean;
  /** `office.operator`, or the whole `office`, through which it could be read. */
  printer: boolean;
}

/**
 * A template's text → what it reads, so that a batch's thousand documents from the same template parse it
 * once (a parse is about a millisecond). Capped: the editor's preview brings a new text at every pause.
 */
const known = new Map<string, PrintingFields>();
const KNOWN_AT_MOST = 32;

/** What the template reads of the moment of printing. A template that does not parse is left to validation to report. */
export function printingFieldsOf(source: string): PrintingFields {
  let fields = known.get(source);
  if (fields) return fields;
  fields = analyse(source);
  if (known.size >= KNOWN_AT_MOST) known.delete(known.keys().next().value!);
  known.set(source, fields);
  return fields;
}

function analyse(source: string): PrintingFields {
  try {
    const paths = analysis.globalVariableSegmentsSync(source);
    return {
      date: paths.some((path) => path[0] === 'today'),
      printer: paths.some((path) => path[0] === 'office' && (path.length === 1 || path[1] === 'operator')),
    };
  } catch {
    return { date: false, printer: false };
  }
}
