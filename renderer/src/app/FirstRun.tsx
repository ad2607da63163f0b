/**
 * First start on a new computer: who this office is, and its administrator (the first operator, who
 * sets up the others) with a password. Everything but the role (station or centre, once cases exist)
 * can be changed later in 设置. Two other cases use the same form: a register from an older version
 * (its settings exist) only needs the administrator; an office whose settings are missing (set-up cut
 * short) only needs the settings, from the administrator already signed in.
 */

import { Alert, Button, Card, Checkbox, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';

import { formatCaseNumber } from '../../../electron/core/cases/numbering';
import { DEFAULT_NUMBER_PATTERN } from '../../../electron/core/schema/settings';
import { ApiError } from '../api/client';
import { messageOf } from '../components/useCall';
import { useDesk } from './desk-context';
import { NewPasswordFields } from './NewPasswordFields';

interface SetupValues {
  name: string;
  shortName: string;
  role: 'station' | 'centre';
  operator: string;
  court: string;
  stationCode: string;
  password: string;
  confirm: string;
  encrypt: boolean;
}

/** new: a new office; administrator: an older register without operators; settings: only the office details. */
export type FirstRunMode = 'new' | 'administrator' | 'settings';

export function FirstRun({ mode }: { mode: FirstRunMode }) {
  const { initSettings } = useDesk();
  const [form] = Form.useForm<SetupValues>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const shortName = Form.useWatch('shortName', form) as string | undefined;
  const office = mode !== 'administrator';
  const administrator = mode !== 'settings';

  const submit = async (values: SetupValues) => {
    setSaving(true);
    setError(undefined);
    try {
      const { confirm: _confirm, ...rest } = values;
      const input = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== ''));
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
        <Typography.Title level={2}>{mode === 'administrator' ? '设置管理员' : '欢迎使用人民调解工作台'}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {mode === 'new'
            ? '第一次使用，请先填写本机构的基本信息，并设置管理员。机构信息用于案号和文书，以后可以在“设置”中修改。'
            : mode === 'administrator'
              ? '本机的案件数据来自旧版本，还没有操作员。请设置管理员：以后每位操作员都要用自己的姓名和密码登录，管理员负责添加其他操作员。'
              : '本机构的基本信息还没有填写完整，请补充。'}
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<SetupValues>
          form={form}
          name="first-run"
          layout="vertical"
          initialValues={{ role: 'station', stationCode: '', court: '', operator: '', encrypt: true }}
          onFinish={(values) => void submit(values)}
        >
          {office ? (
            <>
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
              <Form.Item label="司法确认默认法院" name="court">
                <Input placeholder="例如：达州市通川区人民法院" />
              </Form.Item>
            </>
          ) : null}
          {administrator ? (
            <>
              <Form.Item
                label="管理员姓名"
                name="operator"
                rules={[{ required: true, message: '请填写管理员姓名' }]}
                extra="管理员负责添加其他操作员、修改设置和恢复备份"
              >
                <Input placeholder="您的姓名" autoFocus={!office} />
              </Form.Item>
              <NewPasswordFields label="管理员密码" />
              <Form.Item name="encrypt" valuePropName="checked" extra="电脑丢失或被借用时，别人无法读出当事人的姓名、身份证号码和电话。">
                <Checkbox>加密保存本机的案件数据（推荐）</Checkbox>
              </Form.Item>
            </>
          ) : null}
          <Button type="primary" htmlType="submit" loading={saving} size="large">
            {administrator ? '开始使用' : '保存'}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
