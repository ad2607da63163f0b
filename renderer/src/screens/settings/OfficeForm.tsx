/** 设置 → 机构信息: the office's name, codes, court, the 案号 pattern with a live example, reminder periods. */

import { Button, Card, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';

import { formatCaseNumber } from '../../../../electron/core/cases/numbering';
import { NUMBER_TOKENS, patternInChinese, patternToStore, type Settings } from '../../../../electron/core/schema/settings';
import { useSave } from './useSave';

export function OfficeForm({ settings }: { settings: Settings }) {
  const [form] = Form.useForm();
  const { save, saving } = useSave(form);
  // The pattern is shown and edited with Chinese field names ({年份}); the core stores {year}.
  const pattern = String(Form.useWatch('numberPattern', form) ?? patternInChinese(settings.numberPattern));
  const shortName = Form.useWatch('shortName', form) ?? settings.shortName;
  const stored = patternToStore(pattern);
  const preview = /\{seq(:\d+)?\}/.test(stored)
    ? formatCaseNumber(stored, { year: new Date().getFullYear(), shortName: String(shortName), seq: 1 })
    : '（案号格式中必须有{序号}）';
  const insert = (token: string) => form.setFieldValue('numberPattern', `${pattern}{${token}}`);
  return (
    <Card style={{ maxWidth: 760 }}>
      <Form
        layout="vertical"
        form={form}
        initialValues={{ ...settings, numberPattern: patternInChinese(settings.numberPattern) }}
        onFinish={(values) => void save(values)}
      >
        <Form.Item label="调委会或机构名称" name="name" rules={[{ required: true, message: '请填写机构名称' }]}>
          <Input />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label="简称（用于案号）" name="shortName" rules={[{ required: true, message: '请填写简称' }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="站点代码" name="stationCode">
            <Input style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Form.Item label="机构类型" name="role" extra="已有案件后不能更改">
          <Radio.Group
            options={[
              { value: 'station', label: '调解站点' },
              { value: 'centre', label: '公共法律服务中心' },
            ]}
          />
        </Form.Item>
        <Form.Item label="所属单位" name="organization">
          <Input placeholder="例如：通川区司法局东城司法所" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label="地址" name="address">
            <Input style={{ width: 360 }} />
          </Form.Item>
          <Form.Item label="联系电话" name="phone">
            <Input style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Form.Item label="司法确认默认法院" name="court">
          <Input />
        </Form.Item>
        <Form.Item
          label="案号格式"
          name="numberPattern"
          extra={
            <div data-testid="number-pattern-help">
              <Space size={4} wrap>
                <span>插入：</span>
                {NUMBER_TOKENS.map((t) => (
                  <Button key={t.stored} size="small" onClick={() => insert(t.chinese)} title={t.meaning}>
                    {`{${t.chinese}}`}
                  </Button>
                ))}
              </Space>
              <div>
                {`{序号:4} 表示序号补足4位（0001）。示例：`}
                <Typography.Text strong data-testid="number-example">
                  {preview}
                </Typography.Text>
              </div>
            </div>
          }
        >
          <Input />
        </Form.Item>
        <Typography.Title level={5}>提醒</Typography.Title>
        <Space size="large" wrap>
          <Form.Item label="司法确认期限提前提醒（天）" name={['reminders', 'confirmationWarnDays']}>
            <InputNumber min={0} max={30} />
          </Form.Item>
          <Form.Item label="协议后回访（天）" name={['reminders', 'followUpDueDays']}>
            <InputNumber min={1} max={365} />
          </Form.Item>
          <Form.Item label="调解超过（天）提醒" name={['reminders', 'longMediationDays']}>
            <InputNumber min={1} max={365} />
          </Form.Item>
          <Form.Item label="多少天未备份到U盘提醒（0为不提醒）" name="backupReminderDays">
            <InputNumber min={0} max={365} />
          </Form.Item>
          {settings.role === 'centre' ? (
            <Form.Item label="站点超过（天）未上报提醒" name="silentStationDays">
              <InputNumber min={1} max={366} />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
