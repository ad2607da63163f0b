/**
 * Turning a zod failure into the one DeskError: the first problem's Chinese message, prefixed with the
 * field's Chinese name, and its path (`parties[1].idNumber`) in `field`. All problems go in `details`
 * so a form can mark every field at once.
 *
 * A schema may declare its own Chinese names for its fields (`withLabels`): the settings call `role`
 * 机构角色 where a party's `role` is 当事人身份.
 */

import type { z } from 'zod';

import { DeskError, fieldLabel, type FieldLabels, shownKey } from './errors';
import { formatBytes, LIMITS } from './limits';

const LABELS = new WeakMap<z.ZodType, FieldLabels>();

/** Attach Chinese field names to a schema; `parseOrThrow` uses them for its messages. Returns the schema. */
export function withLabels<S extends z.ZodType>(schema: S, labels: FieldLabels): S {
  LABELS.set(schema, labels);
  return schema;
}

export function labelsOf(schema: z.ZodType): FieldLabels | undefined {
  return LABELS.get(schema);
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = formatPath(issue.path);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `不认识的字段：${issue.keys.map(shownKey).join('、')}（请检查拼写，未知字段不会被保存）`;
    }
    return { field: issue.code === 'unrecognized_keys' ? formatPath([...issue.path, issue.keys[0]]) : field, message };
  });
}

/** Parse or throw a VALIDATION DeskError naming the field. `prefix` is prepended to paths (e.g. `details`). */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix: readonly PropertyKey[] = []): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = problemsOf(result.error).map((p) => ({
    field: formatPath([...prefix, ...(p.field ? [p.field] : [])]),
    message: p.message,
  }));
  const first = problems[0];
  const where = first.field ? `${fieldLabel(first.field, labelsOf(schema))}：` : '输入：';
  throw new DeskError('VALIDATION', `${where}${first.message}`, { field: first.field || undefined, details: { problems } });
}

/**
 * Refuse an input too large or too deep before any schema looks at it (`LIMITS.request*`), so a
 * 50 MB case file or a list of 190,000 parties is turned away in milliseconds, naming where the walk
 * was when the limit was passed. The walk stops at the limit: its cost is bounded whatever the input.
 */
export function checkInputSize(raw: unknown): void {
  let size = 0;
  let values = 0;
  const refuse = (at: PropertyKey[], why: string): never => {
    // Named by the outermost list the walk was in (`parties`, not `parties[16666].name`): that is what is too big.
    const list = at.findIndex((key) => typeof key === 'number');
    const field = formatPath(list < 0 ? at : at.slice(0, list));
    throw new DeskError('VALIDATION', `${field ? fieldLabel(field) : '输入'}：${why}，已拒绝`, { field: field || undefined });
  };
  const walk = (value: unknown, path: PropertyKey[]): void => {
    values++;
    if (values > LIMITS.requestValues) refuse(path, `输入中的项目过多（超过${LIMITS.requestValues}项）`);
    if (typeof value === 'string') size += value.length;
    else size += 8;
    if (size > LIMITS.requestBytes) refuse(path, `输入过大（超过 ${formatBytes(LIMITS.requestBytes)}）`);
    if (value === null || typeof value !== 'object') return;
    if (path.length >= LIMITS.requestDepth) refuse(path, `输入嵌套超过${LIMITS.requestDepth}层`);
    if (Array.isArray(value)) {
      if (value.length > LIMITS.requestValues) refuse(path, `输入中的项目过多（${value.length}项，上限${LIMITS.requestValues}项）`);
      for (let i = 0; i < value.length; i++) walk(value[i], [...path, i]);
      return;
    }
    for (const key of Object.keys(value)) {
      size += key.length;
      walk((value as Record<string, unknown>)[key], [...path, key]);
    }
  };
  walk(raw, []);
}
