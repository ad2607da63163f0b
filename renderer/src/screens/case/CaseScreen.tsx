/**
 * 案件详情: everything about one case, and exactly the actions its status allows (from the core's
 * workflow via `cases.get`). Other screens add tabs here through `slots.caseTabs` (e.g. 文书).
 */

import { ArrowLeftOutlined, EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Space, Table, Tabs, Tag, Timeline, Tooltip, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';

import { localDate } from '../../../../electron/core/dates';
import { fieldLabel } from '../../../../electron/core/errors';
import { ACTION_LABELS, type Case, type CaseAction, type Party } from '../../../../electron/core/schema/case';
import {
  AGREEMENT_FORMS,
  CASE_SOURCES,
  CONFIRMATION_RESULTS,
  DISPUTE_TYPES,
  FOLLOW_UP_METHODS,
  GENDERS,
  GUIDANCE_ROUTES,
  ID_TYPES,
  PARTY_ROLES,
  PERFORMANCE_STATES,
} from '../../../../electron/core/schema/codes';
import { maskIdNumber } from '../../../../electron/core/schema/identity';
import { call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { screenByKey, type ScreenProps, SLOTS } from '../../app/registry';
import { navigate } from '../../app/route';
import { CentreMarkTag, formatFen, StatusTag } from '../../components/CaseBits';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { messageOf, useCall } from '../../components/useCall';
import { ActionModal } from './ActionModal';
import { initialValues, PRIMARY_ACTION } from './actions';

/** Event types as the log shows them. */
const EVENT_LABELS: Record<string, string> = { created: '登记', edited: '修改', ...ACTION_LABELS };

export default function CaseScreen({ params }: ScreenProps) {
  const id = params[0] ?? '';
  const { settings, operator, dataChanged } = useDesk();
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
          initial={initialValues(acting, today, { operator: operator?.name, court: settings?.court })}
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

function Overview({ c }: { c: Case }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions bordered column={{ xs: 1, md: 2, xl: 3 }} size="small">
        <Descriptions.Item label="案号">{c.number}</Descriptions.Item>
        <Descriptions.Item label="受理日期">{c.receivedAt}</Descriptions.Item>
        <Descriptions.Item label="案件来源">{CASE_SOURCES.labels[c.source]}</Descriptions.Item>
        <Descriptions.Item label="纠纷类型">{DISPUTE_TYPES.labels[c.disputeType]}</Descriptions.Item>
        <Descriptions.Item label="涉及金额">{c.amountFen ? formatFen(c.amountFen) : '—'}</Descriptions.Item>
        <Descriptions.Item label="涉及人数">{c.peopleInvolved}</Descriptions.Item>
        <Descriptions.Item label="人民调解员">{c.mediators.join('、') || '—'}</Descriptions.Item>
        {c.outcome ? (
          <Descriptions.Item label="办理结果" span={2}>
            {c.outcome.date} {c.outcome.reason}
            {c.outcome.guidance ? `（引导：${GUIDANCE_ROUTES.labels[c.outcome.guidance]}）` : ''}
          </Descriptions.Item>
        ) : null}
        {c.closedAt ? <Descriptions.Item label="结案日期">{c.closedAt}</Descriptions.Item> : null}
      </Descriptions>
      <Card size="small" title="当事人">
        <Table<Party>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.parties}
          columns={[
            { title: '身份', key: 'role', width: 100, render: (_, p) => PARTY_ROLES.labels[p.role] },
            { title: '姓名/名称', dataIndex: 'name', key: 'name', width: 200 },
            {
              title: '证件',
              key: 'id',
              render: (_, p) =>
                p.kind === 'person' ? (
                  p.idNumber ? (
                    <RevealId label={ID_TYPES.labels[p.idType]} id={p.idNumber} />
                  ) : (
                    '—'
                  )
                ) : p.creditCode ? (
                  <span className="mono">统一社会信用代码 {p.creditCode}</span>
                ) : (
                  '—'
                ),
            },
            {
              title: '性别/出生',
              key: 'born',
              width: 170,
              render: (_, p) =>
                p.kind === 'person'
                  ? [p.gender ? GENDERS.labels[p.gender] : '', p.birthDate ?? ''].filter(Boolean).join(' ')
                  : `法定代表人 ${p.representative ?? '—'}`,
            },
            { title: '电话', dataIndex: 'phone', key: 'phone', width: 150 },
            { title: '住址', dataIndex: 'address', key: 'address', ellipsis: true },
            { title: '委托代理人', key: 'agent', width: 140, render: (_, p) => p.agent?.name ?? '' },
          ]}
        />
      </Card>
      <Card size="small" title="纠纷简要情况">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.facts || '（未填写）'}</Typography.Paragraph>
      </Card>
      <Card size="small" title="当事人请求">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.claims || '（未填写）'}</Typography.Paragraph>
      </Card>
    </Space>
  );
}

