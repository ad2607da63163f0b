/** 站点上报 → 导入记录: every batch imported, with its counts. */

import { Card, Table } from 'antd';

import { ErrorNotice } from '../../components/ErrorNotice';
import { useCall } from '../../components/useCall';

export function ImportLog() {
  const log = useCall('batches.log', {}, []);
  const imports = log.data?.role === 'centre' ? log.data.imports : [];
  return (
    <Card>
      <ErrorNotice error={log.error} onRetry={log.reload} />
      <Table
        rowKey={(row) => `${row.batchId}-${row.importedAt}`}
        loading={log.loading}
        dataSource={imports}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '导入时间', dataIndex: 'importedAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
          { title: '站点', dataIndex: 'stationName' },
          { title: '站点代码', dataIndex: 'stationCode' },
          { title: '批次导出时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
          { title: '案件', dataIndex: 'caseCount', width: 70 },
          { title: '新增', dataIndex: 'new', width: 70 },
          { title: '更新', dataIndex: 'updated', width: 70 },
          { title: '跳过', dataIndex: 'skipped', width: 70 },
          { title: '拒收', dataIndex: 'rejected', width: 70, render: (v: unknown[]) => v.length },
          { title: '加密', dataIndex: 'sealed', width: 70, render: (v: boolean) => (v ? '是' : '否') },
        ]}
      />
    </Card>
  );
}
