/** One request action's small form (答复, 转办, 登记办理结果, 告知, 回访, 处理不满意, 转人民调解, 办结). */

import { Alert, Form, Modal, Typography } from 'antd';
import { useState } from 'react';

import { REQUEST_ACTION_LABELS, type RequestAction } from '../../../../electron/core/schema/request';
import { ApiError, call } from '../../api/client';
import { messageOf } from '../../components/useCall';
import { FieldInput } from '../case/ActionModal';
import type { ActionValues } from '../case/actions';
import { formFieldOf, initialValues, missingRequestFields, requestActionDetails, requestActionFields } from './request-actions';

export function RequestActionModal(props: {
  requestId: string;
  requestNumber: string;
  action: RequestAction;
  offices: readonly string[];
  onClose(): void;
  onDone(made?: { id: string; number: string }): void;
}) {
  const [values, setValues] = useState<ActionValues>(() => initialValues(props.action));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const label = REQUEST_ACTION_LABELS[props.action];
  const fields = requestActionFields(props.action, props.offices);

  const set = (name: string, value: unknown) => {
    setValues((v) => ({ ...v, [name]: value }));
    setProblems(({ [name]: _gone, ...rest }) => rest);
  };

  const submit = async () => {
    const missing = missingRequestFields(props.action, values, props.offices);
    if (Object.keys(missing).length) {
      setProblems(missing);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const result = await call('requests.act', {
        id: props.requestId,
        action: props.action,
        details: requestActionDetails(props.action, values),
      });
      props.onDone(result.case);
    } catch (failure) {
      const name = failure instanceof ApiError && failure.field ? formFieldOf(failure.field) : undefined;
      if (name && fields.some((f) => f.name === name)) setProblems({ [name]: messageOf(failure) });
      else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${label} · ${props.requestNumber}`}
      okText={label}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={props.onClose}
      width={560}
      destroyOnHidden
      maskClosable={false}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="request-action-error" /> : null}
      <div
        onKeyDown={(event) => {
          // Keyboard-first, as the case actions: Ctrl+Enter submits from any field.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void submit();
          }
        }}
      >
        <Form layout="vertical" component="div">
          {props.action === 'to-mediation' ? (
            <Typography.Paragraph type="secondary">来访人作为申请人，来访事项作为纠纷事实，案件来源为“当事人申请”。</Typography.Paragraph>
          ) : null}
          {fields.map((field, i) => (
            <Form.Item
              key={field.name}
              label={field.label}
              required={field.required}
              validateStatus={problems[field.name] ? 'error' : undefined}
              help={problems[field.name]}
            >
              <FieldInput
                field={field}
                value={values[field.name]}
                onChange={(v) => set(field.name, v)}
                autoFocus={i === 1 || fields.length === 1}
              />
            </Form.Item>
          ))}
          <Typography.Text type="secondary">日期不填为今天 · Ctrl+Enter 提交</Typography.Text>
        </Form>
      </div>
    </Modal>
  );
}
