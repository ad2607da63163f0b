import { validateTemplate } from '/work/wt/issue-12/electron/core/documents/template';
const base = (l7: string) => ['# 标题', 'a', 'b', 'c', 'd', 'e', l7, 'h', 'i', 'j', 'k', 'l', 'm'].join('\n');
const cases: Record<string,string> = {
  unclosedIf: base('{% if case.number %}x'),
  unclosedOutput: base('{{ case.number '),
  unclosedTag: base('{% if case.number '),
  unknownTag: base('{% foo %}'),
  unknownFilter: base('{{ case.number | nope }}'),
  unknownVar: base('{{ case.nothing }}'),
  badExpr: base('{{ case.number | }}'),
  elseAfterElse: base('{% if case.number %}a{% else %}b{% else %}c{% endif %}'),
  stray: base('{% endif %}'),
  forUnclosed: base('{% for p in case.parties %}x'),
  badFor: base('{% for in %}{% endfor %}'),
  assign: base('{% assign = 3 %}'),
  raw: base('{% raw %}abc'),
  comment: base('{% comment %}abc'),
  badRange: base('{% for i in (1..3 %}{% endfor %}'),
  bracket: base('{{ case[ }}'),
  case: base('{% case case.number %}{% when 1 %}'),
  liquid: base('{% liquid\n if x\n %}'),
  include: base('{% include "x" %}'),
  filterArgs: base('{{ case.number | append }}'),
  unexpectedChar: base('{{ case.number | date: "%Y" ) }}'),
  capture: base('{% capture %}x{% endcapture %}'),
  inlineComment: base('{% # a\nb %}'),
  loop: base('{% for i in (1..100000000) %}{% for j in (1..1000) %}{{ i }}{% endfor %}{% endfor %}'),
};
for (const [k, src] of Object.entries(cases)) {
  try { await validateTemplate(k, src); console.log(k, 'OK'); } catch (e) { console.log(k, '=>', (e as Error).message.replace(/\n/g,' | ').slice(0, 200)); }
}
