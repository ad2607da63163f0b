/**
 * At a station: the centre's public key (to seal batches to the centre and to check its receipts).
 * Shown in 设置 → 密钥与指纹 and in 批量上报 → 上报记录与回执, where a receipt first needs it.
 */

import { App, Button, Card, Form, Typography } from 'antd';
import { useState } from 'react';

import { ApiError, call } from '../../api/client';
import { askConfirmation } from '../../components/overwrite';
import { useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';
import { JSON_FILTERS, PathField } from './PathField';

export function CentreKeyCard({ reloadKey }: { reloadKey?: number }) {
  const { message, modal } = App.useApp();
  const askReplace = askConfirmation(modal, '更换登记的中心公钥？', '更换');
  const report = useFailure();
  const keys = useCall('keys.show', {}, [reloadKey]);
  const [file, setFile] = useState('');
  const [busy, setBusy] = useState(false);
  const centre = keys.data?.centre;

  const register = async () => {
    setBusy(true);
    try {
      const result = await call('keys.importCentre', { file }).catch(async (error: unknown) => {
        // Another centre is recorded: replacing it is a deliberate act, asked here and logged by the core.
        if (!(error instanceof ApiError) || (error.details as { needsConfirmation?: string } | undefined)?.needsConfirmation !== 'replace')
          throw error;
        const confirmed = await askReplace(error.message);
        return confirmed ? call('keys.importCentre', { file, replace: true, reason: '在桌面程序中确认更换' }) : undefined;
      });
      if (!result) return;
      void message.success(
        `已登记中心“${result.name}”的公钥，指纹 ${result.fingerprint}${result.previous ? `（已更换原指纹 ${result.previous}）` : ''}`,
      );
      setFile('');
      keys.reload();
    } catch (error) {
      report(error, '未能登记中心公钥');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="中心的公钥" data-testid="centre-key-card">
      <Typography.Paragraph>
        {centre ? (
          <>
            已登记：{centre.name}，指纹 <Typography.Text strong>{centre.fingerprint}</Typography.Text>
          </>
        ) : keys.data ? (
          '尚未登记。'
        ) : null}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        登记后，上报批次可以加密给中心（只有中心能打开），中心的回执也用它核对。中心的第一份回执通常附带中心公钥，应用回执时电话核对指纹即可一并登记。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={centre ? '更换为另一个中心公钥文件' : '中心公钥文件'} htmlFor="centre-key">
          <PathField id="centre-key" mode="open" title="选择中心公钥文件" filters={JSON_FILTERS} value={file} onChange={setFile} />
        </Form.Item>
        <Button onClick={() => void register()} disabled={!file.trim() || busy}>
          登记中心公钥
        </Button>
      </Form>
    </Card>
  );
}
