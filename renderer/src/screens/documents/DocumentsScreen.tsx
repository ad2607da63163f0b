/**
 * 文书: choose a case and a document, see it as it will print, then save it as PDF or DOCX or print it.
 * The preview is not logged; saving and printing go through `documents.render`, which records the
 * template and version in the case's log. Route: `#/documents?case=<id>&template=<name>`.
 */

import { FilePdfOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, List, Row, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';

import type { ApiResult } from '../../../../electron/core/api';
import { ApiError, call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import type { ScreenProps } from '../../app/registry';
import { navigate } from '../../app/route';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { messageOf, useCall } from '../../components/useCall';
import { useDebounced } from '../../components/useDebounced';
import { blobUrl, download, printPdf } from './pdf';

type Format = 'pdf' | 'docx';

export default function DocumentsScreen({ query }: ScreenProps) {
  const caseId = query.get('case') ?? '';
  const template = query.get('template') ?? '';
  const go = (next: { case?: string; template?: string }) =>
    navigate('documents', [], { case: next.case ?? caseId, template: next.template ?? template });

  return (
    <Page title="文书" subtitle="按模板制作调解协议书、司法确认申请书等文书：先预览，再保存为PDF或Word文件，或直接打印">
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card size="small" title="案件" style={{ marginBottom: 16 }}>
            <CasePicker value={caseId} onChange={(id) => navigate('documents', [], { case: id })} />
          </Card>
          {caseId ? <TemplateList caseId={caseId} selected={template} onSelect={(name) => go({ template: name })} /> : null}
        </Col>
        <Col xs={24} lg={16}>
          {caseId && template ? (
            <DocumentPreview key={`${caseId}/${template}`} caseId={caseId} template={template} />
          ) : (
            <Empty description={caseId ? '请在左边的列表中选择一种文书' : '请先选择案件，再选择文书'} style={{ marginTop: 48 }} />
          )}
        </Col>
      </Row>
    </Page>
  );
}

/** Search by 案号, name, ID number or phone; the case in the route stays selected. */
function CasePicker({ value, onChange }: { value: string; onChange(id: string): void }) {
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const { dataVersion } = useDesk();
  const list = useCall('cases.list', { q: q || undefined, limit: 30 }, [q, dataVersion]);
  const current = useCall('cases.get', value ? { id: value } : null, [value]);
  const options = useMemo(() => {
    const items = (list.data?.items ?? []).map((c) => ({
      value: c.id,
      label: `${c.number}  ${c.parties.map((p) => p.name).join('、')}  ${c.summary}`,
      status: c.statusLabel,
    }));
    const chosen = current.data?.case;
    if (chosen && !items.some((o) => o.value === chosen.id)) {
      items.unshift({
        value: chosen.id,
        label: `${chosen.number}  ${chosen.parties.map((p) => p.name).join('、')}  ${chosen.summary}`,
        status: '',
      });
    }
    return items;
  }, [list.data, current.data]);
  return (
    <>
      <Select
        showSearch={{ filterOption: false, onSearch: setText }}
        style={{ width: '100%' }}
        placeholder="输入案号、当事人姓名、证件号码或电话"
        value={value || undefined}
        onChange={onChange}
        loading={list.loading}
        options={options}
        optionRender={(o) => (
          <Space>
            <span>{o.data.label}</span>
            {o.data.status ? <Tag>{o.data.status}</Tag> : null}
          </Space>
        )}
        notFoundContent={list.loading ? <Spin size="small" /> : '没有找到案件'}
        data-testid="documents-case"
      />
      {current.data ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => navigate('case', [current.data!.case.id])}>
            打开案件
          </Button>
        </Typography.Paragraph>
      ) : null}
      <ErrorNotice error={list.error ?? current.error} />
    </>
  );
}

function TemplateList({ caseId, selected, onSelect }: { caseId: string; selected: string; onSelect(name: string): void }) {
  const { dataVersion } = useDesk();
  const available = useCall('documents.available', { caseId }, [caseId, dataVersion]);
  return (
    <Card size="small" title="文书" data-testid="documents-templates">
      <ErrorNotice error={available.error} onRetry={available.reload} />
      <List
        loading={available.loading}
        dataSource={available.data ?? []}
        renderItem={(item) => {
          const row = (
            <List.Item
              onClick={item.allowed ? () => onSelect(item.template) : undefined}
              style={{
                cursor: item.allowed ? 'pointer' : 'not-allowed',
                opacity: item.allowed ? 1 : 0.5,
                background: item.template === selected ? 'var(--ant-color-primary-bg, #e6f4ff)' : undefined,
                paddingInline: 8,
              }}
              data-testid={`template-${item.template}`}
            >
              <Space>
                <span>{item.title}</span>
                {item.origin === 'office' ? <Tag color="blue">本机构模板</Tag> : null}
              </Space>
            </List.Item>
          );
          return item.allowed ? row : <Tooltip title={item.reason}>{row}</Tooltip>;
        }}
      />
    </Card>
  );
}

