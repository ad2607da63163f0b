/**
 * The workbench's pure logic: register filtering/sorting, intake checks and conversion (agreeing with
 * the core's schema), action forms (mirroring ACTION_SCHEMAS), draft storage, hash routes, registry.
 */

import { describe, expect, it } from 'vitest';

import { type CaseSummary, summarise } from '../../electron/core/cases/search';
import { ACTION_SCHEMAS, CASE_ACTIONS, CaseEditSchema, CaseInputSchema } from '../../electron/core/schema/case';
import { collectScreens, collectSlots, offeredAt } from '../../renderer/src/app/registry-core';
import { formatHash, parseHash } from '../../renderer/src/app/route';
import { ACTION_FIELDS, initialValues, IRREVERSIBLE, missingRequired, moveTerm, toDetails } from '../../renderer/src/screens/case/actions';
import { awaitingSignature } from '../../renderer/src/screens/home/queues';
import { clearDraft, DRAFT_KEY, loadDraft, saveDraft } from '../../renderer/src/screens/intake/draft';
import {
  changedInput,
  emptyIntake,
  emptyParty,
  fromCase,
  hasContent,
  idFacts,
  type IntakeForm,
  toCaseInput,
  validateIntake,
} from '../../renderer/src/screens/intake/validate';
import { filterRows, numberKey, registerView, sortRows } from '../../renderer/src/screens/register/filter';
import { IDS } from '../support/desk';
import { generateCases } from '../support/generate-cases';

const TODAY = '2026-11-23';

describe('register list', () => {
  const rows: CaseSummary[] = generateCases(400, { seed: 3 }).map(summarise);

  it('filters by status, type, mediator and date range exactly like a plain scan', () => {
    const filters = { statuses: ['accepted', 'closed'], type: 'neighbour', from: '2023-01-01', to: '2025-12-31' };
    const expected = rows.filter(
      (r) =>
        filters.statuses.includes(r.status) &&
        r.disputeType === 'neighbour' &&
        r.receivedAt >= '2023-01-01' &&
        r.receivedAt <= '2025-12-31',
    );
    expect(filterRows(rows, filters)).toEqual(expected);
    const mediator = rows[0].mediators[0];
    expect(filterRows(rows, { mediator })).toEqual(rows.filter((r) => r.mediators.includes(mediator)));
    expect(filterRows(rows, {})).toBe(rows);
  });

  it('orders 案号 by year and sequence as numbers, stable for ties, both directions', () => {
    expect(numberKey('（2026）东城调字第12号')).toEqual([2026, 12]);
    expect(numberKey('（2025）东城调字第9号')).toEqual([2025, 9]);
    const picked = [
      { ...rows[0], number: '（2026）东城调字第12号' },
      { ...rows[1], number: '（2026）东城调字第9号' },
      { ...rows[2], number: '（2025）东城调字第100号' },
    ];
    expect(sortRows(picked, { key: 'number', order: 'ascend' }).map((r) => r.number)).toEqual([
      '（2025）东城调字第100号',
      '（2026）东城调字第9号',
      '（2026）东城调字第12号',
    ]);
    expect(sortRows(picked, { key: 'number', order: 'descend' }).map((r) => r.number)).toEqual([
      '（2026）东城调字第12号',
      '（2026）东城调字第9号',
      '（2025）东城调字第100号',
    ]);
  });

  it('sorts by amount and date like a comparator sort, keeping equal rows in their order', () => {
    for (const key of ['amountFen', 'receivedAt', 'status', 'disputeType'] as const) {
      for (const order of ['ascend', 'descend'] as const) {
        const sign = order === 'ascend' ? 1 : -1;
        const rank = (r: CaseSummary) =>
          key === 'status' ? ['registered', 'accepted', 'agreed', 'failed', 'withdrawn', 'declined', 'closed'].indexOf(r.status) : r[key];
        const expected = rows
          .map((r, i) => ({ r, i }))
          .sort((a, b) => (rank(a.r) < rank(b.r) ? -sign : rank(a.r) > rank(b.r) ? sign : a.i - b.i))
          .map((x) => x.r.id);
        expect(
          sortRows(rows, { key, order }).map((r) => r.id),
          `${key} ${order}`,
        ).toEqual(expected);
      }
    }
    expect(registerView(rows, {}, undefined)).toBe(rows);
  });

  it('falls back to the comparator for keys too large to pack', () => {
    const big = [
      { ...rows[0], amountFen: 2 ** 40 },
      { ...rows[1], amountFen: 5 },
      { ...rows[2], amountFen: 2 ** 39 },
    ];
    expect(sortRows(big, { key: 'amountFen', order: 'descend' }).map((r) => r.amountFen)).toEqual([2 ** 40, 2 ** 39, 5]);
  });

  it('queues written agreements not yet signed for 工作台, oldest agreement first', () => {
    // The generated register signs every written agreement: unsign three, with agreement dates out of order.
    const written = rows.filter((r) => r.status === 'agreed' && r.agreement?.form === 'written');
    const oral = rows.filter((r) => r.status === 'agreed' && r.agreement?.form === 'oral');
    expect(written.length).toBeGreaterThan(3);
    expect(oral.length).toBeGreaterThan(0);
    const unsign = (r: CaseSummary, date: string): CaseSummary => ({ ...r, agreement: { form: 'written', date } });
    const pending = [unsign(written[0], '2026-03-02'), unsign(written[1], '2025-12-30'), unsign(written[2], '2026-01-15')];
    const mixed = rows.map((r) => pending.find((p) => p.id === r.id) ?? r);
    expect(awaitingSignature(rows)).toEqual([]);
    expect(awaitingSignature(mixed).map((r) => r.id)).toEqual([written[1].id, written[2].id, written[0].id]);
    // an unsigned written agreement of a case no longer agreed (closed, reopened…) is not in the queue
    expect(awaitingSignature(mixed.map((r) => (r.id === written[0].id ? { ...r, status: 'closed' } : r))).map((r) => r.id)).toEqual([
      written[1].id,
      written[2].id,
    ]);
  });
});

