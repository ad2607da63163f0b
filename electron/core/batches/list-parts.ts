/**
 * The layout of a batch's lists (cases.json, requests.json): a JSON array with one item per line, so
 * that a reader can cut it into parts and parse and check the parts on two cores at once.
 *
 * A cut is made at a newline byte right after a comma; each part is parsed on its own as an array
 * (`[` and `]` added where the cut removed them). This needs no trust in the layout: when every part
 * parses as an array of at least one item, the whole list is exactly their concatenation, since a cut
 * inside an item would leave that item's brackets unclosed in the part before it, and the part would not
 * parse (an empty part would hide a stray comma, hence at least one item). A list that
 * does not cut (one line, as batches before this layout were written) is read whole, as before.
 */

import { utf8 } from './format';

/**
 * The list as the exporter writes it, as UTF-8: valid JSON, one item per line. Each item is encoded on
 * its own and the bytes joined, which takes half the time of encoding one string of the whole list
 * (joining tens of megabytes of Chinese text into one string is itself a copy).
 */
export function listBytes(items: readonly unknown[]): Buffer {
  if (items.length === 0) return utf8('[]');
  const chunks: Buffer[] = [utf8('[\n')];
  const between = utf8(',\n');
  items.forEach((item, i) => {
    if (i > 0) chunks.push(between);
    chunks.push(utf8(JSON.stringify(item)));
  });
  chunks.push(utf8('\n]'));
  return Buffer.concat(chunks);
}

/** One part of a list: bytes [start, end) of the list, without the comma and newline of its cuts. */
export interface ListPart {
  start: number;
  end: number;
  /** Whether the part needs `[` before it (all but the first) and `]` after it (all but the last). */
  opens: boolean;
  closes: boolean;
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * Up to `count` parts of about equal size, cut at newlines that follow a comma. One part (the whole
 * list) when the bytes have no such newline.
 */
export function listParts(bytes: Uint8Array, count: number): ListPart[] {
  const cuts: number[] = [];
  for (let k = 1; k < count; k++) {
    let at = bytes.indexOf(NEWLINE, Math.max(Math.floor((k * bytes.length) / count), (cuts.at(-1) ?? 0) + 1));
    while (at >= 0 && bytes[at - 1] !== COMMA) at = bytes.indexOf(NEWLINE, at + 1);
    if (at < 0) break;
    cuts.push(at);
  }
  const parts: ListPart[] = [];
  let start = 0;
  for (const cut of cuts) {
    parts.push({ start, end: cut - 1, opens: start > 0, closes: true });
    start = cut + 1;
  }
  parts.push({ start, end: bytes.length, opens: start > 0, closes: false });
  return parts;
}

/**
 * A part as the text of a JSON array of its own, decoded straight from the list's bytes (no copy of them
 * is made first: the bytes may be memory shared with the checking thread).
 */
export function partText(bytes: Uint8Array, part: ListPart): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + part.start, part.end - part.start).toString('utf8');
  return `${part.opens ? '[' : ''}${text}${part.closes ? ']' : ''}`;
}
