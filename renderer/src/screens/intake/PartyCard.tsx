/**
 * 纠纷登记 → one party: role and kind, then the person's or organisation's fields, contact and agent.
 * A valid 居民身份证 number shows the birth date and gender it encodes and locks those two fields.
 */

import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Input, Radio, Row, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';

import { GENDERS, ID_TYPES, PARTY_ROLES } from '../../../../electron/core/schema/codes';
import { Field } from './Field';
import { idFacts, type PartyForm, type Role } from './validate';

/** The field a party edit concerns (the agent's fields have dotted paths in the core). */
export type PartyField = keyof PartyForm | 'agent.phone' | 'agent.name';

export function PartyCard(props: {
  index: number;
  party: PartyForm;
  today: string;
  canRemove: boolean;
  visible(field: string): string | undefined;
  onChange(patch: Partial<PartyForm>, field?: PartyField): void;
  onBlur(field: string): void;
  onRemove(): void;
  /** Shown at the top of the card (查重). */
  notice?: ReactNode;
}) {
  const { party: p, index } = props;
  const at = (field: string) => `parties[${index}].${field}`;
  const facts = idFacts(p, props.today);
  const roleLabel = PARTY_ROLES.labels[p.role];
  return (
    <Card
      size="small"
      className={`party-card role-${p.role}`}
      data-testid={`party-${index}`}
      title={
        <Space wrap>
          <span>当事人{index + 1}</span>
          <Select
            aria-label={`当事人${index + 1}的身份`}
            value={p.role}
            style={{ width: 130 }}
            onChange={(role: Role) => props.onChange({ role })}
            options={PARTY_ROLES.entries.map((e) => ({ value: e.code, label: e.label }))}
          />
          <Radio.Group
            value={p.kind}
            onChange={(e) => props.onChange({ kind: e.target.value })}
            options={[
              { value: 'person', label: '自然人' },
              { value: 'organization', label: '法人或其他组织' },
            ]}
          />
        </Space>
      }
      extra={
        props.canRemove ? (
          <Button danger type="text" icon={<DeleteOutlined />} onClick={props.onRemove} aria-label={`删除当事人${index + 1}`}>
            删除
          </Button>
        ) : null
      }
    >
      {props.notice}
      <Row gutter={16}>
        <Col xs={24} md={8} xl={6}>
          <Field
            label={p.kind === 'person' ? `${roleLabel}姓名` : `${roleLabel}名称`}
            field={at('name')}
            error={props.visible(at('name'))}
            required
          >
            <Input value={p.name} onChange={(e) => props.onChange({ name: e.target.value }, 'name')} onBlur={() => props.onBlur('name')} />
          </Field>
        </Col>
        {p.kind === 'person' ? (
          <>
            <Col xs={24} md={6} xl={5}>
              <Field label="证件类型" field={at('idType')}>
                <Select
                  value={p.idType}
                  onChange={(idType: string) => props.onChange({ idType }, 'idType')}
                  options={ID_TYPES.entries.map((e) => ({ value: e.code, label: e.label }))}
                />
              </Field>
            </Col>
            <Col xs={24} md={10} xl={7}>
              <Field
                label="证件号码"
                field={at('idNumber')}
                error={props.visible(at('idNumber'))}
                extra={
                  facts ? (
                    <span className="derived" data-testid={`derived-${index}`}>
                      出生日期 {facts.birthDate}，{GENDERS.labels[facts.gender]}
                    </span>
                  ) : undefined
                }
              >
                <Input
                  className="mono"
                  value={p.idNumber}
                  maxLength={p.idType === 'resident-id' ? 20 : 40}
                  onChange={(e) => props.onChange({ idNumber: e.target.value }, 'idNumber')}
                  onBlur={() => props.onBlur('idNumber')}
                />
              </Field>
            </Col>
            <Col xs={12} md={4} xl={3}>
              <Field label="性别" field={at('gender')} error={props.visible(at('gender'))}>
                <Select
                  disabled={Boolean(facts)}
                  value={(facts?.gender ?? p.gender) || undefined}
                  placeholder="—"
                  onChange={(gender: 'male' | 'female') => props.onChange({ gender }, 'gender')}
                  options={GENDERS.entries.map((e) => ({ value: e.code, label: e.label }))}
                />
              </Field>
            </Col>
            <Col xs={12} md={4} xl={3}>
              <Field label="民族" field={at('ethnicity')}>
                <Input value={p.ethnicity} onChange={(e) => props.onChange({ ethnicity: e.target.value }, 'ethnicity')} />
              </Field>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Field label="出生日期" field={at('birthDate')} error={props.visible(at('birthDate'))}>
                <DatePicker
                  style={{ width: '100%' }}
                  disabled={Boolean(facts)}
                  value={(facts?.birthDate ?? p.birthDate) ? dayjs(facts?.birthDate ?? p.birthDate) : null}
                  onChange={(d) => props.onChange({ birthDate: d ? d.format('YYYY-MM-DD') : '' }, 'birthDate')}
                />
              </Field>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Field label="职业或职务" field={at('occupation')}>
                <Input value={p.occupation} onChange={(e) => props.onChange({ occupation: e.target.value }, 'occupation')} />
              </Field>
            </Col>
          </>
        ) : (
          <>
            <Col xs={24} md={10} xl={8}>
              <Field label="统一社会信用代码" field={at('creditCode')} error={props.visible(at('creditCode'))}>
                <Input
                  className="mono"
                  value={p.creditCode}
                  onChange={(e) => props.onChange({ creditCode: e.target.value }, 'creditCode')}
                  onBlur={() => props.onBlur('creditCode')}
                />
              </Field>
            </Col>
            <Col xs={12} md={7} xl={5}>
              <Field label="法定代表人/负责人" field={at('representative')}>
                <Input value={p.representative} onChange={(e) => props.onChange({ representative: e.target.value }, 'representative')} />
              </Field>
            </Col>
            <Col xs={12} md={7} xl={5}>
              <Field label="职务" field={at('representativeTitle')}>
                <Input
                  value={p.representativeTitle}
                  onChange={(e) => props.onChange({ representativeTitle: e.target.value }, 'representativeTitle')}
                />
              </Field>
            </Col>
          </>
        )}
        <Col xs={24} md={8} xl={6}>
          <Field label="联系电话" field={at('phone')} error={props.visible(at('phone'))}>
            <Input
              value={p.phone}
              inputMode="tel"
              onChange={(e) => props.onChange({ phone: e.target.value }, 'phone')}
              onBlur={() => props.onBlur('phone')}
            />
          </Field>
        </Col>
        <Col xs={24} md={16} xl={12}>
          <Field label="住址" field={at('address')}>
            <Input value={p.address} onChange={(e) => props.onChange({ address: e.target.value }, 'address')} />
          </Field>
        </Col>
        <Col xs={24} md={8} xl={4}>
          <Field label="委托代理人" field={at('agent.name')} error={props.visible(at('agent.name'))}>
            <Input
              value={p.agentName}
              placeholder="无可不填"
              onChange={(e) => props.onChange({ agentName: e.target.value }, 'agent.name')}
            />
          </Field>
        </Col>
        {p.agentName.trim() ? (
          <>
            <Col xs={12} md={8} xl={4}>
              <Field label="与当事人关系" field={at('agent.relation')}>
                <Input value={p.agentRelation} onChange={(e) => props.onChange({ agentRelation: e.target.value })} />
              </Field>
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Field label="代理人电话" field={at('agent.phone')} error={props.visible(at('agent.phone'))}>
                <Input
                  value={p.agentPhone}
                  onChange={(e) => props.onChange({ agentPhone: e.target.value }, 'agent.phone')}
                  onBlur={() => props.onBlur('agent.phone')}
                />
              </Field>
            </Col>
          </>
        ) : null}
      </Row>
    </Card>
  );
}
