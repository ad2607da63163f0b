/**
 * 设置 → 操作员 (管理员): the office's accounts. Adding one sets its first password; 重设密码 gives an
 * operator who forgot his a new one to tell him (he then chooses his own at the next sign-in); the
 * administrator never sees a password. An office always keeps one active administrator.
 */

import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';

import type { ApiResult } from '../../../../electron/core/api';
import { OPERATOR_ROLES, type OperatorRole } from '../../../../electron/core/schema/codes';
import { ApiError, call } from '../../api/client';
import { NewPasswordFields } from '../../app/NewPasswordFields';
import { ErrorNotice } from '../../components/ErrorNotice';
import { messageOf, useCall } from '../../components/useCall';
import { AdminOnly } from './AdminOnly';

type Operator = ApiResult<'operators.list'>[number];
type Editing = { kind: 'add' } | { kind: 'edit'; operator: Operator } | { kind: 'password'; operator: Operator };

const ROLE_OPTIONS = OPERATOR_ROLES.entries.map((e) => ({ value: e.code, label: e.label }));
const ROLE_HELP: Record<OperatorRole, string> = {
  admin: '全部工作，以及设置、操作员、模板、密钥和恢复备份',
  mediator: '登记和调解案件、制作文书、上报批次',
  clerk: '登记、受理和分派案件；不能记录调解、达成或签署协议',
  centre: '导入站点批次、统计、协助站点恢复数据',
};

export default function OperatorsPanel() {
  return (
    <AdminOnly what="管理操作员">
      <Operators />
    </AdminOnly>
  );
}

function Operators() {
  const list = useCall('operators.list', {}, []);
  const [editing, setEditing] = useState<Editing>();
  return (
    <Card
      title="操作员"
      extra={
        <Button type="primary" onClick={() => setEditing({ kind: 'add' })}>
          新增操作员
        </Button>
      }
    >
      <ErrorNotice error={list.error} onRetry={list.reload} />
      <Table<Operator>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          // Names, roles and dates never break mid-word (大字 at 1024 broke 王调解 into a column of characters);
          // what does not fit scrolls sideways.
          { title: '姓名', dataIndex: 'name', className: 'nowrap' },
          { title: '角色', dataIndex: 'roleLabel', className: 'nowrap' },
          {
            title: '状态',
            key: 'state',
            render: (_, o) => (
              <Space wrap>
                {o.active ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>}
                {o.lockedUntil ? (
                  <Tag color="red">输错密码，锁定到{new Date(o.lockedUntil).toLocaleTimeString('zh-CN', { hour12: false })}</Tag>
                ) : null}
                {o.mustChangePassword ? <Tag color="orange">待本人改密码</Tag> : null}
              </Space>
            ),
          },
          {
            title: '密码设置于',
            dataIndex: 'passwordSetAt',
            className: 'nowrap',
            render: (v: string) => new Date(v).toLocaleDateString('zh-CN'),
          },
          {
            title: '',
            key: 'actions',
            className: 'nowrap',
            render: (_, o) => (
              <Space>
                <Button size="small" onClick={() => setEditing({ kind: 'edit', operator: o })}>
                  修改
                </Button>
                <Button size="small" onClick={() => setEditing({ kind: 'password', operator: o })}>
                  重设密码
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {OPERATOR_ROLES.entries.map((e) => `${e.label}：${ROLE_HELP[e.code]}`).join('；')}。
      </Typography.Paragraph>
      {editing ? (
        <OperatorDialog
          editing={editing}
          onClose={(changed) => {
            setEditing(undefined);
            if (changed) list.reload();
          }}
        />
      ) : null}
    </Card>
  );
}

interface DialogValues {
  name: string;
  role: OperatorRole;
  active: boolean;
  password: string;
  confirm: string;
}

function OperatorDialog({ editing, onClose }: { editing: Editing; onClose(changed: boolean): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DialogValues>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const current = editing.kind === 'add' ? undefined : editing.operator;
  const title = editing.kind === 'add' ? '新增操作员' : editing.kind === 'edit' ? `修改“${current!.name}”` : `为“${current!.name}”重设密码`;

  const submit = async (values: DialogValues) => {
    setBusy(true);
    setError(undefined);
    try {
      if (editing.kind === 'add') await call('operators.add', { name: values.name, role: values.role, password: values.password });
      else if (editing.kind === 'edit')
        await call('operators.update', { id: current!.id, name: values.name, role: values.role, active: values.active });
      else await call('operators.resetPassword', { id: current!.id, password: values.password });
      void message.success(editing.kind === 'password' ? '已重设密码：请把新密码告诉本人，他下次登录后要换成自己的密码' : '已保存');
      onClose(true);
    } catch (failure) {
      if (failure instanceof ApiError && failure.field && ['name', 'role', 'password'].includes(failure.field)) {
        form.setFields([{ name: failure.field as keyof DialogValues, errors: [failure.message] }]);
      } else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<DialogValues>
        form={form}
        name="operator-dialog"
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: current?.name ?? '', role: current?.role ?? 'mediator', active: current?.active ?? true }}
        onFinish={(values) => void submit(values)}
      >
        {editing.kind !== 'password' ? (
          <>
            <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input autoFocus />
            </Form.Item>
            <Form.Item label="角色" name="role">
              <Select options={ROLE_OPTIONS} />
            </Form.Item>
          </>
        ) : null}
        {editing.kind === 'edit' ? (
          <Form.Item label="在用" name="active" valuePropName="checked" extra="停用后不能再登录；他记录的操作仍保留在案件中">
            <Switch />
          </Form.Item>
        ) : (
          <NewPasswordFields label={editing.kind === 'add' ? '初始密码' : '新密码'} />
        )}
      </Form>
    </Modal>
  );
}
