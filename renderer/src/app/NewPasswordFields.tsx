/**
 * A new password typed twice, with the core's own rules shown as the user types (the same checks the
 * handler makes, so the form never promises what the core refuses). Field names: `password`, `confirm`.
 */

import { Form, Input } from 'antd';

import { PasswordSchema } from '../../../electron/core/schema/operators';

export function NewPasswordFields({ label = '新密码', name = 'password' }: { label?: string; name?: string }) {
  return (
    <>
      <Form.Item
        label={label}
        name={name}
        extra="至少8位；可用字母、数字和符号。请不要用生日、电话号码。"
        rules={[
          {
            validator: async (_rule, value: string | undefined) => {
              const checked = PasswordSchema.safeParse(value ?? '');
              if (!checked.success) throw new Error(checked.error.issues[0]?.message ?? '密码无效');
            },
          },
        ]}
      >
        <Input.Password size="large" autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="再输入一次"
        name="confirm"
        dependencies={[name]}
        rules={[
          { required: true, message: '请再输入一次密码' },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue(name)) throw new Error('两次输入的密码不一致');
            },
          }),
        ]}
      >
        <Input.Password size="large" autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
