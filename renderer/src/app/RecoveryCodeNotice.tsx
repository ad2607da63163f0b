/**
 * The recovery code, shown once (after set-up, or when an administrator issues a new one): in large
 * digits, with the 恢复码 sheet to print or save, and a confirmation that it is somewhere safe before
 * the workbench opens. The code is never stored; after this screen nobody can show it again.
 */

import { PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Space, Typography } from 'antd';
import { useState } from 'react';

import { call } from '../api/client';
import { useFailure } from '../components/useFailure';
import { download, printPdf } from '../screens/documents/pdf';

/** Print or save the sheet for `code`: the desktop app saves where the user chooses; the harness downloads. */
export function RecoverySheetButtons({ code }: { code: string }) {
  const { message } = App.useApp();
  const report = useFailure();
  const [busy, setBusy] = useState(false);
  const shell = window.desk?.shell;
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  const print = () =>
    run(async () => {
      const { base64 } = await call('recovery.sheet', { code });
      if (base64) printPdf(base64);
    });
  const save = () =>
    run(async () => {
      if (shell) {
        const out = await shell.chooseSavePath({
          title: '保存恢复码单',
          defaultName: '恢复码单.pdf',
          filters: [{ name: 'PDF', extensions: ['pdf'] }],
        });
        if (!out) return;
        // The save dialog asked 覆盖吗？ itself when the file exists.
        await call('recovery.sheet', { code, out, overwrite: true });
        void message.success(`已保存：${out}`);
      } else {
        const { base64 } = await call('recovery.sheet', { code });
        if (base64) download(base64, '恢复码单.pdf', 'application/pdf');
      }
    });
  return (
    <Space wrap>
      <Button icon={<PrinterOutlined />} size="large" onClick={() => void print()} loading={busy}>
        打印恢复码单
      </Button>
      <Button icon={<SaveOutlined />} size="large" onClick={() => void save()} loading={busy}>
        保存为PDF
      </Button>
    </Space>
  );
}

export function RecoveryCode({ code }: { code: string }) {
  const groups = code.split('-');
  return (
    <div className="recovery-code mono" data-testid="recovery-code" aria-label={`恢复码 ${code}`}>
      <div>{groups.slice(0, 4).join('  ')}</div>
      <div>{groups.slice(4).join('  ')}</div>
    </div>
  );
}

export function RecoveryCodeNotice({ code, onDone }: { code: string; onDone(): void }) {
  const [kept, setKept] = useState(false);
  return (
    <div className="first-run">
      <Card style={{ maxWidth: 680, width: '100%' }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          请保存恢复码
        </Typography.Title>
        <Typography.Paragraph>
          全部操作员都忘记密码时，凭这组数字可以为管理员重新设置密码。它
          <Typography.Text strong>只显示这一次</Typography.Text>
          ：请打印恢复码单，放进保险柜或档案柜。
        </Typography.Paragraph>
        <RecoveryCode code={code} />
        <RecoverySheetButtons code={code} />
        <Alert
          type="warning"
          showIcon
          style={{ margin: '16px 0' }}
          title="不要把恢复码贴在电脑旁或拍照发到微信群：谁拿到它，谁就能打开本机构的全部数据。"
        />
        <Checkbox checked={kept} onChange={(e) => setKept(e.target.checked)}>
          我已把恢复码打印或抄写下来，放在安全的地方
        </Checkbox>
        <div style={{ marginTop: 16 }}>
          <Button type="primary" size="large" disabled={!kept} onClick={onDone}>
            继续
          </Button>
        </div>
      </Card>
    </div>
  );
}
