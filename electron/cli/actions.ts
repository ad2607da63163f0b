/**
 * The command line's words for the steps the core attaches to errors (`details.action`): the
 * command to run. The app names its own buttons for the same steps (renderer/src/components/errorAdvice.ts).
 */

import type { ErrorAction } from '../core/errors';

export function commandAdvice(action: ErrorAction): string {
  switch (action.kind) {
    case 'import-centre-key':
      return '登记中心公钥：keys import-centre 中心公钥文件（用 export --seal-to 中心公钥文件 加密导出时也会自动登记）';
    case 'confirm-centre-key':
      return `电话核对指纹 ${action.centre.fingerprint} 无误后：receipt apply 回执文件 --trust-centre ${action.centre.fingerprint}`;
    case 'trust-station':
      return action.keyInBatch
        ? `电话核对指纹 ${action.station.fingerprint} 无误后：centre trust --from-batch 批次文件 --fingerprint ${action.station.fingerprint}，再 import 批次文件`
        : '请站点导出公钥文件（keys export），电话核对指纹无误后：centre trust 公钥文件，再 import 批次文件';
    case 'set-up-office':
      return '初始化：init --json 机构信息文件';
    case 'restore-backup':
      return action.backup
        ? `恢复（须以管理员登录）：--operator 姓名 backup restore ${action.backup}（先用 backup list 查看）`
        : '查看备份：backup list；恢复（须以管理员登录）：--operator 姓名 backup restore 备份名';
    case 'acknowledge-incomplete-dossier':
      return '确认仍要结案：case act 案件 close --json 文件，文件中写 {"acknowledgeIncomplete": true}';
    case 'confirm-overwrite':
      return '确需覆盖：在命令后加 --force 再运行一次';
  }
}
