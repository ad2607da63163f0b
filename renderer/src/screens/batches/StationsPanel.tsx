/** 站点上报 → 站点公钥: trust a station's key (after reading its fingerprint back by phone), revoke one. */

import { App, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';

import { call } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';
import { JSON_FILTERS, PathField } from './PathField';

export function StationsPanel() {
  const { message } = App.useApp();
  const report = useFailure();
  const list = useCall('centre.stations', {}, []);
  const [keyFile, setKeyFile] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const trust = async () => {
    setBusy(true);
    try {
      const station = await call('centre.trust', { file: keyFile });
      void message.success(`${station.already ? '该站点公钥此前已登记' : '已登记'}：${station.name}，指纹 ${station.fingerprint}`);
      setKeyFile('');
      list.reload();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (fingerprint: string) => {
    try {
      await call('centre.revoke', { fingerprint, reason: reason || undefined });
      void message.success(`已吊销 ${fingerprint}`);
      list.reload();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ErrorNotice error={list.error} onRetry={list.reload} />
      <Card title="登记站点公钥">
        <Typography.Paragraph type="secondary">
          登记前请电话请站点念一遍其指纹（站点：设置 → 密钥与指纹），与登记后显示的指纹逐组核对。只接收已登记站点签名的批次。
        </Typography.Paragraph>
        <div style={{ maxWidth: 720 }}>
          <PathField mode="open" title="选择站点公钥文件" filters={JSON_FILTERS} value={keyFile} onChange={setKeyFile} />
        </div>
        <Button type="primary" style={{ marginTop: 12 }} disabled={!keyFile.trim() || busy} onClick={() => void trust()}>
          登记
        </Button>
      </Card>
      <Card title={`已登记的站点${list.data ? `（本中心指纹 ${list.data.centreFingerprint}）` : ''}`}>
        <Table
          rowKey="fingerprint"
          loading={list.loading}
          dataSource={list.data?.stations ?? []}
          pagination={false}
          columns={[
            { title: '站点', dataIndex: 'name' },
            { title: '站点代码', dataIndex: 'stationCode', width: 140 },
            { title: '指纹', dataIndex: 'fingerprint', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            {
              title: '状态',
              dataIndex: 'revokedAt',
              render: (v: string | undefined, row) =>
                v ? (
                  <Tag color="red">{`${v.slice(0, 10)} 吊销${row.revokeReason ? `：${row.revokeReason}` : ''}`}</Tag>
                ) : (
                  <Tag color="green">{`${row.trustedAt.slice(0, 10)} 登记`}</Tag>
                ),
            },
            {
              title: '',
              key: 'revoke',
              width: 100,
              render: (_: unknown, row) =>
                row.revokedAt ? null : (
                  <Popconfirm
                    title="吊销这个站点公钥？"
                    description={<Input placeholder="原因（如：电脑丢失）" value={reason} onChange={(e) => setReason(e.target.value)} />}
                    okText="吊销"
                    cancelText="不吊销"
                    onConfirm={() => void revoke(row.fingerprint)}
                  >
                    <Button danger size="small">
                      吊销
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
