/** 设置 → 调解员: the office's mediators (who is at the keyboard is whoever signed in: operators/). */

import { Button, Card, Form, Select } from 'antd';

import type { Settings } from '../../../../electron/core/schema/settings';
import { useSave } from './useSave';

export function PeopleForm({ settings }: { settings: Settings }) {
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
