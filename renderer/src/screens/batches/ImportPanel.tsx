/** 站点上报 → 导入批次: verify and import a station's batch, with a per-case result table and the receipt to send back. */

import { App, Button, Card, Form, Progress, Result, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';

import type { ApiResult } from '../../../../electron/core/api';
import { phoneCodeOfHex } from '../../../../electron/core/batches/phone-code';
import { ApiError, call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { explain } from '../../components/errorText';
import { askOverwrite, withOverwriteQuestion } from '../../components/overwrite';
import { messageOf } from '../../components/useCall';
import { TrustStationOffer } from './KeyOffers';
import { JSON_FILTERS, PathField, ZIP_FILTERS } from './PathField';

type ImportResult = ApiResult<'batches.import'>;
type VerifyResult = ApiResult<'batches.verify'>;

const RESULT_TAGS: Record<string, { color: string; label: string }> = {
  new: { color: 'green', label: '新增' },
  updated: { color: 'blue', label: '更新' },
  unchanged: { color: 'default', label: '无变化' },
  skipped: { color: 'orange', label: '跳过（中心版本较新）' },
  rejected: { color: 'red', label: '拒收' },
};

const receiptNameFor = (file: string) => file.replace(/\.zip$/i, '') + '.receipt.json';

export function ImportPanel() {
  const { dataChanged } = useDesk();
  const { modal } = App.useApp();
  const [file, setFile] = useState('');
  const [receiptOut, setReceiptOut] = useState('');
  const [busy, setBusy] = useState<'verify' | 'import' | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; label?: string }>();
  const [verified, setVerified] = useState<VerifyResult>();
  const [imported, setImported] = useState<ImportResult>();
  const [failure, setFailure] = useState<ApiError>();
  const controller = useRef<AbortController | null>(null);
  const explained = failure ? explain(failure) : undefined;

  const run = async (what: 'verify' | 'import') => {
    setBusy(what);
    setFailure(undefined);
    setProgress(undefined);
    if (what === 'import') setImported(undefined);
    else setVerified(undefined);
    controller.current = new AbortController();
    const options = {
      signal: controller.current.signal,
      onProgress: (event: { done: number; total: number; label?: string }) => setProgress(event),
    };
    try {
      if (what === 'verify') setVerified(await call('batches.verify', { file }, options));
      else {
        const done = await withOverwriteQuestion(
          (overwrite) =>
            call('batches.import', { file, receiptOut: receiptOut || receiptNameFor(file), overwrite, perCase: true }, options),
          askOverwrite(modal),
        );
        if (done) setImported(done);
        dataChanged();
      }
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError('INTERNAL', messageOf(error)));
    } finally {
      setBusy(null);
      controller.current = null;
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Form layout="vertical" style={{ maxWidth: 720 }}>
          <Form.Item label="批次文件" htmlFor="batch-file">
            <PathField
              id="batch-file"
              mode="open"
              title="选择站点的批次文件"
              filters={ZIP_FILTERS}
              value={file}
              onChange={(v) => {
                setFile(v);
                setVerified(undefined);
                setImported(undefined);
                setFailure(undefined);
              }}
            />
          </Form.Item>
          <Form.Item
            label="回执保存为"
            htmlFor="receipt-out"
            extra={file && !receiptOut ? `默认：${receiptNameFor(file)}` : '导入后把回执文件交回站点'}
          >
            <PathField
              id="receipt-out"
              mode="save"
              title="保存回执"
              filters={JSON_FILTERS}
              defaultName={file ? receiptNameFor(file).split(/[\\/]/).pop() : '回执.json'}
              value={receiptOut}
              onChange={setReceiptOut}
            />
          </Form.Item>
          <Space>
            <Button disabled={!file.trim() || busy !== null} loading={busy === 'verify'} onClick={() => void run('verify')}>
              只校验
            </Button>
            <Button type="primary" disabled={!file.trim() || busy !== null} loading={busy === 'import'} onClick={() => void run('import')}>
              校验并导入
            </Button>
            {busy ? <Button onClick={() => controller.current?.abort()}>取消</Button> : null}
          </Space>
        </Form>
        {busy && progress ? (
          <Progress
            style={{ marginTop: 16, maxWidth: 720 }}
            percent={progress.total ? Math.floor((progress.done / progress.total) * 100) : 0}
            status="active"
          />
        ) : null}
      </Card>
      {failure ? (
        <Result
          status="error"
          title={failure.code === 'BATCH_INVALID' ? '批次未通过校验，未导入任何内容' : failure.code === 'CANCELLED' ? '已取消' : '未能完成'}
          subTitle={explained?.message}
          extra={
            explained?.action?.kind === 'trust-station' ? (
              <TrustStationOffer action={explained.action} file={file} onTrusted={() => void run('import')} />
            ) : (
              explained?.advice
            )
          }
        />
      ) : null}
      {verified ? (
        <Result
          status="success"
          title={`批次完好：${verified.cases} 件案件${verified.requests ? `，${verified.requests} 条来访登记` : ''}，${verified.files} 个文件`}
          subTitle={`来自“${verified.station.name}”（${verified.station.code}，指纹 ${verified.fingerprint}），${new Date(verified.createdAt).toLocaleString('zh-CN')} 导出${verified.sealed ? '，已加密' : ''}；文件核对码 ${phoneCodeOfHex(verified.sha256)}`}
        />
      ) : null}
      {imported ? <ImportReport result={imported} /> : null}
    </Space>
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  return (
    <Card title={`导入结果：${result.station.name}（${result.station.code}）${result.alreadyImported ? ' · 此批次此前已导入' : ''}`}>
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        <Statistic title="新增" value={result.new} />
        <Statistic title="更新" value={result.updated} />
        <Statistic title="无变化" value={result.unchanged} />
        <Statistic title="跳过" value={result.skipped.length} />
        <Statistic title="拒收" value={result.rejected.length} valueStyle={result.rejected.length ? { color: '#cf1322' } : undefined} />
      </Space>
      {result.requests.new +
      result.requests.updated +
      result.requests.unchanged +
      result.requests.skipped.length +
      result.requests.rejected.length ? (
        <Typography.Paragraph data-testid="import-requests">
          来访登记：新增 {result.requests.new} 条，更新 {result.requests.updated} 条，无变化 {result.requests.unchanged} 条，跳过{' '}
          {result.requests.skipped.length} 条，拒收 {result.requests.rejected.length} 条
        </Typography.Paragraph>
      ) : null}
      {result.receipt.error ? <Typography.Paragraph type="danger">回执未能保存：{result.receipt.error}</Typography.Paragraph> : null}
      {result.receipt.file ? (
        <Typography.Paragraph>
          回执已保存：
          <Typography.Text code copyable>
            {result.receipt.file}
          </Typography.Text>
          ，请交回站点应用。
        </Typography.Paragraph>
      ) : null}
      <Table
        rowKey={(row) => `${row.id ?? ''}-${row.number ?? ''}-${row.result}`}
        size="small"
        dataSource={result.cases ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: '案号', dataIndex: 'number', render: (v?: string) => v ?? '（无）' },
          { title: '版本', dataIndex: 'revision', width: 80 },
          {
            title: '结果',
            dataIndex: 'result',
            width: 200,
            filters: Object.entries(RESULT_TAGS).map(([value, t]) => ({ text: t.label, value })),
            onFilter: (value, row) => row.result === value,
            render: (v: string) => <Tag color={RESULT_TAGS[v].color}>{RESULT_TAGS[v].label}</Tag>,
          },
          { title: '原因', dataIndex: 'reason', render: (v?: string) => v ?? '' },
        ]}
      />
    </Card>
  );
}
