import { App, type Form } from 'antd';
import { useState } from 'react';

import type { Settings } from '../../../../electron/core/schema/settings';
import { ApiError } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { useFailure } from '../../components/useFailure';

/** Save a patch, placing a refused field's message at the field. */
export function useSave(form: ReturnType<typeof Form.useForm>[0]) {
  const { updateSettings } = useDesk();
  const { message } = App.useApp();
  const report = useFailure();
  const [saving, setSaving] = useState(false);
  const save = async (patch: Partial<Settings>) => {
    setSaving(true);
    try {
      await updateSettings(patch);
      void message.success('已保存');
    } catch (failure) {
      if (failure instanceof ApiError && failure.field) form.setFields([{ name: failure.field.split('.'), errors: [failure.message] }]);
      else report(failure);
    } finally {
      setSaving(false);
    }
  };
  return { save, saving };
}
