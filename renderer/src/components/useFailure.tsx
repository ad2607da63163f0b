/**
 * Reporting a failed action that has no place of its own on the screen: a notice in the corner that
 * stays until closed (old eyes read slowly; a three-second toast is gone before the second line).
 */

import { App } from 'antd';
import { useCallback } from 'react';

import { explain } from './errorText';

export function useFailure(): (error: unknown, title?: string) => void {
  const { notification } = App.useApp();
  return useCallback(
    (error: unknown, title = '未能完成') => {
      const { message, advice } = explain(error);
      notification.error({
        title,
        description: (
          <>
            <div>{message}</div>
            {advice ? <div style={{ marginTop: 8 }}>{advice}</div> : null}
          </>
        ),
        duration: 0,
        placement: 'topRight',
      });
    },
    [notification],
  );
}
