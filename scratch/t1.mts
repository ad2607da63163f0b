import { line, paragraph, cleanLine } from '/work/wt/issue-12/electron/core/schema/text';
import { z } from 'zod';
const s = line(5).min(1,'空');
for (const v of ['a\u200Bb', ' 张\n三 ', '\uD800x', '\u200B', 'abcdefg', 'e\u0301', 'a\u0007b', 'x\u{1F600}']) console.log(JSON.stringify(v), JSON.stringify(s.safeParse(v)));
console.log(JSON.stringify(paragraph(100).safeParse('a\r\nb\u2028c\t d  \u0000')));
console.log(JSON.stringify(z.toJSONSchema(z.object({a: line(5)}))));
