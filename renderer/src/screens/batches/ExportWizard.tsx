/** 批量上报 → 导出批次: what to report → where to save → progress (cancellable) → result with file name and the file's phone code (its SHA-256, short). */

import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Progress,
  Radio,
  Result,
  Space,
  Steps,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';

import type { ApiResult } from '../../../../electron/core/api';
import { phoneCodeOfHex } from '../../../../electron/core/batches/phone-code';
import { ApiError, call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { askOverwrite, withOverwriteQuestion } from '../../components/overwrite';
import { messageOf, useCall } from '../../components/useCall';
import { PathField, ZIP_FILTERS } from './PathField';

/** Which cases a batch carries. */
export type Choice = 'pending' | 'all' | 'range';
type ExportResult = ApiResult<'batches.export'>;

export function ExportWizard() {
  const { message, modal } = App.useApp();
  const { dataChanged } = useDesk();
  const [step, setStep] = useState(0);
  const [choice, setChoice] = useState<Choice>('pending');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [withDocuments, setWithDocuments] = useState(false);
  const [seal, setSeal] = useState(false);
  /** 零上报: nothing is pending, and the station says so to the centre in a batch of no cases. */
  const [zero, setZero] = useState(false);
  const [out, setOut] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number; label?: string }>({ done: 0, total: 0 });
  const [result, setResult] = useState<ExportResult>();
  const [failure, setFailure] = useState<ApiError>();
  const controller = useRef<AbortController | null>(null);

  const selectionInput = useMemo(() => {
    if (choice !== 'range') return { selection: choice };
    if (!range) return null;
    return { selection: 'range' as const, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  }, [choice, range]);
  const preview = useCall('batches.preview', selectionInput, [JSON.stringify(selectionInput)]);

  const start = async () => {
    if (!selectionInput) return;
    setStep(2);
    setFailure(undefined);
    setProgress({ done: 0, total: preview.data?.count ?? 0, label: '准备' });
    controller.current = new AbortController();
    try {
      const signal = controller.current.signal;
      const done = await withOverwriteQuestion(
        (overwrite) =>
          call(
            'batches.export',
            { ...selectionInput, out, overwrite, withDocuments, sealToCentre: seal, zeroReport: zero },
            { signal, onProgress: (event) => setProgress(event) },
          ),
        askOverwrite(modal),
      );
      if (!done) {
        setStep(1);
        return;
      }
      setResult(done);
      setStep(3);
      dataChanged();
      preview.reload();
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('INTERNAL', messageOf(error));
      if (apiError.code === 'CANCELLED') {
        void message.info('已取消，没有生成批次文件');
        setStep(1);
      } else {
        setFailure(apiError);
        setStep(1);
      }
    } finally {
      controller.current = null;
    }
  };

  const restart = () => {
    setResult(undefined);
    setZero(false);
    setStep(0);
  };

  const percent = progress.total ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <Card>
      <Steps
        current={step}
        items={[{ title: '选择案件' }, { title: '保存位置' }, { title: '导出' }, { title: '完成' }]}
        style={{ marginBottom: 24 }}
      />
      {step === 0 ? (
        <Form layout="vertical" style={{ maxWidth: 640 }}>
          <Form.Item label="上报哪些案件">
            <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
              <Radio.Button value="pending">待上报（新增或修改过的）</Radio.Button>
              <Radio.Button value="all">全部案件</Radio.Button>
              <Radio.Button value="range">按登记日期</Radio.Button>
            </Radio.Group>
          </Form.Item>
          {choice === 'range' ? (
            <Form.Item label="登记日期">
              <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} />
            </Form.Item>
          ) : null}
          <Form.Item>
            <Checkbox checked={withDocuments} onChange={(e) => setWithDocuments(e.target.checked)}>
              附调解协议书、司法确认申请书PDF（调解成功的案件）
            </Checkbox>
          </Form.Item>
          <Form.Item
            extra={
              preview.data?.centre
                ? `加密后只有“${preview.data.centre.name}”能打开（指纹 ${preview.data.centre.fingerprint}）`
                : '尚未登记中心的公钥（设置 → 密钥与指纹），不能加密'
            }
          >
            <Checkbox checked={seal} disabled={!preview.data?.centre} onChange={(e) => setSeal(e.target.checked)}>
              加密给中心
            </Checkbox>
          </Form.Item>
          <ErrorNotice error={preview.error} onRetry={preview.reload} />
          {preview.data ? (
            <Alert
              type={preview.data.count ? 'info' : 'warning'}
              showIcon
              style={{ marginBottom: 16 }}
              title={
                preview.data.count
                  ? `共 ${preview.data.count} 件案件${withDocuments ? `，${preview.data.documents} 份文书` : ''}${preview.data.period ? `（登记日期 ${preview.data.period.from} 至 ${preview.data.period.to}）` : ''}`
                  : choice === 'pending'
                    ? '没有需要上报的新案件或修改过的案件'
                    : '所选范围内没有案件'
              }
            />
          ) : null}
          <Space wrap>
            <Button type="primary" disabled={!preview.data?.count} onClick={() => setStep(1)}>
              下一步
            </Button>
            {preview.data && !preview.data.count && choice === 'pending' ? (
              <Button
                data-testid="zero-report"
                onClick={() => {
                  setZero(true);
                  setStep(1);
                }}
              >
                零上报（告诉中心：没有新案件）
              </Button>
            ) : null}
          </Space>
        </Form>
      ) : null}
      {step === 1 ? (
        <Form layout="vertical" style={{ maxWidth: 640 }}>
          <ErrorNotice error={failure} />
          <Form.Item label="保存为" htmlFor="batch-out" extra="可以是U盘或共享文件夹；也可以只填文件夹，文件名自动生成。">
            <PathField
              id="batch-out"
              mode="save"
              title="保存上报批次"
              filters={ZIP_FILTERS}
              defaultName={preview.data?.fileName ?? '上报批次.zip'}
              value={out}
              onChange={setOut}
            />
          </Form.Item>
          <Space>
            <Button
              onClick={() => {
                setZero(false);
                setStep(0);
              }}
            >
              上一步
            </Button>
            <Button type="primary" disabled={!out.trim()} onClick={() => void start()}>
              开始导出
            </Button>
          </Space>
        </Form>
      ) : null}
      {step === 2 ? (
        <div style={{ maxWidth: 640 }}>
          <Typography.Paragraph>{progress.label ?? '正在导出'}……</Typography.Paragraph>
          <Progress percent={percent} status="active" aria-label="导出进度" />
          <Typography.Paragraph type="secondary">
            {progress.done} / {progress.total}
          </Typography.Paragraph>
          <Button danger onClick={() => controller.current?.abort()}>
            取消
          </Button>
        </div>
      ) : null}
      {step === 3 && result ? (
        <Result
          status="success"
          title={
            result.cases
              ? `已导出 ${result.cases} 件案件${result.documents ? `、${result.documents} 份文书` : ''}`
              : '已写出零上报批次（不含案件）'
          }
          subTitle={result.sealed ? `已加密给中心（指纹 ${result.recipientFingerprint}）` : '未加密：请妥善保管U盘'}
          extra={[
            <Button key="again" type="primary" onClick={restart}>
              再导出一批
            </Button>,
          ]}
        >
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="文件名">
              <Typography.Text copyable>{result.fileName}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="保存位置">{result.file}</Descriptions.Item>
            <Descriptions.Item label="文件核对码（可电话核对）">
              <Typography.Text strong copyable style={{ fontSize: '1.3em', letterSpacing: 2 }} data-testid="batch-code">
                {phoneCodeOfHex(result.sha256)}
              </Typography.Text>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                中心导入时显示同一个核对码；完整的 SHA-256 记在“上报记录与回执”中。
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label="批次序号">{result.sequence}</Descriptions.Item>
          </Descriptions>
        </Result>
      ) : null}
    </Card>
  );
}
