import { readFileSync } from 'node:fs';
import { validateTemplate } from '/work/wt/issue-12/electron/core/documents/template';
const src = readFileSync('resources/templates/agreement.txt', 'utf8').split('\n');
const variants: Record<string, string[]> = {
  dropEndfor17: src.filter((_, i) => i !== 16),
  dropEndif13: src.filter((_, i) => i !== 12),
  line7Unclosed: src.map((l, i) => (i === 6 ? '{% for p in parties ' : l)),
  line7OutputUnclosed: src.map((l, i) => (i === 5 ? '@编号 编号：{{ case.number ' : l)),
  line7OutputUnclosed2: src.map((l, i) => (i === 6 ? '{{ case.number ' : l)),
  line7ElseStray: src.map((l, i) => (i === 6 ? '{% else %}' : l)),
};
for (const [k, lines] of Object.entries(variants)) {
  for (const eol of ['\n', '\r\n']) {
  try { await validateTemplate(k, lines.join(eol)); console.log(k, 'OK'); } catch (e) { console.log(k, JSON.stringify(eol), '=>', (e as Error).message.slice(0, 160)); }
  }
}
