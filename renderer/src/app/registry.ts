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

import {
  collectScreens,
  collectSlots,
  offeredAt,
  type OfficeRole,
  type ScreenDefinition,
  type ScreenModule,
  type SlotContributions,
} from './registry-core';

export type { CaseTabProps, ScreenDefinition, ScreenModule, ScreenProps, SlotContributions } from './registry-core';

/** Every `screens/<name>/screen.tsx`, found at build time. */
const modules = import.meta.glob<ScreenModule>('../screens/*/screen.tsx', { eager: true });

export const SCREENS: readonly ScreenDefinition[] = collectScreens(Object.values(modules));

export const SLOTS: Required<SlotContributions> = collectSlots(Object.values(modules));

/**
 * The screen a route opens at this office role: none for a key that is unknown or declared for another
 * role (typed into the address, a screen the menu hides opens no more than an unknown one).
 */
export function screenAt(key: string, role: OfficeRole | undefined): ScreenDefinition | undefined {
  return SCREENS.find((s) => s.key === key && offeredAt(s, role));
}

/** Screens shown in the menu for this office role. */
export function menuScreens(role: OfficeRole | undefined): ScreenDefinition[] {
  return SCREENS.filter((s) => s.menu !== false && offeredAt(s, role));
}
