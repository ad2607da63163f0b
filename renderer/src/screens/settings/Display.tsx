/** 设置 → 显示: large text (大字) for the whole workbench. */

import { Card, Space, Switch, Typography } from 'antd';

import { useDesk } from '../../app/desk-context';

export function Display() {
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
