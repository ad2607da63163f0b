/**
 * 提醒 on 工作台: deadlines computed by the core (`reminders.list`) from today's date: judicial
 * confirmation window, performance deadline, follow-up visit, long mediation; and a warning when the
 * PC's clock is earlier than the newest saved record. (Desktop notifications are the shell's, once a day.)
 */

import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Badge, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';

import { type Reminder, REMINDER_KIND_LABELS, type ReminderKind } from '../../../../electron/core/oversight/reminders';
import { useDesk } from '../../app/desk-context';
import { navigate } from '../../app/route';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCall } from '../../components/useCall';

const SHOWN = 8;
/** The most urgent reminders fetched for the panel; counts cover all of them. */
const FETCHED = 200;

function dueText(r: Reminder): string {
  if (r.daysLeft > 0) return `还剩${r.daysLeft}天`;
  if (r.daysLeft === 0) return '今天到期';
  return `超过${-r.daysLeft}天`;
}

export function RemindersPanel() {
  const { dataVersion } = useDesk();
  // Two pages: everything coming due (few, and the ones still worth acting on first), then the most
  // overdue. Counts come with either call and cover all reminders.
  const soon = useCall('reminders.list', { severity: 'warning', limit: FETCHED }, [dataVersion]);
  const late = useCall('reminders.list', { severity: 'overdue', limit: FETCHED }, [dataVersion]);
  const result = {
    data: soon.data && late.data ? { ...late.data, reminders: [...soon.data.reminders, ...late.data.reminders] } : undefined,
    error: soon.error ?? late.error,
    loading: soon.loading || late.loading,
    reload: () => {
      soon.reload();
      late.reload();
    },
  };
  const [kind, setKind] = useState<'all' | ReminderKind>('all');
  const [expanded, setExpanded] = useState(false);
  const data = result.data;
  const list = (data?.reminders ?? []).filter((r) => kind === 'all' || r.kind === kind);
  const count = (k: ReminderKind) => data?.byKind[k] ?? 0;
  const shown = expanded ? list : list.slice(0, SHOWN);

  return (
    <Card
      data-testid="reminders-panel"
      title={
        <Space>
          <ClockCircleOutlined />
          到期提醒
          {data ? (
            <>
              <Badge count={data.counts.overdue} color="red" showZero={false} title="已逾期" />
              <Badge count={data.counts.warning} color="orange" showZero={false} title="即将到期" />
            </>
          ) : null}
        </Space>
      }
      loading={result.loading && !data}
    >
      <ErrorNotice error={result.error} onRetry={result.reload} />
      {data && !data.clock.ok ? (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 12 }}
          message="请检查电脑时钟"
          description={data.clock.message}
          data-testid="clock-warning"
        />
      ) : null}
      {data && data.reminders.length > 0 ? (
        <Segmented
          size="small"
          style={{ marginBottom: 8 }}
          value={kind}
          onChange={(v) => setKind(v as 'all' | ReminderKind)}
          options={[
            { value: 'all', label: `全部 ${data.total}` },
            ...(Object.keys(REMINDER_KIND_LABELS) as ReminderKind[])
              .filter((k) => count(k) > 0)
              .map((k) => ({ value: k, label: `${REMINDER_KIND_LABELS[k]} ${count(k)}` })),
          ]}
        />
      ) : null}
      {data && data.reminders.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${data.today}：没有需要提醒的事项`} />
      ) : null}
      {shown.length ? (
        <List
          size="small"
          dataSource={shown}
          renderItem={(r) => (
            <List.Item
              key={`${r.caseId}-${r.kind}`}
              style={{ cursor: 'pointer' }}
              onClick={() => navigate('case', [r.caseId])}
              extra={<Tag color={r.severity === 'overdue' ? 'red' : 'orange'}>{dueText(r)}</Tag>}
            >
              <List.Item.Meta
                title={
                  <Space size={4}>
                    <Tag>{REMINDER_KIND_LABELS[r.kind]}</Tag>
                    <Typography.Text>{r.caseNumber}</Typography.Text>
                    <Typography.Text type="secondary">{r.summary}</Typography.Text>
                  </Space>
                }
                description={r.message.slice(r.caseNumber.length + 1).replace(/（[^（）]*）$/, '')}
              />
            </List.Item>
          )}
        />
      ) : null}
      {list.length > SHOWN ? (
        <Typography.Link onClick={() => setExpanded(!expanded)}>{expanded ? '收起' : `展开列出的${list.length}项`}</Typography.Link>
      ) : null}
      {data && data.total > data.reminders.length && (expanded || list.length <= SHOWN) ? (
        <Typography.Paragraph type="secondary">
          另有{data.total - data.reminders.length}项逾期较久的提醒未列出（命令行 reminders 可列出全部）。
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

export default RemindersPanel;