type Preview = ApiResult<'templates.preview'> & { base64?: string };

function DocumentPreview({ caseId, template }: { caseId: string; template: string }) {
  const { message } = App.useApp();
  const { dataChanged } = useDesk();
  const available = useCall('documents.available', { caseId }, [caseId]);
  const entry = available.data?.find((a) => a.template === template);
  const sessions = useMemo(() => entry?.sessions ?? [], [entry]);
  const [sessionId, setSessionId] = useState<string>();
  useEffect(() => {
    if (sessions.length && !sessionId) setSessionId(sessions[sessions.length - 1].id);
  }, [sessions, sessionId]);
  const needsSession = template === 'session-record';
  const ready = entry?.allowed && (!needsSession || sessionId);
  const preview = useCall(
    'templates.preview',
    ready ? { name: template, caseId, as: 'pdf' as const, ...(needsSession ? { sessionId } : {}) } : null,
    [caseId, template, sessionId, ready],
  );
  const data = preview.data as Preview | undefined;
  const url = useMemo(() => (data?.base64 ? blobUrl(data.base64) : undefined), [data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const [busy, setBusy] = useState<Format | 'print'>();
  const [failure, setFailure] = useState<ApiError>();
  const [warnings, setWarnings] = useState<string[]>([]);

  const render = async (format: Format, out?: string) =>
    // A path from the save dialog was confirmed there if the file exists: hence `overwrite`.
    call('documents.render', {
      caseId,
      template,
      format,
      ...(needsSession && sessionId ? { sessionId } : {}),
      ...(out ? { out, overwrite: true } : {}),
    });

  const save = async (format: Format) => {
    setFailure(undefined);
    const shell = window.desk?.shell;
    const title = entry?.title ?? template;
    try {
      setBusy(format);
      if (shell) {
        const defaultName = `${title}.${format}`;
        const filters = format === 'pdf' ? [{ name: 'PDF 文件', extensions: ['pdf'] }] : [{ name: 'Word 文件', extensions: ['docx'] }];
        const out = await shell.chooseSavePath({ title: `保存${title}`, defaultName, filters });
        if (!out) return;
        const result = await render(format, out);
        setWarnings(result.warnings);
        message.success(`已保存：${out}`);
      } else {
        const result = (await render(format)) as ApiResult<'documents.render'> & { base64: string };
        setWarnings(result.warnings);
        download(result.base64, result.fileName, result.mimeType);
        message.success(`已下载：${result.fileName}`);
      }
      dataChanged();
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError('INTERNAL', messageOf(error)));
    } finally {
      setBusy(undefined);
    }
  };

  const print = async () => {
    setFailure(undefined);
    try {
      setBusy('print');
      const result = (await render('pdf')) as ApiResult<'documents.render'> & { base64: string };
      setWarnings(result.warnings);
      printPdf(result.base64);
      dataChanged();
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError('INTERNAL', messageOf(error)));
    } finally {
      setBusy(undefined);
    }
  };

  const shownWarnings = [...new Set([...(data?.warnings ?? []), ...warnings])];
  return (
    <Card
      size="small"
      title={entry?.title ?? template}
      extra={
        <Space wrap>
          {needsSession ? (
            <Select
              size="small"
              style={{ width: 200 }}
              value={sessionId}
              onChange={setSessionId}
              options={sessions.map((s) => ({ value: s.id, label: `第${s.index}次调解（${s.date}）` }))}
              aria-label="调解记录"
            />
          ) : null}
          <Button
            icon={<FilePdfOutlined />}
            loading={busy === 'pdf'}
            disabled={!ready}
            onClick={() => void save('pdf')}
            data-testid="save-pdf"
          >
            保存PDF
          </Button>
          <Button
            icon={<FileWordOutlined />}
            loading={busy === 'docx'}
            disabled={!ready}
            onClick={() => void save('docx')}
            data-testid="save-docx"
          >
            保存Word
          </Button>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            loading={busy === 'print'}
            disabled={!ready}
            onClick={() => void print()}
            data-testid="print"
          >
            打印
          </Button>
        </Space>
      }
    >
      {entry && !entry.allowed ? <Alert type="info" showIcon title={entry.reason} style={{ marginBottom: 12 }} /> : null}
      {shownWarnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 12 }} data-testid="document-warning" />
      ))}
      <ErrorNotice error={failure ?? preview.error ?? available.error} onRetry={preview.error ? preview.reload : undefined} />
      {preview.loading ? <Spin style={{ display: 'block', margin: '64px auto' }} /> : null}
      {url && !preview.loading ? (
        <iframe
          title="文书预览"
          // The PDF viewer's open parameters: the page fills the frame's width, the thumbnail pane closed.
          src={`${url}#view=FitH&navpanes=0`}
          style={{ width: '100%', height: '75vh', border: '1px solid #d9d9d9', background: '#fff' }}
          data-testid="document-preview"
        />
      ) : null}
    </Card>
  );
}
