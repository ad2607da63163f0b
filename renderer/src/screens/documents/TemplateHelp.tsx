/** 设置 → 文书模板 → 写法说明: the template language in brief, with the core's markers, filters and fields. */

import { Collapse, Typography } from 'antd';

import { useCall } from '../../components/useCall';

export function TemplateHelp() {
  const help = useCall('templates.help', {}, []);
  if (!help.data) return null;
  return (
    <Collapse
      size="small"
      style={{ marginTop: 12 }}
      items={[
        {
          key: 'help',
          label: '写法说明',
          children: (
            <Typography>
              <Typography.Paragraph>
                每行一个版式块：行首写标记，其余是文字。<Typography.Text code>{'{{ 字段 }}'}</Typography.Text> 填入案件内容，
                <Typography.Text code>{'{% if … %}…{% endif %}'}</Typography.Text> 按条件写，
                <Typography.Text code>{'{% for p in parties %}…{% endfor %}'}</Typography.Text> 对每位当事人重复，
                <Typography.Text code>{'{{ 字段 | 过滤器 }}'}</Typography.Text> 换写法。案件中没有填写的内容打印为“＿＿＿＿”，供手写。
              </Typography.Paragraph>
              <Typography.Paragraph>
                <b>版式标记：</b>
                {help.data.markers.map((m) => (
                  <Typography.Text code key={m}>
                    {m}
                  </Typography.Text>
                ))}
              </Typography.Paragraph>
              <Typography.Paragraph>
                <b>过滤器：</b>
                {help.data.filters.map((f) => (
                  <div key={f.name}>
                    <Typography.Text code>{f.name}</Typography.Text>（{f.alias}）：{f.example}
                  </div>
                ))}
              </Typography.Paragraph>
              <b>字段：</b>
              {help.data.fields.map((f) => (
                <div key={f.path}>
                  <Typography.Text code>{f.path}</Typography.Text> {f.meaning}
                </div>
              ))}
            </Typography>
          ),
        },
      ]}
    />
  );
}
