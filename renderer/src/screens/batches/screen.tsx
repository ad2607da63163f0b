import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition, SlotContributions } from '../../app/registry';

export const screens: ScreenDefinition[] = [
  {
    key: 'batches',
    label: '批量上报',
    icon: <CloudUploadOutlined />,
    order: 50,
    roles: ['station'],
    component: lazy(() => import('./StationScreen')),
  },
  {
    key: 'imports',
    label: '站点上报',
    icon: <InboxOutlined />,
    order: 50,
    roles: ['centre'],
    component: lazy(() => import('./CentreScreen')),
  },
];

export const slots: SlotContributions = {
  settingsTabs: [{ key: 'keys', label: '密钥与指纹', order: 60, component: lazy(() => import('./KeysPanel')) }],
};