function filledForm(): IntakeForm {
  const form = emptyIntake(TODAY, '王调解');
  Object.assign(form, { disputeType: 'neighbour', summary: '相邻排水纠纷', amount: '3,000.50' });
  form.parties[0] = { ...form.parties[0], name: '张三', idNumber: IDS.zhangSan, phone: '138 0013 8000' };
  form.parties[1] = { ...form.parties[1], name: '李四', idNumber: IDS.liSi };
  form.parties.push({ ...emptyParty('third-party', 'organization'), name: '达州市鑫源物业服务有限公司' });
  return form;
}

describe('intake form', () => {
  it('a complete form has no problems and converts to input the core accepts', () => {
    const form = filledForm();
    expect(validateIntake(form, TODAY)).toEqual({});
    const parsed = CaseInputSchema.safeParse(toCaseInput(form));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data!.amount).toBe(300050);
    expect(parsed.data!.parties).toHaveLength(3);
    expect(parsed.data!.parties[0]).toMatchObject({ birthDate: '1949-12-31', gender: 'female', phone: '13800138000' });
  });

  it('reports the same field paths as the core for a wrong check digit, a bad phone, missing roles', () => {
    const form = filledForm();
    form.parties[1] = { ...form.parties[1], idNumber: `${IDS.liSi.slice(0, 17)}8` };
    form.parties[0] = { ...form.parties[0], phone: '12345' };
    const problems = validateIntake(form, TODAY);
    expect(problems['parties[1].idNumber']).toContain('校验位不正确（应为7）');
    expect(problems['parties[0].phone']).toBeDefined();
    const core = CaseInputSchema.safeParse(toCaseInput(form));
    const paths = core.error!.issues.map((i) => i.path.join('.').replace(/\.(\d+)\./g, '[$1].'));
    expect(paths).toEqual(expect.arrayContaining(['parties[1].idNumber', 'parties[0].phone']));

    form.parties = form.parties.filter((p) => p.role !== 'respondent');
    expect(validateIntake(form, TODAY).parties).toBe('至少需要一名被申请人');
  });

  it('requires type and 案由 and refuses a future date and a malformed amount', () => {
    const form = emptyIntake(TODAY);
    form.receivedAt = '2026-11-24';
    form.amount = '12.345';
    const problems = validateIntake(form, TODAY);
    expect(problems).toMatchObject({
      disputeType: '请选择纠纷类型',
      summary: '案由不能为空',
      receivedAt: '登记日期不能晚于今天',
      amount: '金额最多保留两位小数',
    });
    expect(problems['parties[0].name']).toBe('姓名不能为空');
  });

  it('reads birth date and gender only from a complete, valid resident ID (15-digit numbers upgraded)', () => {
    const party = { kind: 'person' as const, idType: 'resident-id' };
    expect(idFacts({ ...party, idNumber: IDS.liSi }, TODAY)).toEqual({ birthDate: '1985-03-15', gender: 'male' });
    expect(idFacts({ ...party, idNumber: IDS.liSi.slice(0, 12) }, TODAY)).toBeNull();
    expect(idFacts({ ...party, idNumber: `${IDS.liSi.slice(0, 17)}8` }, TODAY)).toBeNull();
    expect(idFacts({ ...party, idNumber: '510702850315001' }, TODAY)).toEqual({ birthDate: '1985-03-15', gender: 'male' });
    expect(idFacts({ ...party, idType: 'passport', idNumber: IDS.liSi }, TODAY)).toBeNull();
  });

  it('edits a stored case: the form round-trips, party ids are kept, only changed fields are sent', () => {
    for (const c of generateCases(30, { seed: 11 })) {
      const form = fromCase(c);
      expect(validateIntake(form, '2030-01-01'), c.number).toEqual({});
      expect(changedInput(form, form)).toEqual({});
      const edited = {
        ...form,
        summary: `${c.summary}（更正）`,
        parties: form.parties.map((p, i) => (i === 0 ? { ...p, phone: '13700137000' } : p)),
      };
      const changes = changedInput(form, edited);
      expect(Object.keys(changes).sort()).toEqual(['parties', 'summary']);
      const parsed = CaseEditSchema.safeParse(changes);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(parsed.data!.parties!.map((p) => p.id)).toEqual(c.parties.map((p) => p.id));
      expect(parsed.data!.parties![0].phone).toBe('13700137000');
    }
    const c = generateCases(1, { seed: 12 })[0];
    const cleared = changedInput(fromCase(c), { ...fromCase(c), facts: '', amount: '' });
    expect(cleared).toMatchObject({ facts: '', amount: '0' });
  });

  it('keeps a draft, restores it, and forgets it after saving', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    expect(loadDraft(storage)).toBeNull();
    const form = filledForm();
    expect(hasContent(form)).toBe(true);
    expect(hasContent(emptyIntake(TODAY))).toBe(false);
    saveDraft(form, new Date('2026-11-23T10:00:00Z'), storage);
    expect(loadDraft(storage)).toEqual({ form, savedAt: '2026-11-23T10:00:00.000Z' });
    store.set(DRAFT_KEY, '{broken');
    expect(loadDraft(storage)).toBeNull();
    saveDraft(form, new Date(), storage);
    clearDraft(storage);
    expect(loadDraft(storage)).toBeNull();
  });
});

