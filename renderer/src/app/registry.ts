/**
 * The screen registry: the menu, the routes and the extension slots are all generated from it.
 *
 * HOW A SCREEN PLUGS IN (documents, batches, statistics…): add `renderer/src/screens/<name>/screen.tsx`
 * exporting
 *
 *   export const screens: ScreenDefinition[] = [
 *     { key: 'documents', label: '文书', icon: <FileTextOutlined />, order: 40,
 *       component: lazy(() => import('./DocumentsScreen')) },
 *   ];
 *   export const slots: SlotContributions = {            // optional
 *     caseTabs: [{ key: 'documents', label: '文书', order: 50, component: lazy(() => import('./CaseDocuments')) }],
 *     settingsTabs: [{ key: 'templates', label: '文书模板', order: 50, component: lazy(() => import('./TemplateEditor')) }],
 *     homePanels: [{ key: 'reminders', title: '提醒', order: 10, component: lazy(() => import('./RemindersPanel')) }],
 *   };
 *
 * Nothing else needs editing: the glob below picks the file up at build time. Keep screen.tsx light
 * (lazy components) so the first screen opens fast on an old PC.
 *
 * Routes are hash paths `#/<key>/<param>…?<query>`; a screen receives them as props, e.g.
 * `#/case/<id>` → key `case`, params `[id]`; `#/documents?case=<id>` → query.get('case').
 */

import type { ComponentType, ReactNode } from 'react';
import type { Case } from '../../../electron/core/schema/case';

export interface ScreenProps {
  params: string[];
  query: URLSearchParams;
}

export interface ScreenDefinition {
  /** First segment of the hash route; unique. */
  key: string;
  /** Menu label (Chinese). */
  label: string;
  icon?: ReactNode;
  /** Position in the menu: 工作台 10, 案件 20, 受理登记 30, 文书 40, 批量 50, 统计 60, 设置 90. */
  order: number;
  /** false: reachable by route only (e.g. 案件详情). Default true. */
  menu?: boolean;
  /** Only at these office roles (settings.role); default: everywhere. */
  roles?: readonly ('station' | 'centre')[];
  component: ComponentType<ScreenProps>;
}

export interface CaseTabProps {
  /** The case as `cases.get` returned it. */
  caseData: Case;
  /** Ask the case screen to load the case again (after an action changed it). */
  reload(): void;
}

export interface SlotContributions {
  /** Panels on 工作台 (e.g. the statistics engineer's reminders). */
  homePanels?: { key: string; title: string; order: number; component: ComponentType }[];
  /** Extra tabs on 案件详情 (e.g. 文书 for this case). */
  caseTabs?: { key: string; label: string; order: number; component: ComponentType<CaseTabProps> }[];
  /** Extra tabs in 设置 (e.g. 文书模板, 密钥与指纹). */
  settingsTabs?: { key: string; label: string; order: number; component: ComponentType }[];
}

interface ScreenModule {
  screens?: ScreenDefinition[];
  slots?: SlotContributions;
}

/** Every `screens/<name>/screen.tsx`, found at build time. */
const modules = import.meta.glob<ScreenModule>('../screens/*/screen.tsx', { eager: true });

export const SCREENS: readonly ScreenDefinition[] = collectScreens(Object.values(modules));

export const SLOTS: Required<SlotContributions> = collectSlots(Object.values(modules));

export function collectScreens(list: readonly ScreenModule[]): ScreenDefinition[] {
  const seen = new Set<string>();
  const all: ScreenDefinition[] = [];
  for (const mod of list) {
    for (const screen of mod.screens ?? []) {
      if (seen.has(screen.key)) {
        console.error(`界面注册重复：${screen.key}`);
        continue;
      }
      seen.add(screen.key);
      all.push(screen);
    }
  }
  return all.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}

export function collectSlots(list: readonly ScreenModule[]): Required<SlotContributions> {
  const byOrder = <T extends { order: number }>(items: T[]) => items.sort((a, b) => a.order - b.order);
  return {
    homePanels: byOrder(list.flatMap((m) => m.slots?.homePanels ?? [])),
    caseTabs: byOrder(list.flatMap((m) => m.slots?.caseTabs ?? [])),
    settingsTabs: byOrder(list.flatMap((m) => m.slots?.settingsTabs ?? [])),
  };
}

export function screenByKey(key: string): ScreenDefinition | undefined {
  return SCREENS.find((s) => s.key === key);
}

/** Screens shown in the menu for this office role. */
export function menuScreens(role: 'station' | 'centre' | undefined): ScreenDefinition[] {
  return SCREENS.filter((s) => s.menu !== false && (!s.roles || !role || s.roles.includes(role)));
}
