/** Loading a handler's result into a component: data, error, loading, and a reload function. */

import { useCallback, useEffect, useRef, useState } from 'react';

import type { ApiInput, ApiName, ApiResult } from '../../../electron/core/api';
import { ApiError, call } from '../api/client';
import { explain } from './errorText';

export interface CallState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Calls `name` with `input` whenever `deps` change (and on `reload()`); a late answer to an older
 * call never overwrites a newer one. Pass `input === null` to skip calling.
 */
export function useCall<N extends ApiName>(name: N, input: ApiInput<N> | null, deps: readonly unknown[]): CallState<ApiResult<N>> {
  const [data, setData] = useState<ApiResult<N>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(input !== null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (input === null) return;
    const ticket = ++latest.current;
    setLoading(true);
    call(name, input).then(
      (result) => {
        if (ticket !== latest.current) return;
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (ticket !== latest.current) return;
        setError(failure instanceof ApiError ? failure : new ApiError('INTERNAL', String((failure as Error)?.message ?? failure)));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/** A message for any thrown value, in Chinese (never a raw system message). */
export function messageOf(error: unknown): string {
  return explain(error).message;
}
