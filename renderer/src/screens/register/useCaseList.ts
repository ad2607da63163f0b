/**
 * The register's rows, loaded progressively: the first screenful at once (so the list appears
 * immediately even at 50,000 cases), then the rest in chunks in the background, through
 * `cases.list` with offset/limit. The full list (no text query) is kept between visits until a case
 * changes, so coming back to 案件 is instant.
 */

import { useEffect, useState } from 'react';

import type { CaseSummary } from '../../../../electron/core/cases/search';
import { ApiError, call } from '../../api/client';

const FIRST = 200;
const CHUNK = 5000;

export interface CaseList {
  rows: CaseSummary[];
  /** Matches in the core, known after the first answer. */
  total: number | undefined;
  /** Still fetching (the first screenful or the rest). */
  loading: boolean;
  complete: boolean;
  error: ApiError | undefined;
}

let cached: { version: number; rows: CaseSummary[] } | undefined;

export function useCaseList(q: string, dataVersion: number, retry: number): CaseList {
  const [state, setState] = useState<CaseList>(() =>
    !q && cached?.version === dataVersion
      ? { rows: cached.rows, total: cached.rows.length, loading: false, complete: true, error: undefined }
      : { rows: [], total: undefined, loading: true, complete: false, error: undefined },
  );

  useEffect(() => {
    if (!q && cached?.version === dataVersion) {
      setState({ rows: cached.rows, total: cached.rows.length, loading: false, complete: true, error: undefined });
      return;
    }
    let live = true;
    // Keep showing the previous rows until the first answer arrives, but never as the new result.
    setState((s) => ({ ...s, total: undefined, loading: true, complete: false, error: undefined }));
    (async () => {
      const query = q ? { q } : {};
      const first = await call('cases.list', { ...query, offset: 0, limit: FIRST });
      if (!live) return;
      let rows = first.items;
      setState({ rows, total: first.total, loading: first.total > rows.length, complete: first.total <= rows.length, error: undefined });
      for (let offset = rows.length; offset < first.total; offset += CHUNK) {
        const page = await call('cases.list', { ...query, offset, limit: CHUNK });
        if (!live) return;
        rows = rows.concat(page.items);
        const done = page.items.length < CHUNK || rows.length >= page.total;
        setState({ rows, total: page.total, loading: !done, complete: done, error: undefined });
        if (done) break;
      }
      if (!q) cached = { version: dataVersion, rows };
    })().catch((failure: unknown) => {
      if (!live) return;
      const error = failure instanceof ApiError ? failure : new ApiError('INTERNAL', String((failure as Error)?.message ?? failure));
      setState((s) => ({ ...s, loading: false, error }));
    });
    return () => {
      live = false;
    };
  }, [q, dataVersion, retry]);

  return state;
}
