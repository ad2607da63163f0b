/**
 * The one error type of the core. Every door (CLI, IPC, harness, tests) maps it once:
 * the CLI to an exit status, IPC and the harness to `{ok:false, code, message, field}`,
 * forms to a message beside the field.
 */

export type ErrorCode =
  | 'VALIDATION' // bad input; `field` names the place, e.g. `parties[1].idNumber`
  | 'NOT_FOUND' // no such case, template, backup, key…
  | 'NOT_ALLOWED' // the action is not allowed in the case's current status, or at this kind of office
  | 'STORE_LOCKED' // another process holds the data directory
  | 'STORE_CORRUPT' // a file in the data directory cannot be read; nothing was overwritten
  | 'STORE_UNWRITABLE' // disk full, read-only folder; the data on disk is unchanged
  | 'STORE_UNAVAILABLE' // a centre's PostgreSQL database cannot be reached or refused the work; nothing was changed
  | 'STORE_MISSING' // no register in this folder (only `init` creates one)
  | 'TEMPLATE_INVALID' // a template has an error (name, line, column in the message)
  | 'BATCH_INVALID' // a batch file failed verification
  | 'CANCELLED' // the user cancelled a long operation; nothing was written
  | 'NOT_SIGNED_IN' // no operator is signed in at this door (or the workbench is locked)
  | 'SIGN_IN_FAILED' // wrong name, password or recovery code; an account locked after five wrong passwords
  | 'FORBIDDEN' // the signed-in operator's role may not do this; the message names the role needed
  | 'INTERNAL';

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  field?: string;
  details?: unknown;
}

export class DeskError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeskError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }

  toPayload(): ErrorPayload {
    const payload: ErrorPayload = { code: this.code, message: this.message };
    if (this.field !== undefined) payload.field = this.field;
    if (this.details !== undefined) payload.details = this.details;
    return payload;
  }
}

/**
 * A step that gets the user past an error, carried as `details.action`. The core's message stays
 * door-neutral (no command names, no buttons); each door says the step its own way: the command line
 * prints its command (electron/cli/actions.ts), the app names its button or offers it in place.
 */
export type ErrorAction =
  /** At a station: the centre's public key is needed (to check a receipt, to seal a batch). */
  | { kind: 'import-centre-key' }
  /** At a station: the receipt carries the centre's key; register it once its fingerprint is confirmed by phone. */
  | { kind: 'confirm-centre-key'; centre: { name: string; fingerprint: string } }
  /** At the centre: a batch from a station not trusted yet; `keyInBatch`: the batch carries the station's key. */
  | { kind: 'trust-station'; station: { name: string; code: string; fingerprint: string }; keyInBatch: boolean }
  /** The office has not been set up yet. */
  | { kind: 'set-up-office' }
  /** A data file cannot be read: restore a backup (the newest good one, when known). */
  | { kind: 'restore-backup'; backup?: string }
  /** 结案 with an incomplete 卷宗: confirm to close anyway. */
  | { kind: 'acknowledge-incomplete-dossier' }
  /** A file is already where the output would go: confirm replacing it (or choose another name). */
  | { kind: 'confirm-overwrite' };

/** The error's action, if it carries one. */
export function actionOf(details: unknown): ErrorAction | undefined {
  const action = (details as { action?: ErrorAction } | null | undefined)?.action;
  return action && typeof action === 'object' && typeof action.kind === 'string' ? action : undefined;
}

export const invalid = (field: string | undefined, message: string, details?: unknown): DeskError =>
  new DeskError('VALIDATION', field ? `${fieldLabel(field)}：${message}` : message, { field, details });

export const notFound = (message: string): DeskError => new DeskError('NOT_FOUND', message);

export const notAllowed = (message: string): DeskError => new DeskError('NOT_ALLOWED', message);

export const notSignedIn = (message = '请先登录（输入操作员姓名和密码）'): DeskError => new DeskError('NOT_SIGNED_IN', message);

/**
 * Any thrown value as a DeskError. An operating-system error that escaped its own mapping still reads
 * in Chinese with its path (`fsError`); anything else becomes INTERNAL, its message kept for the log.
 */
