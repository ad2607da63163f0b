/**
/**
 * The workbench frame: header (menu toggle, office, today's date, the signed-in operator with 锁定 and
 * 切换操作员, larger-text switch), a menu generated from the screen registry (collapsible, remembered),
 * and the current screen. Alt+1…9 jump to the menu entries in order. Before it: first-run set-up,
 * sign-in, the recovery code once, a forced password change. When the workbench locks, the unlock
 * screen covers it and the screens stay as they were, so the same operator goes on where he left off;
 * 切换操作员 closes them.
 */

import { LockOutlined, MenuFoldOutlined, MenuUnfoldOutlined, SwapOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Spin, Switch, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';

import { OPERATOR_ROLES } from '../../../electron/core/schema/codes';
import { MustChangePassword } from './ChangePassword';
import { DataProblem } from './DataProblem';
import { DeskProvider, useDesk } from './desk-context';
import { FirstRun } from './FirstRun';
import { RecoveryCodeNotice } from './RecoveryCodeNotice';
import { menuScreens, screenAt } from './registry';
import { HOME, navigate, useRoute } from './route';
import { SignIn } from './SignIn';
import { themeFor } from './theme';
import { useIdleLock } from './useIdleLock';

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
  const { status, operator, settings, loadError, largeText, setLargeText, reloadStatus, recoveryCode, showRecoveryCode, lock, signOut } =
    useDesk();
  const route = useRoute();
  const entries = menuScreens(settings?.role);
  const [collapsed, setCollapsed] = useMenuCollapsed();
  const lockNow = useCallback(() => void lock(), [lock]);
  useIdleLock(settings?.idleLockMinutes, !!operator, lockNow);

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

  if (loadError && !status) {
    return (
      <Result
        status="error"
        title="无法连接数据服务"
        subTitle={loadError.message}
        extra={<a onClick={() => void reloadStatus()}>重试</a>}
      />
    );
  }
  if (status === undefined) {
    return (
      <div className="centre-fill">
        <Spin size="large" description="正在打开……" />
      </div>
    );
  }
  if (status.setUp === 'new') return <FirstRun mode="new" />;
  if (status.setUp === 'needs-administrator') return <FirstRun mode="administrator" />;
  const locked = status.state === 'locked';
  // signed out, or locked before the workbench was ever shown: the sign-in screen alone
  if (status.state === 'signed-out' || (locked && !settings)) return <SignIn />;
  if (operator && recoveryCode) return <RecoveryCodeNotice code={recoveryCode} onDone={() => showRecoveryCode(undefined)} />;
  if (operator?.mustChangePassword) return <MustChangePassword />;
  if (operator && loadError) return <DataProblem error={loadError} />;
  if (settings === undefined) {
    return (
      <div className="centre-fill">
        <Spin size="large" description="正在打开……" />
      </div>
    );
  }
  if (settings === null) return <FirstRun mode="settings" />;

  // A route unknown here, or to a screen for another office role, shows 工作台.
  const current = screenAt(route.screen, settings.role) ?? screenAt(HOME, settings.role);
  const Screen = current?.component;
  const selected = current?.menu === false ? menuParentOf(route.screen) : current?.key;

  return (
    <>
      {locked ? (
        <div className="lock-cover" role="dialog" aria-modal="true" aria-label="工作台已锁定">
          <SignIn />
        </div>
      ) : null}
      <Layout className="frame" inert={locked} aria-hidden={locked}>
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
            <Typography.Text type="secondary" data-testid="operator-name" className="header-operator">
              操作员：{operator ? `${operator.name}（${OPERATOR_ROLES.label(operator.role)}）` : ''}
            </Typography.Text>
            {/* No tooltips in the header: one stayed over the buttons after the click. On narrow screens
                the buttons keep their icons and names (aria-label, title), without the visible words. */}
            <Button icon={<LockOutlined />} onClick={lockNow} aria-label="锁定" title="离开座位时锁定，回来输入密码继续">
              <span className="header-button-label">锁定</span>
            </Button>
            <Button icon={<SwapOutlined />} onClick={() => void signOut()} aria-label="切换操作员" title="换另一位操作员登录">
              <span className="header-button-label">切换操作员</span>
            </Button>
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
    </>
  );
}

/** Screens outside the menu highlight the menu entry they belong to (案件详情 → 案件). */
function menuParentOf(screen: string): string | undefined {
  return screen === 'case' ? 'register' : undefined;
}
