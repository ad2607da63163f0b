/**
 * What cannot be cleaned (schema/text.ts) is found whatever surrounds it: half of a surrogate pair and
 * the Unicode non-characters, every one of them, and nothing else. The quick test of plain text before
 * the two slow ones must never let one of them through.
 */

import { describe, expect, it } from 'vitest';

import { uncleanableText } from '../../electron/core/schema/text';

const isNonCharacter = (code: number) => (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe;

describe('text that cannot be cleaned', () => {
  it('refuses every lone surrogate and non-character of the first plane, alone and inside plain text, and nothing else', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      const refused = (code >= 0xd800 && code <= 0xdfff) || isNonCharacter(code);
      for (const text of [char, `张三${char}`, `${char}李四`])
        expect(uncleanableText(text) !== null, `U+${code.toString(16)}`).toBe(refused);
    }
  });

  it('refuses the non-characters at the end of every other plane, and passes the characters beside them', () => {
    for (let plane = 1; plane <= 16; plane++) {
      const end = plane * 0x10000 + 0xfffe;
      expect(uncleanableText(`调解${String.fromCodePoint(end)}`)).not.toBeNull();
      expect(uncleanableText(`调解${String.fromCodePoint(end + 1)}`)).not.toBeNull();
      expect(uncleanableText(`调解${String.fromCodePoint(end - 1)}`)).toBeNull();
    }
    expect(uncleanableText('𠀀 a rare character 😀')).toBeNull();
  });
});
