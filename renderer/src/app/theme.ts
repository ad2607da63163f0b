/**
 * Look and feel: calm colours, readable type. The base size is 16 px (Ant Design's default 14 is small
 * for older eyes); the larger-text mode raises it to 20 px and makes controls taller to match.
 */

import type { ThemeConfig } from 'antd';

export const FONT_FAMILY =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

export function themeFor(largeText: boolean): ThemeConfig {
  const fontSize = largeText ? 20 : 16;
  return {
    token: {
      fontSize,
      // Tags, table headers and hints use the small size: keep it readable too.
      fontSizeSM: largeText ? 17 : 14,
      fontFamily: FONT_FAMILY,
      colorPrimary: '#1d5c8c',
      colorInfo: '#1d5c8c',
      colorSuccess: '#3d7a3a',
      colorWarning: '#b26a00',
      colorError: '#b3261e',
      // Light backgrounds for alerts: the derived ones from these darker colours looked muddy.
      colorSuccessBg: '#eef6ec',
      colorSuccessBorder: '#b9d8b2',
      colorWarningBg: '#fff6e5',
      colorWarningBorder: '#f0cf94',
      colorErrorBg: '#fdf0ef',
      colorErrorBorder: '#efb8b3',
      colorInfoBg: '#eaf2f8',
      colorInfoBorder: '#b3cde2',
      colorBgLayout: '#f4f5f2',
      borderRadius: 6,
      controlHeight: largeText ? 44 : 36,
      lineHeight: 1.6,
      motion: false,
    },
    components: {
      Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: largeText ? 64 : 56, headerPadding: '0 20px' },
      Menu: { itemHeight: largeText ? 52 : 44, iconSize: fontSize, itemSelectedBg: '#e2edf5', itemSelectedColor: '#1d5c8c' },
      Table: { cellPaddingBlock: largeText ? 12 : 8 },
    },
  };
}

/** Row height of the virtual case table, in pixels, for each text size. */
export const rowHeight = (largeText: boolean) => (largeText ? 52 : 42);
