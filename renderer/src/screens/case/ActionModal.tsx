/**
 * One workflow action's small form; asks again before an action that cannot be undone. Corrections
 * start from the current values (`current`) and send only what changed, with the reason.
 */

import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';

import { ACTION_LABELS, type CaseAction } from '../../../../electron/core/schema/case';
import { ApiError, call } from '../../api/client';
import { enterToNext, focusFirstField } from '../../components/enterNext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { messageOf } from '../../components/useCall';
import {
  ACTION_FIELDS,
  type ActionField,
  type ActionValues,
  changedDetails,
  IRREVERSIBLE,
  missingRequired,
  moveTerm,
  toDetails,
} from './actions';

export function ActionModal(props: {
  caseId: string;
  caseNumber: string;
  action: CaseAction;
  initial: ActionValues;
  /** Details the form does not ask for (which session record). */
  fixed?: Record<string, unknown>;
  /** For a correction: the values as they are now; only changes are sent. */
  current?: ActionValues;
  /** What the action concerns, said above the form (e.g. which step an undo takes back). */
  note?: string;
  /** Shown after the action's name in the title (e.g. `第2次调解`). */
  what?: string;
  onClose(): void;
  onDone(): void;
}) {
  const { modal } = App.useApp();
  const [values, setValues] = useState<ActionValues>(props.initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const label = ACTION_LABELS[props.action];

  const set = (name: string, value: unknown) => {
    setValues((v) => ({ ...v, [name]: value }));
    setProblems(({ [name]: _gone, ...rest }) => rest);
  };

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const details = props.current ? changedDetails(props.action, values, props.current) : toDetails(props.action, values);
      await call('cases.act', { id: props.caseId, action: props.action, details: { ...props.fixed, ...details } });
      props.onDone();
    } catch (failure) {
      if (failure instanceof ApiError && failure.field) {
        const name = failure.field.replace(/^details\./, '').replace(/\[\d+\]$/, '');
        setProblems({ [name]: failure.message });
      } else setError(failure instanceof Error ? failure : new Error(messageOf(failure)));
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    const missing = missingRequired(props.action, values);
    if (Object.keys(missing).length) {
      setProblems(missing);
      return;
    }
    if (IRREVERSIBLE.has(props.action)) {
      modal.confirm({
        title: `确定要“${label}”吗？`,
        content: `案件 ${props.caseNumber}：此操作完成后不能撤销，将记入操作记录。`,
        okText: `确定${label}`,
        cancelText: '再想想',
        okButtonProps: { danger: props.action !== 'sign' },
        onOk: run,
      });
    } else void run();
  };

  // Keyboard-first: the dialog opens on its first field (not on ✕); Ctrl+Enter submits from anywhere
  // in it; Enter goes to the next field (in the texts it starts a new line).
  const body = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <Modal
      open
      afterOpenChange={(open) => open && focusFirstField(body.current)}
      modalRender={(node) => (
        <div onKeyDown={onKeyDown} onKeyDownCapture={(e) => enterToNext(e, body.current)}>
          {node}
        </div>
      )}
      title={`${label}${props.what ? `（${props.what}）` : ''} · ${props.caseNumber}`}
      okText={label}
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={props.onClose}
      width={['agree', 'record-session', 'amend-agreement', 'supplement', 'edit-session'].includes(props.action) ? 760 : 560}
      destroyOnHidden
      maskClosable={false}
    >
      {error ? (
        <div data-testid="action-error">
          <ErrorNotice error={error} onClose={() => setError(undefined)} />
        </div>
      ) : null}
      {props.note ? <Alert type="info" showIcon title={props.note} style={{ marginBottom: 16 }} data-testid="action-note" /> : null}
      <div ref={body} data-testid="action-form">
        <Form layout="vertical" component="div">
          {ACTION_FIELDS[props.action].map((field, i) => (
            <Form.Item
              key={field.name}
              label={field.type === 'checkbox' ? undefined : field.label}
              required={field.required}
              validateStatus={problems[field.name] ? 'error' : undefined}
              help={problems[field.name]}
            >
              <FieldInput field={field} value={values[field.name]} onChange={(v) => set(field.name, v)} autoFocus={i === 0} />
            </Form.Item>
          ))}
          <Typography.Text type="secondary">Ctrl+Enter 提交</Typography.Text>
        </Form>
      </div>
    </Modal>
  );
}

function FieldInput({
  field,
  value,
  onChange,
  autoFocus,
}: {
  field: ActionField;
  value: unknown;
  onChange(v: unknown): void;
  autoFocus: boolean;
}) {
  switch (field.type) {
    case 'date':
      return (
        <DatePicker
          autoFocus={autoFocus}
          style={{ width: 220 }}
          value={value ? dayjs(String(value)) : null}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
          aria-label={field.label}
        />
      );
    case 'textarea':
      return (
        <Input.TextArea
          autoFocus={autoFocus}
          rows={field.name === 'content' ? 6 : 3}
          value={String(value ?? '')}
          placeholder={field.placeholder}
          onChange={(e) => onChange(e.target.value)}
          aria-label={field.label}
        />
      );
    case 'select':
      return (
        <Select
          style={{ width: 260 }}
          allowClear={!field.required}
          value={value as string | undefined}
          placeholder="请选择"
          onChange={onChange}
          options={field.options?.map((o) => ({ value: o.code, label: o.label }))}
          aria-label={field.label}
        />
      );
    case 'checkbox':
      return (
        <Checkbox checked={value === true} onChange={(e) => onChange(e.target.checked)}>
          {field.label}
        </Checkbox>
      );
    case 'terms':
      return <TermsEditor terms={(value as string[]) ?? ['']} onChange={onChange} />;
    case 'number':
      return (
        <Input
          style={{ width: 220 }}
          inputMode="numeric"
          value={String(value ?? '')}
          placeholder={field.placeholder}
          onChange={(e) => onChange(e.target.value)}
          aria-label={field.label}
        />
      );
    default:
      return (
        <Input
          autoFocus={autoFocus}
          value={String(value ?? '')}
          placeholder={field.placeholder}
          onChange={(e) => onChange(e.target.value)}
          aria-label={field.label}
        />
      );
  }
}

/** 协议条款: numbered terms, added, removed and reordered. */
export function TermsEditor({ terms, onChange }: { terms: string[]; onChange(terms: string[]): void }) {
  // 添加一条 puts the cursor in the new term.
  const list = useRef<HTMLDivElement>(null);
  const count = useRef(terms.length);
  useEffect(() => {
    if (terms.length > count.current) list.current?.querySelectorAll('textarea')[terms.length - 1]?.focus();
    count.current = terms.length;
  }, [terms.length]);
  return (
    <div className="terms-list" data-testid="terms-editor" ref={list}>
      {terms.map((term, i) => (
        <div className="term-row" key={i}>
          <span className="term-no">{`第${i + 1}条`}</span>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 6 }}
            value={term}
            aria-label={`协议条款第${i + 1}条`}
            onChange={(e) => onChange(terms.map((t, j) => (j === i ? e.target.value : t)))}
          />
          <Button icon={<ArrowUpOutlined />} aria-label="上移" disabled={i === 0} onClick={() => onChange(moveTerm(terms, i, -1))} />
          <Button
            icon={<ArrowDownOutlined />}
            aria-label="下移"
            disabled={i === terms.length - 1}
            onClick={() => onChange(moveTerm(terms, i, 1))}
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label="删除此条"
            disabled={terms.length === 1}
            onClick={() => onChange(terms.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange([...terms, ''])}>
        添加一条
      </Button>
    </div>
  );
}
