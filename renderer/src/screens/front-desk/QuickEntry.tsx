/**
 * 快速登记: a request from the keyboard in seconds. Tab moves through the short form, Ctrl+S (or
 * Ctrl+Enter) saves, and the form clears for the next visitor with the cursor back on the name.
 * A returning visitor is recognised by phone or ID number as they are typed.
 */

import { Alert, App, Button, Card, Checkbox, Col, Form, Input, type InputRef, Row, Select, Space, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';

import { REQUEST_HANDLINGS } from '../../../../electron/core/schema/codes';
import { ApiError, call } from '../../api/client';
import { navigate } from '../../app/route';
import { messageOf, useCall } from '../../components/useCall';
import { useDebounced } from '../../components/useDebounced';
import { draftFieldOf, draftToInput, EMPTY_DRAFT, needsAnswer, needsOffice, needsRespondent, type QuickDraft } from './quick-draft';
import { DraftItem, type DraftProblems as Problems, RegistrationFields } from './RegistrationFields';

export function QuickEntry({ offices, onSaved }: { offices: readonly string[]; onSaved(): void }) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<QuickDraft>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<InputRef>(null);

  const set = <K extends keyof QuickDraft>(key: K, value: QuickDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setProblems(({ [key]: _gone, ...rest }) => rest as Problems);
  };

  // Recognise a returning visitor once a phone or ID number has been typed.
  const probe = useDebounced({ phone: draft.phone.trim(), idNumber: draft.idNumber.trim(), name: draft.name.trim() }, 400);
  const known = useCall(
    'requests.recognise',
    probe.phone.length >= 7 || probe.idNumber.length >= 15
      ? { phone: probe.phone || undefined, idNumber: probe.idNumber || undefined, name: probe.name || undefined }
      : null,
    [probe.phone, probe.idNumber, probe.name],
  );
  const earlier = probe.phone.length >= 7 || probe.idNumber.length >= 15 ? known.data : undefined;

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved = await call('requests.add', draftToInput(draft));
      message.success({ content: `已登记 ${saved.number}（${saved.state === 'closed' ? '已办结' : '待办理'}）`, key: 'request-saved' });
      setDraft(EMPTY_DRAFT);
      setProblems({});
      onSaved();
      nameRef.current?.focus();
    } catch (failure) {
      const key = failure instanceof ApiError ? draftFieldOf(failure.field) : undefined;
      if (key && key in EMPTY_DRAFT) setProblems({ [key]: messageOf(failure) });
      else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const item = (key: keyof QuickDraft, label: string, control: ReactNode, required = false) => (
    <DraftItem problems={problems} field={key} label={label} required={required}>
      {control}
    </DraftItem>
  );
  const text = (key: 'respondentName' | 'respondentPhone', label: string) => (
    <Input value={draft[key]} onChange={(e) => set(key, e.target.value)} aria-label={label} />
  );

  const returning =
    earlier && earlier.requestCount + earlier.caseCount > 0 ? (
      <Alert
        type="info"
        showIcon
        data-testid="returning-visitor"
        style={{ marginBottom: 12 }}
        title={`回头来访：以前来访登记${earlier.requestCount}次，相关案件${earlier.caseCount}件`}
        description={
          <Space direction="vertical" size={2}>
            {earlier.requests.slice(0, 3).map((r) => (
              <a key={r.id} href={`#/request/${r.id}`}>
                {r.receivedAt.slice(0, 10)} {r.businessTypeLabel} · {r.stateLabel} · {r.matter}
              </a>
            ))}
            {earlier.cases.slice(0, 3).map((c) => (
              <a key={c.caseId} onClick={() => navigate('case', [c.caseId])}>
                {c.caseNumber} · {c.statusLabel} · {c.summary}
              </a>
            ))}
          </Space>
        }
      />
    ) : null;

  const handlingFields = (
    <>
      {item(
        'handling',
        '处理方式',
        <Select
          value={draft.handling}
          onChange={(v) => set('handling', v)}
          options={REQUEST_HANDLINGS.entries.map((t) => ({ value: t.code, label: t.label }))}
          aria-label="处理方式"
          showSearch={{ optionFilterProp: 'label' }}
        />,
      )}
      {needsAnswer(draft) ? (
        <>
          {item(
            'answer',
            '答复内容',
            <Input.TextArea rows={2} value={draft.answer} onChange={(e) => set('answer', e.target.value)} aria-label="答复内容" />,
            true,
          )}
          <Checkbox checked={draft.close} onChange={(e) => set('close', e.target.checked)} style={{ marginBottom: 12 }}>
            登记后即办结（无需回访）
          </Checkbox>
        </>
      ) : null}
      {needsOffice(draft)
        ? item(
            'office',
            '承办单位',
            <Select
              value={draft.office}
              onChange={(v) => set('office', v)}
              options={offices.map((o) => ({ value: o, label: o }))}
              aria-label="承办单位"
              placeholder="请选择"
              showSearch={{ optionFilterProp: 'label' }}
            />,
            true,
          )
        : null}
      {needsRespondent(draft) ? (
        <Row gutter={12}>
          <Col span={12}>{item('respondentName', '被申请人姓名', text('respondentName', '被申请人姓名'), true)}</Col>
          <Col span={12}>{item('respondentPhone', '被申请人电话', text('respondentPhone', '被申请人电话'))}</Col>
        </Row>
      ) : null}
    </>
  );

  return (
    <Card title="快速登记" data-testid="quick-entry" extra={<Typography.Text type="secondary">Ctrl+S 保存</Typography.Text>}>
      <div
        onKeyDown={(event) => {
          if ((event.key === 's' || event.key === 'Enter') && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void save();
          }
        }}
      >
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="quick-entry-error" /> : null}
        <Form layout="vertical" component="div" size="middle">
          <RegistrationFields
            draft={draft}
            problems={problems}
            set={set}
            nameRef={nameRef}
            afterVisitor={returning}
            afterMatter={handlingFields}
          />
          <Button type="primary" size="large" loading={busy} onClick={() => void save()} data-testid="quick-entry-save">
            登记
          </Button>
        </Form>
      </div>
    </Card>
  );
}
