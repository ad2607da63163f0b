/**
 * 站点上报 (centre): verify and import a station's batch (ImportPanel); the stations' keys
 * (StationsPanel); the import log (ImportLog).
 */

import { Tabs } from 'antd';

import { Page } from '../../components/Page';
import { ImportLog } from './ImportLog';
import { ImportPanel } from './ImportPanel';
import { StationsPanel } from './StationsPanel';

export default function CentreScreen() {
  return (
    <Page title="站点上报" subtitle="核验并导入各站点的批次文件；导入后把回执文件交回站点">
      <Tabs
        items={[
          { key: 'import', label: '导入批次', children: <ImportPanel /> },
          { key: 'stations', label: '站点公钥', children: <StationsPanel /> },
          { key: 'log', label: '导入记录', children: <ImportLog /> },
        ]}
      />
    </Page>
  );
}
