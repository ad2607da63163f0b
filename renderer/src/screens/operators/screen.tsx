/**
 * Operators and the office's keys, as tabs of 设置: 操作员 (the administrator's), 数据安全 (encryption,
 * recovery code, idle lock, the centre's escrow), and 我的密码 (everyone's).
 */

import { lazy } from 'react';

import type { SlotContributions } from '../../app/registry';

export const slots: SlotContributions = {
  settingsTabs: [
    { key: 'operators', label: '操作员', order: 20, component: lazy(() => import('./OperatorsPanel')) },
    { key: 'security', label: '数据安全', order: 25, component: lazy(() => import('./SecurityPanel')) },
    { key: 'password', label: '我的密码', order: 30, component: lazy(() => import('./MyPasswordPanel')) },
  ],
};
