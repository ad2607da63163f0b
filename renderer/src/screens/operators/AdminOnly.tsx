/**
 * What an operator who is not the administrator sees where only the administrator may act (the handlers'
 * `ALLOW.admin`): a note saying who does it, instead of controls that would only be refused.
 */

import { Alert } from 'antd';
import type { ReactNode } from 'react';

import { ALLOW, allows } from '../../../../electron/core/schema/operators';
import { useDesk } from '../../app/desk-context';

export function AdminOnly({ what, children }: { what: string; children: ReactNode }) {
  const { operator } = useDesk();
  if (allows(ALLOW.admin, operator?.role)) return <>{children}</>;
  return <Alert type="info" showIcon title={`${what}由管理员办理。`} description="如需办理，请管理员登录（点右上角“切换操作员”）。" />;
}
