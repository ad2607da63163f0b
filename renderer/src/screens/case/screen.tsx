import { FolderOpenOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition } from '../../app/registry';

export const screens: ScreenDefinition[] = [
  { key: 'case', label: '案件详情', icon: <FolderOpenOutlined />, order: 25, menu: false, component: lazy(() => import('./CaseScreen')) },
];
