/**
 * 设置 → 密钥与指纹: this installation's fingerprint (to read over the phone), exporting the public-key
 * file, and at a station the centre's key (for sealing batches and checking receipts).
 */

import { App, Button, Card, Descriptions, Form, Space, Typography } from 'antd';
import { useState } from 'react';

import { call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { askOverwrite, withOverwriteQuestion } from '../../components/overwrite';
import { useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';
import { CentreKeyCard } from './CentreKeyCard';
import { JSON_FILTERS, PathField } from './PathField';

export function KeysPanel() {
  const { settings } = useDesk();
  const { message, modal } = App.useApp();
  const report = useFailure();
  const keys = useCall('keys.show', {}, []);
  const [out, setOut] = useState('');
  const [busy, setBusy] = useState(false);
  const isCentre = settings?.role === 'centre';

  const exportKey = async () => {
    setBusy(true);
    try {
      const result = await withOverwriteQuestion((overwrite) => call('keys.export', { out, overwrite }), askOverwrite(modal));
      if (result) void message.success(`公钥文件已保存：${result.file}`);
    } catch (error) {
      report(error);
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
      {!isCentre ? <CentreKeyCard /> : null}
    </Space>
  );
}

export default KeysPanel;
