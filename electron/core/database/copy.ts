/**
 * Rows sent with `COPY … FROM STDIN` (pg-copy-streams), the server's bulk path: a batch's cases reach
 * their tables without the server parsing one large JSON parameter first (measured at 500,000 cases:
 * taking 10,000 documents apart from one JSON array cost the server 1.8 s of CPU before a row was
 * written; COPY hands each row's fields over as they are).
 *
 * The text format: one line per row, fields separated by tabs, `\N` for null; a backslash, tab,
 * newline or carriage return inside a value is written as its escape. Arrays are sent as PostgreSQL
 * array literals (every element quoted).
 */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A field's value: text, a number, a truth value, an array of text, or absent (null). */
export type CopyValue = string | number | boolean | null | undefined | readonly string[];

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeText(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}

/** `{"a","b\"c"}`: each element quoted, `"` and `\` inside it escaped. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** One field as the text format spells it. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return escapeText(typeof value === 'string' ? value : arrayLiteral(value));
}

/** One row: its fields in the order of the COPY's column list. */
export function copyLine(fields: readonly CopyValue[]): string {
  return `${fields.map(copyField).join('\t')}\n`;
}

/** Lines handed to the server in chunks of about this many bytes (fewer, larger socket writes). */
const CHUNK = 1 << 18;

/**
 * Each line encoded on its own and the bytes joined: measured twice as cheap as joining the text
 * first (a long string built of many pieces is slow to encode).
 */
function* chunks(lines: Iterable<string>): Generator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  for (const line of lines) {
    const bytes = Buffer.from(line, 'utf8');
    parts.push(bytes);
    size += bytes.length;
    if (size >= CHUNK) {
      yield Buffer.concat(parts, size);
      parts = [];
      size = 0;
    }
  }
  if (parts.length) yield Buffer.concat(parts, size);
}

/**
 * `COPY table (columns) FROM STDIN` with the given lines (made by `copyLine`), on a client inside the
 * caller's transaction. The lines are produced as the server takes them, so a batch's rows are never
 * all held as text at once.
 */
export async function copyRows(client: pg.PoolClient, table: string, columns: readonly string[], lines: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks(lines)), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}
