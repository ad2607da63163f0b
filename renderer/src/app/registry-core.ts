/** The registry's types and pure collection logic (no build-time glob here, so tests can import it). */

import type { ComponentType, ReactNode } from 'react';

import type { Case } from '../../../electron/core/schema/case';

export interface ScreenProps {
  params: string[];
  query: URLSearchParams;
}

export type OfficeRole = 'station' | 'centre';

export interface ScreenDefinition {
  /** First segment of the hash route; unique. */
  key: string;
  /** Menu label (Chinese). */
  label: string;
  icon?: ReactNode;
  /** Position in the menu: 工作台 10, 案件 20, 纠纷登记 30, 文书 40, 批量 50, 统计 60, 设置 90. */
  order: number;
  /** false: reachable by route only (e.g. 案件详情). Default true. */
  menu?: boolean;
  /** Only at these office roles (settings.role); default: everywhere. The menu and the router both honour it (`offeredAt`). */
  roles?: readonly OfficeRole[];
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
  /** Further tables beside the cases' on 统计 (e.g. 统一受理 for the front desk's requests). */
  statisticsTabs?: { key: string; label: string; order: number; component: ComponentType }[];
}

export interface ScreenModule {
  screens?: ScreenDefinition[];
  slots?: SlotContributions;
}

/**
 * Whether a screen is offered at this office role, by its `roles`: the one answer the menu, the router
 * and the screens' links read. Before the office's role is known, everything is.
 */
export function offeredAt(screen: ScreenDefinition, role: OfficeRole | undefined): boolean {
  return !screen.roles || !role || screen.roles.includes(role);
}

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
    statisticsTabs: byOrder(list.flatMap((m) => m.slots?.statisticsTabs ?? [])),
  };
}
