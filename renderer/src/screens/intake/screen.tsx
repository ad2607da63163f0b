import { FormOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition } from '../../app/registry';

export const screens: ScreenDefinition[] = [
  { key: 'intake', label: '纠纷登记', icon: <FormOutlined />, order: 30, component: lazy(() => import('./IntakeScreen')) },
];
