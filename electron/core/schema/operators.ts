/** Operators' input rules shared by the core and the forms (the forms check as the user types). */

import { z } from 'zod';

/** What a new password must be: long enough to resist guessing, short enough to type. */
export const PasswordSchema = z
  .string({ message: '请输入密码' })
  .min(8, '密码至少8位')
  .max(128, '密码最长128位')
  .refine((p) => new Set(p).size >= 4, '密码太简单：请至少用4个不同的字符');
