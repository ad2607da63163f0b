/**
 * 设置 → 统一受理: the back offices requests are routed to, the time limits in working days, and the
 * holidays and adjusted working days of a year the built-in calendar does not know yet. Deadlines
 * already set keep their dates (they are stored when they start); new ones follow these settings.
 */

import { Alert, App, Button, Card, Form, Input, InputNumber, Space } from 'antd';
import { useState } from 'react';

import type { FrontDeskSettings as Limits } from '../../../../electron/core/schema/settings';
import { ApiError } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { messageOf } from '../../components/useCall';

type DayField = 'routeDays' | 'feedbackDays' | 'maxFeedbackDays' | 'answerDays' | 'callbackDays';

const LIMITS: { key: DayField; label: string }[] = [
  { key: 'routeDays', label: '转办时限（登记后，工作日）' },
  { key: 'feedbackDays', label: '反馈时限（转办后，工作日）' },
  { key: 'maxFeedbackDays', label: '延期上限（转办后，工作日）' },
  { key: 'answerDays', label: '约期答复时限（工作日）' },
  { key: 'callbackDays', label: '不满意回复时限（工作日）' },
];

/** One entry a line (offices) or dates separated by spaces, commas or new lines. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const dates = (text: string) => text.split(/[\s,，、]+/).filter(Boolean);

/** `frontDesk.extraHolidays[2]` as the form's own words: 补充放假日第3项. */
function placeOf(field: string): string | undefined {
  const match = /^frontDesk\.(\w+)(?:\[(\d+)\])?/.exec(field);
  if (!match) return undefined;
  const names: Record<string, string> = {
    offices: '承办单位',
    extraHolidays: '补充放假日',
    extraWorkdays: '补充调休上班日',
    ...Object.fromEntries(LIMITS.map((l) => [l.key, l.label])),
  };
  const name = names[match[1]] ?? match[1];
  return match[2] === undefined ? name : `${name}第${Number(match[2]) + 1}项`;
}

export default function FrontDeskSettings() {
  const { settings, updateSettings } = useDesk();
  const { message } = App.useApp();
  const current = settings?.frontDesk;
  const [offices, setOffices] = useState(() => current?.offices.join('\n') ?? '');
  const [limits, setLimits] = useState<Pick<Limits, DayField> | undefined>(current);
  const [holidays, setHolidays] = useState(() => current?.extraHolidays.join(' ') ?? '');
  const [workdays, setWorkdays] = useState(() => current?.extraWorkdays.join(' ') ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!current || !limits) return null;

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await updateSettings({
        frontDesk: { ...current, ...limits, offices: lines(offices), extraHolidays: dates(holidays), extraWorkdays: dates(workdays) },
      });
      message.success('统一受理设置已保存');
    } catch (failure) {
      const where = failure instanceof ApiError && failure.field ? placeOf(failure.field) : undefined;
      setError(where ? `${where}：${messageOf(failure)}` : messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card data-testid="front-desk-settings">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form layout="vertical" component="div" style={{ maxWidth: 720 }}>
        <Form.Item label="承办单位（每行一个）" extra="转办时从这些单位中选择">
          <Input.TextArea rows={7} value={offices} onChange={(e) => setOffices(e.target.value)} aria-label="承办单位" />
        </Form.Item>
        <Space wrap size="large">
          {LIMITS.map((l) => (
            <Form.Item key={l.key} label={l.label}>
              <InputNumber
                min={0}
                max={120}
                precision={0}
                value={limits[l.key]}
                onChange={(v) => setLimits({ ...limits, [l.key]: v ?? 0 })}
                aria-label={l.label}
              />
            </Form.Item>
          ))}
        </Space>
        <Form.Item label="补充放假日" extra="内置日历尚未收录的年份：按国务院办公厅通知填写，如 2027-01-01 2027-02-06">
          <Input.TextArea rows={2} value={holidays} onChange={(e) => setHolidays(e.target.value)} aria-label="补充放假日" />
        </Form.Item>
        <Form.Item label="补充调休上班日" extra="周末调休上班的日期">
          <Input.TextArea rows={2} value={workdays} onChange={(e) => setWorkdays(e.target.value)} aria-label="补充调休上班日" />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={() => void save()}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
