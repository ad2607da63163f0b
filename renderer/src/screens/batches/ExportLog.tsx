/**
 * 批量上报 → 上报记录与回执: apply the centre's receipt (the first one may register the centre's key),
 * the centre's key, the batches exported and the receipts applied.
 */

import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';

import type { ApiResult } from '../../../../electron/core/api';
import { phoneCodeOfHex } from '../../../../electron/core/batches/phone-code';
import { actionOf } from '../../../../electron/core/errors';
import { ApiError, call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCall } from '../../components/useCall';
import { CentreKeyCard } from './CentreKeyCard';
import type { Choice } from './ExportWizard';
import { ConfirmCentreOffer } from './KeyOffers';
import { JSON_FILTERS, PathField } from './PathField';

const SELECTION_LABELS: Record<Choice, string> = { pending: '待上报', all: '全部', range: '日期范围' };

export function ExportLog() {
  const { dataChanged } = useDesk();
  const log = useCall('batches.log', {}, []);
  const [receipt, setReceipt] = useState('');
  const [applied, setApplied] = useState<ApiResult<'batches.applyReceipt'>>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error>();
  const [centreRegistered, setCentreRegistered] = useState(0);
  const station = log.data?.role === 'station' ? log.data : undefined;

  // A failure stays on the card until the next attempt; the first receipt may offer the centre's key.
  const apply = async (trustCentre?: string) => {
    setBusy(true);
    setFailure(undefined);
    setApplied(undefined);
    try {
      const result = await call('batches.applyReceipt', { file: receipt, ...(trustCentre ? { trustCentre } : {}) });
      setApplied(result);
      if (trustCentre) setCentreRegistered((n) => n + 1);
      dataChanged();
      log.reload();
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
    }
  };
  const offer = failure instanceof ApiError ? actionOf(failure.details) : undefined;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ErrorNotice error={log.error} onRetry={log.reload} />
      <Card title="应用中心回执">
        <Typography.Paragraph type="secondary">
          中心导入批次后会给出回执文件。应用后，案件列表中会显示“已接收”或“退回”及退回理由。
        </Typography.Paragraph>
        <div style={{ maxWidth: 720 }}>
          <PathField mode="open" title="选择回执文件" filters={JSON_FILTERS} value={receipt} onChange={setReceipt} />
        </div>
        <Button type="primary" style={{ marginTop: 12, marginBottom: 16 }} disabled={!receipt.trim() || busy} onClick={() => void apply()}>
          应用回执
        </Button>
        <ErrorNotice error={failure} onClose={() => setFailure(undefined)}>
          {offer?.kind === 'confirm-centre-key' ? <ConfirmCentreOffer action={offer} onConfirmed={(f) => void apply(f)} /> : null}
        </ErrorNotice>
        {applied ? (
          <Alert
            style={{ marginTop: 16 }}
            type={applied.returned ? 'warning' : 'success'}
            showIcon
            title={`${applied.centre}：已接收 ${applied.received} 件，退回 ${applied.returned} 件${applied.unchanged ? `，${applied.unchanged} 件此前已标记` : ''}`}
            description={
              applied.returnedCases.length ? (
                <ul style={{ margin: 0 }}>
                  {applied.returnedCases.map((c) => (
                    <li key={c.id}>
                      {c.number}：{c.reason ?? '（未写理由）'}
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        ) : null}
      </Card>
      <CentreKeyCard reloadKey={centreRegistered} />
      <Card title={`已导出的批次${station ? `（待上报 ${station.pending} 件）` : ''}`}>
        <Table
          rowKey="batchId"
          loading={log.loading}
          dataSource={station?.exports ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: '序号', dataIndex: 'sequence', width: 70 },
            { title: '导出时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
            { title: '文件名', dataIndex: 'fileName' },
            {
              title: '范围',
              dataIndex: 'selection',
              render: (s: { kind: Choice; from?: string; to?: string }) =>
                s.kind === 'range' ? `${s.from} 至 ${s.to}` : SELECTION_LABELS[s.kind],
            },
            { title: '案件', dataIndex: 'caseCount', width: 80 },
            { title: '文书', dataIndex: 'documentCount', width: 80 },
            {
              title: '加密',
              dataIndex: 'sealedTo',
              width: 80,
              render: (v?: string) => (v ? <Tag color="green">已加密</Tag> : <Tag>未加密</Tag>),
            },
            {
              title: '核对码',
              dataIndex: 'sha256',
              width: 210,
              render: (v: string) => (
                <Typography.Text copyable={{ text: v, tooltips: ['复制完整的 SHA-256', '已复制'] }} title={`SHA-256：${v}`}>
                  {phoneCodeOfHex(v)}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Card title="已应用的回执">
        <Table
          rowKey="receiptId"
          dataSource={station?.receipts ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: '应用时间', dataIndex: 'appliedAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
            { title: '中心签发', dataIndex: 'issuedAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
            { title: '已接收', dataIndex: 'received', width: 90 },
            { title: '退回', dataIndex: 'returned', width: 90 },
          ]}
        />
      </Card>
    </Space>
  );
}
