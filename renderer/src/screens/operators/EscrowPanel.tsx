/**
 * The centre's escrow, in 设置 → 数据安全. At a station (管理员): deposit the data key with the centre
 * whose public key is recorded, or withdraw it. At a centre (管理员, 中心工作人员): answer a station's
 * recovery request with a response file only that station can apply, after checking the code by phone.
 */

import { Alert, App, Button, Card, Form, Space, Typography } from 'antd';
import { useState } from 'react';

import { call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { askOverwrite, withOverwriteQuestion } from '../../components/overwrite';
import { useFailure } from '../../components/useFailure';
import { JSON_FILTERS, PathField } from '../batches/PathField';
import { AdminOnly } from './AdminOnly';

type Escrow = { centre: string; fingerprint: string; createdAt: string } | null;

export function EscrowPanel({ escrow, onChange }: { escrow: Escrow; onChange(): void }) {
  const { settings } = useDesk();
  if (settings?.role === 'centre') return <AssistStation />;
  return (
    <Card title="交中心托管">
      <AdminOnly what="交中心托管">
        <Deposit escrow={escrow} onChange={onChange} />
      </AdminOnly>
    </Card>
  );
}

function Deposit({ escrow, onChange }: { escrow: Escrow; onChange(): void }) {
  const { message, modal } = App.useApp();
  const report = useFailure();
  const [busy, setBusy] = useState(false);
  const run = async (name: 'escrow.enable' | 'escrow.disable', done: string) => {
    setBusy(true);
    try {
      await call(name, {});
      void message.success(done);
      onChange();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical">
      <Typography.Paragraph>
        全部密码和恢复码单都丢失时的最后办法：本站的数据密钥加密交给中心保管。中心平时读不到本站的任何数据（它没有本站的数据文件）；只有本站生成恢复申请、中心核对后，才能帮本站重新设置管理员密码。
      </Typography.Paragraph>
      {escrow ? (
        <>
          <Alert
            type="success"
            showIcon
            title={`已托管给“${escrow.centre}”（指纹 ${escrow.fingerprint}），${new Date(escrow.createdAt).toLocaleDateString('zh-CN')}`}
          />
          <Button
            loading={busy}
            onClick={() =>
              void modal.confirm({
                title: '取消托管？',
                content: '取消后，只能用操作员的密码或恢复码打开数据。',
                okText: '取消托管',
                cancelText: '返回',
                onOk: () => run('escrow.disable', '已取消托管'),
              })
            }
          >
            取消托管
          </Button>
        </>
      ) : (
        <Button type="primary" loading={busy} onClick={() => void run('escrow.enable', '已交中心托管')}>
          交中心托管
        </Button>
      )}
    </Space>
  );
}

function AssistStation() {
  const { modal } = App.useApp();
  const report = useFailure();
  const [request, setRequest] = useState('');
  const [out, setOut] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ station: { name: string; fingerprint: string }; checkCode: string; file: string }>();
  const respond = async () => {
    setBusy(true);
    try {
      const made = await withOverwriteQuestion((overwrite) => call('escrow.respond', { request, out, overwrite }), askOverwrite(modal));
      if (made) setDone(made);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="协助站点恢复数据">
      <Typography.Paragraph>
        站点全部密码和恢复码都丢失时，会送来一份“恢复申请文件”。请先与站点电话核对申请上的核对码，再生成答复文件交回站点：只有生成申请的那台电脑能使用答复。
      </Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item label="站点的恢复申请文件">
          <PathField value={request} onChange={setRequest} mode="open" title="站点的恢复申请文件" filters={JSON_FILTERS} />
        </Form.Item>
        <Form.Item label="答复文件的保存位置">
          <PathField
            value={out}
            onChange={setOut}
            mode="save"
            title="答复文件的保存位置"
            filters={JSON_FILTERS}
            defaultName="恢复答复.json"
          />
        </Form.Item>
        <Button type="primary" loading={busy} disabled={!request.trim() || !out.trim()} onClick={() => void respond()}>
          核对并生成答复
        </Button>
      </Form>
      {done ? (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          title={`已为站点“${done.station.name}”生成答复：${done.file}`}
          description={`核对码：${done.checkCode}（应与站点屏幕上的一致）`}
        />
      ) : null}
    </Card>
  );
}
