/**
 * Operators' accounts: signing in (with the lockout after five wrong passwords), and what an
 * administrator does with accounts (add, change role, deactivate, reset a password it never sees).
 * Every password change re-wraps the office's data key (keyring.ts); nothing else is stored.
 */

import { randomUUID } from 'node:crypto';

import type { Desk } from '../desk';
import { DeskError, invalid, notFound } from '../errors';
import { OPERATOR_ROLES, type OperatorRole } from '../schema/codes';
import type { Session, SignedIn } from '../session';
import { checkKeyring, type Keyring, type OperatorEntry, operatorPurpose, readKeyring, saveKeyring, unwrapKey, wrapKey } from './keyring';
import { newKdf, passwordKey } from './passwords';

export const MAX_FAILURES = 5;
export const LOCKOUT_MINUTES = 5;

/** One sign-in at a time per desk: the lockout counters are read and written around a slow derivation. */
const signingIn = new WeakMap<Desk, Promise<unknown>>();

function serialised<T>(desk: Desk, work: () => Promise<T>): Promise<T> {
  const run = (signingIn.get(desk) ?? Promise.resolve()).then(work, work);
  signingIn.set(
    desk,
    run.catch(() => undefined),
  );
  return run;
}

export function requireKeyring(desk: Desk): Keyring {
  const keyring = readKeyring(desk);
  if (!keyring) throw new DeskError('NOT_SIGNED_IN', '本机构还没有设置管理员：请先完成初始化（设置机构信息和管理员密码）');
  return keyring;
}

export const signedInAs = (entry: OperatorEntry): SignedIn => ({
  id: entry.id,
  name: entry.name,
  role: entry.role,
  ...(entry.mustChangePassword ? { mustChangePassword: true } : {}),
});

function findByName(keyring: Keyring, name: string): OperatorEntry | undefined {
  const wanted = name.trim().normalize('NFC');
  return keyring.operators.find((o) => o.name === wanted);
}

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

/**
 * Sign `name` in with `password` at `session`. Five wrong passwords in a row lock the account for five
 * minutes (recorded in the keyring, so the command line counts too). On success the register is loaded
 * with the data key the password unwrapped.
 */
export function signIn(desk: Desk, session: Session, name: string, password: string): Promise<SignedIn> {
  return serialised(desk, async () => {
    const keyring = requireKeyring(desk);
    const entry = findByName(keyring, name);
    if (!entry) throw new DeskError('SIGN_IN_FAILED', `没有名为“${name.trim()}”的操作员`, { field: 'name' });
    if (!entry.active) throw new DeskError('SIGN_IN_FAILED', `操作员“${entry.name}”已停用，请联系管理员`, { field: 'name' });
    const now = desk.clock.now();
    const lockout = keyring.lockouts[entry.id];
    if (lockout?.until && new Date(lockout.until) > now) {
      throw new DeskError(
        'SIGN_IN_FAILED',
        `密码连续输错${MAX_FAILURES}次，操作员“${entry.name}”已锁定到${timeOf(lockout.until)}；请稍后再试，或请管理员重设密码`,
        { field: 'password', details: { lockedUntil: lockout.until } },
      );
    }
    const dataKey = unwrapKey(await passwordKey(password, entry.kdf), entry.wrap, operatorPurpose(entry.id));
    if (!dataKey) {
      const failures = (lockout?.until ? 0 : (lockout?.failures ?? 0)) + 1;
      const locked = failures >= MAX_FAILURES;
      const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
      await saveKeyring(desk, {
        ...keyring,
        lockouts: { ...keyring.lockouts, [entry.id]: locked ? { failures, until } : { failures } },
      });
      throw new DeskError(
        'SIGN_IN_FAILED',
        locked
          ? `密码不正确。已连续输错${MAX_FAILURES}次，操作员“${entry.name}”锁定${LOCKOUT_MINUTES}分钟（到${timeOf(until)}）`
          : `密码不正确（再输错${MAX_FAILURES - failures}次，该操作员将锁定${LOCKOUT_MINUTES}分钟）`,
        { field: 'password' },
      );
    }
    checkKeyring(keyring, dataKey);
    if (keyring.lockouts[entry.id]) {
      const { [entry.id]: _cleared, ...rest } = keyring.lockouts;
      await saveKeyring(desk, { ...keyring, lockouts: rest });
    }
    const operator = signedInAs(entry);
    session.begin(operator);
    await openRegister(desk, keyring, dataKey);
    return operator;
  });
}

/** Load the register with the data key, after checking the store is in the form the keyring records. */
export async function openRegister(desk: Desk, keyring: Keyring, dataKey: Buffer): Promise<void> {
  if (desk.store.encrypted !== keyring.encrypted) {
    throw new DeskError(
      'STORE_CORRUPT',
      keyring.encrypted
        ? '本机构的数据应当是加密的，但数据目录中的数据没有加密（数据说明文件可能被改动）。为安全起见，没有打开。'
        : '数据目录中的数据是加密的，但密钥文件记录为未加密。为安全起见，没有打开。',
      { details: { file: 'meta.json' } },
    );
  }
  await desk.unlock(dataKey);
}

/** A new account's entry, its password wrapping the data key. */
export async function newEntry(
  desk: Desk,
  dataKey: Uint8Array,
  input: { name: string; role: OperatorRole; password: string },
): Promise<OperatorEntry> {
  const id = randomUUID();
  const kdf = newKdf();
  const now = desk.nowIso();
  return {
    id,
    name: input.name.trim().normalize('NFC'),
    role: input.role,
    active: true,
    createdAt: now,
    passwordSetAt: now,
    mustChangePassword: false,
    kdf,
    wrap: wrapKey(await passwordKey(input.password, kdf), dataKey, operatorPurpose(id)),
  };
}

/** The same account with a new password (and a new salt). */
export async function withPassword(desk: Desk, entry: OperatorEntry, password: string, mustChange: boolean): Promise<OperatorEntry> {
  const kdf = newKdf();
  return {
    ...entry,
    kdf,
    wrap: wrapKey(await passwordKey(password, kdf), desk.officeKey(), operatorPurpose(entry.id)),
    passwordSetAt: desk.nowIso(),
    mustChangePassword: mustChange,
  };
}

/** What anyone may see of an account: never a key, a salt or a wrap. */
export function describeOperator(entry: OperatorEntry, keyring: Keyring, now: Date) {
  const until = keyring.lockouts[entry.id]?.until;
  return {
    id: entry.id,
    name: entry.name,
    role: entry.role,
    roleLabel: OPERATOR_ROLES.label(entry.role),
    active: entry.active,
    createdAt: entry.createdAt,
    passwordSetAt: entry.passwordSetAt,
    mustChangePassword: entry.mustChangePassword,
    ...(until && new Date(until) > now ? { lockedUntil: until } : {}),
  };
}

export function findOperator(keyring: Keyring, id: string): OperatorEntry {
  const entry = keyring.operators.find((o) => o.id === id) ?? findByName(keyring, id);
  if (!entry) throw notFound(`找不到操作员“${id}”`);
  return entry;
}

/** An office always keeps at least one active administrator. */
export function requireAnAdministrator(operators: readonly OperatorEntry[]): void {
  if (!operators.some((o) => o.active && o.role === 'admin')) {
    throw new DeskError('NOT_ALLOWED', '至少要保留一位在用的管理员', { field: 'role' });
  }
}

export function requireNewName(keyring: Keyring, name: string, exceptId?: string): void {
  const taken = findByName(keyring, name);
  if (taken && taken.id !== exceptId) throw invalid('name', `已有名为“${taken.name}”的操作员`);
}
