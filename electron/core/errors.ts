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
  | 'TEMPLATE_INVALID' // a template has an error (name, line, column in the message)
  | 'BATCH_INVALID' // a batch file failed verification
  | 'CANCELLED' // the user cancelled a long operation; nothing was written
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

export const invalid = (field: string | undefined, message: string, details?: unknown): DeskError =>
  new DeskError('VALIDATION', field ? `${fieldLabel(field)}：${message}` : message, { field, details });

export const notFound = (message: string): DeskError => new DeskError('NOT_FOUND', message);

export const notAllowed = (message: string): DeskError => new DeskError('NOT_ALLOWED', message);

/** Any thrown value as a DeskError; unknown errors become INTERNAL with their message kept for the log. */
export function asDeskError(error: unknown): DeskError {
  if (error instanceof DeskError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeskError('INTERNAL', `内部错误：${message}`, { cause: error });
}

/**
 * Chinese names of field paths, so that a message reads `当事人第2位·身份证件号码` rather than a bare path.
 * The path itself is still returned in `field` for forms to place the message.
 */
const FIELD_LABELS: Record<string, string> = {
  number: '案号',
  receivedAt: '受理日期',
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
  operator: '当前操作员',
  numberPattern: '案号格式',
};

export function fieldLabel(path: string): string {
  const parts = path.split('.').map((segment) => {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
    if (!match) return segment;
    const [, key, indexes] = match;
    const label = FIELD_LABELS[key] ?? key;
    const positions = [...indexes.matchAll(/\[(\d+)\]/g)].map((m) => `第${Number(m[1]) + 1}项`);
    return key === 'parties' && positions.length ? `当事人第${Number(/\d+/.exec(indexes)![0]) + 1}位` : label + positions.join('');
  });
  return parts.join('·');
}
