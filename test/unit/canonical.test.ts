/**
 * canonicalJson (electron/core/canonical.ts) writes what the `canonicalize` package writes, byte for
 * byte, and throws where it throws: every signature, MAC and event hash already made depends on it.
 */

import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { canonicalJson } from '../../electron/core/canonical';
import { hostileString } from '../support/hostile';

/** The text, or the error's message. */
function outcome(write: (value: unknown) => string | undefined, value: unknown): { text?: string; error?: string } {
  try {
    return { text: write(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function same(value: unknown): void {
  expect(outcome(canonicalJson, value)).toEqual(outcome(canonicalize, value));
}

/** Keys and strings of every troublesome kind: lone surrogates, escapes, index-like keys, `__proto__`. */
const key = fc.oneof(hostileString(6), fc.constantFrom('__proto__', '0', '10', '9', '1a', 'toJSON', '\\ud800', 'b', 'a', 'B'));
const text = fc.oneof(hostileString(20), fc.constantFrom('\\ud800', '\\\\udc00', 'a\\u0000', '"\\"', '\uD800x'));
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity));

const { value: json } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
}));

describe('canonicalJson', () => {
  it('writes what canonicalize writes for JSON data, hostile keys and strings included', () => {
    fc.assert(
      fc.property(json, (value) => same(value)),
      { numRuns: 2000 },
    );
  });

  it('writes what canonicalize writes for data JSON.parse makes (own __proto__ keys, numbers beyond range)', () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(value);
        if (text !== undefined) same(JSON.parse(text.replace(/"__proto__"/g, '"__proto__"')));
      }),
      { numRuns: 500 },
    );
    same(JSON.parse('{"__proto__":{"b":1,"a":2},"z":[1e999]}'));
    same(JSON.parse('{"b":1,"__proto__":{"b":1,"a":2}}'));
  });

  it('writes or throws as canonicalize does for values JSON does not carry', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withNullPrototype: true,
          withObjectString: true,
          withSet: true,
          withSparseArray: true,
          withTypedArray: true,
          withUnicodeString: true,
        }),
        (value) => same(value),
      ),
      { numRuns: 1000 },
    );
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { inner: cycle };
    same(cycle);
    const shared = { x: 1 };
    same({ b: shared, a: [shared, shared] });
    same({ b: undefined, a: Symbol('s'), c: () => 1 });
    same([undefined, Symbol('s'), 1]);
    // eslint-disable-next-line no-sparse-arrays -- a hole is the point
    same([1, , 2]);
    same({ toJSON: () => ({ b: 1, a: 2 }) });
    same(undefined);
    let deep: unknown = 'end';
    for (let i = 0; i < 150; i++) deep = i % 2 ? [deep] : { d: deep };
    same(deep);
  });

  it('orders keys by UTF-16 code units, as JCS does', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: '\u{1F600}' }, '\uE000': 1, '\u{10000}': 2 })).toBe(
      '{"a":{"c":"\u{1F600}","d":[{"y":2,"z":1}]},"b":1,"\u{10000}":2,"\uE000":1}',
    );
  });
});
