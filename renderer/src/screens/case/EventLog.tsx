/** 案件详情 → 操作记录: the case's hash-chained event log, newest first, and a check of the chain. */

import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Timeline, Tooltip } from 'antd';
import { useState } from 'react';

import { fieldLabel } from '../../../../electron/core/errors';
import { ACTION_LABELS, type Case } from '../../../../electron/core/schema/case';
import { call } from '../../api/client';
import { messageOf } from '../../components/useCall';
import { describeChanges } from './changes';

/** Event types as the log shows them. */
const EVENT_LABELS: Record<string, string> = { created: '登记', edited: '修改', ...ACTION_LABELS };

export function EventLog({ c }: { c: Case }) {
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
              {Array.isArray(e.details.fields) && !e.details.changes
                ? `　（${(e.details.fields as string[]).map((f) => fieldLabel(f === 'amountFen' ? 'amount' : f)).join('、')}）`
                : ''}
              {describeChanges(e.details.changes).map((line) => (
                <div key={line} className="event-change">
                  {line}
                </div>
              ))}
            </span>
          ),
        }))}
      />
    </Space>
  );
}
