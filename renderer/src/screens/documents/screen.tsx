import { FileTextOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition } from '../../app/registry';

// The template editor (设置 → 文书模板) is mounted by the settings screen from ./TemplateEditor.tsx.
export const screens: ScreenDefinition[] = [
  { key: 'documents', label: '文书', icon: <FileTextOutlined />, order: 40, component: lazy(() => import('./DocumentsScreen')) },
];
