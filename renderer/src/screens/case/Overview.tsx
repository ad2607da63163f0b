/** 案件详情 → 概况: the case's facts, its parties (PartiesTable), facts and claims. */

import { Card, Descriptions, Space, Typography } from 'antd';

import { acceptanceDate } from '../../../../electron/core/cases/event-text';
import type { Case } from '../../../../electron/core/schema/case';
import { CASE_SOURCES, DISPUTE_TYPES, GUIDANCE_ROUTES } from '../../../../electron/core/schema/codes';
import { formatFen } from '../../components/CaseBits';
import { PartiesTable } from './PartiesTable';

export function Overview({ c }: { c: Case }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions bordered column={{ xs: 1, md: 2, xl: 3 }} size="small">
        <Descriptions.Item label="案号">{c.number}</Descriptions.Item>
        <Descriptions.Item label="登记日期">{c.receivedAt}</Descriptions.Item>
        <Descriptions.Item label="受理日期">{acceptanceDate(c) ?? '尚未受理'}</Descriptions.Item>
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
        <PartiesTable parties={c.parties} />
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
