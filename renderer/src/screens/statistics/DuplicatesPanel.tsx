/**
 * 查重 at intake: the parties of the draft (as typed, before saving) checked against the register for
 * the same ID number or credit code, or the same name with the same phone or address. Informs only:
 * it never blocks saving. Mount it beside the party forms: `<DuplicatesPanel parties={draft.parties} />`, or
 * take `useDuplicateCheck` and show each party's matches beside that party (as 纠纷登记 does).
 */

import { Alert, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';

import type { DuplicateMatch } from '../../../../electron/core/oversight/duplicates';
import type { PartyProbe } from '../../../../electron/core/oversight/duplicates';
import { call } from '../../api/client';
import { navigate } from '../../app/route';
import { StatusTag } from '../../components/CaseBits';

/** What the check reads of a draft party: the core's own probe shape. */
export type DraftParty = PartyProbe;

/** Only what the check needs, as strings: forms may hold other fields and non-string values. */
function probeOf(p: DraftParty): DraftParty {
  const pick = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  return {
    id: pick(p.id),
    kind: pick(p.kind),
    name: pick(p.name),
    idType: pick(p.idType),
    idNumber: pick(p.idNumber),
    creditCode: pick(p.creditCode),
    phone: pick(p.phone),
    address: pick(p.address),
  };
}

export function MatchLine({ m }: { m: DuplicateMatch }) {
  return (
    <Space wrap size={4}>
      <Typography.Link onClick={() => navigate('case', [m.caseId])}>{m.caseNumber}</Typography.Link>
      <StatusTag status={m.status} />
      <Typography.Text type="secondary">
        受理{m.receivedAt}
        {m.finishedAt ? `，办结${m.finishedAt}` : ''}
        {m.stationName ? `，${m.stationName}` : ''}
      </Typography.Text>
      <Typography.Text>
        {m.party.roleLabel} {m.party.name}
        {m.party.idNumberMasked ? `（${m.party.idNumberMasked}）` : ''}
      </Typography.Text>
      {m.reasonLabels.map((r) => (
        <Tag key={r} color="orange">
          {r}
        </Tag>
      ))}
      {m.linked ? <Tag color="blue">已确认同一人</Tag> : null}
    </Space>
  );
}

/** What the check found for one draft party (only parties with matches are listed). */
export interface PartyMatches {
  index: number;
  name: string;
  matches: DuplicateMatch[];
}

/** The check, shortly after typing stops: the draft parties that appear in other cases. */
export function useDuplicateCheck(parties: DraftParty[], excludeCaseId?: string, delayMs = 400): PartyMatches[] {
  const [found, setFound] = useState<PartyMatches[]>([]);
  const key = JSON.stringify(parties.map(probeOf));

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      const probes = JSON.parse(key) as DraftParty[];
      if (!probes.some((p) => p.idNumber || p.creditCode || (p.name && (p.phone || p.address)))) {
        setFound([]);
        return;
      }
      call('duplicates.check', { parties: probes as Record<string, string | undefined>[], excludeCaseId }).then(
        (result) => !stale && setFound(result.parties.filter((p) => p.matches.length > 0)),
        () => !stale && setFound([]),
      );
    }, delayMs);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [key, excludeCaseId, delayMs]);
  return found;
}

export function DuplicatesPanel({
  parties,
  excludeCaseId,
  delayMs = 400,
}: {
  parties: DraftParty[];
  excludeCaseId?: string;
  delayMs?: number;
}) {
  const found = useDuplicateCheck(parties, excludeCaseId, delayMs);
  if (found.length === 0) return null;
  return (
    <Alert
      data-testid="duplicates-panel"
      type="warning"
      showIcon
      message="当事人在其他案件中出现过（仅供参考，不影响保存）"
      description={
        <List
          size="small"
          dataSource={found}
          renderItem={(p) => (
            <List.Item key={p.index}>
              <Space direction="vertical" size={2}>
                <Typography.Text strong>{p.name || `第${p.index + 1}位当事人`}</Typography.Text>
                {p.matches.slice(0, 5).map((m) => (
                  <MatchLine key={`${m.caseId}/${m.party.id}`} m={m} />
                ))}
                {p.matches.length > 5 ? <Typography.Text type="secondary">另有{p.matches.length - 5}件</Typography.Text> : null}
              </Space>
            </List.Item>
          )}
        />
      }
    />
  );
}

export default DuplicatesPanel;
