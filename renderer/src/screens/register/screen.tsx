import { UnorderedListOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition } from '../../app/registry';

export const screens: ScreenDefinition[] = [
  { key: 'register', label: '案件', icon: <UnorderedListOutlined />, order: 20, component: lazy(() => import('./RegisterScreen')) },
];
