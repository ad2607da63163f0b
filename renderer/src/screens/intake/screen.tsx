import { FormOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition } from '../../app/registry';

// Not at a centre: its cases come in with the stations' batches, and the core refuses registering there.
export const screens: ScreenDefinition[] = [
  {
    key: 'intake',
    label: '纠纷登记',
    icon: <FormOutlined />,
    order: 30,
    roles: ['station'],
    component: lazy(() => import('./IntakeScreen')),
  },
];
