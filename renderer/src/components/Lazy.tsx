/** A lazily loaded panel (a tab contributed by another screen) with a loading card while it arrives. */

import { Card } from 'antd';
import { type ComponentType, Suspense } from 'react';

export function Lazy({ component: C }: { component: ComponentType }) {
  return (
    <Suspense fallback={<Card loading />}>
      <C />
    </Suspense>
  );
}
