/**
 * The JSON Schema of a stored case, produced from the zod `CaseSchema`: the one place it is made, so the
 * schema shipped inside export batches (`schema/case.schema.json`) can never drift from the model.
 * Refinements zod cannot express (real calendar dates, ID-number checks) are not in it; the importing
 * desk still validates with zod itself.
 */

import { z } from 'zod';

import { CaseSchema } from './case';
import { RequestSchema } from './request';

export const CASE_SCHEMA_ID = 'https://mediation-desk.invalid/schema/case.schema.json';

let cached: Record<string, unknown> | undefined;

/** The stored case as JSON Schema (draft 2020-12). The same object every call; do not mutate it. */
export function caseJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(CaseSchema, { io: 'output', unrepresentable: 'any' }),
    $id: CASE_SCHEMA_ID,
    title: '人民调解案件（案件登记、调解过程、协议、回访及操作记录）',
  };
  return cached;
}

export const REQUEST_SCHEMA_ID = 'https://mediation-desk.invalid/schema/request.schema.json';

let cachedRequest: Record<string, unknown> | undefined;

/** The stored front-desk request as JSON Schema (`schema/request.schema.json` in version-2 batches). */
export function requestJsonSchema(): Record<string, unknown> {
  cachedRequest ??= {
    ...z.toJSONSchema(RequestSchema, { io: 'output', unrepresentable: 'any' }),
    $id: REQUEST_SCHEMA_ID,
    title: '统一受理来访登记（登记、转办、反馈、告知、回访及办理记录）',
  };
  return cachedRequest;
}
