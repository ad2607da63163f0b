/**
 * 案件详情: everything about one case, and exactly the actions its status allows (from the core's
 * workflow via `cases.get`). Other screens add tabs here through `slots.caseTabs` (e.g. 文书).
 */

import { ArrowLeftOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Tabs, Tag, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';

import { acceptanceDate } from '../../../../electron/core/cases/event-text';
import { localDate } from '../../../../electron/core/dates';
import { ACTION_LABELS, type Case, type CaseAction, CORRECTION_ACTIONS } from '../../../../electron/core/schema/case';
import { DISPUTE_TYPES } from '../../../../electron/core/schema/codes';
import { useDesk } from '../../app/desk-context';
import { screenAt, type ScreenProps, SLOTS } from '../../app/registry';
import { navigate } from '../../app/route';
import { CentreMarkTag, StatusTag } from '../../components/CaseBits';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { useCall } from '../../components/useCall';
import { ActionModal } from './ActionModal';
import { type ActionValues, currentValues, initialValues, PRIMARY_ACTION } from './actions';
import { CentreReturn } from './CentreReturn';
import { EventLog } from './EventLog';
import { Overview } from './Overview';
import { AgreementView, ConfirmationView, type Corrections, FollowUps, Sessions } from './RecordTabs';

/** The form open now: a step, or a correction with what it concerns. */
interface Acting {
  action: CaseAction;
  fixed?: Record<string, unknown>;
  current?: ActionValues;
  note?: string;
  what?: string;
}

/** The tab that shows what an action changed. */
const TAB_OF: Partial<Record<CaseAction, string>> = {
  'record-session': 'sessions',
  'edit-session': 'sessions',
  'delete-session': 'sessions',
  agree: 'agreement',
  sign: 'agreement',
  'amend-agreement': 'agreement',
  supplement: 'agreement',
  'sign-supplement': 'agreement',
  'follow-up': 'followups',
  'apply-confirmation': 'confirmation',
  'confirmation-result': 'confirmation',
};

export default function CaseScreen({ params }: ScreenProps) {
  const id = params[0] ?? '';
  const { settings, operator, dataChanged } = useDesk();
  const { message } = App.useApp();
  const loaded = useCall('cases.get', id ? { id } : null, [id]);
  const [acting, setActing] = useState<Acting>();
  const [tab, setTab] = useState('overview');
  const c = loaded.data?.case as Case | undefined;
  const allowed = useMemo(() => loaded.data?.actions.filter((a) => a.allowed) ?? [], [loaded.data]);
  const steps = allowed.filter((a) => !CORRECTION_ACTIONS.includes(a.action));
  const undo = loaded.data?.undo ?? null;
  const today = localDate(new Date());

  if (!id) return <Empty description="未指定案件" />;
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!c) return <Card loading />;

  const primary = PRIMARY_ACTION[c.status];
  const accepted = acceptanceDate(c);
  // Offered where the menu offers it (not at a centre: its letterhead is not the station's that mediated).
  const documentsScreen = screenAt('documents', settings?.role) !== undefined;
  const corrections: Corrections = {
    allowed: new Set(allowed.map((a) => a.action)),
    open(action, sessionIndex) {
      const what = sessionIndex === undefined ? undefined : `第${sessionIndex + 1}次调解`;
      const fixed = sessionIndex === undefined ? undefined : { session: sessionIndex + 1 };
      if (action === 'delete-session')
        setActing({
          action,
          fixed,
          what,
          note: `删除${what}（${c.sessions[sessionIndex!].date}）的记录：记录的全文仍完整保留在操作记录中。`,
        });
      else setActing({ action, fixed, what, current: currentValues(action, c, sessionIndex) });
    },
  };
  // Basic fields and parties can be corrected until 结案; with an agreement the form asks for a reason.
  const editable = !c.origin && c.status !== 'closed';

  const tabs = [
    { key: 'overview', label: '概况', children: <Overview c={c} /> },
    { key: 'sessions', label: `调解记录（${c.sessions.length}）`, children: <Sessions c={c} corrections={corrections} /> },
    {
      key: 'agreement',
      label: c.supplements?.length ? `调解协议（补充协议${c.supplements.length}份）` : '调解协议',
      children: <AgreementView c={c} corrections={corrections} />,
    },
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
      subtitle={`${DISPUTE_TYPES.labels[c.disputeType]} · ${c.summary} · 登记日期 ${c.receivedAt}${accepted ? ` · 受理日期 ${accepted}` : ''}`}
      extra={
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('register')}>
            返回案件列表
          </Button>
          {editable ? (
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
        {c.origin ? (
          <CentreReturn c={c} />
        ) : steps.length === 0 && !undo ? (
          <Typography.Text type="secondary">当前状态下没有可执行的操作。</Typography.Text>
        ) : (
          <Space wrap>
            {steps.length ? <Typography.Text strong>可以进行：</Typography.Text> : null}
            {steps.map((a) => (
              <Button
                key={a.action}
                type={a.action === primary ? 'primary' : 'default'}
                danger={a.action === 'decline' || a.action === 'fail' || a.action === 'withdraw'}
                onClick={() => setActing({ action: a.action })}
              >
                {a.label}
              </Button>
            ))}
            {undo ? (
              <Button
                icon={<UndoOutlined />}
                data-testid="undo-last"
                onClick={() =>
                  setActing({
                    action: 'undo-last',
                    what: undo.label,
                    note: `将撤销上一步“${undo.label}”${undo.date ? `（${undo.date}）` : ''}：案件回到这一步之前，撤销的内容完整保留在操作记录中。`,
                  })
                }
              >
                撤销上一步（{undo.label}）
              </Button>
            ) : null}
          </Space>
        )}
      </Card>

      <Tabs activeKey={tab} onChange={setTab} items={tabs} />

      {acting ? (
        <ActionModal
          caseId={c.id}
          caseNumber={c.number}
          action={acting.action}
          initial={acting.current ?? initialValues(acting.action, today, { operator: operator?.name, court: settings?.court })}
          current={acting.current}
          fixed={acting.fixed}
          note={acting.note}
          what={acting.what}
          onClose={() => setActing(undefined)}
          onDone={() => {
            void message.success(`已完成：${ACTION_LABELS[acting.action]}`);
            const done = acting.action;
            setActing(undefined);
            dataChanged();
            loaded.reload();
            const next = TAB_OF[done];
            if (next) setTab(next);
          }}
        />
      ) : null}
    </Page>
  );
}
