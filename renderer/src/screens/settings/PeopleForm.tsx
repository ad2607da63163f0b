/** 设置 → 调解员与操作员: the office's mediators and who is at the keyboard (written into every event). */

import { Button, Card, Form, Select } from 'antd';

import type { Settings } from '../../../../electron/core/schema/settings';
import { useSave } from './useSave';

export function PeopleForm({ settings }: { settings: Settings }) {
  const [form] = Form.useForm();
  const { save, saving } = useSave(form);
  const mediators: string[] = Form.useWatch('mediators', form) ?? settings.mediators;
  return (
    <Card style={{ maxWidth: 760 }}>
      <Form
        layout="vertical"
        form={form}
        initialValues={{ mediators: settings.mediators, operator: settings.operator }}
        onFinish={(values) => void save(values)}
      >
        <Form.Item label="人民调解员" name="mediators" extra="输入姓名后按回车添加">
          <Select mode="tags" open={false} placeholder="输入姓名后按回车" aria-label="人民调解员" />
        </Form.Item>
        <Form.Item label="当前操作员" name="operator" extra="记入每一条操作记录">
          <Select
            showSearch
            allowClear
            style={{ width: 240 }}
            options={mediators.map((m) => ({ value: m, label: m }))}
            aria-label="当前操作员"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
