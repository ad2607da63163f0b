/**
 * One shared string per code (业务类型, 状态, 渠道, 处理方式, station code): the register's index and the
 * front-desk table keep these instead of each request's own copy. Scanning 500,000 requests then compares
 * and hashes a handful of strings that stay in the processor's cache, instead of reaching into 500,000 strings
 * scattered over the heap (a cache miss each, which made a filtered scan several times slower).
 *
 * Only codes go here, never personal data: the set is bounded by the code tables and the stations.
 */

const shared = new Map<string, string>();

export function interned(value: string): string {
  const known = shared.get(value);
  if (known !== undefined) return known;
  shared.set(value, value);
  return value;
}

const origins = new Map<string, { stationCode: string; stationName: string }>();

/** A station's origin as one shared object per station code and name. */
export function internedOrigin(origin: { stationCode: string; stationName: string }): { stationCode: string; stationName: string } {
  const key = `${origin.stationCode}\u0001${origin.stationName}`;
  let known = origins.get(key);
  if (!known) origins.set(key, (known = { stationCode: interned(origin.stationCode), stationName: origin.stationName }));
  return known;
}
