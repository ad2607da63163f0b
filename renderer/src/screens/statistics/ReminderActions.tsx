/**
 * What can be done with one reminder: 办完 (with a note), 推迟到某日, 本案不再提醒. Each is stored by
 * the core (`reminders.mark`) and leaves the lists and every count, the desktop notification's too.
 */

import { CheckOutlined, ClockCircleOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Input, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';

import { type Reminder, REMINDER_KIND_LABELS } from '../../../../electron/core/oversight/reminders';
import { call } from '../../api/client';
import { useFailure } from '../../components/useFailure';

type Asking = 'done' | 'snoozed' | null;

export function ReminderActions({ r, onChanged }: { r: Reminder; onChanged(): void }) {
  const { message, modal } = App.useApp();
  const report = useFailure();
  const [asking, setAsking] = useState<Asking>(null);
  const [note, setNote] = useState('');
  const [until, setUntil] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const what = `${r.caseNumber}的“${REMINDER_KIND_LABELS[r.kind]}”提醒`;

  const mark = async (state: 'done' | 'snoozed' | 'off') => {
    setBusy(true);
    try {
      await call('reminders.mark', {
        caseId: r.caseId,
        kind: r.kind,
        state,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(state === 'snoozed' && until ? { until: until.format('YYYY-MM-DD') } : {}),
      });
      void message.success(
        state === 'done' ? '已记为办完' : state === 'snoozed' ? `已推迟到${until?.format('M月D日')}` : '本案不再提醒此事项',
      );
      setAsking(null);
      setNote('');
      onChanged();
    } catch (error) {
      report(error, '未能处理这条提醒');
    } finally {
      setBusy(false);
    }
  };

  // modal.confirm returns a thenable handle; nothing here waits on it.
  const turnOff = () => {
    void modal.confirm({
      title: '本案不再提醒此事项？',
      content: `${what}将不再出现，桌面通知也不再计入。以后可在“已处理的提醒”中恢复。`,
      okText: '不再提醒',
      cancelText: '取消',
      onOk: () => mark('off'),
    });
  };

  const submitOnCtrlEnter = (event: React.KeyboardEvent, state: 'done' | 'snoozed') => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void mark(state);
    }
  };

  return (
    <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
      <Button size="small" icon={<CheckOutlined />} onClick={() => setAsking('done')}>
        办完
      </Button>
      <Button size="small" icon={<ClockCircleOutlined />} onClick={() => setAsking('snoozed')}>
        推迟
      </Button>
      <Button size="small" type="text" icon={<StopOutlined />} onClick={turnOff}>
        本案不再提醒
      </Button>
      <Modal
        open={asking === 'done'}
        title={`办完：${what}`}
        okText="记为办完"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void mark('done')}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <div onKeyDown={(e) => submitOnCtrlEnter(e, 'done')}>
          <Typography.Paragraph type="secondary">写一句办理情况（可不写），Ctrl+Enter 完成。期限改变后会重新提醒。</Typography.Paragraph>
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="例如：已电话回访，当事人称已付款"
            aria-label="办理情况"
          />
        </div>
      </Modal>
      <Modal
        open={asking === 'snoozed'}
        title={`推迟：${what}`}
        okText="推迟"
        cancelText="取消"
        okButtonProps={{ disabled: !until }}
        confirmLoading={busy}
        onOk={() => void mark('snoozed')}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <div onKeyDown={(e) => until && submitOnCtrlEnter(e, 'snoozed')}>
          <Typography.Paragraph type="secondary">到那一天再提醒。</Typography.Paragraph>
          <Space wrap>
            <DatePicker
              autoFocus
              value={until}
              onChange={setUntil}
              disabledDate={(d) => !d.isAfter(dayjs(), 'day') || d.isAfter(dayjs().add(1, 'year'))}
              aria-label="推迟到"
            />
            {[
              ['明天', 1],
              ['三天后', 3],
              ['一周后', 7],
            ].map(([label, days]) => (
              <Button key={label} onClick={() => setUntil(dayjs().add(Number(days), 'day'))}>
                {label}
              </Button>
            ))}
          </Space>
          <Input.TextArea
            style={{ marginTop: 12 }}
            rows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="推迟的原因（可不写）"
            aria-label="推迟的原因"
          />
        </div>
      </Modal>
    </Space>
  );
}
