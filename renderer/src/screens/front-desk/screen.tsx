import { ContactsOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition, SlotContributions } from '../../app/registry';

/** The front desk (统一受理) registers requests at a station; the centre receives them in batches. */
export const screens: ScreenDefinition[] = [
  {
    key: 'front-desk',
    label: '统一受理',
    icon: <ContactsOutlined />,
    order: 15,
    roles: ['station'],
    component: lazy(() => import('./FrontDeskScreen')),
  },
  {
    key: 'request',
    label: '来访登记',
    icon: <SolutionOutlined />,
    order: 26,
    menu: false,
    component: lazy(() => import('./RequestScreen')),
  },
];

export const slots: SlotContributions = {
  settingsTabs: [{ key: 'front-desk', label: '统一受理', order: 40, component: lazy(() => import('./FrontDeskSettings')) }],
};
