/**
 * 批量上报 (station): the export wizard (ExportWizard), then the export log and applying the centre's
 * receipts (ExportLog).
 */

import { Tabs } from 'antd';

import { Page } from '../../components/Page';
import { ExportLog } from './ExportLog';
import { ExportWizard } from './ExportWizard';

export default function StationScreen() {
  return (
    <Page title="批量上报" subtitle="把案件导出为签名的批次文件，用U盘或共享文件夹交给公共法律服务中心">
      <Tabs
        items={[
          { key: 'export', label: '导出批次', children: <ExportWizard /> },
          { key: 'log', label: '上报记录与回执', children: <ExportLog /> },
        ]}
      />
    </Page>
  );
}
