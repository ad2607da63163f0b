/**
 * 受理登记: register a case with a visitor at the desk. Keyboard-first: Tab order follows the page,
 * Enter moves to the next field, Ctrl+S saves. Typing a 居民身份证 number fills birth date and gender.
 * Errors appear at the field as you type (local checks at once, the core's `cases.check` shortly
 * after); the draft is kept in localStorage until the case is saved; then a printable receipt.
 */

import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { localDate } from '../../../../electron/core/dates';
import type { Case } from '../../../../electron/core/schema/case';
import { CASE_SOURCES, DISPUTE_TYPES, GENDERS, ID_TYPES, PARTY_ROLES } from '../../../../electron/core/schema/codes';
import { ApiError, call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import type { ScreenProps } from '../../app/registry';
import { navigate } from '../../app/route';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { messageOf, useCall } from '../../components/useCall';
import { DuplicatesPanel } from '../statistics/DuplicatesPanel';
import { clearDraft, type Draft, DRAFT_KEY, editDraftKey, loadDraft, saveDraft } from './draft';
import { Receipt } from './Receipt';
import {
  changedInput,
  emptyIntake,
  emptyParty,
  fromCase,
  hasContent,
  idFacts,
  type IntakeForm,
  type PartyForm,
  type Problems,
  type Role,
  toCaseInput,
  validateIntake,
} from './validate';

/** Fields whose problems show only after leaving the field or once complete (no nagging mid-number). */
const COMPLETE_LENGTH: Record<string, number> = { idNumber: 18, phone: 11, creditCode: 18, 'agent.phone': 11 };

/** Route: `#/intake` registers a new case; `#/intake/edit/<id>` edits a registered or accepted one. */
export default function IntakeScreen({ params }: ScreenProps) {
  const editId = params[0] === 'edit' ? params[1] : undefined;
  const loaded = useCall('cases.get', editId ? { id: editId } : null, [editId]);
  if (!editId) return <IntakeEditor />;
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  const c = loaded.data?.case as Case | undefined;
  if (!c) return <Card loading />;
  return <IntakeEditor key={c.id} editing={{ id: c.id, number: c.number, original: fromCase(c) }} />;
}

interface Editing {
  id: string;
  number: string;
  original: IntakeForm;
}

function IntakeEditor({ editing }: { editing?: Editing }) {
  const { settings, operator, dataChanged } = useDesk();
  const { message } = App.useApp();
  const today = localDate(new Date());
  const draftKey = editing ? editDraftKey(editing.id) : DRAFT_KEY;
  const [form, setForm] = useState<IntakeForm>(
    () => editing?.original ?? emptyIntake(today, operator && settings?.mediators.includes(operator.name) ? operator.name : undefined),
  );
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverProblems, setServerProblems] = useState<Problems>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Case>();
  const [pendingDraft, setPendingDraft] = useState<Draft | null>(() => loadDraft(localStorage, draftKey));
  const containerRef = useRef<HTMLDivElement>(null);

  const problems = useMemo(() => validateIntake(form, today), [form, today]);

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

  // The core's opinion, shortly after typing stops; placed at the same field paths.
  useEffect(() => {
    if (!hasContent(form)) return;
    const timer = setTimeout(() => {
      call('cases.check', toCaseInput(form)).then(
        (result) => {
          const next: Problems = {};
          for (const p of result.problems) if (!(p.field in next)) next[p.field] = p.message;
          setServerProblems(next);
        },
        () => undefined,
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [form]);

  const visible = useCallback(
    (field: string): string | undefined => {
      const text = problems[field] ?? serverProblems[field];
      if (!text) return undefined;
      if (showAll || touched.has(field)) return text;
      return undefined;
    },
    [problems, serverProblems, showAll, touched],
  );

  const touch = (field: string) => setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));

  const update = (patch: Partial<IntakeForm>, field?: string) => {
    setForm((f) => ({ ...f, ...patch }));
    if (field) touch(field);
  };

  const updateParty = (index: number, patch: Partial<PartyForm>, field?: keyof PartyForm | 'agent.phone' | 'agent.name') => {
    setForm((f) => {
      const parties = f.parties.slice();
      const next = { ...parties[index], ...patch };
      // Birth date and gender follow the ID number as soon as it is complete and valid.
      const facts = idFacts(next, today);
      if (facts && ('idNumber' in patch || 'idType' in patch)) Object.assign(next, facts);
      parties[index] = next;
      return { ...f, parties };
    });
    if (field) {
      const path = `parties[${index}].${field}`;
      const full = COMPLETE_LENGTH[field];
      const value = String((patch as Record<string, unknown>)[field === 'agent.phone' ? 'agentPhone' : field] ?? '');
      if (!full || value.replace(/\s|-/g, '').length >= full) touch(path);
    }
  };

  const addParty = (role: Role) => setForm((f) => ({ ...f, parties: [...f.parties, emptyParty(role)] }));
  const removeParty = (index: number) => setForm((f) => ({ ...f, parties: f.parties.filter((_, i) => i !== index) }));

  const focusField = (field: string) => {
    const el = containerRef.current?.querySelector<HTMLElement>(
      `[data-field="${CSS.escape(field)}"] input, [data-field="${CSS.escape(field)}"] textarea`,
    );
    el?.focus();
  };

  const save = async () => {
    if (saving) return;
    setShowAll(true);
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
        if (Object.keys(changes).length) await call('cases.edit', { id: editing.id, changes: changes as never });
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
        setServerProblems(next);
        focusField(failure.field);
      }
      void message.error(messageOf(failure));
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey) return;
    const target = event.target as HTMLElement;
    // Enter goes on to the next field from plain text inputs; lists, pickers and text areas keep Enter.
    if (!(target instanceof HTMLInputElement) || target.getAttribute('role') === 'combobox' || target.closest('.ant-picker')) return;
    event.preventDefault();
    const fields = [
      ...(containerRef.current?.querySelectorAll<HTMLElement>(
        '[data-field] input:not([disabled]), [data-field] textarea:not([disabled])',
      ) ?? []),
    ];
    const at = fields.indexOf(target);
    fields[at + 1]?.focus();
  };

  if (saved) {
    return (
      <Receipt
        saved={saved}
        onNext={() => {
          setSaved(undefined);
          setForm(emptyIntake(today));
          setTouched(new Set());
          setShowAll(false);
          setServerProblems({});
        }}
      />
    );
  }

  const partiesProblem = visible('parties') ?? (showAll ? problems.parties : undefined);

  return (
    <Page
      title={editing ? `修改案件信息 · ${editing.number}` : '受理登记'}
      subtitle="Tab 或 Enter 到下一项，Ctrl+S 保存；草稿自动保存在本机"
      extra={
        <Button type="primary" size="large" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="intake-save">
          {editing ? '保存修改' : '保存登记'}（Ctrl+S）
        </Button>
      }
    >
      <Modal
        open={pendingDraft !== null}
        title={editing ? '发现未保存的修改' : '发现未保存的登记草稿'}
        okText="恢复草稿"
        cancelText="丢弃"
        closable={false}
        maskClosable={false}
        onOk={() => {
          if (pendingDraft) setForm(pendingDraft.form);
          setPendingDraft(null);
        }}
        onCancel={() => {
          clearDraft(localStorage, draftKey);
          setPendingDraft(null);
        }}
      >
        {pendingDraft ? (
          <Typography.Paragraph>
            上次填写到一半的登记表（{dayjs(pendingDraft.savedAt).format('M月D日 HH:mm')}，
            {pendingDraft.form.parties
              .map((p) => p.name)
              .filter(Boolean)
              .join('、') || '尚未填写当事人'}
            ）还没有保存。要恢复吗？
          </Typography.Paragraph>
        ) : null}
      </Modal>

      <div ref={containerRef} onKeyDown={onKeyDown} className="intake">
        <Form layout="vertical" component="div">
          <Card title="案件信息" style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={24} md={6}>
                <Field label="受理日期" field="receivedAt" error={visible('receivedAt')}>
                  <DatePicker
                    style={{ width: '100%' }}
                    value={form.receivedAt ? dayjs(form.receivedAt) : null}
                    onChange={(d) => update({ receivedAt: d ? d.format('YYYY-MM-DD') : '' }, 'receivedAt')}
                    disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                    allowClear={false}
                  />
                </Field>
              </Col>
              <Col xs={24} md={6}>
                <Field label="纠纷类型" field="disputeType" error={visible('disputeType')} required>
                  <Select
                    autoFocus
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder="请选择"
                    value={form.disputeType || undefined}
                    onChange={(v: string) => update({ disputeType: v }, 'disputeType')}
                    options={DISPUTE_TYPES.entries.map((e) => ({ value: e.code, label: e.label }))}
                  />
                </Field>
              </Col>
              <Col xs={24} md={6}>
                <Field label="案件来源" field="source">
                  <Select
                    value={form.source}
                    onChange={(v: string) => update({ source: v })}
                    options={CASE_SOURCES.entries.map((e) => ({ value: e.code, label: e.label }))}
                  />
                </Field>
              </Col>
              <Col xs={24} md={6}>
                <Field label="人民调解员" field="mediators">
                  <Select
                    mode="tags"
                    placeholder="选择或输入姓名"
                    value={form.mediators}
                    onChange={(v: string[]) => update({ mediators: v })}
                    options={(settings?.mediators ?? []).map((m) => ({ value: m, label: m }))}
                  />
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field label="案由" field="summary" error={visible('summary')} required>
                  <Input
                    value={form.summary}
                    maxLength={100}
                    placeholder="例如：邻里排水纠纷"
                    onChange={(e) => update({ summary: e.target.value }, 'summary')}
                  />
                </Field>
              </Col>
              <Col xs={24} md={6}>
                <Field label="涉及金额（元）" field="amount" error={visible('amount')}>
                  <Input
                    value={form.amount}
                    inputMode="decimal"
                    placeholder="0.00"
                    onChange={(e) => update({ amount: e.target.value }, 'amount')}
                  />
                </Field>
              </Col>
              <Col xs={24} md={6}>
                <Field label="涉及人数" field="peopleInvolved" error={visible('peopleInvolved')}>
                  <Input
                    value={form.peopleInvolved}
                    inputMode="numeric"
                    placeholder="默认为当事人人数"
                    onChange={(e) => update({ peopleInvolved: e.target.value }, 'peopleInvolved')}
                  />
                </Field>
              </Col>
            </Row>
          </Card>

          <Card
            title="当事人"
            style={{ marginBottom: 16 }}
            extra={
              <Space wrap>
                <Button icon={<PlusOutlined />} onClick={() => addParty('applicant')}>
                  添加申请人
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => addParty('respondent')}>
                  添加被申请人
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => addParty('third-party')}>
                  添加第三人
                </Button>
              </Space>
            }
          >
            {partiesProblem ? (
              <Alert type="error" showIcon title={partiesProblem} style={{ marginBottom: 12 }} data-testid="parties-problem" />
            ) : null}
            {form.parties.map((party, index) => (
              <PartyCard
                key={party.key}
                index={index}
                party={party}
                today={today}
                canRemove={form.parties.length > 2}
                visible={visible}
                onChange={(patch, field) => updateParty(index, patch, field)}
                onBlur={(field) => touch(`parties[${index}].${field}`)}
                onRemove={() => removeParty(index)}
              />
            ))}
            {/* 查重: the same ID number, credit code, or name with phone/address in other cases; never blocks saving. */}
            <DuplicatesPanel parties={form.parties} excludeCaseId={editing?.id} />
          </Card>

          <Card title="纠纷情况" style={{ marginBottom: 16 }}>
            <Field label="纠纷简要情况" field="facts" error={visible('facts')}>
              <Input.TextArea rows={4} value={form.facts} onChange={(e) => update({ facts: e.target.value }, 'facts')} />
            </Field>
            <Field label="当事人请求" field="claims" error={visible('claims')}>
              <Input.TextArea rows={3} value={form.claims} onChange={(e) => update({ claims: e.target.value }, 'claims')} />
            </Field>
          </Card>
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

