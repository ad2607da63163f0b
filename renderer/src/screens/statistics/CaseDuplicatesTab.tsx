/** 查重 tab of 案件详情: each party of this case in other cases, with "same person" linking. */

import { App, Button, Card, Empty, List, Space, Typography } from 'antd';
import { useState } from 'react';

import { call } from '../../api/client';
import type { CaseTabProps } from '../../app/registry';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';
import { MatchLine } from './DuplicatesPanel';

export default function CaseDuplicatesTab({ caseData }: CaseTabProps) {
  const { message } = App.useApp();
  const report = useFailure();
  const result = useCall('duplicates.forCase', { id: caseData.id }, [caseData.id, caseData.revision]);
  const [busy, setBusy] = useState<string>();
  const parties = result.data?.parties ?? [];
  const total = parties.reduce((n, p) => n + p.matches.length, 0);

  const toggle = async (partyId: string, other: { caseId: string; partyId: string }, linked: boolean) => {
    const id = `${partyId}/${other.caseId}/${other.partyId}`;
    setBusy(id);
    try {
      const pair = { a: { caseId: caseData.id, partyId }, b: other };
      if (linked) await call('duplicates.unlink', pair);
      else await call('duplicates.link', pair);
      void message.success(linked ? '已取消关联' : '已确认为同一人');
      result.reload();
    } catch (error) {
      report(error);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card size="small" loading={result.loading && !result.data} data-testid="case-duplicates">
      <ErrorNotice error={result.error} onRetry={result.reload} />
      <Typography.Paragraph type="secondary">
        按身份证件号码、统一社会信用代码，或姓名（名称）与电话、住址相同查找本案当事人在其他案件中的出现（含已办结案件
        {caseData.origin ? '及其他站点' : ''}）。
      </Typography.Paragraph>
      {result.data && total === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本案当事人未在其他案件中出现" /> : null}
      {parties
        .filter((p) => p.matches.length > 0)
        .map((p) => (
          <Card key={p.partyId} type="inner" size="small" title={p.name} style={{ marginBottom: 12 }}>
            <List
              size="small"
              dataSource={p.matches}
              renderItem={(m) => (
                <List.Item
                  key={`${m.caseId}/${m.party.id}`}
                  actions={[
                    <Button
                      key="link"
                      size="small"
                      loading={busy === `${p.partyId}/${m.caseId}/${m.party.id}`}
                      onClick={() => void toggle(p.partyId, { caseId: m.caseId, partyId: m.party.id }, m.linked)}
                    >
                      {m.linked ? '取消关联' : '是同一人'}
                    </Button>,
                  ]}
                >
                  <Space direction="vertical" size={0}>
                    <MatchLine m={m} />
                    <Typography.Text type="secondary">{m.summary}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        ))}
    </Card>
  );
}
