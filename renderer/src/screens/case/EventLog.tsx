/**
 * 案件详情 → 操作记录: the case's hash-chained log, newest first, every event in words (the core's
 * event-text: which document and template version, which batch, which receipt), and a check of the
 * chain that is done again whenever new events arrive.
 */

import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Timeline, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';

import { describeChanges, describeEvent, eventLabel } from '../../../../electron/core/cases/event-text';
import type { Case } from '../../../../electron/core/schema/case';
import { call } from '../../api/client';
import { useCall } from '../../components/useCall';
import { messageOf } from '../../components/useCall';

type Verdict = { ok: boolean; events: number; problem?: string };

export function EventLog({ c }: { c: Case }) {
  const [verdict, setVerdict] = useState<Verdict>();
  const [error, setError] = useState<string>();
  const verify = async () => {
    setError(undefined);
    try {
      setVerdict(await call('cases.verifyLog', { id: c.id }));
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  // A result shown for fewer events than the case now has is out of date: check again.
  useEffect(() => {
    if (verdict && verdict.events !== c.events.length) void verify();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the log grows
  }, [c.events.length]);

  // Receipts name their batch: at a station the export log knows it by sequence and file name.
  const hasReceipts = c.events.some((e) => e.type === 'centre-receipt');
  const log = useCall('batches.log', hasReceipts ? {} : null, [hasReceipts]);
  const batchName = useMemo(() => {
    const exports = log.data?.role === 'station' ? log.data.exports : [];
    const names = new Map(exports.map((b) => [b.batchId, `第${b.sequence}批（${b.fileName}）`]));
    return (batchId: string) => names.get(batchId);
  }, [log.data]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
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
        data-testid="event-log"
        items={[...c.events].reverse().map((e) => {
          const detail = describeEvent(e, { case: c, batchName });
          return {
            key: e.seq,
            content: (
              <div className="event-line">
                <Typography.Text strong>{eventLabel(e.type)}</Typography.Text>
                <Typography.Text type="secondary" className="nowrap">
                  {new Date(e.at).toLocaleString('zh-CN', { hour12: false })}　{e.operator}
                </Typography.Text>
                {detail ? <div className="event-detail">{detail}</div> : null}
                {describeChanges(e.details.changes).map((line) => (
                  <div key={line} className="event-detail event-change">
                    {line}
                  </div>
                ))}
              </div>
            ),
          };
        })}
      />
    </Space>
  );
}