describe('action forms', () => {
  it('ask for exactly the fields of the core action schemas', () => {
    for (const action of CASE_ACTIONS) {
      // `session` (which record to correct) comes from the record's own 修改/删除 button, not from a field.
      const schemaKeys = Object.keys((ACTION_SCHEMAS[action] as unknown as { shape: Record<string, unknown> }).shape)
        .filter((key) => key !== 'session')
        .sort();
      expect(ACTION_FIELDS[action].map((f) => f.name).sort(), action).toEqual(schemaKeys);
    }
  });

  it('produce details each schema accepts from the initial values plus required fields', () => {
    const filled: Record<string, Record<string, unknown>> = {
      decline: { reason: '不属于人民调解范围' },
      'record-session': { content: '双方陈述意见' },
      agree: { terms: [' 赔偿三千元 ', ''] },
      fail: { reason: '双方分歧较大', guidance: 'litigation' },
      'confirmation-result': { result: 'confirmed', rulingNumber: '（2026）川1702民特1号' },
      'follow-up': { performance: 'performed' },
      reopen: { reason: '当事人反映未履行' },
      close: { acknowledgeIncomplete: true },
      'amend-agreement': { terms: ['赔偿三千元'], reason: '当事人阅读协议书时发现笔误' },
      supplement: { terms: ['履行期限延长至2026年12月31日'] },
      'edit-session': { content: '双方陈述意见', reason: '记录人姓名重复' },
      'delete-session': { reason: '记录在了错误的案件上' },
      'undo-last': { reason: '误点了受理' },
    };
    for (const action of CASE_ACTIONS) {
      const values = { ...initialValues(action, TODAY, { operator: '王调解', court: '达州市通川区人民法院' }), ...(filled[action] ?? {}) };
      expect(missingRequired(action, values), action).toEqual({});
      const details = toDetails(action, values);
      if (action === 'edit-session' || action === 'delete-session') details.session = 1;
      const parsed = ACTION_SCHEMAS[action].safeParse(details);
      expect(parsed.success, `${action}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      if (action === 'agree') expect(details.terms).toEqual(['赔偿三千元']);
    }
  });

  it('flag missing required fields and edit the terms list', () => {
    expect(missingRequired('agree', { terms: ['  '] })).toEqual({ terms: '至少要有一条协议条款' });
    expect(missingRequired('decline', {})).toEqual({ reason: '请填写不予受理的理由' });
    expect(moveTerm(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveTerm(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect([...IRREVERSIBLE].sort()).toEqual(['close', 'decline', 'fail', 'sign', 'sign-supplement', 'withdraw']);
  });
});

describe('routes and registry', () => {
  it('parses and formats hash routes', () => {
    expect(parseHash('')).toMatchObject({ screen: 'home', params: [] });
    const route = parseHash('#/case/abc-1?tab=log');
    expect(route.screen).toBe('case');
    expect(route.params).toEqual(['abc-1']);
    expect(route.query.get('tab')).toBe('log');
    expect(formatHash('register', [], { status: 'agreed', q: undefined })).toBe('#/register?status=agreed');
    expect(parseHash(formatHash('case', ['（2026）东城调字第1号'])).params).toEqual(['（2026）东城调字第1号']);
  });

  it('collects screens in menu order, drops duplicate keys, and gathers slots by order', () => {
    const C = () => null;
    const screens = collectScreens([
      { screens: [{ key: 'settings', label: '设置', order: 90, component: C }] },
      {
        screens: [
          { key: 'home', label: '工作台', order: 10, component: C },
          { key: 'settings', label: '重复', order: 1, component: C },
        ],
      },
    ]);
    expect(screens.map((s) => s.label)).toEqual(['工作台', '设置']);
    const slots = collectSlots([
      { slots: { caseTabs: [{ key: 'b', label: 'B', order: 2, component: C }] } },
      {
        slots: {
          caseTabs: [{ key: 'a', label: 'A', order: 1, component: C }],
          homePanels: [{ key: 'r', title: '提醒', order: 1, component: C }],
        },
      },
    ]);
    expect(slots.caseTabs.map((t) => t.key)).toEqual(['a', 'b']);
    expect(slots.homePanels).toHaveLength(1);
    expect(slots.settingsTabs).toEqual([]);
  });

  it('offers a screen declared for some office roles at those only, one everywhere when undeclared or the role unknown', () => {
    const C = () => null;
    const intake = { key: 'intake', label: '纠纷登记', order: 30, roles: ['station'] as const, component: C };
    const register = { key: 'register', label: '案件', order: 20, component: C };
    expect(offeredAt(intake, 'station')).toBe(true);
    expect(offeredAt(intake, 'centre')).toBe(false);
    expect(offeredAt(intake, undefined)).toBe(true);
    expect(offeredAt(register, 'centre')).toBe(true);
  });
});

describe('the 协议待签署 query used by 工作台', () => {
  it('cases.list {unsigned:true} lists written agreements until they are signed', async () => {
    const { call } = await import('../../electron/core/api');
    const { memoryDesk, sampleCaseInput } = await import('../support/desk');
    const desk = await memoryDesk();
    const c = await call(desk, 'cases.add', sampleCaseInput());
    const oral = await call(desk, 'cases.add', sampleCaseInput({ summary: '口头协议的案件' }));
    for (const id of [c.id, oral.id]) await call(desk, 'cases.act', { id, action: 'accept', details: {} });
    await call(desk, 'cases.act', { id: c.id, action: 'agree', details: { terms: ['赔偿三千元'] } });
    await call(desk, 'cases.act', { id: oral.id, action: 'agree', details: { form: 'oral', terms: ['互相道歉'] } });
    const before = await call(desk, 'cases.list', { status: 'agreed', unsigned: true });
    expect(before.items.map((i) => i.id)).toEqual([c.id]);
    expect(awaitingSignature(before.items).map((i) => i.id)).toEqual([c.id]);
    await call(desk, 'cases.act', { id: c.id, action: 'sign', details: {} });
    expect((await call(desk, 'cases.list', { status: 'agreed', unsigned: true })).total).toBe(0);
  });
});
