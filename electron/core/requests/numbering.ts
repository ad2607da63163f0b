/**
 * 登记编号 of requests: the office's pattern (default `{stationCode}-{year}-{seq:6}`, e.g.
 * `511702-001-2026-000123`), a sequence per year of the received day kept in the `counters` document
 * under `request:<year>` (so, like 案号, it only grows, also across a restore), and a number already in
 * the register is never issued again.
 */

import { type Counters, type IssuedNumber, issueNumber } from '../cases/numbering';
import type { Desk } from '../desk';
import type { Settings } from '../schema/settings';

export const REQUEST_COUNTER_PREFIX = 'request:';

export function issueRequestNumber(desk: Desk, settings: Settings, day: string): IssuedNumber {
  const counters = desk.store.getDoc<Counters>('counters') ?? {};
  return issueNumber(
    settings.frontDesk.numberPattern,
    settings.shortName,
    day,
    counters,
    (number) => desk.store.getRecordByNumber('requests', number) !== undefined,
    { stationCode: settings.stationCode, counterPrefix: REQUEST_COUNTER_PREFIX, what: '登记编号' },
  );
}
