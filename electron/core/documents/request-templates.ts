/**
 * The front desk's built-in documents: templates rendered from a request instead of a case (checked
 * against sample requests, listed with the templates, left out of a case's documents). One entry per
 * template name; `resources/templates/<name>.txt` holds the text.
 */

import type { Request } from '../schema/request';

export const REQUEST_DOCUMENTS: Record<string, { title: string; whyNot(r: Request): string | null }> = {
  'routing-slip': {
    title: '公共法律服务转办单',
    whyNot: (r) => (r.routing ? null : '只有已转办的来访登记可以打印转办单'),
  },
};

export const isRequestTemplate = (name: string): boolean => Object.hasOwn(REQUEST_DOCUMENTS, name);
