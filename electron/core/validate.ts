/**
 * Turning a zod failure into the one DeskError: the first problem's Chinese message, prefixed with the
 * field's Chinese name, and its path (`parties[1].idNumber`) in `field`. All problems go in `details`
 * so a form can mark every field at once.
 */

import type { z } from 'zod';

import { DeskError, fieldLabel } from './errors';

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
      message = `不认识的字段：${issue.keys.join('、')}（请检查拼写，未知字段不会被保存）`;
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
  const where = first.field ? `${fieldLabel(first.field)}：` : '';
  throw new DeskError('VALIDATION', `${where}${first.message}`, { field: first.field || undefined, details: { problems } });
}
