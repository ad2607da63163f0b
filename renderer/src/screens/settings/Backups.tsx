/**
 * 设置 → 备份与恢复: back up now, restore a backup (the current data is backed up first), undo a restore;
 * backups to a USB stick or folder and their restore (./BackupArchive.tsx). Anyone may back up now; the
 * rest is the administrator's (`ALLOW.admin` in the handlers), so other roles see a note instead.
 */

import { Alert, App, Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';

import { ALLOW, allows } from '../../../../electron/core/schema/operators';
import { call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';
import { AdminOnly } from '../operators/AdminOnly';
import { BackupArchive } from './BackupArchive';

const BACKUP_KINDS: Record<string, string> = {
  manual: '手动备份',
  daily: '每日自动',
  'before-restore': '恢复前自动',
  'before-migration': '升级前自动',
};
const UNDO_KEY = 'mediation-desk.lastRestoreUndo';

export function Backups() {
  const { modal, message } = App.useApp();
  const report = useFailure();
  const { reloadSettings, dataChanged, operator } = useDesk();
  const restores = allows(ALLOW.admin, operator?.role);
  const list = useCall('backups.list', {}, []);
  const [busy, setBusy] = useState(false);
  const [undo, setUndo] = useState<{ restored: string; undo: string } | null>(() => {
    const raw = localStorage.getItem(UNDO_KEY);
    return raw ? (JSON.parse(raw) as { restored: string; undo: string }) : null;
  });

  const afterRestore = async () => {
    dataChanged();
    await reloadSettings();
    list.reload();
  };

  const remember = (next: { restored: string; undo: string } | null) => {
    setUndo(next);
    if (next) localStorage.setItem(UNDO_KEY, JSON.stringify(next));
    else localStorage.removeItem(UNDO_KEY);
  };

  const create = async () => {
    setBusy(true);
    try {
      const info = await call('backups.create', {});
      void message.success(`已备份 ${info.caseCount} 件案件`);
      list.reload();
    } catch (failure) {
      report(failure);
    } finally {
      setBusy(false);
    }
  };

  const restore = (name: string, label: string, isUndo = false) =>
    modal.confirm({
      title: isUndo ? '撤销上一次恢复？' : `恢复到“${label}”？`,
      content: isUndo ? '数据将回到恢复之前的状态。' : '现在的数据会先自动备份，恢复后如有需要可以撤销。恢复期间请不要关闭程序。',
      okText: isUndo ? '撤销恢复' : '恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          const result = await call('backups.restore', { name });
          remember(isUndo ? null : { restored: label, undo: result.undo.name });
          void message.success(isUndo ? '已撤销恢复' : '已恢复');
          await afterRestore();
        } catch (failure) {
          report(failure);
        }
      },
    });

  return (
    <Card>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Button type="primary" loading={busy} onClick={() => void create()}>
            立即备份
          </Button>
          <Typography.Text type="secondary">程序每天自动备份一次；恢复前也会自动备份当前数据。</Typography.Text>
        </Space>
        {undo && restores ? (
          <Alert
            type="warning"
            showIcon
            title={`已恢复到“${undo.restored}”。`}
            action={<Button onClick={() => void restore(undo.undo, '', true)}>撤销这次恢复</Button>}
          />
        ) : null}
        <AdminOnly what="备份到U盘和恢复">
          <BackupArchive
            onRestored={async (label, undoName) => {
              remember({ restored: label, undo: undoName });
              void message.success('已从备份文件恢复');
              await afterRestore();
            }}
          />
        </AdminOnly>
        <ErrorNotice error={list.error} onRetry={list.reload} />
        <Table
          rowKey="name"
          size="small"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            {
              title: '时间',
              dataIndex: 'createdAt',
              key: 'createdAt',
              render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }),
            },
            { title: '类型', dataIndex: 'kind', key: 'kind', render: (v: string) => BACKUP_KINDS[v] ?? v },
            { title: '案件数', dataIndex: 'caseCount', key: 'caseCount' },
            { title: '大小', dataIndex: 'bytes', key: 'bytes', render: (v: number) => `${(v / 1024 / 1024).toFixed(1)} MB` },
            ...(restores
              ? [
                  {
                    title: '',
                    key: 'restore',
                    render: (_: unknown, b: { name: string; createdAt: string }) => (
                      <Button
                        size="small"
                        onClick={() => void restore(b.name, new Date(b.createdAt).toLocaleString('zh-CN', { hour12: false }))}
                      >
                        恢复到此备份
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Space>
    </Card>
  );
}
