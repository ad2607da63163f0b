/**
 * 修改登记信息: the registration of a request corrected with the quick entry's own fields (a mistyped
 * name or phone, the business type). The core refuses what may not change (a closed request, one
 * reported from a station) and names a bad field, shown beside it; nothing is saved then. Ctrl+S or
 * Ctrl+Enter saves, as in the quick entry.
 */

import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';

import type { Request } from '../../../../electron/core/schema/request';
import { ApiError, call } from '../../api/client';
import { messageOf } from '../../components/useCall';
import { draftFieldOf, draftFromRequest, draftToEdit, EMPTY_DRAFT, type QuickDraft } from './quick-draft';
import { type DraftProblems, RegistrationFields } from './RegistrationFields';

export function EditRequestModal({ request, onClose, onDone }: { request: Request; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<QuickDraft>(() => draftFromRequest(request));
  const [problems, setProblems] = useState<DraftProblems>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof QuickDraft>(key: K, value: QuickDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setProblems(({ [key]: _gone, ...rest }) => rest as DraftProblems);
  };

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await call('requests.edit', { id: request.id, changes: draftToEdit(draft) });
      message.success(`已修改登记信息：${request.number}`);
      onDone();
    } catch (failure) {
      const key = failure instanceof ApiError ? draftFieldOf(failure.field?.replace(/^changes\./, '')) : undefined;
      if (key && key in EMPTY_DRAFT) setProblems({ [key]: messageOf(failure) });
      else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`修改登记信息 ${request.number}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <div
        data-testid="edit-request"
        onKeyDown={(event) => {
          if ((event.key === 's' || event.key === 'Enter') && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void save();
          }
        }}
      >
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="edit-request-error" /> : null}
        <Form layout="vertical" component="div">
          <RegistrationFields draft={draft} problems={problems} set={set} />
        </Form>
      </div>
    </Modal>
  );
}
