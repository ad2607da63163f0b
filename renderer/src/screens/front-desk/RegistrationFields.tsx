/**
 * The registration's fields (channel, visitor, business type, dispute type, matter, group size, address),
 * the same for a new request (快速登记) and for correcting one (修改登记信息). A problem the core names
 * shows beside its field. `afterVisitor` and `afterMatter` let the quick entry put the returning-visitor
 * notice and the handling's fields where the clerk meets them.
 */

import { Checkbox, Col, Form, Input, type InputRef, Radio, Row, Select } from 'antd';
import type { ReactNode, Ref } from 'react';

import { BUSINESS_TYPES, DISPUTE_TYPES, REQUEST_CHANNELS } from '../../../../electron/core/schema/codes';
import type { QuickDraft } from './quick-draft';

export type DraftProblems = Partial<Record<keyof QuickDraft, string>>;

export interface FieldsProps {
  draft: QuickDraft;
  problems: DraftProblems;
  set<K extends keyof QuickDraft>(key: K, value: QuickDraft[K]): void;
}

/** One labelled field with the core's message for it beneath. */
export function DraftItem({
  problems,
  field,
  label,
  required,
  children,
}: {
  problems: DraftProblems;
  field: keyof QuickDraft;
  label: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <Form.Item
      label={label}
      required={required}
      validateStatus={problems[field] ? 'error' : undefined}
      help={problems[field]}
      data-field={field}
    >
      {children}
    </Form.Item>
  );
}

export function RegistrationFields(props: FieldsProps & { nameRef?: Ref<InputRef>; afterVisitor?: ReactNode; afterMatter?: ReactNode }) {
  const { draft, problems, set } = props;
  const item = (field: keyof QuickDraft, label: string, control: ReactNode, required = false) => (
    <DraftItem problems={problems} field={field} label={label} required={required}>
      {control}
    </DraftItem>
  );
  const text = (key: 'name' | 'phone' | 'address' | 'groupSize', label: string) => (
    <Input
      value={draft[key]}
      onChange={(e) => set(key, e.target.value)}
      aria-label={label}
      ref={key === 'name' ? props.nameRef : undefined}
    />
  );
  return (
    <>
      {item(
        'channel',
        '来访渠道',
        <Radio.Group
          value={draft.channel}
          onChange={(e) => set('channel', e.target.value as string)}
          options={REQUEST_CHANNELS.entries.map((c) => ({ value: c.code, label: c.label }))}
          aria-label="来访渠道"
        />,
      )}
      <Row gutter={12}>
        <Col span={12}>{item('name', '来访人姓名', text('name', '来访人姓名'), true)}</Col>
        <Col span={12}>{item('phone', '联系电话', text('phone', '联系电话'))}</Col>
        <Col span={12}>
          {item(
            'idNumber',
            '身份证号',
            <Input
              value={draft.idNumber}
              disabled={draft.idDeclined}
              onChange={(e) => set('idNumber', e.target.value)}
              aria-label="身份证号"
            />,
          )}
        </Col>
        <Col span={12}>
          {item(
            'idDeclined',
            '证件',
            <Checkbox checked={draft.idDeclined} onChange={(e) => set('idDeclined', e.target.checked)}>
              来访人不愿提供
            </Checkbox>,
          )}
        </Col>
      </Row>
      {props.afterVisitor}
      <Row gutter={12}>
        <Col span={12}>
          {item(
            'businessType',
            '业务类型',
            <Select
              value={draft.businessType}
              onChange={(v) => set('businessType', v)}
              options={BUSINESS_TYPES.entries.map((t) => ({ value: t.code, label: t.label }))}
              aria-label="业务类型"
              showSearch={{ optionFilterProp: 'label' }}
            />,
          )}
        </Col>
        <Col span={12}>
          {item(
            'category',
            '纠纷类型（涉及纠纷时）',
            <Select
              allowClear
              value={draft.category}
              onChange={(v) => set('category', v)}
              options={DISPUTE_TYPES.entries.map((t) => ({ value: t.code, label: t.label }))}
              aria-label="纠纷类型"
              placeholder="不涉及纠纷可不选"
              showSearch={{ optionFilterProp: 'label' }}
            />,
          )}
        </Col>
      </Row>
      {item(
        'matter',
        '来访事项',
        <Input.TextArea rows={2} value={draft.matter} onChange={(e) => set('matter', e.target.value)} aria-label="来访事项" />,
        true,
      )}
      {props.afterMatter}
      <Row gutter={12}>
        <Col span={12}>{item('groupSize', '来访人数', text('groupSize', '来访人数'))}</Col>
        <Col span={12}>{item('address', '住址', text('address', '住址'))}</Col>
      </Row>
    </>
  );
}
