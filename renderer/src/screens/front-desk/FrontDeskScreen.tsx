/**
 * 统一受理: the front desk's day on one screen. Quick entry on the left; on the right today's visitors,
 * what waits on a time limit (to route, to answer, feedback due; most urgent first), visitors to tell
 * the result, and 不满意 call-backs. Each row opens the request (#/request/<id>) to act on it.
 */

import { Alert, Badge, Card, Col, Input, Row, Tabs } from 'antd';
import { useState } from 'react';

import type { RequestSummary } from '../../../../electron/core/requests/search';
import { ALLOW, allows } from '../../../../electron/core/schema/operators';
import { useDesk } from '../../app/desk-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { useCall } from '../../components/useCall';
import { useDebounced } from '../../components/useDebounced';
import { QuickEntry } from './QuickEntry';
import { RequestTable } from './RequestTable';

export default function FrontDeskScreen() {
  const { dataVersion, dataChanged, operator } = useDesk();
  // Registering is the front desk's (受理员, 管理员); a 调解员 reads the register here.
  const registers = allows(ALLOW.frontDesk, operator?.role);
  const board = useCall('requests.desk', { limit: 50 }, [dataVersion]);
  const [tab, setTab] = useState('today');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const found = useCall('requests.list', query ? { q: query, limit: 50 } : null, [query, dataVersion]);
  const d = board.data;
  const today = d?.today ?? '';

  const queue = (key: string, label: string, list: { total: number; items: RequestSummary[] } | undefined) => ({
    key,
    label: (
      <span>
        {label}{' '}
        <Badge count={list?.total ?? 0} showZero color={key === 'callbacks' && list?.total ? 'red' : '#8c8c8c'} overflowCount={999} />
      </span>
    ),
    children: <RequestTable testId={`desk-${key}`} items={list?.items} loading={board.loading} today={today} />,
  });

  return (
    <Page title="统一受理" subtitle="前台统一受理、后台分别办理、结果及时反馈">
      <ErrorNotice error={board.error} onRetry={board.reload} />
      {d && d.unknownYears.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${d.unknownYears.join('、')}年的节假日安排尚未收录：办理时限暂按周末计算，请在“设置 → 统一受理”中补充调休日期。`}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        {registers ? (
          <Col xs={24} xl={10}>
            <QuickEntry offices={d?.offices ?? []} onSaved={dataChanged} />
          </Col>
        ) : null}
        <Col xs={24} xl={registers ? 14 : 24}>
          <Card
            title="登记簿"
            extra={
              <Input.Search
                allowClear
                placeholder="姓名、电话、编号、事项"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                style={{ width: 220 }}
                aria-label="查找来访登记"
              />
            }
          >
            {query ? (
              <>
                <ErrorNotice error={found.error} />
                <RequestTable testId="desk-found" items={found.data?.items} loading={found.loading} today={today} />
              </>
            ) : (
              <Tabs
                activeKey={tab}
                onChange={setTab}
                items={[
                  queue('today', '今日来访', d?.todays),
                  queue('due', '待办时限', d?.due),
                  queue('notify', '待告知', d?.toNotify),
                  queue('callbacks', '不满意待回复', d?.callbacks),
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Page>
  );
}
