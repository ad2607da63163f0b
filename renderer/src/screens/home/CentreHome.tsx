/**
 * 工作台 at the centre: the centre's work, not a station's queues. How the stations reported this month
 * (已上报 / 零上报 / 未上报), the stations silent longer than the limit, the returns still waiting for
 * correction, and the latest batches received; all from `centre.overview`.
 */

import { InboxOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';

import type { ApiResult } from '../../../../electron/core/api';
import { stationLabel } from '../../../../electron/core/oversight/stats';
import { useDesk } from '../../app/desk-context';
import { navigate } from '../../app/route';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { useCall } from '../../components/useCall';

type Overview = ApiResult<'centre.overview'>;
type StationRow = Overview['stations'][number];

const MONTH_STATUS: Record<StationRow['monthStatus'], { label: string; color: string }> = {
  reported: { label: '已上报', color: 'green' },
  zero: { label: '零上报', color: 'blue' },
  none: { label: '未上报', color: 'orange' },
};

const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN');

export default function CentreHome() {
  const { dataVersion, settings } = useDesk();
  const overview = useCall('centre.overview', {}, [dataVersion]);
  const view = overview.data;
  const silent = view?.stations.filter((s) => s.silent) ?? [];

  return (
    <Page
      title="工作台"
      subtitle={[settings?.name ?? '', `· 站点上报情况${view ? `（${view.month.replace('-', '年')}月）` : ''}`]}
      extra={
        <Space wrap>
          <Button type="primary" size="large" icon={<InboxOutlined />} onClick={() => navigate('imports')}>
            导入站点批次
          </Button>
          <Button size="large" icon={<SearchOutlined />} onClick={() => navigate('register')}>
            查找案件
          </Button>
        </Space>
      }
    >
      <ErrorNotice error={overview.error} onRetry={overview.reload} />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card data-testid="centre-totals" loading={overview.loading && !view}>
            <Space size="large" wrap>
              <Statistic title="站点" value={view?.totals.stations ?? 0} suffix="个" />
              <Statistic title="本月已上报" value={view?.totals.reported ?? 0} suffix="个" />
              <Statistic title="本月零上报" value={view?.totals.zero ?? 0} suffix="个" />
              <Statistic title="本月未上报" value={view?.totals.none ?? 0} suffix="个" />
              <Statistic
                title={`超过${view?.silentDays ?? 35}天未上报`}
                value={view?.totals.silent ?? 0}
                suffix="个"
                styles={{ content: view?.totals.silent ? { color: '#cf1322' } : {} }}
              />
              <Statistic title="退回待补正" value={view?.totals.openReturns ?? 0} suffix="件" />
            </Space>
          </Card>
        </Col>
        {view ? (
          <Col span={24}>
            {silent.length ? (
              <Alert
                type="warning"
                showIcon
                data-testid="silent-stations"
                title={`${silent.length}个站点超过${view.silentDays}天没有上报：${silent.map((s) => s.name).join('、')}`}
                description="请联系这些站点：没有案件时也应“零上报”。"
              />
            ) : (
              <Alert type="success" showIcon title={`所有站点都在${view.silentDays}天内上报过。`} data-testid="silent-stations" />
            )}
          </Col>
        ) : null}
        <Col span={24}>
          <Card title="各站点上报情况" data-testid="station-overview">
            <Table<StationRow>
              rowKey="code"
              size="small"
              loading={overview.loading && !view}
              dataSource={view?.stations ?? []}
              pagination={false}
              scroll={{ x: 900 }}
              locale={{ emptyText: '还没有登记站点：请在“站点上报 → 站点公钥”中登记' }}
              columns={[
                {
                  title: '站点',
                  key: 'station',
                  width: 280,
                  // On a narrow screen the table scrolls sideways: the station and its month stay in view.
                  fixed: 'left',
                  render: (_, s) => (
                    <Space size={4} wrap>
                      <span>{stationLabel(s.code, s.name)}</span>
                      {s.silent ? <Tag color="red">未按时上报</Tag> : null}
                      {!s.trusted ? <Tag>公钥未登记或已吊销</Tag> : null}
                    </Space>
                  ),
                },
                {
                  title: '本月',
                  key: 'status',
                  width: 90,
                  render: (_, s) => <Tag color={MONTH_STATUS[s.monthStatus].color}>{MONTH_STATUS[s.monthStatus].label}</Tag>,
                },
                {
                  title: '待补正',
                  key: 'returns',
                  width: 90,
                  render: (_, s) => (s.openReturns ? <Tag color="red">{`${s.openReturns}件`}</Tag> : ''),
                },
                {
                  title: '最近批次',
                  key: 'last',
                  width: 170,
                  render: (_, s) =>
                    s.lastBatch ? `${day(s.lastBatch.createdAt)}${s.lastBatch.sequence ? ` 第${s.lastBatch.sequence}批` : ''}` : '尚无',
                },
                {
                  title: '距今',
                  key: 'days',
                  width: 100,
                  // a station that never reported is counted from the day its key was registered: say so
                  render: (_, s) => (s.daysSilent === null ? '—' : s.lastBatch ? `${s.daysSilent}天` : `登记后${s.daysSilent}天`),
                },
                { title: '本月（批/件）', key: 'month', width: 110, render: (_, s) => `${s.month.batches} / ${s.month.cases}` },
                { title: '本年（批/件）', key: 'year', width: 110, render: (_, s) => `${s.year.batches} / ${s.year.cases}` },
                {
                  title: '',
                  key: 'cases',
                  width: 90,
                  render: (_, s) => (
                    <Button type="link" size="small" onClick={() => navigate('register', [], { station: s.code })}>
                      看案件
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card title="最近收到的批次" data-testid="recent-batches">
            <List
              loading={overview.loading && !view}
              dataSource={view?.recentBatches ?? []}
              locale={{ emptyText: '还没有导入过批次' }}
              renderItem={(b) => (
                <List.Item>
                  <List.Item.Meta
                    title={`${stationLabel(b.stationCode, b.stationName)}${b.sequence ? ` · 第${b.sequence}批` : ''}`}
                    description={
                      <Typography.Text type="secondary">
                        {`${new Date(b.importedAt).toLocaleString('zh-CN', { hour12: false })} 导入 · ${
                          b.caseCount
                            ? `${b.caseCount}件（新增${b.new}，更新${b.updated}${b.rejected.length ? `，拒收${b.rejected.length}` : ''}）`
                            : '零上报'
                        }`}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </Page>
  );
}
