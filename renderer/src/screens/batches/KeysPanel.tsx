/**
 * 设置 → 密钥与指纹: this installation's fingerprint (to read over the phone), exporting the public-key
 * file, and at a station the centre's key (for sealing batches and checking receipts).
 */

import { App, Button, Card, Descriptions, Form, Space, Typography } from 'antd';
import { useState } from 'react';

import { ApiError, call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { askConfirmation, askOverwrite, withOverwriteQuestion } from '../../components/overwrite';
import { messageOf, useCall } from '../../components/useCall';
import { JSON_FILTERS, PathField } from './PathField';

export function KeysPanel() {
  const { settings } = useDesk();
  const { message, modal } = App.useApp();
  const askReplace = askConfirmation(modal, '更换登记的中心公钥？', '更换');
  const keys = useCall('keys.show', {}, []);
  const [out, setOut] = useState('');
  const [centreFile, setCentreFile] = useState('');
  const [busy, setBusy] = useState(false);
  const isCentre = settings?.role === 'centre';

  const exportKey = async () => {
    setBusy(true);
    try {
      const result = await withOverwriteQuestion((overwrite) => call('keys.export', { out, overwrite }), askOverwrite(modal));
      if (result) void message.success(`公钥文件已保存：${result.file}`);
    } catch (error) {
      void message.error(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const importCentre = async () => {
    setBusy(true);
    try {
      const result = await call('keys.importCentre', { file: centreFile }).catch(async (error: unknown) => {
        // Another centre is recorded: replacing it is a deliberate act, asked here and logged by the core.
        if (!(error instanceof ApiError) || (error.details as { needsConfirmation?: string } | undefined)?.needsConfirmation !== 'replace')
          throw error;
        const confirmed = await askReplace(error.message);
        return confirmed ? call('keys.importCentre', { file: centreFile, replace: true, reason: '在桌面程序中确认更换' }) : undefined;
      });
      if (!result) return;
      void message.success(
        `已登记中心“${result.name}”的公钥，指纹 ${result.fingerprint}${result.previous ? `（已更换原指纹 ${result.previous}）` : ''}`,
      );
      keys.reload();
    } catch (error) {
      void message.error(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 760 }}>
      <ErrorNotice error={keys.error} onRetry={keys.reload} />
      <Card title="本机密钥" loading={keys.loading}>
        {keys.data ? (
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="指纹">
              <Typography.Text strong copyable style={{ fontSize: '1.4em', letterSpacing: 2 }}>
                {keys.data.fingerprint}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="机构">{`${keys.data.name}（${keys.data.stationCode}）`}</Descriptions.Item>
            <Descriptions.Item label="生成时间">{keys.data.createdAt.slice(0, 10)}</Descriptions.Item>
            {!isCentre ? (
              <Descriptions.Item label="已登记的中心">
                {keys.data.centre ? `${keys.data.centre.name}（指纹 ${keys.data.centre.fingerprint}）` : '尚未登记'}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {isCentre
            ? '把公钥文件交给各站点：站点用它加密上报批次、核对中心回执。请电话向站点念一遍指纹。'
            : '把公钥文件交给公共法律服务中心登记，并电话向中心念一遍指纹，中心核对无误后才会接收本站的批次。'}
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="导出公钥文件到" htmlFor="key-out">
            <PathField
              id="key-out"
              mode="save"
              title="保存公钥文件"
              filters={JSON_FILTERS}
              defaultName={`${settings?.stationCode ?? 'key'}_公钥.json`}
              value={out}
              onChange={setOut}
            />
          </Form.Item>
          <Button type="primary" onClick={() => void exportKey()} disabled={!out || busy}>
            导出公钥文件
          </Button>
        </Form>
      </Card>
      {!isCentre ? (
        <Card title="中心的公钥">
          <Typography.Paragraph type="secondary">
            登记后，上报批次可以加密给中心（只有中心能打开），中心的回执也用它核对。导出时选择“加密给中心”也会用到它。
          </Typography.Paragraph>
          <Form layout="vertical">
            <Form.Item label="中心公钥文件" htmlFor="centre-key">
              <PathField
                id="centre-key"
                mode="open"
                title="选择中心公钥文件"
                filters={JSON_FILTERS}
                value={centreFile}
                onChange={setCentreFile}
              />
            </Form.Item>
            <Button onClick={() => void importCentre()} disabled={!centreFile || busy}>
              登记中心公钥
            </Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}

export default KeysPanel;
