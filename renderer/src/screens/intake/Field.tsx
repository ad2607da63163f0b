/** One labelled field of the intake form; `data-field` carries the core's field path (errors, focus, Enter order). */

import { Form } from 'antd';
import type { ReactNode } from 'react';

export function Field(props: { label: string; field: string; error?: string; required?: boolean; extra?: ReactNode; children: ReactNode }) {
  return (
    <Form.Item
      label={props.label}
      required={props.required}
      validateStatus={props.error ? 'error' : undefined}
      help={props.error}
      extra={props.extra}
      data-field={props.field}
    >
      {props.children}
    </Form.Item>
  );
}
