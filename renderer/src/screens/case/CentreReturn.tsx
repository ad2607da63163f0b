/**
 * 案件详情 at the centre, for a case imported from a station: 退回补正 with the centre's reason, and what
 * became of earlier returns. The case itself stays the station's (read-only here).
 */

import { App, Button, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';

import type { Case } from '../../../../electron/core/schema/case';
import { call } from '../../api/client';
import { useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';

export function CentreReturn({ c }: { c: Case }) {
  const { message } = App.useApp();
  const report = useFailure();
  const returns = useCall('centre.returns', { caseId: c.id }, [c.id, c.revision]);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const current = returns.data?.find((r) => r.status === 'open');
  const closed = returns.data?.filter((r) => r.status === 'closed') ?? [];

  const submit = async () => {
    setBusy(true);
    try {
      await call('centre.return', { id: c.id, reason });
      void message.success('已退回补正：签发给该站点的下一份回执会带上它');
      setOpen(false);
      setReason('');
      returns.reload();
    } catch (failure) {
      report(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space wrap data-testid="centre-return">
      <Typography.Text type="secondary">这是从站点导入的案件，在中心只能查看。</Typography.Text>
      {current ? (
        <Tag color="orange">{`已于${current.at.slice(0, 10)}退回补正：${current.reason}`}</Tag>
      ) : (
        <Button danger onClick={() => setOpen(true)}>
          退回补正
        </Button>
      )}
      {closed.map((r) => (
        <Tag key={r.id} color="green">{`${r.at.slice(0, 10)}退回，站点已补正`}</Tag>
      ))}
      {open ? (
        <Modal
          open
          title={`退回补正 · ${c.number}`}
          okText="退回补正"
          cancelText="取消"
          okButtonProps={{ disabled: !reason.trim() }}
          confirmLoading={busy}
          onOk={() => void submit()}
          onCancel={() => setOpen(false)}
          destroyOnHidden
        >
          <Typography.Paragraph>
            请写明需要站点更正什么。站点应用回执后，案件会出现在其工作台的“退回补正”中，直到上报更正后的版本。
          </Typography.Paragraph>
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="例如：被申请人身份证号码与姓名不符，请核对"
            aria-label="退回补正的理由"
          />
        </Modal>
      ) : null}
    </Space>
  );
}
