/**
 * The workbench frame: header (menu toggle, office, today's date, operator, larger-text switch), a
 * menu generated from the screen registry (collapsible, remembered), and the current screen.
 * Alt+1…9 jump to the menu entries in order.
 */

import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Spin, Switch, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { Suspense, useEffect, useMemo, useState } from 'react';

import { DeskProvider, useDesk } from './desk-context';
import { FirstRun } from './FirstRun';
import { menuScreens, screenByKey } from './registry';
import { HOME, navigate, useRoute } from './route';
import { themeFor } from './theme';

export function App() {
  return (
    <DeskProvider>
      <Themed />
    </DeskProvider>
  );
}

function Themed() {
  const { largeText } = useDesk();
  const theme = useMemo(() => themeFor(largeText), [largeText]);
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', largeText);
  }, [largeText]);
  return (
    <ConfigProvider locale={zhCN} theme={theme} componentSize="middle" button={{ autoInsertSpace: false }}>
      <AntApp>
        <Frame />
      </AntApp>
    </ConfigProvider>
  );
}

const MENU_KEY = 'mediation-desk.menuCollapsed';

/** The menu starts folded on narrow screens until the user says otherwise (remembered). */
function useMenuCollapsed(): [boolean, (collapsed: boolean) => void] {
  const [collapsed, setCollapsed] = useState(() => {
    const stored = localStorage.getItem(MENU_KEY);
    return stored === null ? window.innerWidth < 1200 : stored === '1';
  });
  return [
    collapsed,
    (next: boolean) => {
      localStorage.setItem(MENU_KEY, next ? '1' : '0');
      setCollapsed(next);
    },
  ];
}

function Frame() {
  const { settings, loadError, largeText, setLargeText, reloadSettings } = useDesk();
  const route = useRoute();
  const entries = menuScreens(settings?.role);
  const [collapsed, setCollapsed] = useMenuCollapsed();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const n = Number(event.key);
      if (Number.isInteger(n) && n >= 1 && n <= entries.length) {
        event.preventDefault();
        navigate(entries[n - 1].key);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [entries]);

  if (loadError) {
    return (
      <Result status="error" title="无法连接数据服务" subTitle={loadError} extra={<a onClick={() => void reloadSettings()}>重试</a>} />
    );
  }
  if (settings === undefined) {
    return (
      <div className="centre-fill">
        <Spin size="large" description="正在打开……" />
      </div>
    );
  }
  if (settings === null) return <FirstRun />;

  const current = screenByKey(route.screen) ?? screenByKey(HOME);
  const Screen = current?.component;
  const selected = current?.menu === false ? menuParentOf(route.screen) : current?.key;

  return (
    <Layout className="frame">
      <Layout.Header className="frame-header">
        <div className="frame-header-start">
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
            aria-label={collapsed ? '展开菜单' : '收起菜单'}
            aria-expanded={!collapsed}
            data-testid="menu-toggle"
          />
          <Typography.Text strong className="app-name">
            人民调解工作台
          </Typography.Text>
          <Typography.Text type="secondary" className="office-name" data-testid="office-name" title={settings.name}>
            {settings.name}
          </Typography.Text>
        </div>
        <div className="frame-header-end">
          <span className="header-date" data-testid="header-date">
            {new Date().toLocaleDateString('zh-CN', { month: 'long', day: 'numeric', weekday: 'short' })}
          </span>
          <Typography.Text type="secondary" className="header-operator">
            操作员：{settings.operator || '未设置'}
          </Typography.Text>
          {/* A label, not a tooltip: a tooltip stayed over the buttons after the click. */}
          <label className="large-text-switch">
            <Switch checked={largeText} onChange={(on) => void setLargeText(on)} aria-label="大字模式" />
            <span>大字</span>
          </label>
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={largeText ? 220 : 188}
          collapsedWidth={largeText ? 72 : 64}
          collapsed={collapsed}
          trigger={null}
          className="frame-sider"
          theme="light"
        >
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={entries.map((entry, i) => ({
              key: entry.key,
              icon: entry.icon,
              label: (
                <span className="menu-label" title={i < 9 ? `Alt+${i + 1}` : undefined}>
                  {entry.label}
                </span>
              ),
            }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content className="frame-content">
          <Suspense
            fallback={
              <div className="centre-fill">
                <Spin />
              </div>
            }
          >
            {Screen ? (
              <Screen key={route.screen} params={route.params} query={route.query} />
            ) : (
              <Result status="404" title="没有这个界面" />
            )}
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Screens outside the menu highlight the menu entry they belong to (案件详情 → 案件). */
function menuParentOf(screen: string): string | undefined {
  return screen === 'case' ? 'register' : undefined;
}
