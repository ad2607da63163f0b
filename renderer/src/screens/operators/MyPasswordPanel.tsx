/** 设置 → 我的密码: the signed-in operator changes his own password. */

import { Card } from 'antd';

import { ChangePasswordForm } from '../../app/ChangePassword';
import { useDesk } from '../../app/desk-context';

export default function MyPasswordPanel() {
  const { operator } = useDesk();
  return (
    <Card title={`修改密码（${operator?.name ?? ''}）`}>
      <ChangePasswordForm />
    </Card>
  );
}
