/**
/**
 * 工作台 at a station: today's work at a glance. The reminders first (what is due today and this week,
 * above the fold), the cases the centre returned for correction, the reminder to copy a backup off the
 * PC, then three queues (to accept, in mediation, agreements awaiting signatures) and whatever panels
 * other screens contribute. 我的案件 narrows the queues to the current operator's cases. (The centre's
 * home is ./CentreHome.tsx.)
 */

import { FormOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Row, Space, Statistic, Switch, Typography } from 'antd';
import { type ComponentType, lazy, Suspense, useState } from 'react';

import type { CaseSummary } from '../../../../electron/core/cases/search';
import { useDesk } from '../../app/desk-context';
import { SLOTS } from '../../app/registry';
import { navigate } from '../../app/route';
import { partiesLine, StatusTag } from '../../components/CaseBits';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { useCall } from '../../components/useCall';
import { BackupReminder } from './BackupReminder';
import { awaitingSignature } from './queues';
import { ReturnedQueue } from './ReturnedQueue';

const SHOWN = 4;

/**
 * The statistics screen's reminders panel, if that folder has one at build time (it mounts here
 * without anyone editing this file). A panel registered through `slots.homePanels` takes precedence.
 */
const reminderModules = import.meta.glob<{ default?: ComponentType; RemindersPanel?: ComponentType }>('../statistics/RemindersPanel.tsx');
const reminderLoader = Object.values(reminderModules)[0];
const RemindersPanel = reminderLoader
  ? lazy(async () => {
      const mod = await reminderLoader();
      return { default: (mod.RemindersPanel ?? mod.default) as ComponentType };
    })
  : undefined;

export default function HomeScreen() {
  const { dataVersion, settings, operator: signedIn } = useDesk();
  const [mine, setMine] = useState(false);
  // 我的案件: the signed-in operator's (the core resolves `mine` the same way)
  const operator = signedIn?.name ?? '';
  const only = mine && operator ? { mine: true } : {};
  // Only the first few rows are shown; the total comes with them.
  const registered = useCall('cases.list', { status: 'registered', limit: SHOWN, ...only }, [dataVersion, mine]);
  const accepted = useCall('cases.list', { status: 'accepted', limit: SHOWN, ...only }, [dataVersion, mine]);
  // The core filters the unsigned agreements; the page sorts them oldest first.
  const agreed = useCall('cases.list', { status: 'agreed', unsigned: true, ...only }, [dataVersion, mine]);
  const unsigned = agreed.data ? awaitingSignature(agreed.data.items) : undefined;
  const panels = SLOTS.homePanels;
  const showReminders = RemindersPanel && !panels.some((p) => p.key === 'reminders');

  return (
    <Page
      title="工作台"
      subtitle={[settings?.name ?? '']}
      extra={
        <Space wrap>
          {operator ? (
            <label className="mine-switch">
              <Switch checked={mine} onChange={setMine} aria-label="只看我的案件" data-testid="home-mine" />
              <span>{`我的案件（${operator}）`}</span>
            </label>
          ) : null}
          <Button type="primary" size="large" icon={<FormOutlined />} onClick={() => navigate('intake')}>
            纠纷登记
          </Button>
          <Button size="large" icon={<SearchOutlined />} onClick={() => navigate('register')}>
            查找案件
          </Button>
        </Space>
      }
    >
      <ErrorNotice
        error={registered.error ?? accepted.error ?? agreed.error}
        onRetry={() => {
          registered.reload();
          accepted.reload();
          agreed.reload();
        }}
      />
      <Row gutter={[16, 16]}>
        {showReminders && RemindersPanel ? (
          <Col span={24}>
            {/* The panel brings its own card and title. */}
            <Suspense fallback={<Card loading />}>
              <RemindersPanel />
            </Suspense>
          </Col>
        ) : null}
        <Col span={24}>
          <ReturnedQueue version={dataVersion} />
        </Col>
        <Col span={24}>
          <BackupReminder version={dataVersion} />
        </Col>
        <Col xs={24} lg={8}>
          <Queue
            testId="queue-registered"
            title="待受理"
            hint="已登记、尚未决定是否受理"
            total={registered.data?.total}
            items={registered.data?.items}
            loading={registered.loading}
            more={() => navigate('register', [], { status: 'registered', ...(mine ? { mine: '1' } : {}) })}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Queue
            testId="queue-accepted"
            title="调解中"
            hint="已受理、正在调解"
            total={accepted.data?.total}
            items={accepted.data?.items}
            loading={accepted.loading}
            more={() => navigate('register', [], { status: 'accepted', ...(mine ? { mine: '1' } : {}) })}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Queue
            testId="queue-unsigned"
            title="协议待签署"
            hint="已达成书面协议、尚未签署生效"
            total={unsigned?.length}
            items={unsigned}
            loading={agreed.loading}
            more={() => navigate('register', [], { status: 'agreed', ...(mine ? { mine: '1' } : {}) })}
          />
        </Col>
        {panels.map((panel) => (
          <Col span={24} key={panel.key}>
            <Card title={panel.title}>
              <Suspense fallback={null}>
                <panel.component />
              </Suspense>
            </Card>
          </Col>
        ))}
      </Row>
    </Page>
  );
}

function Queue(props: {
  testId: string;
  title: string;
  hint: string;
  total: number | undefined;
  items: readonly CaseSummary[] | undefined;
  loading: boolean;
  more(): void;
}) {
  const shown = props.items?.slice(0, SHOWN) ?? [];
  return (
    <Card
      data-testid={props.testId}
      title={props.title}
      extra={<Statistic value={props.total ?? 0} suffix="件" styles={{ content: { fontSize: '1.4em' } }} loading={props.loading} />}
    >
      <Typography.Text type="secondary">{props.hint}</Typography.Text>
      {shown.length === 0 && !props.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" />
      ) : (
        <List
          loading={props.loading}
          dataSource={shown}
          renderItem={(item) => (
            <List.Item className="queue-item" onClick={() => navigate('case', [item.id])} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <a onClick={() => navigate('case', [item.id])}>{item.number}</a>
                    {item.status !== 'registered' && item.status !== 'accepted' ? <StatusTag status={item.status} /> : null}
                  </Space>
                }
                description={`${partiesLine(item.parties)} · ${item.summary}`}
              />
            </List.Item>
          )}
        />
      )}
      {(props.total ?? 0) > SHOWN ? (
        <Button type="link" onClick={props.more} style={{ paddingLeft: 0 }}>
          查看全部 {props.total} 件
        </Button>
      ) : null}
    </Card>
  );
}
