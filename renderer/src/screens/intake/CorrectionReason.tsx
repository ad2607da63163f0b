/** 修改理由 when correcting a case: required once an agreement exists (the log records it with each change). */

import { Card, Form, Input } from 'antd';

export function CorrectionReason(props: { value: string; required: boolean; problem?: string; onChange(text: string): void }) {
  return (
    <Card size="small" title="修改理由" style={{ marginBottom: 16 }}>
      <Form.Item
        label={props.required ? '本案已达成协议，修改须填写理由' : '修改理由（可不填）'}
        required={props.required}
        validateStatus={props.problem ? 'error' : undefined}
        help={props.problem ?? '每一项修改的原值和新值都会记入操作记录'}
        data-field="reason"
      >
        <Input.TextArea
          rows={2}
          value={props.value}
          maxLength={2000}
          placeholder="例如：当事人核对身份证时发现号码录错"
          onChange={(e) => props.onChange(e.target.value)}
          aria-label="修改理由"
        />
      </Form.Item>
    </Card>
  );
}
