/**
 * At a centre: the stations whose batches it accepts (store document `stations`). A station is trusted
 * by importing its public-key file after reading the fingerprint back to the station by phone; revoking
 * keeps the entry (so old batches are refused by name, with the date) rather than forgetting it.
 *
 * Trusting binds the station's code and name to its key: a batch is counted under the code bound to the
 * key that signed it, and a batch claiming another code is refused (verify.ts). One code belongs to one
 * active key. A station's change of code is confirmed here with `recodeStation`, deliberately and with
 * a reason; every trust, re-code and revocation goes into the identity log.
 */

import { z } from 'zod';

import type { Desk } from '../desk';
import { DeskError, type ErrorAction, notAllowed, notFound } from '../errors';
import { registerOf } from '../register';
import { TimestampSchema } from '../schema/case';
import { withIdentityEntry } from '../settings/identity-log';
import { fingerprintOf, type PublicKeyFile, readKeys, sameFingerprint } from './keys';
import { batchInvalid } from './zip';

export const TrustedStationSchema = z.strictObject({
  fingerprint: z.string(),
  signingKey: z.string(),
  stationCode: z.string(),
  name: z.string(),
  organization: z.string(),
  trustedAt: TimestampSchema,
  revokedAt: TimestampSchema.optional(),
  revokeReason: z.string().optional(),
  /** Earlier codes and names of this key, newest last (`centre recode`). */
  history: z
    .array(z.strictObject({ at: TimestampSchema, stationCode: z.string(), name: z.string(), reason: z.string(), operator: z.string() }))
    .optional(),
});
export type TrustedStation = z.infer<typeof TrustedStationSchema>;

/** The stations this centre has trusted (revoked ones too), in the order trusted. */
export async function trustedStations(desk: Desk): Promise<TrustedStation[]> {
  return z.array(TrustedStationSchema).parse(await registerOf(desk).stations());
}

export function requireCentre(desk: Desk, what: string): void {
  if (desk.settings().role !== 'centre') throw notAllowed(`${what}只能在公共法律服务中心进行（本机设置为调解站点）`);
}

export async function trustStation(desk: Desk, file: PublicKeyFile): Promise<{ station: TrustedStation; already: boolean }> {
  requireCentre(desk, '登记站点公钥');
  if (file.role !== 'station') throw new DeskError('VALIDATION', `这是公共法律服务中心“${file.name}”的公钥，不是站点的公钥`);
  const own = await readKeys(desk);
  if (own && own.signing.publicKey === file.signingKey) throw new DeskError('VALIDATION', '这是本中心自己的公钥，不能登记为站点');
  const stations = await trustedStations(desk);
  const existing = stations.find((s) => s.signingKey === file.signingKey);
  if (existing && !existing.revokedAt) {
    if (existing.stationCode !== file.stationCode || existing.name !== file.name) {
      throw notAllowed(
        `该公钥（指纹 ${existing.fingerprint}）已登记为站点“${existing.name}”（代码 ${existing.stationCode}），公钥文件中写的是“${file.name}”（代码 ${file.stationCode}）。站点确已更改代码或名称的，请电话核实后用 centre recode ${existing.fingerprint} --code ${file.stationCode} --reason 原因 确认`,
      );
    }
    return { station: existing, already: true };
  }
  if (existing?.revokedAt)
    throw notAllowed(
      `该公钥（指纹 ${existing.fingerprint}）已于 ${existing.revokedAt.slice(0, 10)} 吊销，不能再次登记；请站点重新生成密钥`,
    );
  const holder = activeHolderOf(stations, file.stationCode);
  if (holder) throw codeTaken(file.stationCode, holder);
  const station: TrustedStation = {
    fingerprint: fingerprintOf(file.signingKey),
    signingKey: file.signingKey,
    stationCode: file.stationCode,
    name: file.name,
    organization: file.organization,
    trustedAt: desk.nowIso(),
  };
  const identityLog = withIdentityEntry(desk, 'station-trusted', {
    fingerprint: station.fingerprint,
    stationCode: station.stationCode,
    name: station.name,
  });
  await registerOf(desk).saveStation(station, { identityLog });
  return { station, already: false };
}

/** The unrevoked station that holds `code`, if any (one code, one active key). */
function activeHolderOf(stations: readonly TrustedStation[], code: string, except?: string): TrustedStation | undefined {
  return stations.find((s) => !s.revokedAt && s.stationCode === code && s.signingKey !== except);
}

function codeTaken(code: string, holder: TrustedStation): DeskError {
  return notAllowed(
    `站点代码 ${code} 已登记给站点“${holder.name}”（指纹 ${holder.fingerprint}）。一个代码只能对应一个有效公钥：如该站点更换了密钥，请先吊销旧公钥（centre revoke ${holder.fingerprint}）`,
  );
}

/**
 * At the centre: confirm a station's new code (and name) for its key, after checking by phone. The old
 * code and name stay in the station's history; cases imported before keep the code they were counted under.
 */
