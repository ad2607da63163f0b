/**
 * Handlers for operators and the keys of the office: signing in and out, the lock, accounts, the recovery
 * code and its sheet, encryption at rest, and the centre's escrow. The entries that must work before
 * anyone has signed in (status, sign-in, the two recovery paths) are `public`; the rest declare their roles.
 */

import { z } from 'zod';

import { DeskError, invalid } from '../errors';
import { handler, Overwrite } from '../handler';
import { OPERATOR_ROLES } from '../schema/codes';
import { ALLOW, PasswordSchema } from '../schema/operators';
import {
  describeOperator,
  findOperator,
  newEntry,
  requireAnAdministrator,
  requireKeyring,
  requireNewName,
  signedInAs,
  signIn,
  withPassword,
} from './accounts';
import { checkCodeOf, openRecoveryResponse, requestRecovery, respondToRecovery, setUpEscrow } from './escrow';
import { operatorPurpose, readKeyring, saveKeyring, unwrapKey } from './keyring';
import { recoverAdministrator, setEncryption } from './office';
import { passwordKey } from './passwords';
import { formatCode, issueRecovery, normaliseCode, recoverySheetPdf, unwrapWithCode } from './recovery';

const Name = z.string().trim().min(1, '请填写姓名').max(50, '姓名最长50个字');
const Role = z.enum(OPERATOR_ROLES.codes, {
  message: `角色应为：${OPERATOR_ROLES.entries.map((e) => `${e.code}（${e.label}）`).join('、')}`,
});
const FilePath = (what: string) => z.string().trim().min(1, `请指定${what}`);
/** A password being checked (any length: the old rules may have allowed it). */
const GivenPassword = z.string({ message: '请输入密码' }).min(1, '请输入密码').max(1024);

