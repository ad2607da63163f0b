/**
 * 设置 → 数据安全: whether the office's data is encrypted (turning it on or off, with every backup), the
 * recovery code (a new one, shown once, with its sheet), the idle time after which the workbench locks,
 * and the centre's escrow (EscrowPanel).
 */

import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';

import { call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { RecoveryCode, RecoverySheetButtons } from '../../app/RecoveryCodeNotice';
import { ErrorNotice } from '../../components/ErrorNotice';
import { messageOf, useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';
import { AdminOnly } from './AdminOnly';
import { EscrowPanel } from './EscrowPanel';

export default function SecurityPanel() {
  const status = useCall('encryption.status', {}, []);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 820 }}>
      <ErrorNotice error={status.error} onRetry={status.reload} />
      <AdminOnly what="数据加密、恢复码和自动锁定的设置">
        <Encryption encrypted={status.data?.encrypted} onChange={status.reload} />
        <Recovery issuedAt={status.data?.recoveryIssuedAt ?? null} onChange={status.reload} />
        <IdleLock />
      </AdminOnly>
      <EscrowPanel escrow={status.data?.escrow ?? null} onChange={status.reload} />
    </Space>
  );
}

/** Ask the administrator's own password (turning encryption off, a new recovery code). */
function usePasswordPrompt() {
  const { modal } = App.useApp();
  return (title: string, content: string) =>
    new Promise<string | null>((resolve) => {
      let typed = '';
      modal.confirm({
        title,
        content: (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>{content}</Typography.Text>
            <Input.Password autoFocus aria-label="管理员密码" placeholder="您的密码" onChange={(e) => (typed = e.target.value)} />
          </Space>
        ),
        okText: '确定',
        cancelText: '取消',
        onOk: () => resolve(typed),
        onCancel: () => resolve(null),
      });
    });
}

function Encryption({ encrypted, onChange }: { encrypted: boolean | undefined; onChange(): void }) {
  const { modal, message } = App.useApp();
  const report = useFailure();
  const askPassword = usePasswordPrompt();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      void message.success(done);
      onChange();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  const enable = () =>
    modal.confirm({
      title: '开启数据加密？',
      content: '全部案件数据和备份都将改为加密保存。数据多时需要几分钟；中途断电也不会丢失数据。',
      okText: '开启加密',
      cancelText: '取消',
      onOk: () => run(() => call('encryption.enable', {}), '已开启加密'),
    });
  const disable = async () => {
    const password = await askPassword('关闭数据加密？', '关闭后，电脑上的案件数据（含备份）将不再加密。请输入您的密码确认。');
    if (password !== null) await run(() => call('encryption.disable', { password }), '已关闭加密');
  };
  return (
    <Card title="数据加密">
      <Space orientation="vertical">
        <Space>
          本机的案件数据和备份：
          {encrypted === undefined ? null : encrypted ? <Tag color="green">已加密</Tag> : <Tag color="red">没有加密</Tag>}
        </Space>
        <Typography.Text type="secondary">
          加密后，电脑丢失或被人拷走数据文件夹时，别人读不出当事人的姓名、身份证号码和电话。每位操作员的密码和恢复码都能打开数据。
        </Typography.Text>
        {encrypted === false ? (
          <Button type="primary" loading={busy} onClick={() => void enable()}>
            开启加密
          </Button>
        ) : encrypted ? (
          <Button danger loading={busy} onClick={() => void disable()}>
            关闭加密
          </Button>
        ) : null}
      </Space>
    </Card>
  );
}

function Recovery({ issuedAt, onChange }: { issuedAt: string | null; onChange(): void }) {
  const report = useFailure();
  const askPassword = usePasswordPrompt();
  const [code, setCode] = useState<string>();
  const reissue = async () => {
    const password = await askPassword('重新生成恢复码？', '旧的恢复码单将作废。请输入您的密码确认。');
    if (password === null) return;
    try {
      setCode((await call('recovery.reissue', { password })).code);
      onChange();
    } catch (error) {
      report(error);
    }
  };
  return (
    <Card title="恢复码">
      <Space orientation="vertical">
        <Typography.Text>
          {issuedAt ? `现在的恢复码生成于 ${new Date(issuedAt).toLocaleDateString('zh-CN')}。` : '还没有恢复码。'}
          恢复码单丢失或可能被别人看到时，请重新生成。
        </Typography.Text>
        <Button onClick={() => void reissue()}>重新生成恢复码</Button>
      </Space>
      <Modal
        open={!!code}
        title="新的恢复码（只显示这一次）"
        footer={<Button onClick={() => setCode(undefined)}>我已保存，关闭</Button>}
        closable={false}
        width={640}
      >
        {code ? (
          <>
            <Alert type="warning" showIcon title="旧的恢复码已作废。请打印新的恢复码单，放进保险柜。" />
            <RecoveryCode code={code} />
            <RecoverySheetButtons code={code} />
          </>
        ) : null}
      </Modal>
    </Card>
  );
}

function IdleLock() {
  const { settings, updateSettings } = useDesk();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ idleLockMinutes: number }>();
  const save = async ({ idleLockMinutes }: { idleLockMinutes: number }) => {
    try {
      await updateSettings({ idleLockMinutes });
      void message.success('已保存');
    } catch (error) {
      form.setFields([{ name: 'idleLockMinutes', errors: [messageOf(error)] }]);
    }
  };
  return (
    <Card title="自动锁定">
      <Form form={form} layout="inline" initialValues={{ idleLockMinutes: settings?.idleLockMinutes ?? 10 }} onFinish={(v) => void save(v)}>
        <Form.Item label="无人操作" name="idleLockMinutes" rules={[{ required: true, message: '请填写分钟数' }]}>
          <InputNumber min={1} max={240} precision={0} addonAfter="分钟后锁定" />
        </Form.Item>
        <Button htmlType="submit">保存</Button>
      </Form>
      <Descriptions size="small" style={{ marginTop: 12 }} column={1}>
        <Descriptions.Item label="另外">电脑锁屏或休眠时，工作台也会立即锁定。</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
