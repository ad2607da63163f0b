/** 纠纷登记 → 纠纷情况: the facts and what the parties ask for. */

import { Card, Input } from 'antd';

import { Field } from './Field';
import type { IntakeForm } from './validate';

export function DisputeCard(props: {
  form: IntakeForm;
  visible(field: string): string | undefined;
  update(patch: Partial<IntakeForm>, field?: string): void;
}) {
  const { form, visible, update } = props;
  return (
    <Card title="纠纷情况" style={{ marginBottom: 16 }}>
      <Field label="纠纷简要情况" field="facts" error={visible('facts')}>
        <Input.TextArea rows={4} value={form.facts} onChange={(e) => update({ facts: e.target.value }, 'facts')} />
      </Field>
      <Field label="当事人请求" field="claims" error={visible('claims')}>
        <Input.TextArea rows={3} value={form.claims} onChange={(e) => update({ claims: e.target.value }, 'claims')} />
      </Field>
    </Card>
  );
}
