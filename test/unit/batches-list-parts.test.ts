/**
 * The one-item-per-line layout of a batch's lists and its cutting into parts (list-parts.ts): parts that
 * all parse as non-empty arrays are exactly the whole list, whatever the bytes are.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { partItems } from '../../electron/core/batches/item-check';
import { listBytes, listParts, partText } from '../../electron/core/batches/list-parts';

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const parse = (bytes: Uint8Array): unknown => JSON.parse(Buffer.from(bytes).toString('utf8'));

/** The items of every part, or null when one part is not a non-empty array (what checkPart refuses). */
function partsItems(bytes: Uint8Array, count: number): unknown[] | null {
  const items: unknown[] = [];
  for (const part of listParts(bytes, count)) {
    const inPart = partItems(partText(bytes, part));
    if (!inPart) return null;
    items.push(...inPart);
  }
  return items;
}

describe('batches: list layout and parts', () => {
  it('writes valid JSON, one item per line, and cuts it into parts that are the whole list', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, text: `第${i}件，\n含逗号,换行\n和 ]},[ 括号`, n: i }));
    const text = listBytes(items).toString();
    expect(JSON.parse(text)).toEqual(items);
    expect(text.split('\n')).toHaveLength(items.length + 2);
    expect(listBytes([]).toString()).toBe('[]');
    const bytes = bytesOf(text);
    const parts = listParts(bytes, 6);
    expect(parts).toHaveLength(6);
    expect(partsItems(bytes, 6)).toEqual(items);
    // more parts asked than lines: every cut is still a distinct line
    expect(partsItems(bytes, 100)).toEqual(items);
    expect(listParts(bytes, 100)).toHaveLength(items.length);
  });

  it('keeps a list on one line (batches before this layout) whole', () => {
    const bytes = bytesOf(JSON.stringify([{ a: 1 }, { a: 2 }, { a: 3 }]));
    expect(listParts(bytes, 8)).toEqual([{ start: 0, end: bytes.length, opens: false, closes: false }]);
  });

  it('refuses parts that are not the list: a cut inside an item (pretty-printed JSON), a stray comma', () => {
    const pretty = bytesOf(
      JSON.stringify(
        [
          { a: [1, 2], b: { c: 3 } },
          { a: [4], b: { c: 5 } },
        ],
        null,
        2,
      ),
    );
    expect(listParts(pretty, 4).length).toBeGreaterThan(1);
    expect(partsItems(pretty, 4)).toBeNull();
    // "[1,\n,\n2]" is not JSON, though "[1]", "[]" and "[2]" are
    expect(partsItems(bytesOf('[1,\n,\n2]'), 3)).toBeNull();
  });

  it('never yields other items than the whole list, for any text of brackets, commas, newlines and values', () => {
    const token = fc.constantFrom('[', ']', '{', '}', ',', '\n', ',\n', ' ', '1', '"a"', '"x,\\n"', '{"k":[1,\n2]}', 'null');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), fc.integer({ min: 2, max: 9 }), (tokens, count) => {
        const bytes = bytesOf(tokens.join(''));
        const items = partsItems(bytes, count);
        if (items === null) return;
        // parts that all parse: the whole parses, as an array of exactly those items
        expect(parse(bytes)).toEqual(items);
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts any list the exporter writes into parts equal to it', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 30 }), fc.integer({ min: 2, max: 9 }), (items, count) => {
        const bytes = bytesOf(listBytes(items).toString());
        expect(partsItems(bytes, count)).toEqual(JSON.parse(listBytes(items).toString()));
      }),
    );
  });
});
