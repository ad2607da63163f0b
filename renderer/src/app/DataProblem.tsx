/**
 * Signed in, but the register could not be loaded (a damaged data file): the message names the file
 * and the newest good backup; an administrator restores one here (the damaged data is itself kept as a
 * backup first, so the restore can be undone), anyone else is told to call one.
 */

import { Alert, App, Button, Card, Space, Table, Typography } from 'antd';

import type { ApiError } from '../api/client';
import { call } from '../api/client';
import { useCall } from '../components/useCall';
import { useFailure } from '../components/useFailure';
import { useDesk } from './desk-context';

export function DataProblem({ error }: { error: ApiError }) {
  const { operator, reloadStatus, signOut } = useDesk();
  const { modal, message } = App.useApp();
  const report = useFailure();
  const admin = operator?.role === 'admin';
  const backups = useCall('backups.list', admin ? {} : null, [admin]);

  const restore = (name: string, label: string) =>
    modal.confirm({
      title: `恢复到“${label}”？`,
      content: '现在（损坏的）数据会先另存为一份备份，不会被删除；备份之后录入或修改的内容需要重新录入。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          await call('backups.restore', { name });
          void message.success('已从备份恢复，请核对最近录入的案件');
          await reloadStatus();
        } catch (failure) {
          report(failure);
        }
      },
    });

  return (
    <div className="first-run">
      <Card style={{ maxWidth: 860, width: '100%' }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          数据无法打开
        </Typography.Title>
        <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />
        {admin ? (
          <Table
            rowKey="name"
            size="small"
            loading={backups.loading}
            dataSource={backups.data ?? []}
            pagination={false}
            columns={[
              { title: '备份时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
              { title: '案件数', dataIndex: 'caseCount' },
              {
                title: '',
                key: 'restore',
                render: (_, b) => (
                  <Button onClick={() => void restore(b.name, new Date(b.createdAt).toLocaleString('zh-CN', { hour12: false }))}>
                    恢复到此备份
                  </Button>
                ),
              },
            ]}
          />
        ) : (
          <Typography.Paragraph>请管理员登录后从备份恢复，或联系中心的技术人员。</Typography.Paragraph>
        )}
        <Space style={{ marginTop: 16 }}>
          <Button onClick={() => void signOut()}>切换操作员</Button>
        </Space>
      </Card>
    </div>
  );
}
