import { BarChartOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition, SlotContributions } from '../../app/registry';

export const screens: ScreenDefinition[] = [
  { key: 'statistics', label: '统计', icon: <BarChartOutlined />, order: 60, component: lazy(() => import('./StatisticsTabs')) },
];

/** The reminders panel mounts on 工作台 by itself (HomeScreen looks for ./RemindersPanel.tsx). */
export const slots: SlotContributions = {
  caseTabs: [
    { key: 'dossier', label: '卷宗', order: 70, component: lazy(() => import('./CaseDossierTab')) },
    { key: 'duplicates', label: '查重', order: 80, component: lazy(() => import('./CaseDuplicatesTab')) },
  ],
};
