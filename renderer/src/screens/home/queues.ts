/** Pure selections for the 工作台 queues. */

import type { CaseSummary } from '../../../../electron/core/cases/search';

/** Agreed cases whose written agreement has not been signed yet, oldest agreement first. */
export function awaitingSignature(items: readonly CaseSummary[]): CaseSummary[] {
  return items
    .filter((c) => c.status === 'agreed' && c.agreement?.form === 'written' && !c.agreement.effectiveDate)
    .sort((a, b) => (a.agreement!.date < b.agreement!.date ? -1 : a.agreement!.date > b.agreement!.date ? 1 : 0));
}
