/**
 * 案件详情's record tabs: 调解记录, 调解协议 (with its 补充协议), 司法确认 and 回访. Where the workflow
 * allows a correction, a 修改/删除 button opens it (the reason is asked for in the form).
 */

import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';

import type { Case, CaseAction } from '../../../../electron/core/schema/case';
import { AGREEMENT_FORMS, CONFIRMATION_RESULTS, FOLLOW_UP_METHODS, PERFORMANCE_STATES } from '../../../../electron/core/schema/codes';

/** What a record tab may offer: the corrections allowed now, and how to open one. */
export interface Corrections {
  allowed: ReadonlySet<CaseAction>;
  open(action: CaseAction, sessionIndex?: number): void;
}

export function Sessions({ c, corrections }: { c: Case; corrections: Corrections }) {
  if (!c.sessions.length) return <Empty description="尚无调解记录" />;
  const { allowed, open } = corrections;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {c.sessions.map((s, i) => (
        <Card
          key={s.id}
          size="small"
          title={`第${i + 1}次调解 · ${s.date}${s.place ? ` · ${s.place}` : ''}`}
          data-testid="session-card"
          extra={
            <Space size={4}>
              {allowed.has('edit-session') ? (
                <Button size="small" icon={<EditOutlined />} onClick={() => open('edit-session', i)}>
                  修改
                </Button>
              ) : null}
              {allowed.has('delete-session') ? (
                <Button size="small" danger icon={<DeleteOutlined />} onClick={() => open('delete-session', i)}>
                  删除
                </Button>
              ) : null}
            </Space>
          }
        >
          {s.participants ? <p>参加人：{s.participants}</p> : null}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.content}</Typography.Paragraph>
          {s.result ? <p>结果：{s.result}</p> : null}
          {s.recorder ? <Typography.Text type="secondary">记录人：{s.recorder}</Typography.Text> : null}
        </Card>
      ))}
    </Space>
  );
}

export function AgreementView({ c, corrections }: { c: Case; corrections: Corrections }) {
  const a = c.agreement;
  if (!a) return <Empty description="尚未达成协议" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        data-testid="agreement-view"
        title={a.effectiveDate ? '调解协议（已生效，签署的内容不再改写）' : '调解协议'}
        extra={
          corrections.allowed.has('amend-agreement') ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => corrections.open('amend-agreement')}>
              修改协议
            </Button>
          ) : null
        }
      >
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
      {(c.supplements ?? []).map((sup, i) => (
        <Card
          key={sup.id}
          size="small"
          data-testid="supplement-view"
          title={`第${i + 1}份补充协议 · ${sup.date}`}
          extra={sup.effectiveDate ? <Tag color="green">{`${sup.effectiveDate}生效`}</Tag> : <Tag color="orange">尚未签署</Tag>}
        >
          {sup.performanceDeadline || sup.performanceMethod ? (
            <Typography.Paragraph>
              变更后的履行：
              {[sup.performanceMethod, sup.performanceDeadline ? `${sup.performanceDeadline}前履行完毕` : ''].filter(Boolean).join('，')}
            </Typography.Paragraph>
          ) : null}
          <ol className="agreement-terms">
            {sup.terms.map((t, j) => (
              <li key={j} style={{ whiteSpace: 'pre-wrap', marginBottom: 6 }}>
                {t}
              </li>
            ))}
          </ol>
        </Card>
      ))}
    </Space>
  );
}

export function ConfirmationView({ c }: { c: Case }) {
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

export function FollowUps({ c }: { c: Case }) {
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
