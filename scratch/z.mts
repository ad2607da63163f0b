import { CaseInputSchema } from '/work/wt/issue-12/electron/core/schema/case';
import { z } from 'zod';
const s = z.strictObject({ a: z.string(), b: z.int(), c: z.array(z.string()), d: z.enum(['x','y']), e: z.boolean(), f: z.literal('p'), g: z.uuid(), h: z.number().max(3) });
const r = s.safeParse({ b: 'x', c: 3, d: 'q', e: 'yes', f: 'q', g: 'nope', h: 9, zz: 1 });
for (const i of r.error!.issues) console.log(i.message);
console.log(CaseInputSchema.safeParse({}).error!.issues.map(i=>i.message));
