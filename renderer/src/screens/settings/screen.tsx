import { SettingOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition } from '../../app/registry';

export const screens: ScreenDefinition[] = [
  { key: 'settings', label: '设置', icon: <SettingOutlined />, order: 90, component: lazy(() => import('./SettingsScreen')) },
];
