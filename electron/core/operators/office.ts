/**
 * Setting an office up with its first administrator, turning encryption on and off, and the two ways
 * back in when every password is lost (the recovery code, the centre's escrow), which both end the same
 * way: an administrator with a new password, signed in.
 */

import type { Desk } from '../desk';
import { DeskError, invalid } from '../errors';
import { PasswordSchema } from '../schema/operators';
import type { Settings } from '../schema/settings';
import type { Session, SignedIn } from '../session';
import { convertEncryption } from '../store';
import { newEntry, openRegister, requireAnAdministrator, signedInAs, withPassword } from './accounts';
import { checkKeyring, type Keyring, newKeyring, readKeyring, saveKeyring, signKeyring } from './keyring';
import { issueRecovery } from './recovery';

function checkedPassword(password: unknown, field = 'password'): string {
  const parsed = PasswordSchema.safeParse(password);
  if (!parsed.success) throw invalid(field, parsed.error.issues[0]?.message ?? '密码无效');
  return parsed.data;
}

/**
 * The first administrator (named by the settings' `operator`) and the office's data key, wrapped by the
 * administrator's password and a new recovery code; the register encrypted unless `encrypt` is false.
 * Signs the administrator in at `session`. Returns the recovery code: shown this once, never stored.
 */
export async function setUpOffice(
  desk: Desk,
  session: Session,
  settings: Settings,
  options: { password: unknown; encrypt?: boolean; progress?(done: number, total: number): void },
): Promise<{ recoveryCode: string; administrator: SignedIn }> {
  if (readKeyring(desk)) throw new DeskError('NOT_ALLOWED', '本机构已经设置了管理员');
  if (!settings.operator) throw invalid('operator', '请填写管理员姓名（第一位操作员，负责设置和账户）');
  const password = checkedPassword(options.password);
  const encrypt = options.encrypt !== false;
  const { keyring, dataKey } = newKeyring(settings.name, encrypt);
  const admin = await newEntry(desk, dataKey, { name: settings.operator, role: 'admin', password });
  const { code, recovery } = issueRecovery(dataKey, desk.nowIso());
  const signed = signKeyring({ ...keyring, operators: [admin], recovery }, dataKey);
  await desk.unlock(dataKey);
  if (encrypt) {
    // the keyring and the encrypted form land in one journaled commit: a crash leaves neither or both
    await desk.withStoreClosed((dataDir) =>
      convertEncryption(dataDir, { from: null, to: dataKey, keyring: signed, progress: options.progress }),
    );
  } else {
    await desk.commit({ keyring: signed });
  }
  await desk.commit({ docs: { settings } });
  const administrator = signedInAs(admin);
  session.begin(administrator);
  return { recoveryCode: code, administrator };
}

/** Turn encryption on (with the data key the desk holds) or off, with every backup; crash-safe (store/convert.ts). */
export async function setEncryption(
  desk: Desk,
  on: boolean,
  progress?: (done: number, total: number) => void,
): Promise<{ encrypted: boolean; files: number; backups: number }> {
  const keyring = readKeyring(desk)!;
  const dataKey = desk.officeKey();
  if (on === desk.store.encrypted) throw new DeskError('NOT_ALLOWED', on ? '数据已经是加密的' : '数据本来就没有加密');
  const next = signKeyring({ ...keyring, encrypted: on }, dataKey);
  const result = await desk.withStoreClosed((dataDir) =>
    convertEncryption(dataDir, { from: on ? null : dataKey, to: on ? dataKey : null, keyring: next, progress }),
  );
  return { encrypted: on, ...result };
}

/**
 * After the recovery code or the centre's response gave the data key back: the named administrator gets
 * this new password (an unknown name becomes a new administrator), is unlocked and signed in.
 */
export async function recoverAdministrator(
  desk: Desk,
  session: Session,
  keyring: Keyring,
  dataKey: Buffer,
  input: { name: string; password: unknown },
): Promise<SignedIn> {
  checkKeyring(keyring, dataKey);
  const password = checkedPassword(input.password);
  const name = input.name.trim();
  if (!name) throw invalid('name', '请填写管理员姓名');
  await desk.unlock(dataKey);
  const existing = keyring.operators.find((o) => o.name === name.normalize('NFC'));
  if (existing && existing.role !== 'admin') throw invalid('name', `“${existing.name}”不是管理员：请填写一位管理员的姓名，或一个新的姓名`);
  const entry = existing
    ? { ...(await withPassword(desk, existing, password, false)), active: true }
    : await newEntry(desk, dataKey, { name, role: 'admin', password });
  const operators = existing ? keyring.operators.map((o) => (o.id === entry.id ? entry : o)) : [...keyring.operators, entry];
  requireAnAdministrator(operators);
  const { [entry.id]: _cleared, ...lockouts } = keyring.lockouts;
  const { pendingRecovery: _used, ...rest } = keyring;
  const saved = await saveKeyring(desk, { ...rest, operators, lockouts }, dataKey);
  const operator = signedInAs(entry);
  session.begin(operator);
  await openRegister(desk, saved, dataKey);
  return operator;
}
