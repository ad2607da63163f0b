/** 已处理的提醒: the reminders marked done, snoozed or turned off, newest first, each can be restored. */

import { App, Button, List, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';

import { call } from '../../api/client';
import { navigate } from '../../app/route';
import { useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';

const STATES: Record<string, { label: string; color: string }> = {
  done: { label: '已办完', color: 'green' },
  snoozed: { label: '已推迟', color: 'blue' },
  off: { label: '不再提醒', color: 'default' },
};

export function HandledReminders({ count, onChanged }: { count: number; onChanged(): void }) {
  const { message } = App.useApp();
  const report = useFailure();
  const [open, setOpen] = useState(false);
  const marks = useCall('reminders.marks', open ? {} : null, [open]);

  const restore = async (caseId: string, kind: string) => {
    try {
      await call('reminders.unmark', { caseId, kind: kind as never });
      void message.success('已恢复提醒');
      marks.reload();
      onChanged();
    } catch (error) {
      report(error, '未能恢复提醒');
    }
  };

  return (
    <>
      <Typography.Link onClick={() => setOpen(true)} data-testid="handled-reminders">
        已处理的提醒{count ? `（${count}）` : ''}
      </Typography.Link>
      <Modal open={open} title="已处理的提醒" footer={null} onCancel={() => setOpen(false)} width={720}>
        <List
          loading={marks.loading}
          dataSource={marks.data ?? []}
          locale={{ emptyText: '没有已处理的提醒' }}
          renderItem={(m) => (
            <List.Item
              key={`${m.caseId}-${m.kind}`}
              actions={[
                <Button key="restore" size="small" onClick={() => void restore(m.caseId, m.kind)}>
                  恢复提醒
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <>
                    <Tag color={STATES[m.state].color}>{STATES[m.state].label}</Tag>
                    <Typography.Link onClick={() => navigate('case', [m.caseId])}>{m.caseNumber}</Typography.Link> {m.label}
                  </>
                }
                description={[
                  m.state === 'snoozed' && m.until ? `推迟到 ${m.until}` : '',
                  m.note ?? '',
                  `${new Date(m.at).toLocaleString('zh-CN', { hour12: false })} ${m.operator}`,
                ]
                  .filter(Boolean)
                  .join('　')}
              />
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}
