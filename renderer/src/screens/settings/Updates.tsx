/** 设置 → 软件更新: the office's update server and, in the desktop app, the updater's state. */

import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';

import type { Settings } from '../../../../electron/core/schema/settings';
import { call } from '../../api/client';
import { useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';
import { useSave } from './useSave';

/** The shell's updater state (`updates.*` exist only in the desktop app; the harness answers NOT_FOUND). */
interface UpdaterStatus {
  state: string;
  message: string;
  checkedAt: string | null;
  version?: string;
}

/** Calls outside the core's table (the shell adds them to the IPC table), hence the loose typing. */
const shellCall = (name: string) => call(name as never, {} as never) as Promise<unknown>;

export function Updates({ settings }: { settings: Settings }) {
  const [form] = Form.useForm();
  const { save, saving } = useSave(form);
  const { message } = App.useApp();
  const report = useFailure();
  const status = useCall('updates.status' as never, {} as never, []);
  const [checked, setChecked] = useState<UpdaterStatus>();
  const [checking, setChecking] = useState(false);
  const current = checked ?? (status.data as UpdaterStatus | undefined);
  const desktopOnly = status.error?.code === 'NOT_FOUND';

  const check = async () => {
    setChecking(true);
    try {
      setChecked((await shellCall('updates.check')) as UpdaterStatus);
    } catch (failure) {
      report(failure);
    } finally {
      setChecking(false);
    }
  };
  const restart = async () => {
    const restarted = (await shellCall('updates.restart').catch(() => false)) as boolean;
    if (!restarted) void message.warning('还有未保存的内容，请先保存后再重启更新');
  };

  return (
    <Card style={{ maxWidth: 760 }}>
      <Form layout="vertical" form={form} initialValues={{ updateServer: settings.updateServer }} onFinish={(values) => void save(values)}>
        <Form.Item label="更新服务器地址" name="updateServer" extra="由上级中心提供的内网地址；没有网络时程序不会报错">
          <Input placeholder="例如：http://192.168.1.10/mediation-desk/" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
      <div style={{ marginTop: 16 }} data-testid="update-status">
        {desktopOnly ? (
          <Typography.Text type="secondary">更新状态：仅在桌面程序中显示</Typography.Text>
        ) : current ? (
          <Space wrap>
            <Typography.Text>{current.message}</Typography.Text>
            {current.checkedAt ? (
              <Typography.Text type="secondary">
                （上次检查：{new Date(current.checkedAt).toLocaleString('zh-CN', { hour12: false })}）
              </Typography.Text>
            ) : null}
            <Button loading={checking} onClick={() => void check()}>
              立即检查
            </Button>
            {current.state === 'downloaded' ? (
              <Button type="primary" onClick={() => void restart()}>
                立即重启并更新{current.version ? `到 ${current.version}` : ''}
              </Button>
            ) : null}
          </Space>
        ) : status.error ? (
          <Typography.Text type="secondary">{status.error.message}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">正在查询更新状态……</Typography.Text>
        )}
      </div>
    </Card>
  );
}
