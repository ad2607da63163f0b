/**
 * Changing one's own password: in 设置 → 我的密码, and right after signing in with a password an
 * administrator has just reset (which only its holder should know from then on).
 */

import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';

import { ApiError, call } from '../api/client';
import { messageOf } from '../components/useCall';
import { useDesk } from './desk-context';
import { NewPasswordFields } from './NewPasswordFields';

interface Values {
  current: string;
  password: string;
  confirm: string;
}

export function ChangePasswordForm({ onDone }: { onDone?(): void }) {
  const { reloadStatus } = useDesk();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await call('operators.changePassword', { password: values.current, newPassword: values.password });
      form.resetFields();
      void message.success('密码已修改，下次登录请用新密码');
      await reloadStatus();
      onDone?.();
    } catch (failure) {
      if (failure instanceof ApiError && failure.field === 'password') form.setFields([{ name: 'current', errors: [failure.message] }]);
      else if (failure instanceof ApiError && failure.field === 'newPassword')
        form.setFields([{ name: 'password', errors: [failure.message] }]);
      else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      form={form}
      name="change-password"
      layout="vertical"
      onFinish={(v) => void submit(v)}
      requiredMark={false}
      style={{ maxWidth: 480 }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form.Item label="当前密码" name="current" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password size="large" autoComplete="current-password" />
      </Form.Item>
      <NewPasswordFields />
      <Button type="primary" htmlType="submit" size="large" loading={busy}>
        修改密码
      </Button>
    </Form>
  );
}

/** After an administrator's reset: the operator chooses a password of his own before working. */
export function MustChangePassword() {
  const { operator } = useDesk();
  return (
    <div className="first-run">
      <Card style={{ maxWidth: 560, width: '100%' }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          请设置您自己的密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {operator?.name}，管理员刚为您重设了密码。为了只有您自己知道密码，请现在换一个新密码。“当前密码”就是管理员告诉您的那个。
        </Typography.Paragraph>
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
