/**
 * Operators' rules shared by the core and the workbench: the password rule (the forms check as the user
 * types) and which roles may do what (the handler table declares them; screens hide what a role may not do).
 */

import { z } from 'zod';

import { OPERATOR_ROLES, type OperatorRole } from './codes';

/** What a new password must be: long enough to resist guessing, short enough to type. */
export const PasswordSchema = z
  .string({ message: '请输入密码' })
  .min(8, '密码至少8位')
  .max(128, '密码最长128位')
  .refine((p) => new Set(p).size >= 4, '密码太简单：请至少用4个不同的字符');

/**
 * The role sets handler entries declare (`handler(…, ALLOW.admin)`); an entry without one is open to
 * every signed-in operator, and `'public'` ones (signing in, recovery) to anyone at the door. Screens ask
 * `allows` with the same set, so what a role may not do is not offered rather than refused.
 */
export const ALLOW = {
  /** 管理员 only: settings, keys, templates, operators, restoring backups, encryption. */
  admin: ['admin'],
  /** Mediating a case: sessions, agreements and signing, closing; not the front desk's 受理员. */
  mediation: ['admin', 'mediator', 'centre'],
  /** The centre's side of batches: imports, trusted stations, escrow responses. */
  centre: ['admin', 'centre'],
  /** A station's side of batches: exports and receipts. */
  station: ['admin', 'mediator'],
  /** The front desk's register of requests (统一受理): registering and handling them; reading is anyone's. */
  frontDesk: ['admin', 'clerk'],
} as const satisfies Record<string, readonly OperatorRole[]>;

/** Whether an operator of `role` (none: nobody signed in) is one of `roles`. */
export function allows(roles: readonly OperatorRole[], role: OperatorRole | undefined): boolean {
  return role !== undefined && roles.includes(role);
}

/** `管理员或调解员`: the roles of a refusal, for its message. */
export function roleNames(roles: readonly OperatorRole[]): string {
  return roles.map((r) => OPERATOR_ROLES.label(r)).join('或');
}
