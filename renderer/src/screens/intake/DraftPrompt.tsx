/** Offers back the draft left unsaved last time (a crash, a power cut, a closed window). */

import { Modal, Typography } from 'antd';
import dayjs from 'dayjs';

import type { Draft } from './draft';

export function DraftPrompt(props: { draft: Draft | null; editing: boolean; onRestore(draft: Draft): void; onDiscard(): void }) {
  const { draft } = props;
  return (
    <Modal
      open={draft !== null}
      title={props.editing ? '发现未保存的修改' : '发现未保存的登记草稿'}
      okText="恢复草稿"
      cancelText="丢弃"
      closable={false}
      maskClosable={false}
      onOk={() => draft && props.onRestore(draft)}
      onCancel={props.onDiscard}
    >
      {draft ? (
        <Typography.Paragraph>
          上次填写到一半的登记表（{dayjs(draft.savedAt).format('M月D日 HH:mm')}，
          {draft.form.parties
            .map((p) => p.name)
            .filter(Boolean)
            .join('、') || '尚未填写当事人'}
          ）还没有保存。要恢复吗？
        </Typography.Paragraph>
      ) : null}
    </Modal>
  );
}
