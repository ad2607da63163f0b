/** Repeat-dispute / duplicate-party check, "same person" links, and the 卷宗 checklist with the close check. */

import { describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import { recordCaseEvent } from '../../electron/core/cases/service';
import type { Desk } from '../../electron/core/desk';
import { DeskError } from '../../electron/core/errors';
import type { Case } from '../../electron/core/schema/case';
import { creditCodeCheckChar } from '../../electron/core/schema/identity';
import { IDS, memoryDesk, sampleCaseInput } from '../support/desk';

const body = '91510700MA6234567';
const CREDIT = body + creditCodeCheckChar(body);

const person = (role: string, name: string, extra: Record<string, unknown> = {}) => ({ role, kind: 'person', name, ...extra });

async function add(desk: Desk, parties: unknown[], receivedAt = '2026-11-02'): Promise<Case> {
  return call(desk, 'cases.add', sampleCaseInput({ receivedAt, parties: parties as never }));
}

/** A copy of a case as if imported from another station (at a centre cases arrive in batches). */
function imported(c: Case, n: number, stationCode: string, stationName: string): Case {
  return {
    ...structuredClone(c),
    id: `00000000-0000-4000-8000-00000000000${n}`,
    number: `（2026）外站调字第${n}号`,
    origin: { stationCode, stationName, fingerprint: 'ab'.repeat(16), batchId: `batch-${n}`, importedAt: '2026-11-20T08:00:00.000Z' },
  };
}

describe('duplicate-party check', () => {
  it('finds the same 居民身份证 number, the same credit code, name+phone and name+address; not a mere namesake', async () => {
    const desk = await memoryDesk();
    const first = await add(
      desk,
      [
        person('applicant', '张三', { idNumber: IDS.zhangSan, phone: '13800138000' }),
        { role: 'respondent', kind: 'organization', name: '达州市某某物业服务有限公司', creditCode: CREDIT },
      ],
      '2026-10-10',
    );
    await call(desk, 'cases.act', { id: first.id, action: 'decline', details: { date: '2026-10-11', reason: '不属于人民调解范围' } });
    await add(
      desk,
      [person('applicant', '王五', { phone: '13900000001' }), person('respondent', '赵六', { address: '达州市通川区西外镇3号' })],
      '2026-10-20',
    );

    const second = await add(desk, [
      // Same ID typed differently (lower-case x, spaces): still the same person, under another name.
      person('applicant', '张叁', { idNumber: IDS.zhangSan.toLowerCase().replace(/(\d{6})/, '$1 ') }),
      { role: 'respondent', kind: 'organization', name: '某某物业', creditCode: CREDIT.toLowerCase() },
      person('third-party', '王五', { phone: '139-0000-0001' }),
    ]);
    const third = await add(desk, [
      person('applicant', '赵六', { address: '达州市通川区 西外镇3号' }),
      person('respondent', '王五', { phone: '13900000002' }),
    ]);

    const r = await call(desk, 'duplicates.forCase', { id: second.number });
    const [zhang, org, wang] = r.parties;
    expect(zhang.matches).toHaveLength(1);
    expect(zhang.matches[0]).toMatchObject({
      caseId: first.id,
      status: 'declined',
      statusLabel: '不予受理',
      receivedAt: '2026-10-10',
      finishedAt: '2026-10-11',
      reasons: ['id-number'],
    });
    expect(zhang.matches[0].party).toMatchObject({ name: '张三', idNumberMasked: '110105********002X' });
    // the same ID number under another name: one person typed wrongly once, said so
    expect(zhang.matches[0]).toMatchObject({ probableTypo: 'name', typoLabel: expect.stringContaining('姓名录入有误') });
    expect(org.matches.map((m) => [m.reasons, m.probableTypo])).toEqual([[['credit-code'], 'name']]);
    expect(wang.matches.map((m) => [m.party.name, m.reasons])).toEqual([['王五', ['name-phone']]]);
    expect(wang.matches[0].probableTypo).toBeUndefined();

    const t = await call(desk, 'duplicates.forCase', { id: third.id });
    expect(t.parties[0].matches.map((m) => m.reasons)).toEqual([['name-address']]);
    // 王五 with another phone and no address: a namesake, not reported.
    expect(t.parties[1].matches).toEqual([]);
  });

  it('flags the same name and phone under another ID number as a probable typo of the number', async () => {
    const desk = await memoryDesk();
    const c = await add(desk, [
      person('applicant', '张三', { idNumber: IDS.zhangSan, phone: '13800138000' }),
      person('respondent', '李四', { idNumber: IDS.liSi }),
    ]);
    const r = await call(desk, 'duplicates.check', {
      parties: [
        { name: '张三', phone: '13800138000', idNumber: IDS.wangWu },
        { name: '张三', phone: '13800138000', idNumber: IDS.zhangSan },
      ],
    });
    expect(r.parties[0].matches.map((m) => [m.caseId, m.reasons, m.probableTypo])).toEqual([[c.id, ['name-phone'], 'id-number']]);
    expect(r.parties[0].matches[0].typoLabel).toContain('证件号码录入有误');
    expect(r.parties[1].matches[0].probableTypo).toBeUndefined();
  });

  it('checks a draft at intake, before saving, without writing anything', async () => {
    const desk = await memoryDesk();
    const c = await add(desk, [
      person('applicant', '张三', { idNumber: IDS.zhangSan, phone: '13800138000' }),
      person('respondent', '李四', { idNumber: IDS.liSi }),
    ]);
    const before = desk.store.caseCount();
    const r = await call(desk, 'duplicates.check', {
      parties: [
        { name: '张三', phone: '138 0013 8000' },
        { name: '某人', idNumber: ` ${IDS.liSi.slice(0, 9)} ${IDS.liSi.slice(9)} ` },
        { name: '' },
      ],
    });
    expect(r.parties[0].matches.map((m) => [m.caseId, m.reasons])).toEqual([[c.id, ['name-phone']]]);
    expect(r.parties[1].matches.map((m) => [m.caseNumber, m.party.name, m.reasons])).toEqual([[c.number, '李四', ['id-number']]]);
    expect(r.parties[2].matches).toEqual([]);
    expect(desk.store.caseCount()).toBe(before);
  });

  it('finds a 15-digit legacy ID number typed at intake', async () => {
    const desk = await memoryDesk();
    // 510702850315001 (15 digits) is 510702198503150017 (李四) in 18 digits.
    const c = await add(desk, [
      person('applicant', '张三', { idNumber: IDS.zhangSan }),
      person('respondent', '李四', { idNumber: IDS.liSi }),
    ]);
    const r = await call(desk, 'duplicates.check', { parties: [{ name: '李四', idNumber: '510702850315001' }] });
    expect(r.parties[0].matches.map((m) => m.caseId)).toEqual([c.id]);
  });

  it('works across stations at a centre, naming the station', async () => {
    const desk = await memoryDesk();
    const local = await add(desk, [
      person('applicant', '张三', { idNumber: IDS.zhangSan }),
      person('respondent', '李四', { idNumber: IDS.liSi }),
    ]);
    const other = imported(local, 1, '510702-009', '西外镇人民调解委员会');
    const third = imported(local, 2, '510702-010', '北外镇人民调解委员会');
    await desk.commit({ cases: [other, third] });
    const r = await call(desk, 'duplicates.forCase', { id: other.id });
    const stations = r.parties[0].matches.map((m) => m.station ?? 'local').sort();
    expect(stations).toEqual(['510702-010', 'local']);
    expect(r.parties[0].matches.find((m) => m.station)!.stationName).toBe('北外镇人民调解委员会');
  });

  it('follows edits: the index is kept in step with commits', async () => {
    const desk = await memoryDesk();
    const a = await add(desk, [person('applicant', '王五', { phone: '13900000001' }), person('respondent', '李四')]);
    const b = await add(desk, [person('applicant', '王五', { phone: '13900000001' }), person('respondent', '赵六')]);
    expect((await call(desk, 'duplicates.forCase', { id: b.id })).parties[0].matches.map((m) => m.caseId)).toEqual([a.id]);
    await call(desk, 'cases.edit', {
      id: a.id,
      changes: { parties: [person('applicant', '王五', { phone: '13900000009' }), person('respondent', '李四')] as never },
    });
    expect((await call(desk, 'duplicates.forCase', { id: b.id })).parties[0].matches).toEqual([]);
    const c = await add(desk, [person('applicant', '王五', { phone: '13900000001' }), person('respondent', '钱七')]);
    expect((await call(desk, 'duplicates.forCase', { id: b.id })).parties[0].matches.map((m) => m.caseId)).toEqual([c.id]);
  });

  it('links parties as the same person and shows the link', async () => {
    const desk = await memoryDesk();
    const a = await add(desk, [person('applicant', '张三', { idNumber: IDS.zhangSan }), person('respondent', '李四')]);
    const b = await add(desk, [person('applicant', '张三', { idNumber: IDS.zhangSan }), person('respondent', '赵六')]);
    const ref = (c: Case) => ({ caseId: c.id, partyId: c.parties[0].id });
    await call(desk, 'duplicates.link', { a: ref(a), b: ref(b) });
    await call(desk, 'duplicates.link', { a: ref(b), b: ref(a) }); // the same pair again: kept once
    expect((await call(desk, 'duplicates.forCase', { id: b.id })).parties[0].matches[0].linked).toBe(true);
    const links = await call(desk, 'duplicates.links', { caseId: a.number });
    expect(links.pairs).toHaveLength(1);
    expect(links.pairs[0].a).toMatchObject({ caseNumber: a.number, name: '张三' });
    await expect(call(desk, 'duplicates.link', { a: ref(a), b: { caseId: b.id, partyId: 'nope' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'b.partyId',
    });
    await call(desk, 'duplicates.unlink', { a: ref(a), b: ref(b) });
    expect((await call(desk, 'duplicates.forCase', { id: b.id })).parties[0].matches[0].linked).toBe(false);
  });
});

describe('卷宗 checklist and closing', () => {
  async function agreedCase(desk: Desk): Promise<Case> {
    const c = await add(desk, [person('applicant', '张三', { idNumber: IDS.zhangSan }), person('respondent', '李四')]);
    await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
    await call(desk, 'cases.act', { id: c.id, action: 'record-session', details: { date: '2026-11-05', content: '双方陈述。' } });
    await call(desk, 'cases.act', { id: c.id, action: 'agree', details: { date: '2026-11-06', terms: ['赔偿。'] } });
    return call(desk, 'cases.act', { id: c.id, action: 'sign', details: { date: '2026-11-07' } });
  }

  it('lists the documents the file must hold, generated and signed on paper', async () => {
    const desk = await memoryDesk();
    const c = await agreedCase(desk);
    let check = await call(desk, 'dossier.check', { id: c.id });
    expect(check.items.filter((i) => i.required).map((i) => i.key)).toEqual(['application', 'notice', 'session-record', 'agreement']);
    expect(check.missing).toEqual(['人民调解申请书或受理登记表', '人民调解当事人权利义务告知书', '人民调解记录', '人民调解协议书']);
    await recordCaseEvent(desk, c.id, 'document-generated', { template: 'registration', version: 'abc' });
    await recordCaseEvent(desk, c.id, 'document-generated', { template: 'agreement', version: 'def' });
    check = await call(desk, 'dossier.mark', { id: c.id, template: 'notice' });
    expect(check.items.find((i) => i.key === 'application')).toMatchObject({
      generated: true,
      generatedTemplate: 'registration',
      paperSigned: false,
      present: true,
    });
    expect(check.items.find((i) => i.key === 'notice')).toMatchObject({ generated: false, paperSigned: true, present: true });
    expect(check.missing).toEqual(['人民调解记录']);
    const stored = desk.getCase(c.id);
    expect(stored.paperSigned).toEqual(['notice']);
    expect(stored.events.at(-1)).toMatchObject({ type: 'paper-signed', details: { template: 'notice' } });
    check = await call(desk, 'dossier.mark', { id: c.id, template: 'notice', signed: false });
    expect(check.missing).toContain('人民调解当事人权利义务告知书');
    await expect(call(desk, 'dossier.mark', { id: c.id, template: 'poem' })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'template',
    });
  });

  it('closing an incomplete file asks for confirmation, then records the gap in the log', async () => {
    const desk = await memoryDesk();
    const c = await agreedCase(desk);
    const revision = desk.getCase(c.id).revision;
    const error = await call(desk, 'cases.act', { id: c.id, action: 'close', details: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskError);
    expect(error).toMatchObject({ code: 'NOT_ALLOWED' });
    expect((error as DeskError).message).toContain('人民调解协议书');
    // The message names no command; the step is an action each door words its own way.
    expect((error as DeskError).message).not.toContain('acknowledgeIncomplete');
    expect((error as DeskError).details).toMatchObject({ action: { kind: 'acknowledge-incomplete-dossier' } });
    expect(desk.getCase(c.id).revision).toBe(revision);
    const closed = await call(desk, 'cases.act', { id: c.id, action: 'close', details: { acknowledgeIncomplete: true } });
    expect(closed.status).toBe('closed');
    expect(closed.events.at(-1)).toMatchObject({
      type: 'close',
      details: {
        acknowledgeIncomplete: true,
        dossierGap: ['人民调解申请书或受理登记表', '人民调解当事人权利义务告知书', '人民调解记录', '人民调解协议书'],
      },
    });
  });

  it('a complete file closes without confirmation', async () => {
    const desk = await memoryDesk();
    const c = await agreedCase(desk);
    for (const template of ['application', 'notice', 'session-record', 'agreement'])
      await call(desk, 'dossier.mark', { id: c.id, template });
    const closed = await call(desk, 'cases.act', { id: c.id, action: 'close', details: {} });
    expect(closed.events.at(-1)!.details).not.toHaveProperty('dossierGap');
    expect((await call(desk, 'dossier.check', { id: c.id })).complete).toBe(true);
  });
});

describe('statistics by station (at a centre)', () => {
  it('one row per station seen, named by the station; local cases under this office', async () => {
    const desk = await memoryDesk();
    const local = await add(desk, [person('applicant', '张三', { idNumber: IDS.zhangSan }), person('respondent', '李四')], '2026-11-02');
    await desk.commit({
      cases: [
        imported(local, 1, '510702-009', '西外镇人民调解委员会'),
        imported(local, 2, '510702-009', '西外镇人民调解委员会'),
        imported(local, 3, '510702-010', '北外镇人民调解委员会'),
      ],
    });
    const r = await call(desk, 'stats.report', { month: '2026-11', by: 'station' });
    expect(r.rows.map((x) => [x.key, x.label, x.received])).toEqual([
      ['510702-001', '东城街道人民调解委员会（510702-001）', 1],
      ['510702-009', '西外镇人民调解委员会（510702-009）', 2],
      ['510702-010', '北外镇人民调解委员会（510702-010）', 1],
    ]);
    // one station's figures alone
    const one = await call(desk, 'stats.report', { month: '2026-11', by: 'type', station: '510702-009' });
    expect(one.total.received).toBe(2);
    expect(r.total.received).toBe(4);
    // Imported cases are read-only here: no reminders for them.
    expect((await call(desk, 'reminders.list', {})).reminders.filter((x) => x.caseId !== local.id)).toEqual([]);
  });
});

describe('party index built in slices', () => {
  it('applies commits made while the build runs, and serves concurrent callers from one build', async () => {
    const { PartyIndex, partyKeys } = await import('../../electron/core/oversight/duplicates');
    const { generateCases } = await import('../support/generate-cases');
    const cases = generateCases(40, { seed: 3 });
    const index = new PartyIndex();
    const source = {};
    const first = index.ensureAsync(source, () => cases, 7);
    const second = index.ensureAsync(source, () => cases, 7);
    // While building: one case's first party changes phone; the index must end with the new one.
    const changed = structuredClone(cases[35]);
    changed.parties[0] = { ...changed.parties[0], phone: '13912345678' };
    index.put([changed]);
    await Promise.all([first, second]);
    const keyOf = (c: typeof changed) => partyKeys(c.parties[0]).find((k) => k.reason === 'name-phone')!.key;
    expect(index.lookup(keyOf(changed)).map((x) => x.caseId)).toEqual([changed.id]);
    expect(index.lookup(keyOf(cases[35])).filter((x) => x.caseId === changed.id)).toEqual([]);
    expect(index.lookup(keyOf(cases[0])).map((x) => x.caseId)).toContain(cases[0].id);
  });
});
