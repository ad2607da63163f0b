/** 纠纷登记 → 案件信息: date, dispute type, source, mediators, 案由, amount and people involved. */

import { Card, Col, DatePicker, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';

import { CASE_SOURCES, DISPUTE_TYPES } from '../../../../electron/core/schema/codes';
import { Field } from './Field';
import type { IntakeForm } from './validate';

export function CaseInfoCard(props: {
  form: IntakeForm;
  mediators: string[];
  visible(field: string): string | undefined;
  update(patch: Partial<IntakeForm>, field?: string): void;
}) {
  const { form, visible, update } = props;
  return (
    <Card title="案件信息" style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Field label="登记日期" field="receivedAt" error={visible('receivedAt')}>
            <DatePicker
              style={{ width: '100%' }}
              value={form.receivedAt ? dayjs(form.receivedAt) : null}
              onChange={(d) => update({ receivedAt: d ? d.format('YYYY-MM-DD') : '' }, 'receivedAt')}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              allowClear={false}
            />
          </Field>
        </Col>
        <Col xs={24} md={6}>
          <Field label="纠纷类型" field="disputeType" error={visible('disputeType')} required>
            <Select
              autoFocus
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="请选择"
              value={form.disputeType || undefined}
              onChange={(v: string) => update({ disputeType: v }, 'disputeType')}
              options={DISPUTE_TYPES.entries.map((e) => ({ value: e.code, label: e.label }))}
            />
          </Field>
        </Col>
        <Col xs={24} md={6}>
          <Field label="案件来源" field="source">
            <Select
              value={form.source}
              onChange={(v: string) => update({ source: v })}
              options={CASE_SOURCES.entries.map((e) => ({ value: e.code, label: e.label }))}
            />
          </Field>
        </Col>
        <Col xs={24} md={6}>
          <Field label="人民调解员" field="mediators">
            <Select
              mode="tags"
              placeholder="选择或输入姓名"
              value={form.mediators}
              onChange={(v: string[]) => update({ mediators: v })}
              options={props.mediators.map((m) => ({ value: m, label: m }))}
            />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field label="案由" field="summary" error={visible('summary')} required>
            <Input
              value={form.summary}
              maxLength={100}
              placeholder="例如：邻里排水纠纷"
              onChange={(e) => update({ summary: e.target.value }, 'summary')}
            />
          </Field>
        </Col>
        <Col xs={24} md={6}>
          <Field label="涉及金额（元）" field="amount" error={visible('amount')}>
            <Input
              value={form.amount}
              inputMode="decimal"
              placeholder="0.00"
              onChange={(e) => update({ amount: e.target.value }, 'amount')}
            />
          </Field>
        </Col>
        <Col xs={24} md={6}>
          <Field label="涉及人数" field="peopleInvolved" error={visible('peopleInvolved')}>
            <Input
              value={form.peopleInvolved}
              inputMode="numeric"
              placeholder="默认为当事人人数"
              onChange={(e) => update({ peopleInvolved: e.target.value }, 'peopleInvolved')}
            />
          </Field>
        </Col>
      </Row>
    </Card>
  );
}
