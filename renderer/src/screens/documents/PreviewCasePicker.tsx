/** The case a template is previewed on, found by typing (none: the sample case). */

import { Select } from 'antd';
import { useState } from 'react';

import { useCall } from '../../components/useCall';
import { useDebounced } from '../../components/useDebounced';

export function PreviewCasePicker({ value, onChange }: { value?: string; onChange(id?: string): void }) {
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const list = useCall('cases.list', { q: q || undefined, limit: 20 }, [q]);
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      style={{ width: 320 }}
      placeholder="预览用的案件（不选则用示例案件）"
      value={value}
      onChange={(id) => onChange(id || undefined)}
      options={(list.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.number} ${c.parties.map((p) => p.name).join('、')}` }))}
      aria-label="预览用的案件"
    />
  );
}
