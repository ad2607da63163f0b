/**
 * At a centre: the stations whose batches it accepts (store document `stations`). A station is trusted
 * by importing its public-key file after reading the fingerprint back to the station by phone; revoking
 * keeps the entry (so old batches are refused by name, with the date) rather than forgetting it.
 */

import { z } from 'zod';

import type { Desk } from '../desk';
import { DeskError, notAllowed, notFound } from '../errors';
import { registerOf } from '../register';
import { TimestampSchema } from '../schema/case';
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
});
export type TrustedStation = z.infer<typeof TrustedStationSchema>;

/** The stations this centre has trusted (revoked ones too), in the order trusted. */
export async function trustedStations(desk: Desk): Promise<TrustedStation[]> {
  return z.array(TrustedStationSchema).parse(await registerOf(desk).stations());
}

function requireCentre(desk: Desk, what: string): void {
  if (desk.settings().role !== 'centre') throw notAllowed(`${what}只能在公共法律服务中心进行（本机设置为调解站点）`);
}

export async function trustStation(desk: Desk, file: PublicKeyFile): Promise<{ station: TrustedStation; already: boolean }> {
  requireCentre(desk, '登记站点公钥');
  if (file.role !== 'station') throw new DeskError('VALIDATION', `这是公共法律服务中心“${file.name}”的公钥，不是站点的公钥`);
  const own = await readKeys(desk);
  if (own && own.signing.publicKey === file.signingKey) throw new DeskError('VALIDATION', '这是本中心自己的公钥，不能登记为站点');
  const stations = await trustedStations(desk);
  const existing = stations.find((s) => s.signingKey === file.signingKey);
  if (existing && !existing.revokedAt) return { station: existing, already: true };
  if (existing?.revokedAt)
    throw notAllowed(
      `该公钥（指纹 ${existing.fingerprint}）已于 ${existing.revokedAt.slice(0, 10)} 吊销，不能再次登记；请站点重新生成密钥`,
    );
  const station: TrustedStation = {
    fingerprint: fingerprintOf(file.signingKey),
    signingKey: file.signingKey,
    stationCode: file.stationCode,
    name: file.name,
    organization: file.organization,
    trustedAt: desk.nowIso(),
  };
  await registerOf(desk).saveStation(station);
  return { station, already: false };
}

export async function revokeStation(desk: Desk, fingerprint: string, reason?: string): Promise<TrustedStation> {
  requireCentre(desk, '吊销站点公钥');
  const station = (await trustedStations(desk)).find((s) => sameFingerprint(s.fingerprint, fingerprint));
  if (!station) throw notFound(`没有登记指纹为 ${fingerprint} 的站点公钥`);
  if (station.revokedAt) return station;
  const revoked: TrustedStation = { ...station, revokedAt: desk.nowIso(), ...(reason ? { revokeReason: reason } : {}) };
  await registerOf(desk).saveStation(revoked);
  return revoked;
}

/**
 * The key that must have signed a batch with this fingerprint: a trusted, unrevoked station, or this
 * installation itself (a station checking its own batch before handing it over).
 */
export async function signerKey(desk: Desk, fingerprint: string): Promise<{ signingKey: string; station?: TrustedStation; self: boolean }> {
  const own = await readKeys(desk);
  if (own && sameFingerprint(fingerprintOf(own.signing.publicKey), fingerprint)) return { signingKey: own.signing.publicKey, self: true };
  const station = (await trustedStations(desk)).find((s) => sameFingerprint(s.fingerprint, fingerprint));
  if (!station) {
    throw batchInvalid(`批次的签名公钥未登记（指纹 ${fingerprint}）：请与站点电话核对指纹后，用“centre trust 公钥文件”登记，再导入`);
  }
  if (station.revokedAt) {
    throw batchInvalid(
      `批次的签名公钥已被吊销（指纹 ${fingerprint}，站点“${station.name}”，${station.revokedAt.slice(0, 10)} 吊销），已拒绝`,
    );
  }
  return { signingKey: station.signingKey, station, self: false };
}
