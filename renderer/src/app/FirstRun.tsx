/**
 * First start on a new computer: who this office is. Everything can be changed later in 设置,
 * except the role (station or centre) once cases exist.
 */

import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';

import { formatCaseNumber } from '../../../electron/core/cases/numbering';
import { DEFAULT_NUMBER_PATTERN } from '../../../electron/core/schema/settings';
import { ApiError } from '../api/client';
import { messageOf } from '../components/useCall';
import { useDesk } from './desk-context';

interface SetupValues {
  name: string;
  shortName: string;
  role: 'station' | 'centre';
  operator: string;
  court: string;
  stationCode: string;
}

export function FirstRun() {
  const { initSettings } = useDesk();
  const [form] = Form.useForm<SetupValues>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const shortName = Form.useWatch('shortName', form) as string | undefined;

  const submit = async (values: SetupValues) => {
    setSaving(true);
    setError(undefined);
    try {
      const input = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
      await initSettings(input);
    } catch (failure) {
      if (failure instanceof ApiError && failure.field && failure.field in values) {
        form.setFields([{ name: failure.field as keyof SetupValues, errors: [failure.message] }]);
      } else setError(messageOf(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="first-run">
      <Card style={{ maxWidth: 640, width: '100%' }}>
        <Typography.Title level={2}>欢迎使用人民调解工作台</Typography.Title>
        <Typography.Paragraph type="secondary">
          第一次使用，请先填写本机构的基本信息。这些信息用于案号和文书，以后可以在“设置”中修改。
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<SetupValues>
          form={form}
          layout="vertical"
          initialValues={{ role: 'station', stationCode: '', court: '', operator: '' }}
          onFinish={(values) => void submit(values)}
        >
          <Form.Item label="调委会或机构名称" name="name" rules={[{ required: true, message: '请填写机构名称' }]}>
            <Input placeholder="例如：东城街道人民调解委员会" autoFocus />
          </Form.Item>
          <Form.Item
            label="简称（用于案号）"
            name="shortName"
            rules={[{ required: true, message: '请填写简称' }]}
            extra={`案号示例：${formatCaseNumber(DEFAULT_NUMBER_PATTERN, { year: new Date().getFullYear(), shortName: shortName?.trim() || '东城', seq: 1 })}`}
          >
            <Input placeholder="例如：东城" maxLength={20} />
          </Form.Item>
          <Form.Item label="机构类型" name="role">
            <Radio.Group
              options={[
                { value: 'station', label: '调解站点（调委会、司法所）' },
                { value: 'centre', label: '公共法律服务中心（汇总各站点）' },
              ]}
            />
          </Form.Item>
          <Form.Item label="站点代码" name="stationCode" extra="上级中心分配的代码；暂无可不填">
            <Input placeholder="例如：511702-001" />
          </Form.Item>
          <Form.Item label="当前操作员" name="operator">
            <Input placeholder="您的姓名" />
          </Form.Item>
          <Form.Item label="司法确认默认法院" name="court">
            <Input placeholder="例如：达州市通川区人民法院" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} size="large">
            开始使用
          </Button>
        </Form>
      </Card>
    </div>
  );
}
