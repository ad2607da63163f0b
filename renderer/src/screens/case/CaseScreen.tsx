/**
 * 案件详情: everything about one case, and exactly the actions its status allows (from the core's
 * workflow via `cases.get`). Other screens add tabs here through `slots.caseTabs` (e.g. 文书).
 */

import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Tabs, Tag, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';

import { localDate } from '../../../../electron/core/dates';
import { ACTION_LABELS, type Case, type CaseAction } from '../../../../electron/core/schema/case';
import { DISPUTE_TYPES } from '../../../../electron/core/schema/codes';
import { useDesk } from '../../app/desk-context';
import { screenByKey, type ScreenProps, SLOTS } from '../../app/registry';
import { navigate } from '../../app/route';
import { CentreMarkTag, StatusTag } from '../../components/CaseBits';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { useCall } from '../../components/useCall';
import { ActionModal } from './ActionModal';
import { initialValues, PRIMARY_ACTION } from './actions';
import { EventLog } from './EventLog';
import { Overview } from './Overview';
import { AgreementView, ConfirmationView, FollowUps, Sessions } from './RecordTabs';

export default function CaseScreen({ params }: ScreenProps) {
  const id = params[0] ?? '';
  const { settings, dataChanged } = useDesk();
  const { message } = App.useApp();
  const loaded = useCall('cases.get', id ? { id } : null, [id]);
  const [acting, setActing] = useState<CaseAction>();
  const [tab, setTab] = useState('overview');
  const c = loaded.data?.case as Case | undefined;
  const allowed = useMemo(() => loaded.data?.actions.filter((a) => a.allowed) ?? [], [loaded.data]);
  const today = localDate(new Date());

  if (!id) return <Empty description="未指定案件" />;
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!c) return <Card loading />;

  const primary = PRIMARY_ACTION[c.status];
  const documentsScreen = screenByKey('documents');

  const tabs = [
    { key: 'overview', label: '概况', children: <Overview c={c} /> },
    { key: 'sessions', label: `调解记录（${c.sessions.length}）`, children: <Sessions c={c} /> },
    { key: 'agreement', label: '调解协议', children: <AgreementView c={c} /> },
    { key: 'confirmation', label: '司法确认', children: <ConfirmationView c={c} /> },
    { key: 'followups', label: `回访（${c.followUps.length}）`, children: <FollowUps c={c} /> },
    ...SLOTS.caseTabs.map((slot) => ({
      key: `slot-${slot.key}`,
      label: slot.label,
      children: (
        <Suspense fallback={<Card loading />}>
          <slot.component caseData={c} reload={loaded.reload} />
        </Suspense>
      ),
    })),
    { key: 'log', label: '操作记录', children: <EventLog c={c} /> },
  ];

  return (
    <Page
      title={
        <Space wrap>
          <span data-testid="case-number">{c.number}</span>
          <StatusTag status={c.status} />
          {c.status === 'agreed' && c.agreement?.form === 'written' && !c.agreement.effectiveDate ? (
            <Tag color="orange">协议待签署</Tag>
          ) : null}
          <CentreMarkTag mark={c.centreMark} />
          {c.origin ? <Tag>来自站点 {c.origin.stationName}</Tag> : null}
        </Space>
      }
      subtitle={`${DISPUTE_TYPES.labels[c.disputeType]} · ${c.summary} · 受理日期 ${c.receivedAt}`}
      extra={
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('register')}>
            返回案件列表
          </Button>
          {!c.origin && (c.status === 'registered' || c.status === 'accepted') ? (
            <Button icon={<EditOutlined />} onClick={() => navigate('intake', ['edit', c.id])}>
              修改基本信息
            </Button>
          ) : null}
          {documentsScreen && !SLOTS.caseTabs.some((s) => s.key === 'documents') ? (
            <Button onClick={() => navigate('documents', [], { case: c.id })}>文书</Button>
          ) : null}
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }} data-testid="case-actions">
        {allowed.length === 0 ? (
          <Typography.Text type="secondary">
            {c.origin ? '这是从站点导入的案件，在中心只能查看。' : '当前状态下没有可执行的操作。'}
          </Typography.Text>
        ) : (
          <Space wrap>
            <Typography.Text strong>可以进行：</Typography.Text>
            {allowed.map((a) => (
              <Button
                key={a.action}
                type={a.action === primary ? 'primary' : 'default'}
                danger={a.action === 'decline' || a.action === 'fail' || a.action === 'withdraw'}
                onClick={() => setActing(a.action)}
              >
                {a.label}
              </Button>
            ))}
          </Space>
        )}
      </Card>

      <Tabs activeKey={tab} onChange={setTab} items={tabs} />

      {acting ? (
        <ActionModal
          caseId={c.id}
          caseNumber={c.number}
          action={acting}
          initial={initialValues(acting, today, { operator: settings?.operator, court: settings?.court })}
          onClose={() => setActing(undefined)}
          onDone={() => {
            void message.success(`已完成：${ACTION_LABELS[acting]}`);
            const done = acting;
            setActing(undefined);
            dataChanged();
            loaded.reload();
            if (done === 'record-session') setTab('sessions');
            if (done === 'agree' || done === 'sign') setTab('agreement');
            if (done === 'follow-up') setTab('followups');
            if (done === 'apply-confirmation' || done === 'confirmation-result') setTab('confirmation');
          }}
        />
      ) : null}
    </Page>
  );
}
