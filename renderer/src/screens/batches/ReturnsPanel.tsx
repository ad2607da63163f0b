/**
 * 站点上报 → 退回补正 (centre): the cases returned to their stations and whether a corrected revision has
 * come back; and 签发回执, a signed receipt to one station with every return still open (the station
 * applies it in 批量上报). A return is made from the case itself (案件详情 → 退回补正).
 */

import { App, Button, Card, Form, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';

import { stationLabel } from '../../../../electron/core/oversight/stats';
import { call } from '../../api/client';
import { navigate } from '../../app/route';
import { ErrorNotice } from '../../components/ErrorNotice';
import { askOverwrite, withOverwriteQuestion } from '../../components/overwrite';
import { useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';
import { JSON_FILTERS, PathField } from './PathField';

export function ReturnsPanel() {
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const returns = useCall('centre.returns', status === 'all' ? {} : { status }, [status]);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <IssueReceipt onIssued={returns.reload} />
      <Card
        title="退回补正的案件"
        extra={
          <Radio.Group
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
            options={[
              { value: 'open', label: '待站点补正' },
              { value: 'closed', label: '已补正' },
              { value: 'all', label: '全部' },
            ]}
            optionType="button"
          />
        }
      >
        <ErrorNotice error={returns.error} onRetry={returns.reload} />
        <Table
          rowKey="id"
          size="small"
          loading={returns.loading}
          dataSource={returns.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '没有退回补正的案件' }}
          columns={[
            {
              title: '案号',
              dataIndex: 'number',
              render: (v: string, r) => <a onClick={() => navigate('case', [r.caseId])}>{v}</a>,
            },
            { title: '站点', key: 'station', render: (_, r) => stationLabel(r.stationCode, r.stationName) },
            { title: '退回日期', dataIndex: 'at', width: 110, render: (v: string) => new Date(v).toLocaleDateString('zh-CN') },
            { title: '理由', dataIndex: 'reason' },
            {
              title: '状态',
              key: 'status',
              width: 200,
              render: (_, r) =>
                r.status === 'open' ? (
                  <Tag color="orange">{r.receipts.length ? `待补正（已随${r.receipts.length}份回执发出）` : '待补正（尚未发回执）'}</Tag>
                ) : (
                  <Tag color="green">{`已补正（第${r.closed?.revision}版）`}</Tag>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function IssueReceipt({ onIssued }: { onIssued(): void }) {
  const { message, modal } = App.useApp();
  const report = useFailure();
  const stations = useCall('centre.stationNames', {}, []);
  const [station, setStation] = useState<string>();
  const [out, setOut] = useState('');
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    if (!station) return;
    setBusy(true);
    try {
      const issued = await withOverwriteQuestion(
        (overwrite) => call('centre.issueReceipt', { station, out, overwrite }),
        askOverwrite(modal),
      );
      if (!issued) return;
      void message.success(
        `已签发回执：${issued.cases}件（退回补正${issued.returned}件）${issued.requests ? `，来访登记${issued.requests}条` : ''}，请交站点应用。`,
      );
      onIssued();
    } catch (failure) {
      report(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="签发回执给站点">
      <Typography.Paragraph type="secondary">
        回执列出该站点的全部案件：退回补正的附中心的理由，其余为“已接收”。导入批次时写出的回执也会带上待补正的退回。
      </Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 640 }} component="div">
        <Form.Item label="站点">
          <Select
            value={station}
            onChange={setStation}
            placeholder="选择站点"
            options={(stations.data ?? []).map((s) => ({ value: s.code, label: stationLabel(s.code, s.name) }))}
            aria-label="签发回执的站点"
          />
        </Form.Item>
        <Form.Item label="回执保存为">
          <PathField
            mode="save"
            title="保存签发的回执"
            filters={JSON_FILTERS}
            defaultName={`${station ?? '站点'}.receipt.json`}
            value={out}
            onChange={setOut}
          />
        </Form.Item>
        <Button type="primary" disabled={!station || !out.trim()} loading={busy} onClick={() => void issue()}>
          签发回执
        </Button>
      </Form>
    </Card>
  );
}
