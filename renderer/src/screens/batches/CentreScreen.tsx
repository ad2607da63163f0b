/**
 * 站点上报 (centre): verify and import a station's batch (ImportPanel); the stations' keys
 * (StationsPanel); the import log (ImportLog); returns for correction and receipts on demand (ReturnsPanel).
 */

import { Tabs } from 'antd';

import { Page } from '../../components/Page';
import { ImportLog } from './ImportLog';
import { ImportPanel } from './ImportPanel';
import { ReturnsPanel } from './ReturnsPanel';
import { StationsPanel } from './StationsPanel';

export default function CentreScreen() {
  return (
    <Page title="站点上报" subtitle="核验并导入各站点的批次文件；导入后把回执文件交回站点">
      <Tabs
        items={[
          { key: 'import', label: '导入批次', children: <ImportPanel /> },
          { key: 'stations', label: '站点公钥', children: <StationsPanel /> },
          { key: 'returns', label: '退回补正', children: <ReturnsPanel /> },
          { key: 'log', label: '导入记录', children: <ImportLog /> },
        ]}
      />
    </Page>
  );
}
