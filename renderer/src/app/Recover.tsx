/**
 * 忘记密码: the two ways back in when no operator remembers a password. With the 恢复码 sheet, at once;
 * without it, through the centre (if this station set up escrow): a request file for the centre, and its
 * answer file, which only this computer can apply. Both end with an administrator's new password.
 */

import { Alert, App, Button, Card, Form, type FormInstance, Input, Steps, Tabs, Typography } from 'antd';
import { useState } from 'react';

import { ApiError, call } from '../api/client';
import { askOverwrite, withOverwriteQuestion } from '../components/overwrite';
import { messageOf } from '../components/useCall';
import { JSON_FILTERS, PathField } from '../screens/batches/PathField';
import { useDesk } from './desk-context';
import { NewPasswordFields } from './NewPasswordFields';

interface AdminValues {
  name: string;
  password: string;
  confirm: string;
}

/** Put a refused field's message beside it, or return the message for the top of the form. */
function placeError(form: FormInstance, failure: unknown, fields: string[]): string | undefined {
  if (failure instanceof ApiError && failure.field && fields.includes(failure.field)) {
    form.setFields([{ name: failure.field, errors: [failure.message] }]);
    return undefined;
  }
  return messageOf(failure);
}

export function Recover({ onBack }: { onBack(): void }) {
  const { status } = useDesk();
  const firstAdmin = status?.operators.find((o) => o.role === 'admin')?.name ?? '';
  const escrow = status?.recovery.escrow ?? false;
  return (
    <div className="first-run">
      <Card style={{ maxWidth: 680, width: '100%' }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          忘记密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          某位操作员忘记密码时，请管理员在“设置→操作员”中为他重设密码。只有全部管理员都忘记了密码，才需要下面的办法。
        </Typography.Paragraph>
        <Tabs
          items={[
            { key: 'code', label: '使用恢复码', children: <WithCode firstAdmin={firstAdmin} /> },
            { key: 'centre', label: '请中心协助', children: escrow ? <WithCentre firstAdmin={firstAdmin} /> : <NoEscrow /> },
          ]}
        />
        <Button onClick={onBack} style={{ marginTop: 8 }}>
          返回登录
        </Button>
      </Card>
    </div>
  );
}

function WithCode({ firstAdmin }: { firstAdmin: string }) {
  const { reloadStatus } = useDesk();
  const [form] = Form.useForm<AdminValues & { code: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: AdminValues & { code: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await call('recovery.use', { code: values.code, name: values.name, password: values.password });
      await reloadStatus();
    } catch (failure) {
      setError(placeError(form, failure, ['code', 'name', 'password']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      form={form}
      name="recover-with-code"
      layout="vertical"
      initialValues={{ name: firstAdmin }}
      onFinish={(v) => void submit(v)}
      requiredMark={false}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form.Item label="恢复码（恢复码单上的32位数字）" name="code" rules={[{ required: true, message: '请输入恢复码' }]}>
        <Input size="large" className="mono" placeholder="例如 1234-5678-…" autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="管理员姓名"
        name="name"
        extra="填写现有管理员的姓名，为他设置新密码；填写新的姓名则新建一位管理员"
        rules={[{ required: true, message: '请填写管理员姓名' }]}
      >
        <Input size="large" />
      </Form.Item>
      <NewPasswordFields />
      <Button type="primary" htmlType="submit" size="large" loading={busy}>
        设置新密码并登录
      </Button>
    </Form>
  );
}

function NoEscrow() {
  return (
    <Alert
      type="info"
      showIcon
      title="本机构没有设置“交中心托管”"
      description="只能使用恢复码。找不到恢复码单时，请联系中心的技术人员：没有密码、恢复码和托管，加密的数据无法打开。"
    />
  );
}

function WithCentre({ firstAdmin }: { firstAdmin: string }) {
  const { modal } = App.useApp();
  const { reloadStatus } = useDesk();
  const [requestFile, setRequestFile] = useState('');
  const [responseFile, setResponseFile] = useState('');
  const [request, setRequest] = useState<{ checkCode: string; file: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<AdminValues>();

  const makeRequest = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const made = await withOverwriteQuestion((overwrite) => call('escrow.request', { out: requestFile, overwrite }), askOverwrite(modal));
      if (made) setRequest(made);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const apply = async (values: AdminValues) => {
    setBusy(true);
    setError(undefined);
    try {
      await call('escrow.apply', { response: responseFile, name: values.name, password: values.password });
      await reloadStatus();
    } catch (failure) {
      setError(placeError(form, failure, ['name', 'password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Steps
        direction="vertical"
        items={[
          {
            title: '生成恢复申请文件，交给中心',
            description: (
              <div className="recover-step">
                <PathField
                  value={requestFile}
                  onChange={setRequestFile}
                  mode="save"
                  title="恢复申请文件的保存位置"
                  filters={JSON_FILTERS}
                  defaultName="恢复申请.json"
                />
                <Button onClick={() => void makeRequest()} loading={busy} disabled={!requestFile.trim()} style={{ marginTop: 8 }}>
                  生成申请文件
                </Button>
                {request ? (
                  <Alert
                    type="success"
                    showIcon
                    style={{ marginTop: 8 }}
                    title={`已保存：${request.file}`}
                    description={
                      <>
                        请用U盘把文件交给中心，并电话核对核对码：
                        <Typography.Text strong className="mono check-code">
                          {request.checkCode}
                        </Typography.Text>
                      </>
                    }
                  />
                ) : null}
              </div>
            ),
          },
          {
            title: '导入中心的答复文件，设置管理员的新密码',
            description: (
              <Form
                form={form}
                name="recover-with-centre"
                layout="vertical"
                initialValues={{ name: firstAdmin }}
                onFinish={(v) => void apply(v)}
                requiredMark={false}
              >
                <Form.Item label="中心的答复文件">
                  <PathField value={responseFile} onChange={setResponseFile} mode="open" title="中心的答复文件" filters={JSON_FILTERS} />
                </Form.Item>
                <Form.Item label="管理员姓名" name="name" rules={[{ required: true, message: '请填写管理员姓名' }]}>
                  <Input size="large" />
                </Form.Item>
                <NewPasswordFields />
                <Button type="primary" htmlType="submit" size="large" loading={busy} disabled={!responseFile.trim()}>
                  设置新密码并登录
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </div>
  );
}
