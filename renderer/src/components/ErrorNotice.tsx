/**
 * A failure shown where it happened: the message in Chinese, the step to take, a way to try again.
 * It stays until the user closes it (or the next attempt), never a toast that vanishes while being read.
 */

import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';

import type { ApiError } from '../api/client';
import { explain } from './errorText';

export function ErrorNotice({
  error,
  onRetry,
  onClose,
  children,
}: {
  error: ApiError | Error | undefined;
  onRetry?: () => void;
  /** Shows a close button (errors of an action the user took; load errors close by retrying). */
  onClose?: () => void;
  /** What the user can do right here (e.g. confirm a fingerprint), below the advice. */
  children?: ReactNode;
}) {
  if (!error) return null;
  const { message, advice } = explain(error);
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      description={
        advice || children ? (
          <>
            {advice ? <div data-testid="error-advice">{advice}</div> : null}
            {children}
          </>
        ) : undefined
      }
      action={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
      closable={onClose ? { onClose, 'aria-label': '关闭' } : undefined}
      style={{ marginBottom: 16 }}
      data-testid="error-notice"
    />
  );
}
