import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition } from '../../app/registry';

export const screens: ScreenDefinition[] = [
  { key: 'home', label: '工作台', icon: <HomeOutlined />, order: 10, component: lazy(() => import('./Home')) },
];
