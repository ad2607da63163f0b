/**
 * 纠纷登记: register a case with a visitor at the desk. Keyboard-first: Tab order follows the page,
 * Enter moves to the next field, Ctrl+S saves. Typing a 居民身份证 number fills birth date and gender.
 * Errors appear at the field as you type (local checks at once, the core's `cases.check` shortly
 * after); the draft is kept in localStorage until the case is saved; then a printable receipt.
 * The form's parts: CaseInfoCard, PartiesCard (PartyCard each), DisputeCard; its state: useIntakeForm.
 */

import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Space } from 'antd';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';

import { localDate } from '../../../../electron/core/dates';
import type { Case } from '../../../../electron/core/schema/case';
import { ApiError, call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import type { ScreenProps } from '../../app/registry';
import { navigate } from '../../app/route';
import { enterToNext } from '../../components/enterNext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';
import { CaseInfoCard } from './CaseInfoCard';
import { CorrectionReason } from './CorrectionReason';
import { DisputeCard } from './DisputeCard';
import { clearDraft, type Draft, DRAFT_KEY, editDraftKey, loadDraft, saveDraft } from './draft';
import { DraftPrompt } from './DraftPrompt';
import { PartiesCard } from './PartiesCard';
import { Receipt } from './Receipt';
import { useIntakeForm } from './useIntakeForm';
import { changedInput, emptyIntake, fromCase, hasContent, type IntakeForm, type Problems, toCaseInput } from './validate';

/** Route: `#/intake` registers a new case; `#/intake/edit/<id>` corrects one before 结案 (with a reason once agreed). */
export default function IntakeScreen({ params }: ScreenProps) {
  const editId = params[0] === 'edit' ? params[1] : undefined;
  const loaded = useCall('cases.get', editId ? { id: editId } : null, [editId]);
  if (!editId) return <IntakeEditor />;
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  const c = loaded.data?.case as Case | undefined;
  if (!c) return <Card loading />;
  return (
    <IntakeEditor key={c.id} editing={{ id: c.id, number: c.number, original: fromCase(c), needsReason: c.agreement !== undefined }} />
  );
}

interface Editing {
  id: string;
  number: string;
  original: IntakeForm;
  /** The case has an agreement: a correction needs a reason, recorded in the log. */
  needsReason: boolean;
}

function IntakeEditor({ editing }: { editing?: Editing }) {
  const { settings, operator, dataChanged } = useDesk();
  const { message } = App.useApp();
  const report = useFailure();
  const today = localDate(new Date());
  const draftKey = editing ? editDraftKey(editing.id) : DRAFT_KEY;
  // The signed-in operator is the default 人民调解员 when they are one: for this case and every next one.
  const defaultMediator = operator && settings?.mediators.includes(operator.name) ? operator.name : undefined;
  const intake = useIntakeForm(() => editing?.original ?? emptyIntake(today, defaultMediator), today);
  const { form, problems, visible } = intake;
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Case>();
  const [pendingDraft, setPendingDraft] = useState<Draft | null>(() => loadDraft(localStorage, draftKey));
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<string>();
  const containerRef = useRef<HTMLDivElement>(null);

  // Keep the draft on every change, but not while the earlier draft is still being offered back.
  useEffect(() => {
    if (pendingDraft || saved) return;
    if (editing ? JSON.stringify(form) !== JSON.stringify(editing.original) : hasContent(form))
      saveDraft(form, new Date(), localStorage, draftKey);
  }, [form, pendingDraft, saved, editing, draftKey]);

  // Tell the desktop shell: it neither restarts to update nor closes without asking while this is true.
  const unsaved = (editing ? JSON.stringify(form) !== JSON.stringify(editing.original) : hasContent(form)) && !saved;
  useEffect(() => {
    void window.desk?.setUnsavedWork?.(unsaved);
  }, [unsaved]);
  useEffect(() => () => void window.desk?.setUnsavedWork?.(false), []);

  const focusField = (field: string) => {
    const el = containerRef.current?.querySelector<HTMLElement>(
      `[data-field="${CSS.escape(field)}"] input, [data-field="${CSS.escape(field)}"] textarea`,
    );
    el?.focus();
  };

  const save = async () => {
    if (saving) return;
    intake.setShowAll(true);
    const first = Object.keys(problems)[0];
    if (first) {
      focusField(first);
      void message.warning('请先改正标红的内容');
      return;
    }
    setSaving(true);
    try {
      if (editing) {
        const changes = changedInput(editing.original, form);
        if (Object.keys(changes).length && editing.needsReason && !reason.trim()) {
          setReasonProblem('本案已达成协议，请填写修改理由（记入操作记录）');
          containerRef.current?.querySelector<HTMLElement>('[data-field="reason"] textarea')?.focus();
          return;
        }
        if (Object.keys(changes).length)
          await call('cases.edit', {
            id: editing.id,
            changes: { ...changes, ...(reason.trim() ? { reason: reason.trim() } : {}) } as never,
          });
        clearDraft(localStorage, draftKey);
        dataChanged();
        void message.success(Object.keys(changes).length ? '已保存修改' : '没有需要保存的修改');
        navigate('case', [editing.id]);
        return;
      }
      const created = (await call('cases.add', toCaseInput(form) as never)) as Case;
      clearDraft(localStorage, draftKey);
      setSaved(created);
      dataChanged();
    } catch (failure) {
      if (failure instanceof ApiError && failure.field) {
        const next: Problems = { [failure.field]: failure.message.replace(/^[^：]*：/, '') };
        const all = (failure.details as { problems?: { field: string; message: string }[] } | undefined)?.problems ?? [];
        for (const p of all) next[p.field] ??= p.message;
        intake.setServerProblems(next);
        focusField(failure.field);
      }
      report(failure);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  };

  if (saved) {
    return (
      <Receipt
        saved={saved}
        onNext={() => {
          setSaved(undefined);
          intake.reset(emptyIntake(today, defaultMediator));
        }}
      />
    );
  }

  const partiesProblem = visible('parties') ?? (intake.showAll ? problems.parties : undefined);

  return (
    <Page
      title={editing ? `修改案件信息 · ${editing.number}` : '纠纷登记'}
      subtitle="Tab 或 Enter 到下一项，Ctrl+S 保存；草稿自动保存在本机"
      extra={
        <Button type="primary" size="large" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="intake-save">
          {editing ? '保存修改' : '保存登记'}（Ctrl+S）
        </Button>
      }
    >
      <DraftPrompt
        draft={pendingDraft}
        editing={Boolean(editing)}
        onRestore={(draft) => {
          intake.setForm(draft.form);
          setPendingDraft(null);
        }}
        onDiscard={() => {
          clearDraft(localStorage, draftKey);
          setPendingDraft(null);
        }}
      />

      <div
        ref={containerRef}
        onKeyDown={onKeyDown}
        onKeyDownCapture={(e) => enterToNext(e, containerRef.current, '[data-field]')}
        className="intake"
      >
        <Form layout="vertical" component="div">
          <CaseInfoCard form={form} mediators={settings?.mediators ?? []} visible={visible} update={intake.update} />
          <PartiesCard
            form={form}
            today={today}
            problem={partiesProblem}
            excludeCaseId={editing?.id}
            visible={visible}
            updateParty={intake.updateParty}
            touch={intake.touch}
            addParty={intake.addParty}
            removeParty={intake.removeParty}
            bringIn={intake.bringInParty}
          />
          <DisputeCard form={form} visible={visible} update={intake.update} />
          {editing ? (
            <CorrectionReason
              value={reason}
              required={editing.needsReason}
              problem={reasonProblem}
              onChange={(text) => {
                setReason(text);
                setReasonProblem(undefined);
              }}
            />
          ) : null}
          <Space>
            <Button type="primary" size="large" icon={<SaveOutlined />} loading={saving} onClick={() => void save()}>
              {editing ? '保存修改' : '保存登记'}（Ctrl+S）
            </Button>
          </Space>
        </Form>
      </div>
    </Page>
  );
}
