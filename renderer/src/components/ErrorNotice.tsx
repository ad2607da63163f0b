/** A failed call, shown calmly with a way to try again. */

import { Alert, Button } from 'antd';

import type { ApiError } from '../api/client';

export function ErrorNotice({ error, onRetry }: { error: ApiError | Error | undefined; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={error.message}
      action={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
