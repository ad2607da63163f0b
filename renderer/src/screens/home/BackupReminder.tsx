/** 工作台: the daily reminder to copy a backup off the PC (备份到U盘), with the button that does it. */

import { Alert, Button } from 'antd';

import { navigate } from '../../app/route';
import { useCall } from '../../components/useCall';

export function BackupReminder({ version }: { version: number }) {
  const reminder = useCall('backups.reminder', {}, [version]);
  if (!reminder.data?.due) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="backup-reminder"
      title={reminder.data.message}
      description="本机的自动备份和数据在同一块硬盘上：请定期把备份存到U盘或另一台电脑。"
      action={
        <Button type="primary" onClick={() => navigate('settings', [], { tab: 'backups' })}>
          备份到U盘
        </Button>
      }
    />
  );
}
