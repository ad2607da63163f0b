/**
 * 查重 beside the party being typed: the other cases this person or organisation appears in (never
 * blocks saving), and 带入已有当事人信息 to fill the form from the one already on record.
 */

import { Alert, Button, Space, Typography } from 'antd';
import { useState } from 'react';

import type { DuplicateMatch } from '../../../../electron/core/oversight/duplicates';
import type { Case, Party } from '../../../../electron/core/schema/case';
import { call } from '../../api/client';
import { useFailure } from '../../components/useFailure';
import { MatchLine } from '../statistics/DuplicatesPanel';

export function PartyMatchesNotice({ matches, onBringIn }: { matches: DuplicateMatch[]; onBringIn(party: Party): void }) {
  const report = useFailure();
  const [busy, setBusy] = useState<string>();
  const bring = async (m: DuplicateMatch) => {
    setBusy(m.caseId);
    try {
      const loaded = await call('cases.get', { id: m.caseId });
      const party = (loaded.case as Case).parties.find((p) => p.id === m.party.id);
      if (party) onBringIn(party);
    } catch (error) {
      report(error, '未能带入当事人信息');
    } finally {
      setBusy(undefined);
    }
  };
  if (!matches.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="party-matches"
      title="这位当事人在其他案件中出现过（仅供参考，不影响保存）"
      description={
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {matches.slice(0, 3).map((m) => (
            <Space key={`${m.caseId}/${m.party.id}`} wrap size={8}>
              <MatchLine m={m} />
              <Button size="small" loading={busy === m.caseId} onClick={() => void bring(m)}>
                带入已有当事人信息
              </Button>
            </Space>
          ))}
          {matches.length > 3 ? <Typography.Text type="secondary">另有{matches.length - 3}件</Typography.Text> : null}
        </Space>
      }
    />
  );
}
