/**
 * 提醒 on 工作台, at the top: what is due today and this week first, the overdue ones after (the most
 * recent first), then later ones, and the parties' 司法确认 window as information. Counts per group and
 * per kind; each reminder can be done (with a note), snoozed or turned off for its case. The core
 * (`reminders.list`) decides order and counts; the desktop notification follows the same rules.
 * Also a warning when the PC's clock is earlier than the newest saved record.
 */

import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';

import {
  type Reminder,
  REMINDER_GROUPS,
  REMINDER_KIND_LABELS,
  type ReminderGroup,
  type ReminderKind,
} from '../../../../electron/core/oversight/reminders';
import { useDesk } from '../../app/desk-context';
import { navigate } from '../../app/route';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCall } from '../../components/useCall';
import { HandledReminders } from './HandledReminders';
import { ReminderActions } from './ReminderActions';

/** Rows shown before 显示更多, and fetched at most (the counts cover all). */
const SHOWN = 5;
const FETCHED = 100;

const GROUP_COLOURS: Record<ReminderGroup, string> = { today: 'red', week: 'orange', overdue: 'volcano', later: 'blue', info: 'default' };

function dueText(r: Reminder): string {
  if (r.group === 'info') return r.daysLeft === 0 ? '今天是最后一天' : `还有${r.daysLeft}天`;
  if (r.daysLeft > 0) return `还剩${r.daysLeft}天`;
  if (r.daysLeft === 0) return '今天到期';
  return `已过${-r.daysLeft}天`;
}

export function RemindersPanel() {
  const { dataVersion } = useDesk();
  const [group, setGroup] = useState<ReminderGroup>();
  const [kind, setKind] = useState<ReminderKind>();
  const [expanded, setExpanded] = useState(false);
  const [tick, setTick] = useState(0);
  // Counts of every group and kind come with any page; the first call (no group) picks the tab.
  const result = useCall('reminders.list', { limit: FETCHED, ...(group ? { group } : {}), ...(kind ? { kind } : {}) }, [
    group,
    kind,
    dataVersion,
    tick,
  ]);
  const data = result.data;
  const reload = () => setTick((t) => t + 1);

  // Open on the first group with something in it, in the day's order.
  useEffect(() => {
    if (!group && data && data.total > 0) setGroup(REMINDER_GROUPS.find((g) => data.byGroup[g.group] > 0)?.group);
  }, [group, data]);
  useEffect(() => setExpanded(false), [group, kind]);

  const list = (data?.reminders ?? []).filter((r) => !group || r.group === group);
  const shown = expanded ? list : list.slice(0, SHOWN);

  return (
    <Card
      data-testid="reminders-panel"
      size="small"
      title={
        <Space>
          <ClockCircleOutlined />
          到期提醒
        </Space>
      }
      extra={<HandledReminders count={data?.marked ?? 0} onChanged={reload} />}
      loading={result.loading && !data}
    >
      <ErrorNotice error={result.error} onRetry={result.reload} />
      {data && !data.clock.ok ? (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 12 }}
          title="请检查电脑时钟"
          description={data.clock.message}
          data-testid="clock-warning"
        />
      ) : null}
      {data && data.total === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${data.today}：没有需要提醒的事项`} /> : null}
      {data && data.total > 0 ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Segmented<ReminderGroup>
            data-testid="reminder-groups"
            value={group}
            onChange={setGroup}
            options={REMINDER_GROUPS.map((g) => ({
              value: g.group,
              label: `${g.label} ${data.byGroup[g.group]}`,
              disabled: data.byGroup[g.group] === 0,
            }))}
          />
          <Space size={[4, 4]} wrap data-testid="reminder-kinds">
            {(Object.keys(REMINDER_KIND_LABELS) as ReminderKind[])
              .filter((k) => data.byKind[k] > 0 || kind === k)
              .map((k) => (
                <Tag.CheckableTag key={k} checked={kind === k} onChange={(on) => setKind(on ? k : undefined)}>
                  {REMINDER_KIND_LABELS[k]} {data.byKind[k]}
                </Tag.CheckableTag>
              ))}
          </Space>
          <List
            size="small"
            dataSource={shown}
            locale={{ emptyText: '这一类没有提醒' }}
            renderItem={(r) => (
              <List.Item
                key={`${r.caseId}-${r.kind}`}
                className="reminder-item"
                data-testid="reminder-item"
                onClick={() => navigate('case', [r.caseId])}
                actions={[<ReminderActions key="actions" r={r} onChanged={reload} />]}
              >
                <List.Item.Meta
                  title={
                    <Space size={6} wrap>
                      <Tag color={GROUP_COLOURS[r.group]}>{dueText(r)}</Tag>
                      <Typography.Text strong>{REMINDER_KIND_LABELS[r.kind]}</Typography.Text>
                      <Typography.Link>{r.caseNumber}</Typography.Link>
                      <Typography.Text type="secondary">{r.summary}</Typography.Text>
                    </Space>
                  }
                  description={r.message.slice(r.caseNumber.length + 1).replace(/（[^（）]*）$/, '')}
                />
              </List.Item>
            )}
          />
          {list.length > SHOWN ? (
            <Typography.Link onClick={() => setExpanded(!expanded)}>
              {expanded ? '收起' : `显示这一类的全部 ${list.length} 项`}
            </Typography.Link>
          ) : null}
          {group && data.byGroup[group] > list.length && (expanded || list.length <= SHOWN) ? (
            <Typography.Text type="secondary">
              这一类共 {data.byGroup[group]} 项，只列出了前 {list.length} 项；可以按上面的类别分别查看，或把办完的记为办完。
            </Typography.Text>
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}

export default RemindersPanel;
