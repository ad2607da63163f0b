/** 案件详情 → 概况: the case's facts, its parties (ID numbers masked until asked for), facts and claims. */

import { Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import { useState } from 'react';

import type { Case, Party } from '../../../../electron/core/schema/case';
import { CASE_SOURCES, DISPUTE_TYPES, GENDERS, GUIDANCE_ROUTES, ID_TYPES, PARTY_ROLES } from '../../../../electron/core/schema/codes';
import { maskIdNumber } from '../../../../electron/core/schema/identity';
import { formatFen } from '../../components/CaseBits';

export function Overview({ c }: { c: Case }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions bordered column={{ xs: 1, md: 2, xl: 3 }} size="small">
        <Descriptions.Item label="案号">{c.number}</Descriptions.Item>
        <Descriptions.Item label="受理日期">{c.receivedAt}</Descriptions.Item>
        <Descriptions.Item label="案件来源">{CASE_SOURCES.labels[c.source]}</Descriptions.Item>
        <Descriptions.Item label="纠纷类型">{DISPUTE_TYPES.labels[c.disputeType]}</Descriptions.Item>
        <Descriptions.Item label="涉及金额">{c.amountFen ? formatFen(c.amountFen) : '—'}</Descriptions.Item>
        <Descriptions.Item label="涉及人数">{c.peopleInvolved}</Descriptions.Item>
        <Descriptions.Item label="人民调解员">{c.mediators.join('、') || '—'}</Descriptions.Item>
        {c.outcome ? (
          <Descriptions.Item label="办理结果" span={2}>
            {c.outcome.date} {c.outcome.reason}
            {c.outcome.guidance ? `（引导：${GUIDANCE_ROUTES.labels[c.outcome.guidance]}）` : ''}
          </Descriptions.Item>
        ) : null}
        {c.closedAt ? <Descriptions.Item label="结案日期">{c.closedAt}</Descriptions.Item> : null}
      </Descriptions>
      <Card size="small" title="当事人">
        <Table<Party>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.parties}
          columns={[
            { title: '身份', key: 'role', width: 100, render: (_, p) => PARTY_ROLES.labels[p.role] },
            { title: '姓名/名称', dataIndex: 'name', key: 'name', width: 200 },
            {
              title: '证件',
              key: 'id',
              render: (_, p) =>
                p.kind === 'person' ? (
                  p.idNumber ? (
                    <RevealId label={ID_TYPES.labels[p.idType]} id={p.idNumber} />
                  ) : (
                    '—'
                  )
                ) : p.creditCode ? (
                  <span className="mono">统一社会信用代码 {p.creditCode}</span>
                ) : (
                  '—'
                ),
            },
            {
              title: '性别/出生',
              key: 'born',
              width: 170,
              render: (_, p) =>
                p.kind === 'person'
                  ? [p.gender ? GENDERS.labels[p.gender] : '', p.birthDate ?? ''].filter(Boolean).join(' ')
                  : `法定代表人 ${p.representative ?? '—'}`,
            },
            { title: '电话', dataIndex: 'phone', key: 'phone', width: 150 },
            { title: '住址', dataIndex: 'address', key: 'address', ellipsis: true },
            { title: '委托代理人', key: 'agent', width: 140, render: (_, p) => p.agent?.name ?? '' },
          ]}
        />
      </Card>
      <Card size="small" title="纠纷简要情况">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.facts || '（未填写）'}</Typography.Paragraph>
      </Card>
      <Card size="small" title="当事人请求">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.claims || '（未填写）'}</Typography.Paragraph>
      </Card>
    </Space>
  );
}

/** ID numbers are masked on screen until asked for (someone may be standing behind the desk). */
function RevealId({ label, id }: { label: string; id: string }) {
  const [shown, setShown] = useState(false);
  return (
    <Space size={4}>
      <span className="mono">
        {label} {shown ? id : maskIdNumber(id)}
      </span>
      <Button type="link" size="small" onClick={() => setShown((s) => !s)}>
        {shown ? '隐藏' : '显示'}
      </Button>
    </Space>
  );
}
