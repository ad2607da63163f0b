/**
 * The key exchange offered where it is needed, without the command line: the centre trusts a station
 * from the refusal of its first batch, a station registers the centre's key from its first receipt.
 * Each shows the fingerprint to read back by phone; pressing the button is the user's word that it matched.
 */

import { Button, Space, Typography } from 'antd';
import { useState } from 'react';

import type { ErrorAction } from '../../../../electron/core/errors';
import { call } from '../../api/client';
import { appAdvice } from '../../components/errorText';
import { useFailure } from '../../components/useFailure';

type TrustStation = Extract<ErrorAction, { kind: 'trust-station' }>;
type ConfirmCentre = Extract<ErrorAction, { kind: 'confirm-centre-key' }>;

function Fingerprint({ value }: { value: string }) {
  return (
    <Typography.Text strong style={{ fontSize: '1.3em', letterSpacing: 2 }} data-testid="offered-fingerprint">
      {value}
    </Typography.Text>
  );
}

/** At the centre: a batch from a station not trusted yet; trust it from the batch, then import. */
export function TrustStationOffer({ action, file, onTrusted }: { action: TrustStation; file: string; onTrusted(): void }) {
  const report = useFailure();
  const [busy, setBusy] = useState(false);
  const trust = async () => {
    setBusy(true);
    try {
      await call('centre.trustFromBatch', { file, fingerprint: action.station.fingerprint });
      onTrusted();
    } catch (error) {
      report(error, '未能登记站点');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ maxWidth: 640, textAlign: 'left' }} data-testid="trust-station-offer">
      {action.station.name ? <div>{`站点：${action.station.name}（${action.station.code}）`}</div> : null}
      <div>
        批次签名指纹：
        <Fingerprint value={action.station.fingerprint} />
      </div>
      <Typography.Paragraph style={{ margin: 0 }}>{appAdvice(action)}</Typography.Paragraph>
      {action.keyInBatch ? (
        <Button type="primary" loading={busy} onClick={() => void trust()}>
          指纹一致，登记站点并导入
        </Button>
      ) : null}
    </Space>
  );
}

/** At a station: the receipt carries the centre's key; register it and apply the receipt. */
export function ConfirmCentreOffer({ action, onConfirmed }: { action: ConfirmCentre; onConfirmed(fingerprint: string): void }) {
  return (
    <Space direction="vertical" data-testid="confirm-centre-offer">
      <div>
        {`${action.centre.name}的指纹：`}
        <Fingerprint value={action.centre.fingerprint} />
      </div>
      <Button type="primary" onClick={() => onConfirmed(action.centre.fingerprint)}>
        指纹一致，登记并应用回执
      </Button>
    </Space>
  );
}
