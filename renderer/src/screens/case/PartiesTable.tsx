/**
 * 案件详情 → 概况 → 当事人: four columns that fit 1024 px in 大字 — who (role and name), identity
 * (document, number, gender and birth date), contact (phone, address), agent. Numbers never wrap;
 * names and addresses do. ID numbers are masked until asked for (someone may stand behind the desk).
 */

import { Button, Table, Tag } from 'antd';
import { useState } from 'react';

import type { Party } from '../../../../electron/core/schema/case';
import { GENDERS, ID_TYPES, PARTY_ROLES } from '../../../../electron/core/schema/codes';
import { maskIdNumber } from '../../../../electron/core/schema/identity';

const ROLE_COLOURS: Record<string, string> = { applicant: 'blue', respondent: 'orange', 'third-party': 'default' };

export function PartiesTable({ parties }: { parties: readonly Party[] }) {
  return (
    <Table<Party>
      className="party-table"
      rowKey="id"
      size="small"
      pagination={false}
      tableLayout="auto"
      dataSource={parties as Party[]}
      columns={[
        {
          title: '当事人',
          key: 'who',
          render: (_, p) => (
            <>
              <Tag color={ROLE_COLOURS[p.role]}>{PARTY_ROLES.labels[p.role]}</Tag>
              <div className="party-name">{p.name}</div>
            </>
          ),
        },
        { title: '证件与身份', key: 'identity', render: (_, p) => <Identity p={p} /> },
        {
          title: '联系电话与住址',
          key: 'contact',
          render: (_, p) => (
            <>
              <div className="nowrap">{p.phone || '—'}</div>
              {p.address ? <div className="muted">{p.address}</div> : null}
            </>
          ),
        },
        {
          title: '委托代理人',
          key: 'agent',
          render: (_, p) =>
            p.agent ? (
              <>
                <div>
                  {p.agent.name}
                  {p.agent.relation ? `（${p.agent.relation}）` : ''}
                </div>
                {p.agent.phone ? <div className="nowrap muted">{p.agent.phone}</div> : null}
              </>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

function Identity({ p }: { p: Party }) {
  const [shown, setShown] = useState(false);
  if (p.kind === 'organization') {
    return (
      <>
        <div className="muted">统一社会信用代码</div>
        <div className="mono nowrap">{p.creditCode || '—'}</div>
        {p.representative ? <div>{`${p.representativeTitle || '法定代表人'} ${p.representative}`}</div> : null}
      </>
    );
  }
  const born = [p.gender ? GENDERS.labels[p.gender] : '', p.birthDate ?? ''].filter(Boolean).join(' · ');
  return (
    <>
      <div className="muted">{ID_TYPES.labels[p.idType]}</div>
      {p.idNumber ? (
        <div className="id-line">
          <span className="mono nowrap">{shown ? p.idNumber : maskIdNumber(p.idNumber)}</span>
          <Button type="link" size="small" onClick={() => setShown((s) => !s)} aria-label={`${shown ? '隐藏' : '显示'}${p.name}的证件号码`}>
            {shown ? '隐藏' : '显示'}
          </Button>
        </div>
      ) : (
        <div>—</div>
      )}
      {born ? <div>{born}</div> : null}
    </>
  );
}
