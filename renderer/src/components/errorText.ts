/**
 * What the app says about a failure: never a raw system message, and the step to take in the app's
 * own words (the core carries the step as `details.action`; the command line prints its command for
 * the same step, electron/cli/actions.ts).
 *
 * The core maps file-system errors to Chinese itself; `readableMessage` is the fallback for any that
 * still arrive raw (`EISDIR: illegal operation on a directory, rename '…'`).
 */

import { actionOf, type ErrorAction } from '../../../electron/core/errors';
import { ApiError } from '../api/client';

/** Node's file-system error codes in words, with what to do. */
const FS_ERRORS: Record<string, string> = {
  EISDIR: '这是一个文件夹，不是文件：请在路径后面写上文件名',
  ENOTDIR: '路径中有一段不是文件夹，请检查路径',
  ENOENT: '文件或文件夹不存在，请检查路径（U盘是否已插好）',
  EACCES: '没有权限：文件只读、被保护或正被其他程序使用，请换一个位置',
  EPERM: '没有权限：文件只读、被保护或正被其他程序使用，请换一个位置',
  EBUSY: '文件正被其他程序使用，请关闭那个程序后再试',
  ENOSPC: '磁盘已满，请清理空间或换一个位置',
  EROFS: '这个磁盘只能读不能写（U盘可能开了写保护），请换一个位置',
  EEXIST: '同名文件已存在，请换一个文件名',
  EMFILE: '同时打开的文件太多，请稍后再试',
  ENAMETOOLONG: '路径或文件名太长，请换一个短一些的位置',
  EINVAL: '路径或文件名中有不能用的字符，请换一个名字',
  EXDEV: '不能跨磁盘移动文件，请换一个位置',
  EIO: '读写磁盘出错（U盘或硬盘可能有问题），请换一个位置再试',
};

/** `EISDIR: illegal operation on a directory, rename 'a' -> 'b'` and the like, with the paths it names. */
const RAW = /\b(E[A-Z]{2,12}): [^,，]*(?:, [a-z]+ '([^']*)'(?: -> '([^']*)')?)?/g;

export function readableMessage(message: string): string {
  return message.replace(RAW, (whole: string, code: string, from?: string, to?: string) => {
    const words = FS_ERRORS[code];
    if (!words) return whole;
    const where = to ?? from;
    return where ? `${words}（${where}）` : words;
  });
}

/** The step to take, naming the app's buttons. */
export function appAdvice(action: ErrorAction): string {
  switch (action.kind) {
    case 'import-centre-key':
      return '请在“批量上报 → 上报记录与回执”中选择中心的公钥文件，按“登记中心公钥”；或在下面的回执中附带的公钥经电话核对后登记。';
    case 'confirm-centre-key':
      return `请打电话给“${action.centre.name}”，请对方念一遍本中心的指纹，与 ${action.centre.fingerprint} 逐组核对；一致后按“指纹一致，登记并应用回执”。`;
    case 'trust-station':
      return action.keyInBatch
        ? `请打电话给站点，请对方念一遍指纹（站点：设置 → 密钥与指纹），与 ${action.station.fingerprint} 逐组核对；一致后按“指纹一致，登记站点并导入”。`
        : '这个批次没有附带站点公钥（较早版本导出）：请站点在“设置 → 密钥与指纹”导出公钥文件交来，电话核对指纹后，在“站点上报 → 站点公钥”中选择该文件登记，再导入。';
    case 'set-up-office':
      return '请在“设置 → 机构信息”中填写机构名称和简称。';
    case 'restore-backup':
      return `请管理员到“设置 → 备份与恢复”，选择${action.backup ? `“${action.backup}”或其他` : '一份'}备份，按“恢复到此备份”。`;
    case 'acknowledge-incomplete-dossier':
      return '如确认仍要结案，请勾选“卷宗材料不全，仍然结案”，再按“结案归档”。';
    case 'confirm-overwrite':
      return '确需覆盖：再保存一次，在“覆盖已有文件？”中选择“覆盖”。';
  }
}

/** A failure as the app shows it: the Chinese message, and the step to take when there is one. */
export function explain(error: unknown): { message: string; advice?: string; action?: ErrorAction } {
  if (error instanceof ApiError) {
    const action = actionOf(error.details);
    return { message: readableMessage(error.message), ...(action ? { action, advice: appAdvice(action) } : {}) };
  }
  if (error instanceof Error) return { message: `出现错误：${readableMessage(error.message)}` };
  return { message: '出现未知错误' };
}