export const operatorHandlers = {
  'session.status': handler(
    z.strictObject({}),
    '登录状态、机构名称和可登录的操作员',
    (desk, _input, { session }) => {
      const keyring = readKeyring(desk);
      const { state, operator } = session.state();
      return {
        state,
        ...(operator ? { operator } : {}),
        /** new: no office yet; needs-administrator: a register from before operators; ready: sign in. */
        setUp: keyring
          ? ('ready' as const)
          : desk.store.loaded && desk.maybeSettings()
            ? ('needs-administrator' as const)
            : ('new' as const),
        office: keyring?.office ?? (desk.store.loaded ? desk.maybeSettings()?.name : undefined) ?? null,
        operators: (keyring?.operators ?? []).filter((o) => o.active).map((o) => ({ name: o.name, role: o.role })),
        encrypted: desk.store.encrypted,
        recovery: { code: !!keyring?.recovery, escrow: !!keyring?.escrow, pending: !!keyring?.pendingRecovery },
      };
    },
    'public',
  ),

  'session.signIn': handler(
    z.strictObject({ name: Name, password: GivenPassword }),
    '操作员登录（或解锁）',
    async (desk, input, { session }) => signIn(desk, session, input.name, input.password),
    'public',
  ),

  'session.lock': handler(
    z.strictObject({}),
    '锁定工作台（离开座位时）',
    (_desk, _input, { session }) => {
      session.lock();
      return session.state();
    },
    'public',
  ),

  'session.signOut': handler(
    z.strictObject({}),
    '退出登录（切换操作员）',
    (_desk, _input, { session }) => {
      session.end();
      return session.state();
    },
    'public',
  ),

  'session.touch': handler(z.strictObject({}), '告知正在使用（推迟自动锁定）', () => ({ ok: true })),

  'operators.list': handler(
    z.strictObject({}),
    '列出操作员（不含密码）',
    (desk) => {
      const keyring = requireKeyring(desk);
      return keyring.operators.map((o) => describeOperator(o, keyring, desk.clock.now()));
    },
    ALLOW.admin,
  ),

  'operators.add': handler(
    z.strictObject({ name: Name, role: Role, password: PasswordSchema }),
    '新增操作员（首次登录后须改密码）',
    async (desk, input) => {
      const keyring = requireKeyring(desk);
      requireNewName(keyring, input.name);
      // the administrator chose this first password: its holder replaces it at the first sign-in
      const entry = { ...(await newEntry(desk, desk.officeKey(), input)), mustChangePassword: true };
      const saved = await saveKeyring(desk, { ...keyring, operators: [...keyring.operators, entry] }, desk.officeKey());
      return describeOperator(entry, saved, desk.clock.now());
    },
    ALLOW.admin,
  ),

  'operators.update': handler(
    z.strictObject({ id: z.string().min(1, '请指定操作员'), name: Name.optional(), role: Role.optional(), active: z.boolean().optional() }),
    '修改操作员的姓名、角色或停用/启用',
    async (desk, input, { session }) => {
      const keyring = requireKeyring(desk);
      const entry = findOperator(keyring, input.id);
      if (input.name !== undefined) requireNewName(keyring, input.name, entry.id);
      const next = {
        ...entry,
        ...(input.name !== undefined ? { name: input.name.normalize('NFC') } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      };
      const operators = keyring.operators.map((o) => (o.id === entry.id ? next : o));
      requireAnAdministrator(operators);
      const saved = await saveKeyring(desk, { ...keyring, operators }, desk.officeKey());
      session.update(signedInAs(next));
      return describeOperator(next, saved, desk.clock.now());
    },
    ALLOW.admin,
  ),

  'operators.resetPassword': handler(
    z.strictObject({ id: z.string().min(1, '请指定操作员'), password: PasswordSchema }),
    '管理员为操作员重设密码（操作员下次登录后须改密码）',
    async (desk, input) => {
      const keyring = requireKeyring(desk);
      const entry = await withPassword(desk, findOperator(keyring, input.id), input.password, true);
      const { [entry.id]: _cleared, ...lockouts } = keyring.lockouts;
      const operators = keyring.operators.map((o) => (o.id === entry.id ? entry : o));
      const saved = await saveKeyring(desk, { ...keyring, operators, lockouts }, desk.officeKey());
      return describeOperator(entry, saved, desk.clock.now());
    },
    ALLOW.admin,
  ),

  'operators.changePassword': handler(
    z.strictObject({ password: GivenPassword, newPassword: PasswordSchema }),
    '修改自己的密码',
    async (desk, input, { session }) => {
      const keyring = requireKeyring(desk);
      const me = findOperator(keyring, session.operator()!.id);
      if (!unwrapKey(await passwordKey(input.password, me.kdf), me.wrap, operatorPurpose(me.id))) {
        throw new DeskError('SIGN_IN_FAILED', '当前密码不正确', { field: 'password' });
      }
      if (input.password === input.newPassword) throw invalid('newPassword', '新密码不能与当前密码相同');
      const entry = await withPassword(desk, me, input.newPassword, false);
      await saveKeyring(desk, { ...keyring, operators: keyring.operators.map((o) => (o.id === entry.id ? entry : o)) }, desk.officeKey());
      const operator = signedInAs(entry);
      session.update(operator);
      return operator;
    },
  ),

  'recovery.reissue': handler(
    z.strictObject({ password: GivenPassword }),
    '重新生成恢复码（旧恢复码作废；需管理员本人的密码）',
    async (desk, input, { session }) => {
      const keyring = requireKeyring(desk);
      const me = findOperator(keyring, session.operator()!.id);
      if (!unwrapKey(await passwordKey(input.password, me.kdf), me.wrap, operatorPurpose(me.id))) {
        throw new DeskError('SIGN_IN_FAILED', '密码不正确', { field: 'password' });
      }
      const { code, recovery } = issueRecovery(desk.officeKey(), desk.nowIso());
      await saveKeyring(desk, { ...keyring, recovery }, desk.officeKey());
      return { code, issuedAt: recovery.issuedAt, office: keyring.office };
    },
    ALLOW.admin,
  ),

  'recovery.sheet': handler(
    z.strictObject({
      code: z.string().min(1, '请给出恢复码'),
      out: FilePath('恢复码单的保存位置').optional(),
      overwrite: Overwrite,
    }),
    '把刚生成的恢复码制成“恢复码单”（PDF：保存到 out，或返回给界面打印）',
    async (desk, input) => {
      const keyring = requireKeyring(desk);
      // only the office's current code is printed: a mistyped one on paper would be worse than none
      unwrapWithCode(keyring, input.code);
      const pdf = await recoverySheetPdf(desk, keyring.office, formatCode(normaliseCode(input.code)), keyring.recovery!.issuedAt);
      if (!input.out) return { base64: pdf.toString('base64') };
      return { file: await desk.writeOutput(input.out, pdf, { field: 'out', overwrite: input.overwrite }) };
    },
    ALLOW.admin,
  ),

  'recovery.use': handler(
    z.strictObject({ code: z.string().min(1, '请输入恢复码'), name: Name, password: PasswordSchema }),
    '用恢复码为管理员设置新密码并登录（忘记全部密码时）',
    async (desk, input, { session }) => {
      const keyring = requireKeyring(desk);
      return recoverAdministrator(desk, session, keyring, unwrapWithCode(keyring, input.code), input);
    },
    'public',
  ),

  'encryption.status': handler(z.strictObject({}), '本机数据是否加密、恢复途径', (desk) => {
    const keyring = requireKeyring(desk);
    return {
      encrypted: desk.store.encrypted,
      recoveryIssuedAt: keyring.recovery?.issuedAt ?? null,
      escrow: keyring.escrow
        ? { centre: keyring.escrow.centre.name, fingerprint: keyring.escrow.centre.fingerprint, createdAt: keyring.escrow.createdAt }
        : null,
    };
  }),

  'encryption.enable': handler(
    z.strictObject({}),
    '开启数据加密（连同全部备份，可随时中断而不丢数据）',
    (desk, _input, { progress }) => setEncryption(desk, true, progress),
    ALLOW.admin,
  ),

  'encryption.disable': handler(
    z.strictObject({ password: GivenPassword }),
    '关闭数据加密（需管理员本人的密码）',
    async (desk, input, { session, progress }) => {
      const keyring = requireKeyring(desk);
      const me = findOperator(keyring, session.operator()!.id);
      if (!unwrapKey(await passwordKey(input.password, me.kdf), me.wrap, operatorPurpose(me.id))) {
        throw new DeskError('SIGN_IN_FAILED', '密码不正确', { field: 'password' });
      }
      return setEncryption(desk, false, progress);
    },
    ALLOW.admin,
  ),

  'escrow.enable': handler(
    z.strictObject({}),
    '把恢复密钥交中心托管（站点；需先登记中心公钥）',
    async (desk) => {
      const saved = await setUpEscrow(desk, requireKeyring(desk));
      return { centre: saved.escrow!.centre.name, fingerprint: saved.escrow!.centre.fingerprint, createdAt: saved.escrow!.createdAt };
    },
    ALLOW.admin,
  ),

  'escrow.disable': handler(
    z.strictObject({}),
    '取消中心托管',
    async (desk) => {
      const { escrow: _removed, pendingRecovery: _pending, ...rest } = requireKeyring(desk);
      await saveKeyring(desk, rest, desk.officeKey());
      return { escrow: null };
    },
    ALLOW.admin,
  ),

  'escrow.request': handler(
    z.strictObject({ out: FilePath('恢复申请文件的保存位置'), overwrite: Overwrite }),
    '生成交中心的恢复申请文件（忘记全部密码且没有恢复码时）',
    (desk, input) => requestRecovery(desk, requireKeyring(desk), input.out, input.overwrite),
    'public',
  ),

  'escrow.respond': handler(
    z.strictObject({ request: FilePath('站点的恢复申请文件'), out: FilePath('答复文件的保存位置'), overwrite: Overwrite }),
    '中心核对站点的恢复申请并生成答复文件',
    (desk, input) => respondToRecovery(desk, input.request, input.out, input.overwrite),
    ALLOW.centre,
  ),

  'escrow.apply': handler(
    z.strictObject({ response: FilePath('中心的答复文件'), name: Name, password: PasswordSchema }),
    '用中心的答复文件为管理员设置新密码并登录',
    async (desk, input, { session }) => {
      const keyring = requireKeyring(desk);
      return recoverAdministrator(desk, session, keyring, await openRecoveryResponse(keyring, input.response), input);
    },
    'public',
  ),

  'escrow.pending': handler(
    z.strictObject({}),
    '本机待处理的恢复申请（核对码）',
    (desk) => {
      const pending = requireKeyring(desk).pendingRecovery;
      return pending ? { requestId: pending.requestId, createdAt: pending.createdAt, checkCode: checkCodeOf(pending.publicKey) } : null;
    },
    'public',
  ),
};
