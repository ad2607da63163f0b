/**
 * 设置 → 备份与恢复: 备份到U盘/文件夹 (one archive file, optionally with a passphrase) and
 * 从备份文件恢复 (checked whole first; the current data is backed up first, so it can be undone).
 */

import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';

import type { ApiResult } from '../../../../electron/core/api';
import { ApiError, call } from '../../api/client';
import { askOverwrite, withOverwriteQuestion } from '../../components/overwrite';
import { messageOf, useCall } from '../../components/useCall';
import { PathField } from '../batches/PathField';

const ZIP = [{ name: '备份文件', extensions: ['zip'] }];

type ArchiveInfo = ApiResult<'backups.inspect'>;

export function BackupArchive({ onRestored }: { onRestored(label: string, undo: string): Promise<void> }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ExportCard />
      <ImportCard onRestored={onRestored} />
    </Space>
  );
}

function ExportCard() {
  const { message, modal } = App.useApp();
  const reminder = useCall('backups.reminder', {}, []);
  const [out, setOut] = useState('');
  const [encrypt, setEncrypt] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<{ field?: string; message: string }>();
  const [busy, setBusy] = useState(false);
  const last = reminder.data?.lastExport;

  const run = async () => {
    setProblem(undefined);
    if (encrypt && passphrase !== again) return setProblem({ field: 'again', message: '两次输入的口令不一致' });
    setBusy(true);
    try {
      const result = await withOverwriteQuestion(
        (overwrite) => call('backups.export', { out, overwrite, ...(encrypt ? { passphrase } : {}) }),
        askOverwrite(modal),
      );
      if (!result) return;
      void message.success(`已备份到 ${result.file}（${result.caseCount}件案件）`);
      setPassphrase('');
      setAgain('');
      reminder.reload();
    } catch (failure) {
      setProblem({ field: failure instanceof ApiError ? failure.field : undefined, message: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="备份到U盘/文件夹" data-testid="backup-export">
      <Typography.Paragraph type="secondary">
        把全部数据写成一个备份文件，存到U盘或另一台电脑：本机硬盘损坏或电脑丢失时，可以在任何一台装有本软件的电脑上恢复。
        {last ? `上次：${new Date(last.at).toLocaleString('zh-CN', { hour12: false })}，${last.fileName}。` : '还没有备份到U盘过。'}
      </Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 640 }} component="div">
        <Form.Item
          label="保存到（U盘或文件夹，或 .zip 文件名）"
          validateStatus={problem?.field === 'out' ? 'error' : undefined}
          help={problem?.field === 'out' ? problem.message : undefined}
        >
          <PathField mode="save" title="保存备份文件" filters={ZIP} defaultName="人民调解工作台备份.zip" value={out} onChange={setOut} />
        </Form.Item>
        <Checkbox checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} data-testid="backup-encrypt">
          用口令加密（U盘丢失时别人打不开；口令忘记后备份也无法恢复，请妥善保管）
        </Checkbox>
        {encrypt ? (
          <Space wrap style={{ marginTop: 12 }}>
            <Form.Item
              label="口令（至少8个字符）"
              validateStatus={problem?.field === 'passphrase' ? 'error' : undefined}
              help={problem?.field === 'passphrase' ? problem.message : undefined}
            >
              <Input.Password value={passphrase} onChange={(e) => setPassphrase(e.target.value)} style={{ width: 260 }} aria-label="口令" />
            </Form.Item>
            <Form.Item
              label="再输入一次"
              validateStatus={problem?.field === 'again' ? 'error' : undefined}
              help={problem?.field === 'again' ? problem.message : undefined}
            >
              <Input.Password value={again} onChange={(e) => setAgain(e.target.value)} style={{ width: 260 }} aria-label="再输入一次口令" />
            </Form.Item>
          </Space>
        ) : null}
        {problem && !['out', 'passphrase', 'again'].includes(problem.field ?? '') ? (
          <Alert
            type="error"
            showIcon
            title={problem.message}
            style={{ margin: '12px 0' }}
            closable
            onClose={() => setProblem(undefined)}
          />
        ) : null}
        <div style={{ marginTop: 12 }}>
          <Button type="primary" loading={busy} disabled={!out.trim() || (encrypt && !passphrase)} onClick={() => void run()}>
            备份到U盘/文件夹
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function ImportCard({ onRestored }: { onRestored(label: string, undo: string): Promise<void> }) {
  const { modal } = App.useApp();
  const [file, setFile] = useState('');
  const [info, setInfo] = useState<ArchiveInfo>();
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<{ field?: string; message: string }>();

  const inspect = async () => {
    setProblem(undefined);
    setInfo(undefined);
    try {
      setInfo(await call('backups.inspect', { file }));
    } catch (failure) {
      setProblem({ message: messageOf(failure) });
    }
  };

  const restore = () =>
    modal.confirm({
      title: '从这个备份文件恢复？',
      content: '现在的数据会先自动备份，恢复后如有需要可以撤销。恢复期间请不要关闭程序。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        setProblem(undefined);
        try {
          const result = await call('backups.import', { file, ...(info?.encrypted ? { passphrase } : {}) });
          await onRestored(
            `备份文件（${result.archive.office.name}，${new Date(result.archive.createdAt).toLocaleString('zh-CN', { hour12: false })}）`,
            result.undo.name,
          );
          setInfo(undefined);
          setPassphrase('');
        } catch (failure) {
          setProblem({ field: failure instanceof ApiError ? failure.field : undefined, message: messageOf(failure) });
        }
      },
    });

  return (
    <Card title="从备份文件恢复" data-testid="backup-import">
      <Form layout="vertical" style={{ maxWidth: 640 }} component="div">
        <Form.Item label="备份文件">
          <PathField
            mode="open"
            title="选择备份文件"
            filters={ZIP}
            value={file}
            onChange={(v) => {
              setFile(v);
              setInfo(undefined);
              setProblem(undefined);
            }}
          />
        </Form.Item>
        <Button disabled={!file.trim()} onClick={() => void inspect()}>
          查看备份文件
        </Button>
        {info ? (
          <Descriptions bordered size="small" column={1} style={{ margin: '12px 0' }} data-testid="archive-info">
            <Descriptions.Item label="机构">{`${info.office.name}（${info.office.stationCode}）`}</Descriptions.Item>
            <Descriptions.Item label="备份时间">{new Date(info.createdAt).toLocaleString('zh-CN', { hour12: false })}</Descriptions.Item>
            <Descriptions.Item label="案件数">{info.caseCount}</Descriptions.Item>
            <Descriptions.Item label="加密">{info.encrypted ? '已用口令加密' : '未加密'}</Descriptions.Item>
          </Descriptions>
        ) : null}
        {info?.encrypted ? (
          <Form.Item
            label="口令"
            validateStatus={problem?.field === 'passphrase' ? 'error' : undefined}
            help={problem?.field === 'passphrase' ? problem.message : undefined}
          >
            <Input.Password
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              style={{ width: 260 }}
              aria-label="备份文件的口令"
            />
          </Form.Item>
        ) : null}
        {problem && problem.field !== 'passphrase' ? (
          <Alert type="error" showIcon title={problem.message} style={{ margin: '12px 0' }} data-testid="import-error" />
        ) : null}
        {info ? (
          <Button type="primary" danger disabled={info.encrypted && !passphrase} onClick={() => void restore()}>
            从备份文件恢复
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
