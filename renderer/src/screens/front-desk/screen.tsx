import { ContactsOutlined, ProfileOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition, SlotContributions } from '../../app/registry';

/** The front desk (统一受理) registers requests at a station; the centre receives them in batches and reads them. */
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
    key: 'centre-requests',
    label: '来访登记',
    icon: <ProfileOutlined />,
    order: 25,
    roles: ['centre'],
    component: lazy(() => import('./CentreRequests')),
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
  statisticsTabs: [{ key: 'front-desk', label: '统一受理', order: 20, component: lazy(() => import('./FrontDeskStats')) }],
};
