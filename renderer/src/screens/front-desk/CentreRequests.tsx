/**
 * 来访登记 at a centre: the requests its stations reported in their batches, read only. Filter by
 * station and search by name, phone, number or matter; a row opens the request (#/request/<id>), where
 * nothing can be changed. The counts by station are the front-desk table (统计 → 统一受理). The same on the
 * embedded store and on PostgreSQL (the core reads them through the register).
 */

import { Card, Input, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';

import { useDesk } from '../../app/desk-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { useCall } from '../../components/useCall';
import { useDebounced } from '../../components/useDebounced';
import { RequestTable } from './RequestTable';

const PAGE = 50;

export default function CentreRequests() {
  const { dataVersion } = useDesk();
  const [station, setStation] = useState<string>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = useDebounced(q.trim(), 300);
  const names = useCall('centre.stationNames', {}, [dataVersion]);
  const stations = useMemo(() => new Map((names.data ?? []).map((s) => [s.code, s.name])), [names.data]);
  const found = useCall('requests.list', { station, q: query || undefined, offset: (page - 1) * PAGE, limit: PAGE }, [
    station,
    query,
    page,
    dataVersion,
  ]);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <Page title="来访登记" subtitle="各站点批量上报的来访登记（只读）">
      <ErrorNotice error={names.error ?? found.error} onRetry={found.reload} />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder="全部站点"
            value={station}
            onChange={(value) => {
              setStation(value);
              setPage(1);
            }}
            options={(names.data ?? []).map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }))}
            style={{ minWidth: 260 }}
            aria-label="站点"
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="centre-requests-station"
          />
          <Input.Search
            allowClear
            placeholder="姓名、电话、编号、事项"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            style={{ width: 260 }}
            aria-label="查找来访登记"
          />
          <Typography.Text type="secondary" data-testid="centre-requests-total">
            {found.data ? `共 ${found.data.total} 件` : ''}
          </Typography.Text>
        </Space>
        <RequestTable
          testId="centre-requests"
          items={found.data?.items}
          loading={found.loading}
          today={today}
          stations={stations}
          pagination={{
            current: page,
            pageSize: PAGE,
            total: found.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
          }}
        />
      </Card>
    </Page>
  );
}