function Field(props: { label: string; field: string; error?: string; required?: boolean; extra?: ReactNode; children: ReactNode }) {
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

function PartyCard(props: {
  index: number;
  party: PartyForm;
  today: string;
  canRemove: boolean;
  visible(field: string): string | undefined;
  onChange(patch: Partial<PartyForm>, field?: keyof PartyForm | 'agent.phone' | 'agent.name'): void;
  onBlur(field: string): void;
  onRemove(): void;
}) {
  const { party: p, index } = props;
  const at = (field: string) => `parties[${index}].${field}`;
  const facts = idFacts(p, props.today);
  const roleLabel = PARTY_ROLES.labels[p.role];
  return (
    <Card
      size="small"
      className={`party-card role-${p.role}`}
      data-testid={`party-${index}`}
      title={
        <Space wrap>
          <span>当事人{index + 1}</span>
          <Select
            aria-label={`当事人${index + 1}的身份`}
            value={p.role}
            style={{ width: 130 }}
            onChange={(role: Role) => props.onChange({ role })}
            options={PARTY_ROLES.entries.map((e) => ({ value: e.code, label: e.label }))}
          />
          <Radio.Group
            value={p.kind}
            onChange={(e) => props.onChange({ kind: e.target.value })}
            options={[
              { value: 'person', label: '自然人' },
              { value: 'organization', label: '法人或其他组织' },
            ]}
          />
        </Space>
      }
      extra={
        props.canRemove ? (
          <Button danger type="text" icon={<DeleteOutlined />} onClick={props.onRemove} aria-label={`删除当事人${index + 1}`}>
            删除
          </Button>
        ) : null
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Field
            label={p.kind === 'person' ? `${roleLabel}姓名` : `${roleLabel}名称`}
            field={at('name')}
            error={props.visible(at('name'))}
            required
          >
            <Input value={p.name} onChange={(e) => props.onChange({ name: e.target.value }, 'name')} onBlur={() => props.onBlur('name')} />
          </Field>
        </Col>
        {p.kind === 'person' ? (
          <>
            <Col xs={24} md={5}>
              <Field label="证件类型" field={at('idType')}>
                <Select
                  value={p.idType}
                  onChange={(idType: string) => props.onChange({ idType }, 'idType')}
                  options={ID_TYPES.entries.map((e) => ({ value: e.code, label: e.label }))}
                />
              </Field>
            </Col>
            <Col xs={24} md={7}>
              <Field
                label="证件号码"
                field={at('idNumber')}
                error={props.visible(at('idNumber'))}
                extra={
                  facts ? (
                    <span className="derived" data-testid={`derived-${index}`}>
                      出生日期 {facts.birthDate}，{GENDERS.labels[facts.gender]}
                    </span>
                  ) : undefined
                }
              >
                <Input
                  className="mono"
                  value={p.idNumber}
                  maxLength={p.idType === 'resident-id' ? 20 : 40}
                  onChange={(e) => props.onChange({ idNumber: e.target.value }, 'idNumber')}
                  onBlur={() => props.onBlur('idNumber')}
                />
              </Field>
            </Col>
            <Col xs={12} md={3}>
              <Field label="性别" field={at('gender')} error={props.visible(at('gender'))}>
                <Select
                  disabled={Boolean(facts)}
                  value={(facts?.gender ?? p.gender) || undefined}
                  placeholder="—"
                  onChange={(gender: 'male' | 'female') => props.onChange({ gender }, 'gender')}
                  options={GENDERS.entries.map((e) => ({ value: e.code, label: e.label }))}
                />
              </Field>
            </Col>
            <Col xs={12} md={3}>
              <Field label="民族" field={at('ethnicity')}>
                <Input value={p.ethnicity} onChange={(e) => props.onChange({ ethnicity: e.target.value }, 'ethnicity')} />
              </Field>
            </Col>
            <Col xs={24} md={6}>
              <Field label="出生日期" field={at('birthDate')} error={props.visible(at('birthDate'))}>
                <DatePicker
                  style={{ width: '100%' }}
                  disabled={Boolean(facts)}
                  value={(facts?.birthDate ?? p.birthDate) ? dayjs(facts?.birthDate ?? p.birthDate) : null}
                  onChange={(d) => props.onChange({ birthDate: d ? d.format('YYYY-MM-DD') : '' }, 'birthDate')}
                />
              </Field>
            </Col>
            <Col xs={24} md={6}>
              <Field label="职业或职务" field={at('occupation')}>
                <Input value={p.occupation} onChange={(e) => props.onChange({ occupation: e.target.value }, 'occupation')} />
              </Field>
            </Col>
          </>
        ) : (
          <>
            <Col xs={24} md={8}>
              <Field label="统一社会信用代码" field={at('creditCode')} error={props.visible(at('creditCode'))}>
                <Input
                  className="mono"
                  value={p.creditCode}
                  onChange={(e) => props.onChange({ creditCode: e.target.value }, 'creditCode')}
                  onBlur={() => props.onBlur('creditCode')}
                />
              </Field>
            </Col>
            <Col xs={12} md={5}>
              <Field label="法定代表人/负责人" field={at('representative')}>
                <Input value={p.representative} onChange={(e) => props.onChange({ representative: e.target.value }, 'representative')} />
              </Field>
            </Col>
            <Col xs={12} md={5}>
              <Field label="职务" field={at('representativeTitle')}>
                <Input
                  value={p.representativeTitle}
                  onChange={(e) => props.onChange({ representativeTitle: e.target.value }, 'representativeTitle')}
                />
              </Field>
            </Col>
          </>
        )}
        <Col xs={24} md={6}>
          <Field label="联系电话" field={at('phone')} error={props.visible(at('phone'))}>
            <Input
              value={p.phone}
              inputMode="tel"
              onChange={(e) => props.onChange({ phone: e.target.value }, 'phone')}
              onBlur={() => props.onBlur('phone')}
            />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field label="住址" field={at('address')}>
            <Input value={p.address} onChange={(e) => props.onChange({ address: e.target.value }, 'address')} />
          </Field>
        </Col>
        <Col xs={24} md={4}>
          <Field label="委托代理人" field={at('agent.name')} error={props.visible(at('agent.name'))}>
            <Input
              value={p.agentName}
              placeholder="无可不填"
              onChange={(e) => props.onChange({ agentName: e.target.value }, 'agent.name')}
            />
          </Field>
        </Col>
        {p.agentName.trim() ? (
          <>
            <Col xs={12} md={4}>
              <Field label="与当事人关系" field={at('agent.relation')}>
                <Input value={p.agentRelation} onChange={(e) => props.onChange({ agentRelation: e.target.value })} />
              </Field>
            </Col>
            <Col xs={12} md={4}>
              <Field label="代理人电话" field={at('agent.phone')} error={props.visible(at('agent.phone'))}>
                <Input
                  value={p.agentPhone}
                  onChange={(e) => props.onChange({ agentPhone: e.target.value }, 'agent.phone')}
                  onBlur={() => props.onBlur('agent.phone')}
                />
              </Field>
            </Col>
          </>
        ) : null}
      </Row>
    </Card>
  );
}
