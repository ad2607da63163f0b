/**
 * 设置: the office, mediators, backups (create, restore, undo a restore), display, update
 * server; and tabs contributed by other screens (文书模板, 密钥与指纹) through `slots.settingsTabs` or,
 * if those screens only provide the component file, found here at build time.
 */

import { Card, Tabs } from 'antd';
import { type ComponentType, lazy, Suspense } from 'react';

import { useDesk } from '../../app/desk-context';
import { type ScreenProps, SLOTS } from '../../app/registry';
import { Page } from '../../components/Page';
import { Backups } from './Backups';
import { Display } from './Display';
import { OfficeForm } from './OfficeForm';
import { PeopleForm } from './PeopleForm';
import { Updates } from './Updates';

type Loader = () => Promise<Record<string, unknown>>;

/** A component file another engineer's screen folder may hold, mounted if it exists at build time. */
function optional(modules: Record<string, Loader>, exportName: string): ComponentType | undefined {
  const load = Object.values(modules)[0];
  if (!load) return undefined;
  return lazy(async () => {
    const mod = await load();
    return { default: (mod[exportName] ?? mod.default) as ComponentType };
  });
}

const TemplateEditor = optional(import.meta.glob<Record<string, unknown>>('../documents/TemplateEditor.tsx'), 'TemplateEditor');
const KeysPanel = optional(import.meta.glob<Record<string, unknown>>('../batches/KeysPanel.tsx'), 'KeysPanel');

export default function SettingsScreen({ query }: ScreenProps) {
  const { settings } = useDesk();
  if (!settings) return null;
  const contributed = SLOTS.settingsTabs;
  const has = (key: string) => contributed.some((t) => t.key === key);
  const items = [
    { key: 'office', label: '机构信息', children: <OfficeForm settings={settings} /> },
    { key: 'people', label: '调解员', children: <PeopleForm settings={settings} /> },
    { key: 'backups', label: '备份与恢复', children: <Backups /> },
    { key: 'display', label: '显示', children: <Display /> },
    { key: 'updates', label: '软件更新', children: <Updates settings={settings} /> },
    ...(TemplateEditor && !has('templates')
      ? [{ key: 'templates', label: '文书模板', children: <Lazy component={TemplateEditor} /> }]
      : []),
    ...(KeysPanel && !has('keys') ? [{ key: 'keys', label: '密钥与指纹', children: <Lazy component={KeysPanel} /> }] : []),
    ...contributed.map((t) => ({ key: t.key, label: t.label, children: <Lazy component={t.component} /> })),
  ];
  return (
    <Page title="设置">
      <Tabs items={items} tabPlacement="start" defaultActiveKey={query.get('tab') ?? undefined} />
    </Page>
  );
}

function Lazy({ component: C }: { component: ComponentType }) {
  return (
    <Suspense fallback={<Card loading />}>
      <C />
    </Suspense>
  );
}
