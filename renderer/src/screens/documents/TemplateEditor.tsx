/**
 * 设置 → 文书模板: edit a template's text with a live preview (on a chosen case or a sample case),
 * see errors with their line and column, save the office's copy, or go back to the built-in template.
 * Mounted by the settings screen.
 */

import { Alert, App, Button, Card, Col, Input, Modal, Popconfirm, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';

import type { ApiResult } from '../../../../electron/core/api';
import { ApiError, call } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { messageOf, useCall } from '../../components/useCall';
import { useDebounced } from '../../components/useDebounced';
import { useFailure } from '../../components/useFailure';
import { blobUrl } from './pdf';
import { PreviewCasePicker } from './PreviewCasePicker';
import { TemplateHelp } from './TemplateHelp';

const NEW_TEMPLATE = `{% comment %}新模板：写法见右侧“写法说明”。{% endcomment %}
# 标题
@编号 编号：{{ case.number }}
{% for p in parties %}
@当事人 {{ p.roleLabel }}：{{ p.name }}
{% endfor %}
正文。
@日期 {{ today | 日期 }}
`;

export function TemplateEditor() {
  const { message } = App.useApp();
  const report = useFailure();
  const list = useCall('templates.list', {}, []);
  const [name, setName] = useState<string>('agreement');
  const [source, setSource] = useState('');
  const [saved, setSaved] = useState('');
  const [loadError, setLoadError] = useState<ApiError>();
  const [caseId, setCaseId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState(false);
  const [newName, setNewName] = useState('');
  const editor = useRef<HTMLTextAreaElement | null>(null);
  const dirty = source !== saved;

  useEffect(() => {
    void window.desk?.setUnsavedWork?.(dirty);
    return () => void window.desk?.setUnsavedWork?.(false);
  }, [dirty]);

  const load = async (template: string) => {
    setLoadError(undefined);
    try {
      const t = await call('templates.get', { name: template });
      setSource(t.source);
      setSaved(t.source);
    } catch (error) {
      // A template created in this session exists only in the editor until it is saved.
      if (error instanceof ApiError && error.code === 'NOT_FOUND') {
        setSource(NEW_TEMPLATE);
        setSaved('');
      } else setLoadError(error instanceof ApiError ? error : new ApiError('INTERNAL', messageOf(error)));
    }
  };
  useEffect(() => {
    void load(name);
  }, [name]);

  const choose = (next: string) => {
    if (next === name) return;
    if (dirty) {
      Modal.confirm({
        title: '当前模板有未保存的修改',
        content: '切换后修改将丢失，是否继续？',
        okText: '放弃修改并切换',
        cancelText: '留在此处',
        onOk: () => setName(next),
      });
    } else setName(next);
  };

  const settled = useDebounced(source, 600);
  const preview = useCall('templates.preview', settled ? { name, source: settled, caseId, as: 'pdf' as const } : null, [
    name,
    settled,
    caseId,
  ]);
  const data = preview.data as (ApiResult<'templates.preview'> & { base64?: string }) | undefined;
  const url = useMemo(() => (data?.base64 ? blobUrl(data.base64) : undefined), [data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const problem = preview.error;
  const problemLine = (problem?.details as { line?: number } | undefined)?.line;

  const goToLine = (line: number) => {
    const area = editor.current;
    if (!area) return;
    const lines = area.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  };

  const save = async () => {
    setBusy(true);
    try {
      const result = await call('templates.save', { name, source });
      setSaved(source);
      message.success(`已保存本机构模板“${name}”（版本 ${result.version.slice(0, 12)}）`);
      list.reload();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    setBusy(true);
    try {
      const result = await call('templates.reset', { name });
      message.success(result.builtin ? `已恢复内置模板“${name}”` : `已删除本机构模板“${name}”`);
      list.reload();
      if (result.builtin) await load(name);
      else setName('agreement');
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  const current = list.data?.find((t) => t.name === name);
  const options = (list.data ?? []).map((t) => ({
    value: t.name,
    label: (
      <Space>
        <span>{t.title}</span>
        {t.origin === 'office' ? <Tag color="blue">{t.builtin ? '已修改' : '本机构'}</Tag> : null}
      </Space>
    ),
  }));
  if (!options.some((o) => o.value === name)) options.push({ value: name, label: <span>{name}（未保存）</span> });

  return (
    <div data-testid="template-editor">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 280 }} value={name} onChange={choose} options={options} loading={list.loading} aria-label="模板" />
        <Button onClick={() => setCreating(true)}>新建模板</Button>
        <Button type="primary" onClick={() => void save()} loading={busy} disabled={!dirty || Boolean(problem)} data-testid="template-save">
          保存
        </Button>
        {current?.origin === 'office' ? (
          <Popconfirm
            title={current.builtin ? '删除本机构的修改，恢复内置模板？' : '删除这个本机构模板？'}
            okText="确定"
            cancelText="取消"
            onConfirm={() => void reset()}
          >
            <Button danger>{current.builtin ? '恢复内置模板' : '删除模板'}</Button>
          </Popconfirm>
        ) : null}
        {dirty ? <Tag color="orange">有未保存的修改</Tag> : null}
        <PreviewCasePicker value={caseId} onChange={setCaseId} />
      </Space>
      <ErrorNotice error={list.error ?? loadError} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          {problem ? (
            <Alert
              type="error"
              showIcon
              title={problem.message}
              action={
                problemLine ? (
                  <Button size="small" onClick={() => goToLine(problemLine)}>
                    跳到第{problemLine}行
                  </Button>
                ) : undefined
              }
              style={{ marginBottom: 8 }}
              data-testid="template-error"
            />
          ) : null}
          <Input.TextArea
            ref={(instance) => {
              editor.current = instance?.resizableTextArea?.textArea ?? null;
            }}
            value={source}
            onChange={(e) => setSource(e.target.value)}
            autoSize={{ minRows: 24, maxRows: 30 }}
            spellCheck={false}
            style={{ fontFamily: 'Consolas, "Sarasa Mono SC", "Noto Sans Mono CJK SC", monospace', fontSize: 14 }}
            aria-label="模板内容"
            data-testid="template-source"
          />
          <TemplateHelp />
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={caseId ? '预览（所选案件）' : '预览（示例案件）'}>
            {data?.warnings?.map((w) => (
              <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
            ))}
            {preview.loading && !url ? <Spin style={{ display: 'block', margin: '64px auto' }} /> : null}
            {url ? (
              <iframe
                title="模板预览"
                src={url}
                style={{ width: '100%', height: '75vh', border: '1px solid #d9d9d9', background: '#fff' }}
                data-testid="template-preview"
              />
            ) : null}
          </Card>
        </Col>
      </Row>
      <Modal
        title="新建模板"
        open={creating}
        okText="创建"
        cancelText="取消"
        onCancel={() => setCreating(false)}
        okButtonProps={{ disabled: !/^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_-]{0,59}$/.test(newName) }}
        onOk={() => {
          setCreating(false);
          setName(newName);
          setSource(NEW_TEMPLATE);
          setSaved('');
          setNewName('');
        }}
      >
        <Typography.Paragraph type="secondary">
          模板名称即文件名（如“调解通知书”），只能用汉字、字母、数字、连字符。与内置模板同名时将覆盖内置模板。
        </Typography.Paragraph>
        <Input value={newName} onChange={(e) => setNewName(e.target.value.trim())} placeholder="模板名称" />
      </Modal>
    </div>
  );
}

export default TemplateEditor;
