/**
 * The sign-in screen on start, and the unlock screen when the workbench locked itself (idle, or the OS
 * locked the screen). Operators click their name (an office has a handful) and type the password;
 * 切换操作员 leaves the locked session for another operator; 忘记密码 leads to the recovery paths.
 */

import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';

import { OPERATOR_ROLES } from '../../../electron/core/schema/codes';
import { ApiError } from '../api/client';
import { messageOf } from '../components/useCall';
import { useDesk } from './desk-context';
import { Recover } from './Recover';

interface Values {
  name: string;
  password: string;
}

/** More operators than this: a name field instead of one button per name. */
const MAX_NAME_BUTTONS = 8;

export function SignIn() {
  const { status, signIn, signOut } = useDesk();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [recovering, setRecovering] = useState(false);
  if (!status) return null;
  const locked = status.state === 'locked' ? status.operator : undefined;
  const operators = status.operators;

  if (recovering) return <Recover onBack={() => setRecovering(false)} />;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await signIn(locked?.name ?? values.name, values.password);
    } catch (failure) {
      form.setFieldValue('password', '');
      if (failure instanceof ApiError && failure.field === 'password') form.setFields([{ name: 'password', errors: [failure.message] }]);
      else if (failure instanceof ApiError && failure.field === 'name') form.setFields([{ name: 'name', errors: [failure.message] }]);
      else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="first-run sign-in">
      <Card style={{ maxWidth: 560, width: '100%' }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {locked ? <LockOutlined /> : <UserOutlined />} {status.office ?? '人民调解工作台'}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {locked ? `工作台已锁定。${locked.name}，请输入密码继续。` : '请点您的姓名，输入密码后登录。'}
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<Values> form={form} name="sign-in" layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          {locked ? null : (
            <Form.Item label="操作员" name="name" rules={[{ required: true, message: '请选择或填写您的姓名' }]}>
              {operators.length > 0 && operators.length <= MAX_NAME_BUTTONS ? (
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                  className="operator-names"
                  options={operators.map((o) => ({ value: o.name, label: `${o.name}（${OPERATOR_ROLES.label(o.role)}）` }))}
                />
              ) : (
                <Input size="large" autoComplete="username" placeholder="姓名" />
              )}
            </Form.Item>
          )}
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password size="large" autoComplete="current-password" autoFocus={!!locked} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {locked ? '解锁' : '登录'}
          </Button>
        </Form>
        <Space style={{ marginTop: 16, justifyContent: 'space-between', width: '100%' }}>
          {locked ? (
            <Button type="link" onClick={() => void signOut()}>
              切换操作员
            </Button>
          ) : (
            <span />
          )}
          <Button type="link" onClick={() => setRecovering(true)}>
            忘记密码？
          </Button>
        </Space>
      </Card>
    </div>
  );
}