/** ID numbers are masked on screen until asked for (someone may be standing behind the desk). */
function RevealId({ label, id }: { label: string; id: string }) {
  const [shown, setShown] = useState(false);
  return (
    <Space size={4}>
      <span className="mono">
        {label} {shown ? id : maskIdNumber(id)}
      </span>
      <Button type="link" size="small" onClick={() => setShown((s) => !s)}>
        {shown ? '隐藏' : '显示'}
      </Button>
    </Space>
  );
}

function Sessions({ c }: { c: Case }) {
  if (!c.sessions.length) return <Empty description="尚无调解记录" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {c.sessions.map((s, i) => (
        <Card key={s.id} size="small" title={`第${i + 1}次调解 · ${s.date}${s.place ? ` · ${s.place}` : ''}`} data-testid="session-card">
          {s.participants ? <p>参加人：{s.participants}</p> : null}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.content}</Typography.Paragraph>
          {s.result ? <p>结果：{s.result}</p> : null}
          {s.recorder ? <Typography.Text type="secondary">记录人：{s.recorder}</Typography.Text> : null}
        </Card>
      ))}
    </Space>
  );
}

function AgreementView({ c }: { c: Case }) {
  const a = c.agreement;
  if (!a) return <Empty description="尚未达成协议" />;
  return (
    <Card size="small" data-testid="agreement-view">
      <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label="协议日期">{a.date}</Descriptions.Item>
        <Descriptions.Item label="协议形式">{AGREEMENT_FORMS.labels[a.form]}</Descriptions.Item>
        <Descriptions.Item label="生效日期">{a.effectiveDate ?? <Tag color="orange">尚未签署</Tag>}</Descriptions.Item>
        <Descriptions.Item label="履行期限">{a.performanceDeadline ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="履行方式" span={2}>
          {a.performanceMethod ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>协议条款</Typography.Title>
      <ol className="agreement-terms">
        {a.terms.map((t, i) => (
          <li key={i} style={{ whiteSpace: 'pre-wrap', marginBottom: 6 }}>
            {t}
          </li>
        ))}
      </ol>
    </Card>
  );
}

function ConfirmationView({ c }: { c: Case }) {
  const k = c.confirmation;
  if (!k) return <Empty description="未申请司法确认" />;
  return (
    <Descriptions bordered column={1} size="small">
      <Descriptions.Item label="申请日期">{k.appliedAt}</Descriptions.Item>
      <Descriptions.Item label="人民法院">{k.court}</Descriptions.Item>
      <Descriptions.Item label="结果">
        {k.result
          ? `${k.result.date} ${CONFIRMATION_RESULTS.labels[k.result.result]}${k.result.rulingNumber ? `（${k.result.rulingNumber}）` : ''}${k.result.reason ? `：${k.result.reason}` : ''}`
          : '等待法院裁定'}
      </Descriptions.Item>
    </Descriptions>
  );
}

function FollowUps({ c }: { c: Case }) {
  if (!c.followUps.length) return <Empty description="尚无回访" />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={c.followUps}
      columns={[
        { title: '日期', dataIndex: 'date', key: 'date', width: 130 },
        { title: '方式', key: 'method', width: 120, render: (_, f) => FOLLOW_UP_METHODS.labels[f.method] },
        { title: '履行情况', key: 'performance', width: 120, render: (_, f) => PERFORMANCE_STATES.labels[f.performance] },
        { title: '情况', dataIndex: 'notes', key: 'notes' },
        { title: '回访人', dataIndex: 'visitor', key: 'visitor', width: 120 },
      ]}
    />
  );
}

function EventLog({ c }: { c: Case }) {
  const [verdict, setVerdict] = useState<{ ok: boolean; events: number; problem?: string }>();
  const [error, setError] = useState<string>();
  const verify = async () => {
    setError(undefined);
    try {
      setVerdict(await call('cases.verifyLog', { id: c.id }));
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Tooltip title="检查每条记录的哈希链，发现被改动或删除的记录">
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()} data-testid="verify-log">
            校验记录
          </Button>
        </Tooltip>
        {verdict ? (
          verdict.ok ? (
            <Alert type="success" showIcon title={`操作记录完整：共${verdict.events}条，未发现改动`} data-testid="verify-result" />
          ) : (
            <Alert type="error" showIcon title={`操作记录有问题：${verdict.problem}`} data-testid="verify-result" />
          )
        ) : null}
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Space>
      <Timeline
        items={[...c.events].reverse().map((e) => ({
          key: e.seq,
          content: (
            <span>
              <strong>{EVENT_LABELS[e.type] ?? e.type}</strong>　{new Date(e.at).toLocaleString('zh-CN', { hour12: false })}　{e.operator}
              {typeof e.details.reason === 'string' && e.details.reason ? `　理由：${e.details.reason}` : ''}
              {Array.isArray(e.details.fields)
                ? `　（${(e.details.fields as string[]).map((f) => fieldLabel(f === 'amountFen' ? 'amount' : f)).join('、')}）`
                : ''}
            </span>
          ),
        }))}
      />
    </Space>
  );
}
