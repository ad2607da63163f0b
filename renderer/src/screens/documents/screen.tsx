import { FileTextOutlined } from '@ant-design/icons';
import { lazy } from 'react';

import type { ScreenDefinition } from '../../app/registry';

// The template editor (设置 → 文书模板) is mounted by the settings screen from ./TemplateEditor.tsx.
// Not at a centre: it mediates none of its cases (they come in with the stations' batches), and a document
// made there would carry the centre's name where the station's committee signs.
export const screens: ScreenDefinition[] = [
  {
    key: 'documents',
    label: '文书',
    icon: <FileTextOutlined />,
    order: 40,
    roles: ['station'],
    component: lazy(() => import('./DocumentsScreen')),
  },
];
