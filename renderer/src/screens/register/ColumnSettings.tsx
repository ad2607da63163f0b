/** 列设置: which of the register's columns to show; remembered on this PC. */

import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover, Space } from 'antd';

import { COLUMN_CHOICES, type ColumnKey } from './columns';

export function ColumnSettings({ shown, onChange }: { shown: Set<ColumnKey>; onChange(keys: Set<ColumnKey>): void }) {
  const content = (
    <Space orientation="vertical" data-testid="column-settings">
      {COLUMN_CHOICES.map((c) => (
        <Checkbox
          key={c.key}
          checked={shown.has(c.key)}
          disabled={c.fixed}
          onChange={(e) => {
            const next = new Set(shown);
            if (e.target.checked) next.add(c.key);
            else next.delete(c.key);
            onChange(next);
          }}
        >
          {c.title}
          {c.key === 'station' ? '（中心导入的案件）' : ''}
        </Checkbox>
      ))}
      <Button size="small" onClick={() => onChange(new Set(COLUMN_CHOICES.filter((c) => c.shown).map((c) => c.key)))}>
        恢复默认
      </Button>
    </Space>
  );
  return (
    <Popover content={content} title="显示哪些列" trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} aria-label="列设置" data-testid="column-settings-button">
        列设置
      </Button>
    </Popover>
  );
}
