import { validateTemplate } from '/work/wt/issue-12/electron/core/documents/template';
const pre = ['# 标题', '@编号 编号：{{ case.number }}', '{% for p in parties %}', '@当事人 {{ p.name }}', '{% endfor %}', '正文'];
const at7 = (l: string, after: string[] = ['结尾']) => [...pre, l, ...after].join('\n');
const cases: Record<string, string> = {
  mapFilter: at7('{{ case.parties | map }}'),
  dateFilter: at7('{{ case.number | date: 5 }}'),
  divided: at7('{{ case.number | divided_by: 0 }}'),
  sliceBad: at7('{{ case.number | slice: "a" }}'),
  ourFilter: at7('{{ case.summary | 大写金额 }}'),
  emptyTpl: '{% comment %}x{% endcomment %}',
  marker: at7('@乱写 文字'),
  elsifAfterElse: at7('{% if case.number %}a{% else %}b{% elsif case.summary %}c{% endif %}'),
  unbalanced: at7('{{ (1..3 }}'),
  cycle: at7('{% cycle %}'),
  expectedEq: at7('{% assign x 3 %}'),
  whenOutside: at7('{% when 1 %}'),
  liquidTag: at7('{% liquid\n assign x = 1\n if x\n echo x\n %}'),
  tablerow: at7('{% tablerow p in parties %}{{ p.name }}'),
  unlessStray: at7('{% endunless %}'),
  render: at7('{% render "x" %}'),
  layout: at7('{% layout "x" %}'),
  block: at7('{% block x %}{% endblock %}'),
  echoBad: at7('{% echo %}'),
  inc: at7('{% increment %}'),
  ifNoCond: at7('{% if %}x{% endif %}'),
  forNoIn: at7('{% for p parties %}{% endfor %}'),
  outputEmpty: at7('{{ }}'),
  badString: at7('{{ "abc }}'),
  weird: at7('{{ case.number | | }}'),
  nestedVar: at7('{{ case["number }}'),
  hash: at7('{% # just a comment %}'),
  base64: at7('{{ "!!" | base64_decode }}'),
};
for (const [k, src] of Object.entries(cases)) {
  try { await validateTemplate(k, src); console.log(k, 'OK'); } catch (e: any) { console.log(k, '=>', e.message.replace(/\n/g,' | ').slice(0, 150), JSON.stringify(e.details?.original ?? '')); }
}
