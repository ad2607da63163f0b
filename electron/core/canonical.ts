/**
 * Canonical JSON (RFC 8785, JCS): what signatures, MACs and the case log's hash chain cover, independent
 * of key order and spacing. The output is the `canonicalize` package's, byte for byte (its tests compare
 * the two on random values); only the way there is faster.
 *
 * Why not the package alone: the centre hashes every event of every case of a batch (60,000 events for
 * 10,000 cases), and the package spent two thirds of that time writing each value piece by piece (a set
 * of the objects on the way, a character loop over every string, a string per key and value, joined).
 * Here a value made of what JSON carries (plain objects, arrays, strings, finite numbers, booleans, null)
 * is walked once to put every object's keys in order (a copy of an object only where they are not), and
 * written by one `JSON.stringify`, whose output for such a value is the JCS text: the same escaping of
 * strings and numbers, no spacing. Anything else (a number JSON cannot hold, `toJSON`, a class instance,
 * a function, a hole or `undefined` in an array, keys the engine would order as indexes, nesting deep
 * enough to be a cycle) is handed to the package, which writes it or throws exactly as it always did.
 */

import canonicalize from 'canonicalize';

/** Deeper than any data the desk hashes; deeper still is left to the package, which names a cycle. */
const MAX_DEPTH = 100;
/** What `ordered` returns for a value it leaves to the package. */
const OTHER = Symbol('not plain JSON');

/** The value's canonical JSON text; undefined where `JSON.stringify` gives none (`undefined` itself). */
export function canonicalJson(value: unknown): string | undefined {
  const plain = ordered(value, 0);
  const text = plain === OTHER ? undefined : JSON.stringify(plain);
  // JSON.stringify escapes half of a surrogate pair (`\udxxx`), where the package throws; any text that
  // holds a backslash before `ud` is also left to the package, which writes it the same way.
  return text === undefined || text.includes('\\ud') ? canonicalize(value) : text;
}

/** The value with every object's keys in order (the same value where they already are), or OTHER. */
function ordered(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : OTHER;
    case 'object':
      break;
    default:
      return OTHER;
  }
  if (value === null) return value;
  if (depth >= MAX_DEPTH) return OTHER;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) return OTHER;
      const done = ordered(item, depth + 1);
      if (done === OTHER) return OTHER;
      if (done !== item) (copy ??= value.slice())[i] = done;
    }
    return copy ?? value;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return OTHER;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  let sorted = true;
  let changed = false;
  const members: unknown[] = new Array<unknown>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    // the engine lists index-like keys first, in numeric order, whatever order they are given in
    const first = key.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39) return OTHER;
    if (i > 0 && keys[i - 1] > key) sorted = false;
    const member = object[key];
    // JSON.stringify drops these members, and so does the package
    if (member === undefined || typeof member === 'symbol') {
      members[i] = member;
      continue;
    }
    const done = ordered(member, depth + 1);
    if (done === OTHER) return OTHER;
    if (done !== member) changed = true;
    members[i] = done;
  }
  if (sorted && !changed) return value;
  const order = keys.map((_, i) => i);
  if (!sorted) order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  // no prototype: a key `__proto__` (JSON.parse makes it an own key) stays a key of the copy
  const copy = Object.create(null) as Record<string, unknown>;
  for (const i of order) copy[keys[i]] = members[i];
  return copy;
}