export async function recodeStation(
  desk: Desk,
  fingerprint: string,
  change: { stationCode: string; name?: string; reason: string },
): Promise<TrustedStation> {
  requireCentre(desk, '确认站点代码变更');
  const stations = await trustedStations(desk);
  const current = stations.find((s) => sameFingerprint(s.fingerprint, fingerprint));
  if (!current) throw notFound(`没有登记指纹为 ${fingerprint} 的站点公钥`);
  if (current.revokedAt) throw notAllowed(`该公钥（指纹 ${current.fingerprint}）已吊销，不能变更代码`);
  const name = change.name ?? current.name;
  if (current.stationCode === change.stationCode && current.name === name) {
    throw new DeskError('VALIDATION', `站点“${current.name}”的代码已是 ${change.stationCode}，名称未变，无需变更`, {
      field: 'stationCode',
    });
  }
  const holder = activeHolderOf(stations, change.stationCode, current.signingKey);
  if (holder) throw codeTaken(change.stationCode, holder);
  const recoded: TrustedStation = {
    ...current,
    stationCode: change.stationCode,
    name,
    history: [
      ...(current.history ?? []),
      { at: desk.nowIso(), stationCode: current.stationCode, name: current.name, reason: change.reason, operator: desk.operator() },
    ],
  };
  const identityLog = withIdentityEntry(desk, 'station-recoded', {
    fingerprint: current.fingerprint,
    from: current.stationCode,
    to: change.stationCode,
    ...(name !== current.name ? { fromName: current.name, toName: name } : {}),
    reason: change.reason,
  });
  await registerOf(desk).saveStation(recoded, { identityLog });
  return recoded;
}

export async function revokeStation(desk: Desk, fingerprint: string, reason?: string): Promise<TrustedStation> {
  requireCentre(desk, '吊销站点公钥');
  const station = (await trustedStations(desk)).find((s) => sameFingerprint(s.fingerprint, fingerprint));
  if (!station) throw notFound(`没有登记指纹为 ${fingerprint} 的站点公钥`);
  if (station.revokedAt) return station;
  const revoked: TrustedStation = { ...station, revokedAt: desk.nowIso(), ...(reason ? { revokeReason: reason } : {}) };
  const identityLog = withIdentityEntry(desk, 'station-revoked', {
    fingerprint: revoked.fingerprint,
    stationCode: revoked.stationCode,
    reason: reason ?? '',
  });
  await registerOf(desk).saveStation(revoked, { identityLog });
  return revoked;
}

/** Who a batch says made it: the manifest's station and, in newer batches, its public key. */
export interface BatchSigner {
  station: { code: string; name: string };
  publicKey?: PublicKeyFile;
}

/**
 * The key that must have signed a batch with this fingerprint: a trusted, unrevoked station, or this
 * installation itself (a station checking its own batch before handing it over). An unknown station
 * is refused with the step to take (trust it, after reading its fingerprint back by phone).
 */
export async function signerKey(
  desk: Desk,
  fingerprint: string,
  claimed?: BatchSigner,
): Promise<{ signingKey: string; station?: TrustedStation; self: boolean }> {
  const own = await readKeys(desk);
  if (own && sameFingerprint(fingerprintOf(own.signing.publicKey), fingerprint)) return { signingKey: own.signing.publicKey, self: true };
  const station = (await trustedStations(desk)).find((s) => sameFingerprint(s.fingerprint, fingerprint));
  if (!station) {
    const who = claimed ? `站点“${claimed.station.name}”（${claimed.station.code}）` : '该站点';
    const keyInBatch = claimed?.publicKey !== undefined && sameFingerprint(fingerprintOf(claimed.publicKey.signingKey), fingerprint);
    const action: ErrorAction = {
      kind: 'trust-station',
      station: { name: claimed?.station.name ?? '', code: claimed?.station.code ?? '', fingerprint },
      keyInBatch,
    };
    throw new DeskError(
      'BATCH_INVALID',
      `${who}尚未在本中心登记，未导入任何内容（批次签名指纹 ${fingerprint}）。请先与站点电话核对这个指纹，核对无误后登记该站点，再导入`,
      { details: { action } },
    );
  }
  if (station.revokedAt) {
    throw batchInvalid(
      `批次的签名公钥已被吊销（指纹 ${fingerprint}，站点“${station.name}”，${station.revokedAt.slice(0, 10)} 吊销），已拒绝`,
    );
  }
  return { signingKey: station.signingKey, station, self: false };
}

/**
 * Why a batch's station does not match what its signing key was trusted as, or null. The code decides
 * whose row the cases are counted in, so a mismatch refuses the batch, naming both codes.
 */
export function bindingProblem(claimed: { code: string; name: string }, station: TrustedStation): string | null {
  if (claimed.code === station.stationCode) return null;
  return `批次上的站点代码“${claimed.code}”（${claimed.name}）与签名公钥（指纹 ${station.fingerprint}）登记的站点代码“${station.stationCode}”（${station.name}）不符，已拒绝。一个站点只能用登记的代码上报；如该站点确已更改代码，请电话核实后在中心用 centre recode ${station.fingerprint} --code ${claimed.code} --reason 原因 确认，再导入`;
}
