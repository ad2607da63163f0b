/** 纠纷登记 → 当事人: the parties (at least two), buttons to add more, the duplicate-party check beside each. */

import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space } from 'antd';

import type { Party } from '../../../../electron/core/schema/case';
import { useDuplicateCheck } from '../statistics/DuplicatesPanel';
import { PartyCard, type PartyField } from './PartyCard';
import { PartyMatchesNotice } from './PartyMatchesNotice';
import type { IntakeForm, PartyForm, Role } from './validate';

export function PartiesCard(props: {
  form: IntakeForm;
  today: string;
  problem?: string;
  excludeCaseId?: string;
  visible(field: string): string | undefined;
  updateParty(index: number, patch: Partial<PartyForm>, field?: PartyField): void;
  touch(field: string): void;
  addParty(role: Role): void;
  removeParty(index: number): void;
  bringIn(index: number, party: Party): void;
}) {
  const { form } = props;
  // 查重: the same ID number, credit code, or name with phone/address in other cases, shown beside each party.
  const found = useDuplicateCheck(form.parties, props.excludeCaseId);
  return (
    <Card
      title="当事人"
      style={{ marginBottom: 16 }}
      extra={
        <Space wrap>
          <Button icon={<PlusOutlined />} onClick={() => props.addParty('applicant')}>
            添加申请人
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => props.addParty('respondent')}>
            添加被申请人
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => props.addParty('third-party')}>
            添加第三人
          </Button>
        </Space>
      }
    >
      {props.problem ? (
        <Alert type="error" showIcon title={props.problem} style={{ marginBottom: 12 }} data-testid="parties-problem" />
      ) : null}
      {form.parties.map((party, index) => (
        <PartyCard
          key={party.key}
          index={index}
          party={party}
          today={props.today}
          canRemove={form.parties.length > 2}
          visible={props.visible}
          onChange={(patch, field) => props.updateParty(index, patch, field)}
          onBlur={(field) => props.touch(`parties[${index}].${field}`)}
          onRemove={() => props.removeParty(index)}
          notice={
            <PartyMatchesNotice matches={found.find((f) => f.index === index)?.matches ?? []} onBringIn={(p) => props.bringIn(index, p)} />
          }
        />
      ))}
    </Card>
  );
}