export function asDeskError(error: unknown): DeskError {
  if (error instanceof DeskError) return error;
  if (isFsError(error))
    return fsError(error, error.path ?? error.dest ?? '', error.syscall === 'open' || error.syscall === 'read' ? 'read' : 'write');
  if (error instanceof RangeError && /call stack|Invalid string length|Array buffer allocation|string longer than/i.test(error.message)) {
    return new DeskError('VALIDATION', '输入过大或嵌套过深，已拒绝（见使用说明中的“上限”）', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DeskError('INTERNAL', `内部错误：${message}`, { cause: error });
}

// ---------------------------------------------------------------- operating-system errors

/** An error from Node's file-system calls (`ENOENT`, `EACCES`…). */
export interface FsError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

export function isFsError(error: unknown): error is FsError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && /^E[A-Z]+$/.test((error as FsError).code);
}

/** What the program was doing with the path: reading an input, writing an output, making a folder. */
export type FileAction = 'read' | 'write' | 'folder';

interface FsCause {
  cause: string;
  advice: string;
  /** VALIDATION for a mistake in the path (exit 2), NOT_FOUND for a missing input (exit 3), STORE_UNWRITABLE for a disk that refuses (exit 4). */
  kind: ErrorCode;
}

/** The Chinese cause of each operating-system error and what the user can do about it; one table for every door. */
const FS_CAUSES: Record<string, (action: FileAction) => FsCause> = {
  ENOENT: (action) =>
    action === 'read'
      ? { cause: '文件不存在', advice: '请检查文件名和所在文件夹是否正确', kind: 'NOT_FOUND' }
      : { cause: '所在的文件夹不存在', advice: '请先建立该文件夹，或选择其他位置', kind: 'VALIDATION' },
  EISDIR: () => ({ cause: '这是一个文件夹，不是文件', advice: '请指定文件夹中的一个文件名', kind: 'VALIDATION' }),
  ENOTDIR: () => ({ cause: '路径中有一部分是文件而不是文件夹', advice: '请检查路径是否正确', kind: 'VALIDATION' }),
  ENAMETOOLONG: () => ({ cause: '文件名或路径过长', advice: '请使用较短的文件名或较浅的文件夹', kind: 'VALIDATION' }),
  EINVAL: () => ({ cause: '文件名中有不允许的字符', advice: '请去掉 \\ / : * ? " < > | 等字符后重试', kind: 'VALIDATION' }),
  ELOOP: () => ({ cause: '路径中的快捷方式（链接）互相指向', advice: '请选择其他位置', kind: 'VALIDATION' }),
  EEXIST: () => ({ cause: '文件已存在', advice: '请换一个文件名，或确认覆盖后再试', kind: 'VALIDATION' }),
  ENOTEMPTY: () => ({ cause: '文件夹不是空的', advice: '请选择一个空文件夹', kind: 'VALIDATION' }),
  EACCES: (action) => ({
    cause: action === 'read' ? '没有读取权限' : '没有写入权限',
    advice: action === 'read' ? '请检查文件的权限，或先把文件复制到本机' : '请选择有写入权限的位置（如“文档”文件夹）',
    kind: action === 'read' ? 'NOT_ALLOWED' : 'STORE_UNWRITABLE',
  }),
  EPERM: (action) => ({
    cause: '操作系统拒绝了访问（权限不足或文件被其他程序占用）',
    advice: '请关闭正在使用该文件的程序，或选择其他位置',
    kind: action === 'read' ? 'NOT_ALLOWED' : 'STORE_UNWRITABLE',
  }),
  EBUSY: () => ({ cause: '文件被其他程序占用', advice: '请关闭打开它的程序（如 WPS、Word、Excel）后重试', kind: 'STORE_UNWRITABLE' }),
  ENOSPC: () => ({ cause: '磁盘空间不足', advice: '请清理磁盘，或换一个有空间的位置', kind: 'STORE_UNWRITABLE' }),
  EDQUOT: () => ({ cause: '超出磁盘配额', advice: '请清理文件，或换一个位置', kind: 'STORE_UNWRITABLE' }),
  EROFS: () => ({ cause: '磁盘或文件夹为只读', advice: '请换一个位置（U盘可能打开了写保护）', kind: 'STORE_UNWRITABLE' }),
  EIO: () => ({ cause: '磁盘读写错误', advice: '请检查U盘或磁盘是否插好、是否损坏', kind: 'STORE_UNWRITABLE' }),
  EMFILE: () => ({ cause: '打开的文件过多', advice: '请关闭其他程序后重试', kind: 'STORE_UNWRITABLE' }),
  ENFILE: () => ({ cause: '打开的文件过多', advice: '请关闭其他程序后重试', kind: 'STORE_UNWRITABLE' }),
  EXDEV: () => ({ cause: '不能跨磁盘移动文件', advice: '请选择与原文件同一磁盘上的位置', kind: 'STORE_UNWRITABLE' }),
  ETIMEDOUT: () => ({ cause: '网络共享文件夹没有响应', advice: '请检查网络连接，或先复制到本机', kind: 'STORE_UNWRITABLE' }),
};

const ACTION_VERB: Record<FileAction, string> = { read: '读取', write: '写入', folder: '建立文件夹' };

/** `磁盘空间不足（ENOSPC）`: the cause alone, for messages that say the rest themselves (the store's). */
export function describeFsCause(error: unknown, action: FileAction = 'write'): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && FS_CAUSES[code]) return `${FS_CAUSES[code](action).cause}（${code}）`;
  return typeof code === 'string' ? `操作系统错误（${code}）` : '操作系统错误';
}

/**
 * The one mapping of an operating-system error to a DeskError: Chinese, naming the path, the cause and
 * what to do. Every door shows it as it is (CLI exit 2/3/4 by the kind of cause; the app beside the field).
 */
