/**
 * The recovery code (恢复码): 32 digits shown once when the office is set up (and when an administrator
 * issues a new one), printed on the 恢复码 sheet and kept in the office safe. It wraps the data key
 * independently of every password: with it, an office that lost every password sets a new
 * administrator's password, without the centre and without the operating system's keyring.
 *
 * 30 random digits (about 100 bits, far beyond guessing, so HKDF suffices where passwords need Argon2id)
 * and 2 check digits (ISO 7064 mod 97-10, as in IBANs), which catch a mistyped or swapped digit before
 * anything is tried. Written in eight groups of four.
 */

import { hkdfSync, randomBytes, randomInt } from 'node:crypto';

import type { Desk } from '../desk';
import type { DocumentModel } from '../documents/model';
import { renderPdf } from '../documents/pdf';
import { DeskError, invalid } from '../errors';
import type { Keyring } from './keyring';
import { RECOVERY_PURPOSE, unwrapKey, wrapKey } from './keyring';

const RANDOM_DIGITS = 30;

function checkDigits(digits: string): string {
  // mod 97-10: the check makes `digits + check` ≡ 1 (mod 97)
  let rest = 0;
  for (const d of `${digits}00`) rest = (rest * 10 + Number(d)) % 97;
  return String(98 - rest).padStart(2, '0');
}

/** `1234-5678-…` */
export function formatCode(digits: string): string {
  return digits.match(/.{1,4}/g)!.join('-');
}

export function newRecoveryCode(): string {
  let digits = '';
  for (let i = 0; i < RANDOM_DIGITS; i++) digits += String(randomInt(10));
  return formatCode(digits + checkDigits(digits));
}

/** The 32 digits of a code as typed (spaces, dashes, full-width digits allowed), checked; VALIDATION otherwise. */
export function normaliseCode(typed: string): string {
  const digits = typed.normalize('NFKC').replace(/[\s\-－—_.]/g, '');
  if (!/^\d+$/.test(digits)) throw invalid('code', '恢复码只含数字（可带短横线）');
  if (digits.length !== RANDOM_DIGITS + 2) throw invalid('code', `恢复码应为${RANDOM_DIGITS + 2}位数字，现在是${digits.length}位`);
  if (checkDigits(digits.slice(0, RANDOM_DIGITS)) !== digits.slice(RANDOM_DIGITS)) {
    throw invalid('code', '恢复码有误（校验不符）：请逐组核对是否抄错或漏输');
  }
  return digits;
}

function codeKey(digits: string, salt: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(digits, 'utf8'), Buffer.from(salt, 'base64'), 'mediation-desk recovery code v1', 32));
}

/** A new code and the keyring's wrap of the data key by it (replacing any earlier code). */
export function issueRecovery(dataKey: Uint8Array, issuedAt: string): { code: string; recovery: NonNullable<Keyring['recovery']> } {
  const code = newRecoveryCode();
  const salt = randomBytes(16).toString('base64');
  return { code, recovery: { issuedAt, salt, wrap: wrapKey(codeKey(normaliseCode(code), salt), dataKey, RECOVERY_PURPOSE) } };
}

/** The data key the code unwraps; SIGN_IN_FAILED when it is not this office's current code. */
export function unwrapWithCode(keyring: Keyring, typed: string): Buffer {
  if (!keyring.recovery) throw new DeskError('NOT_FOUND', '本机构没有设置恢复码');
  const digits = normaliseCode(typed);
  const dataKey = unwrapKey(codeKey(digits, keyring.recovery.salt), keyring.recovery.wrap, RECOVERY_PURPOSE);
  if (!dataKey) {
    throw new DeskError('SIGN_IN_FAILED', '恢复码不正确：它不是本机构现在的恢复码（管理员重新生成过恢复码后，旧的恢复码作废）', {
      field: 'code',
    });
  }
  return dataKey;
}

/** The 恢复码 sheet as a PDF, through the documents module's renderer: the code, where to keep it, how to use it. */
export async function recoverySheetPdf(desk: Desk, office: string, code: string, issuedAt: string): Promise<Buffer> {
  const model = recoverySheetModel(office, code, issuedAt);
  const { bytes } = await renderPdf([model], {
    resourcesDir: desk.resourcesDir,
    info: { title: model.title },
    creationDate: new Date(issuedAt),
  });
  return bytes;
}

function recoverySheetModel(office: string, code: string, issuedAt: string): DocumentModel {
  const date = new Date(issuedAt);
  const day = `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`;
  const groups = code.split('-');
  return {
    title: '数据恢复码',
    blocks: [
      { kind: 'title', text: '人民调解工作台数据恢复码' },
      { kind: 'paragraph', text: `机构：${office}　　生成日期：${day}`, indent: false },
      // the code in the title's size, four groups a line: read and typed by people, not scanned
      { kind: 'title', text: groups.slice(0, 4).join('　') },
      { kind: 'title', text: groups.slice(4).join('　') },
      { kind: 'heading', text: '这组数字有什么用' },
      {
        kind: 'paragraph',
        text: '本机构的案件数据由一把数据密钥保护，每位操作员的密码和这组恢复码都能打开它。全部操作员都忘记密码时，凭恢复码可以为管理员重新设置密码。密码和恢复码都没有了，加密的数据就无法打开。',
        indent: true,
      },
      { kind: 'heading', text: '怎样保管' },
      {
        kind: 'paragraph',
        text: '打印后放进保险柜或档案柜，不要贴在电脑旁，不要拍照发到微信群：谁拿到恢复码，谁就能打开本机构的全部数据。管理员在“设置→数据安全”中重新生成恢复码后，这一张即作废。',
        indent: true,
      },
      { kind: 'heading', text: '怎样使用' },
      {
        kind: 'paragraph',
        text: '在登录界面点“忘记密码”，选“使用恢复码”，输入上面的32位数字（短横线和空格可以不输），再输入管理员姓名和新密码。命令行：mediation-desk recovery use。',
        indent: true,
      },
      { kind: 'signatures', rows: [['保管人（签名）：', '保管日期：']] },
    ],
  };
}
