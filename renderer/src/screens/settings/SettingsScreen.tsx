/**
 * 设置: the office, mediators, backups (create, restore, undo a restore), display, update
 * server; and tabs contributed by other screens (文书模板, 密钥与指纹) through `slots.settingsTabs` or,
 * if those screens only provide the component file, found here at build time.
 */

import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Switch, Table, Tabs, Typography } from 'antd';
import { type ComponentType, lazy, Suspense, useState } from 'react';

import { formatCaseNumber } from '../../../../electron/core/cases/numbering';
import type { Settings } from '../../../../electron/core/schema/settings';
import { ApiError, call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { SLOTS } from '../../app/registry';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { messageOf, useCall } from '../../components/useCall';

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

export default function SettingsScreen() {
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
      <Tabs items={items} tabPlacement="start" />
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

/** Save a patch, placing a refused field's message at the field. */
function useSave(form: ReturnType<typeof Form.useForm>[0]) {
  const { updateSettings } = useDesk();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const save = async (patch: Partial<Settings>) => {
    setSaving(true);
    try {
      await updateSettings(patch);
      void message.success('已保存');
    } catch (failure) {
      if (failure instanceof ApiError && failure.field) form.setFields([{ name: failure.field.split('.'), errors: [failure.message] }]);
      else void message.error(messageOf(failure));
    } finally {
      setSaving(false);
    }
  };
  return { save, saving };
}

function OfficeForm({ settings }: { settings: Settings }) {
  const [form] = Form.useForm();
  const { save, saving } = useSave(form);
  const pattern = Form.useWatch('numberPattern', form) ?? settings.numberPattern;
  const shortName = Form.useWatch('shortName', form) ?? settings.shortName;
  const preview = String(pattern).includes('{seq}')
    ? formatCaseNumber(String(pattern), { year: new Date().getFullYear(), shortName: String(shortName), seq: 1 })
    : '（案号格式必须包含{seq}）';
  return (
    <Card style={{ maxWidth: 760 }}>
      <Form layout="vertical" form={form} initialValues={settings} onFinish={(values) => void save(values)}>
        <Form.Item label="调委会或机构名称" name="name" rules={[{ required: true, message: '请填写机构名称' }]}>
          <Input />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label="简称（用于案号）" name="shortName" rules={[{ required: true, message: '请填写简称' }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="站点代码" name="stationCode">
            <Input style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Form.Item label="机构类型" name="role" extra="已有案件后不能更改">
          <Radio.Group
            options={[
              { value: 'station', label: '调解站点' },
              { value: 'centre', label: '公共法律服务中心' },
            ]}
          />
        </Form.Item>
        <Form.Item label="所属单位" name="organization">
          <Input placeholder="例如：通川区司法局东城司法所" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label="地址" name="address">
            <Input style={{ width: 360 }} />
          </Form.Item>
          <Form.Item label="联系电话" name="phone">
            <Input style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Form.Item label="司法确认默认法院" name="court">
          <Input />
        </Form.Item>
        <Form.Item
          label="案号格式"
          name="numberPattern"
          extra={
            <span>
              可用：{'{year}'} 年份、{'{shortName}'} 简称、{'{seq}'} 序号（{'{seq:4}'} 补足4位）。示例：{preview}
            </span>
          }
        >
          <Input />
        </Form.Item>
        <Typography.Title level={5}>提醒</Typography.Title>
        <Space size="large" wrap>
          <Form.Item label="司法确认期限提前提醒（天）" name={['reminders', 'confirmationWarnDays']}>
            <InputNumber min={0} max={30} />
          </Form.Item>
          <Form.Item label="协议后回访（天）" name={['reminders', 'followUpDueDays']}>
            <InputNumber min={1} max={365} />
          </Form.Item>
          <Form.Item label="调解超过（天）提醒" name={['reminders', 'longMediationDays']}>
            <InputNumber min={1} max={365} />
          </Form.Item>
        </Space>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function PeopleForm({ settings }: { settings: Settings }) {
  const [form] = Form.useForm();
  const { save, saving } = useSave(form);
  return (
    <Card style={{ maxWidth: 760 }}>
      <Form layout="vertical" form={form} initialValues={{ mediators: settings.mediators }} onFinish={(values) => void save(values)}>
        <Form.Item label="人民调解员" name="mediators" extra="输入姓名后按回车添加">
          <Select mode="tags" open={false} placeholder="输入姓名后按回车" aria-label="人民调解员" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

const BACKUP_KINDS: Record<string, string> = {
  manual: '手动备份',
  daily: '每日自动',
  'before-restore': '恢复前自动',
  'before-migration': '升级前自动',
};
const UNDO_KEY = 'mediation-desk.lastRestoreUndo';

function Backups() {
  const { modal, message } = App.useApp();
  const { reloadSettings, dataChanged } = useDesk();
  const list = useCall('backups.list', {}, []);
  const [busy, setBusy] = useState(false);
  const [undo, setUndo] = useState<{ restored: string; undo: string } | null>(() => {
    const raw = localStorage.getItem(UNDO_KEY);
    return raw ? (JSON.parse(raw) as { restored: string; undo: string }) : null;
  });

  const afterRestore = async () => {
    dataChanged();
    await reloadSettings();
    list.reload();
  };

  const create = async () => {
    setBusy(true);
    try {
      const info = await call('backups.create', {});
      void message.success(`已备份 ${info.caseCount} 件案件`);
      list.reload();
    } catch (failure) {
      void message.error(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const restore = (name: string, label: string, isUndo = false) =>
    modal.confirm({
      title: isUndo ? '撤销上一次恢复？' : `恢复到“${label}”？`,
      content: isUndo ? '数据将回到恢复之前的状态。' : '现在的数据会先自动备份，恢复后如有需要可以撤销。恢复期间请不要关闭程序。',
      okText: isUndo ? '撤销恢复' : '恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          const result = await call('backups.restore', { name });
          const next = isUndo ? null : { restored: label, undo: result.undo.name };
          setUndo(next);
          if (next) localStorage.setItem(UNDO_KEY, JSON.stringify(next));
          else localStorage.removeItem(UNDO_KEY);
          void message.success(isUndo ? '已撤销恢复' : '已恢复');
          await afterRestore();
        } catch (failure) {
          void message.error(messageOf(failure));
        }
      },
    });

  return (
    <Card>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Button type="primary" loading={busy} onClick={() => void create()}>
            立即备份
          </Button>
          <Typography.Text type="secondary">程序每天自动备份一次；恢复前也会自动备份当前数据。</Typography.Text>
        </Space>
        {undo ? (
          <Alert
            type="warning"
            showIcon
            title={`已恢复到“${undo.restored}”。`}
            action={<Button onClick={() => void restore(undo.undo, '', true)}>撤销这次恢复</Button>}
          />
        ) : null}
        <ErrorNotice error={list.error} onRetry={list.reload} />
        <Table
          rowKey="name"
          size="small"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            {
              title: '时间',
              dataIndex: 'createdAt',
              key: 'createdAt',
              render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }),
            },
            { title: '类型', dataIndex: 'kind', key: 'kind', render: (v: string) => BACKUP_KINDS[v] ?? v },
            { title: '案件数', dataIndex: 'caseCount', key: 'caseCount' },
            { title: '大小', dataIndex: 'bytes', key: 'bytes', render: (v: number) => `${(v / 1024 / 1024).toFixed(1)} MB` },
            {
              title: '',
              key: 'restore',
              render: (_, b) => (
                <Button size="small" onClick={() => void restore(b.name, new Date(b.createdAt).toLocaleString('zh-CN', { hour12: false }))}>
                  恢复到此备份
                </Button>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}

function Display() {
  const { largeText, setLargeText } = useDesk();
  return (
    <Card style={{ maxWidth: 760 }}>
      <Space align="center" size="large">
        <Switch checked={largeText} onChange={(on) => void setLargeText(on)} aria-label="大字模式" />
        <div>
          <Typography.Text strong>大字模式</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            把全部文字放大到约20像素，按钮和表格行也相应加高。页面顶部的“大字”开关与此相同。
          </Typography.Text>
        </div>
      </Space>
    </Card>
  );
}

/** The shell's updater state (`updates.*` exist only in the desktop app; the harness answers NOT_FOUND). */
interface UpdaterStatus {
  state: string;
  message: string;
  checkedAt: string | null;
  version?: string;
}

/** Calls outside the core's table (the shell adds them to the IPC table), hence the loose typing. */
const shellCall = (name: string) => call(name as never, {} as never) as Promise<unknown>;

function Updates({ settings }: { settings: Settings }) {
  const [form] = Form.useForm();
  const { save, saving } = useSave(form);
  const { message } = App.useApp();
  const status = useCall('updates.status' as never, {} as never, []);
  const [checked, setChecked] = useState<UpdaterStatus>();
  const [checking, setChecking] = useState(false);
  const current = checked ?? (status.data as UpdaterStatus | undefined);
  const desktopOnly = status.error?.code === 'NOT_FOUND';

  const check = async () => {
    setChecking(true);
    try {
      setChecked((await shellCall('updates.check')) as UpdaterStatus);
    } catch (failure) {
      void message.error(messageOf(failure));
    } finally {
      setChecking(false);
    }
  };
  const restart = async () => {
    const restarted = (await shellCall('updates.restart').catch(() => false)) as boolean;
    if (!restarted) void message.warning('还有未保存的内容，请先保存后再重启更新');
  };

  return (
    <Card style={{ maxWidth: 760 }}>
      <Form layout="vertical" form={form} initialValues={{ updateServer: settings.updateServer }} onFinish={(values) => void save(values)}>
        <Form.Item label="更新服务器地址" name="updateServer" extra="由上级中心提供的内网地址；没有网络时程序不会报错">
          <Input placeholder="例如：http://192.168.1.10/mediation-desk/" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
      <div style={{ marginTop: 16 }} data-testid="update-status">
        {desktopOnly ? (
          <Typography.Text type="secondary">更新状态：仅在桌面程序中显示</Typography.Text>
        ) : current ? (
          <Space wrap>
            <Typography.Text>{current.message}</Typography.Text>
            {current.checkedAt ? (
              <Typography.Text type="secondary">
                （上次检查：{new Date(current.checkedAt).toLocaleString('zh-CN', { hour12: false })}）
              </Typography.Text>
            ) : null}
            <Button loading={checking} onClick={() => void check()}>
              立即检查
            </Button>
            {current.state === 'downloaded' ? (
              <Button type="primary" onClick={() => void restart()}>
                立即重启并更新{current.version ? `到 ${current.version}` : ''}
              </Button>
            ) : null}
          </Space>
        ) : status.error ? (
          <Typography.Text type="secondary">{status.error.message}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">正在查询更新状态……</Typography.Text>
        )}
      </div>
    </Card>
  );
}