export function fsError(error: unknown, where: string, action: FileAction, options: { field?: string; what?: string } = {}): DeskError {
  if (error instanceof DeskError) return error;
  const code = (error as { code?: unknown })?.code;
  const known = typeof code === 'string' ? FS_CAUSES[code]?.(action) : undefined;
  const cause = known ?? {
    cause: describeFsCause(error, action),
    advice: '请重试，或选择其他位置',
    kind: action === 'read' ? 'NOT_FOUND' : 'STORE_UNWRITABLE',
  };
  const what = options.what ?? (action === 'folder' ? '' : '文件');
  const message = `无法${ACTION_VERB[action]}${what}“${where}”：${cause.cause}${known ? `（${String(code)}）` : ''}。${cause.advice}。`;
  return new DeskError(cause.kind, message, {
    field: options.field,
    cause: error,
    details: { path: where, code: typeof code === 'string' ? code : undefined },
  });
}

/**
 * Chinese names of field paths, so that a message reads `当事人第2位·身份证件号码` rather than a bare path.
 * The path itself is still returned in `field` for forms to place the message.
 */
const FIELD_LABELS: Record<string, string> = {
  number: '案号',
  receivedAt: '登记日期',
  source: '案件来源',
  disputeType: '纠纷类型',
  summary: '案由',
  facts: '纠纷简要情况',
  claims: '当事人请求',
  amount: '涉及金额',
  amountFen: '涉及金额',
  peopleInvolved: '涉及人数',
  mediators: '人民调解员',
  parties: '当事人',
  role: '当事人身份',
  kind: '当事人类型',
  name: '姓名/名称',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idType: '证件类型',
  idNumber: '证件号码',
  phone: '联系电话',
  address: '住址',
  occupation: '职业或职务',
  creditCode: '统一社会信用代码',
  representative: '法定代表人/负责人',
  representativeTitle: '职务',
  agent: '委托代理人',
  relation: '与当事人关系或职业',
  date: '日期',
  reason: '理由',
  guidance: '引导途径',
  place: '地点',
  participants: '参加人',
  content: '内容',
  form: '协议形式',
  terms: '协议条款',
  performanceMethod: '履行方式',
  performanceDeadline: '履行期限',
  court: '人民法院',
  result: '结果',
  rulingNumber: '裁定书案号',
  method: '回访方式',
  performance: '履行情况',
  notes: '备注',
  shortName: '简称',
  stationCode: '站点代码',
  operator: '管理员姓名',
  numberPattern: '案号格式',
  password: '密码',
  newPassword: '新密码',
  code: '恢复码',
  idleLockMinutes: '自动锁定时间',
  recorder: '记录人',
  visitor: '回访人',
  copies: '协议份数',
  effectiveDate: '生效日期',
  acknowledgeIncomplete: '确认卷宗不完整',
  sessionId: '调解记录',
  id: '案件',
  caseId: '案件',
  changes: '修改内容',
  details: '操作内容',
  action: '操作',
  out: '保存位置',
  overwrite: '覆盖已有文件',
  file: '文件',
  template: '模板',
  format: '格式',
  q: '关键词',
  status: '状态',
  type: '纠纷类型',
  mediator: '人民调解员',
  from: '起始日期',
  to: '截止日期',
  limit: '条数',
  offset: '起始位置',
  station: '站点',
  sealTo: '中心公钥文件',
  receiptOut: '回执保存位置',
  fingerprint: '指纹',
  reminders: '提醒设置',
  session: '调解记录',
  supplementId: '补充协议',
  passphrase: '口令',
};

/** The label sets a schema may declare for its own top-level fields (see `withLabels` in validate.ts). */
export type FieldLabels = Readonly<Record<string, string>>;

/** How an unknown key is shown: as typed, without control characters, and short. */
export function shownKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = key.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/**
 * `own` labels a schema declares for its keys win over the shared table (`role` is 机构角色 in the
 * settings and 当事人身份 in a party). An own label may also name a nested key by its dotted path
 * without indexes (`frontDesk.numberPattern` is 登记编号格式 where `numberPattern` is 案号格式); the
 * path wins over the key. Only own properties count, so `__proto__` is itself.
 */
export function fieldLabel(path: string, own?: FieldLabels): string {
  const ownLabel = (key: string) => (own && Object.hasOwn(own, key) ? own[key] : undefined);
  let within = '';
  const parts = path.split('.').map((segment) => {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
    if (!match) return shownKey(segment);
    const [, key, indexes] = match;
    within = within ? `${within}.${key}` : key;
    const label = ownLabel(within) ?? ownLabel(key) ?? (Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key] : shownKey(key));
    const positions = [...indexes.matchAll(/\[(\d+)\]/g)].map((m) => `第${Number(m[1]) + 1}项`);
    if ((key === 'parties' || key === 'respondents') && positions.length)
      return `${key === 'parties' ? '当事人' : '被申请人'}第${Number(/\d+/.exec(indexes)![0]) + 1}位`;
    return label + positions.join('');
  });
  return parts.join('·');
}
