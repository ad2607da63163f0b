/**
 * Issue 12's rules on the front desk's paths (the merge of issue 12 into issue 13): text cleaned and
 * bounded like a case's, messages in the requests' own words (来访人, not 回访人), the 登记编号 pattern
 * checked like the 案号 pattern, the office's role locked by requests, files written through the output
 * guard, and ID numbers of any length masked in lists.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import { LIMITS } from '../../electron/core/limits';
import { diskDesk, memoryDesk, tempDataDir } from '../support/desk';
import { assertGoodRefusal, snapshot } from '../support/hostile';

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return assertGoodRefusal(error);
  }
  throw new Error('expected a refusal');
}

describe('request input follows the text rules and limits', () => {
  it('cleans names and refuses broken or oversized text, naming the field in the requests’ words', async () => {
    const desk = await memoryDesk();
    const r = await call(desk, 'requests.add', {
      visitor: { name: '张\u200B三\u0007', phone: '13800138000' },
      matter: '咨询\r\n抚养费',
      answer: '已当场解答',
    });
    expect(r.visitor.name).toBe('张三');
    expect(r.matter).toBe('咨询\n抚养费');

    const badId = await refusal(call(desk, 'requests.add', { visitor: { name: '李四', idNumber: '123' }, matter: '咨询', answer: '答' }));
    expect(badId.message).toMatch(/^来访人·证件号码：/);
    const broken = await refusal(call(desk, 'requests.add', { visitor: { name: '李四' }, matter: '咨询\uD800', answer: '答' }));
    expect(broken).toMatchObject({ field: 'matter' });
    expect(broken.message).toMatch(/^来访事项：.*残缺/);
    const long = await refusal(call(desk, 'requests.add', { visitor: { name: '李四' }, matter: '长'.repeat(5_001), answer: '答' }));
    expect(long.message).toMatch(/^来访事项：不能超过5000个字/);
    const crowd = await refusal(
      call(desk, 'requests.add', { visitor: { name: '李四', groupSize: LIMITS.groupSize + 1 }, matter: '集体访', answer: '答' }),
    );
    expect(crowd).toMatchObject({ field: 'visitor.groupSize' });
    expect(crowd.message).toMatch(/^来访人·来访人数：/);
    expect((await call(desk, 'requests.list', {})).total).toBe(1);
  });

  it('names an action’s fields as the front desk does', async () => {
    const desk = await memoryDesk();
    const r = await call(desk, 'requests.add', { visitor: { name: '王五' }, matter: '申请法律援助', handling: 'route' });
    const e = await refusal(call(desk, 'requests.act', { id: r.id, action: 'route', details: { office: ' \u200B ' } }));
    expect(e).toMatchObject({ field: 'details.office' });
    expect(e.message).toBe('办理内容·承办单位：请选择承办单位');
  });

  it('masks a visitor’s ID number of any length in the list', async () => {
    const desk = await memoryDesk();
    await call(desk, 'requests.add', {
      visitor: { name: 'John Smith', idType: '护照', idNumber: 'E12345678' },
      matter: '咨询',
      answer: '答',
    });
    const [row] = (await call(desk, 'requests.list', {})).items;
    expect(row.visitor.idNumberMasked).toBe('E1*****78');
    expect(JSON.stringify(row)).not.toContain('E12345678');
  });
});

describe('front-desk settings', () => {
  it('checks the 登记编号 pattern like the 案号 pattern, naming it', async () => {
    const desk = await memoryDesk();
    const noSeq = await refusal(call(desk, 'settings.update', { frontDesk: { numberPattern: '{stationCode}-{year}' } }));
    expect(noSeq).toMatchObject({ field: 'frontDesk.numberPattern' });
    expect(noSeq.message).toBe('统一受理设置·登记编号格式：登记编号格式必须包含{seq}（序号）');
    const stray = await refusal(call(desk, 'settings.update', { frontDesk: { numberPattern: '{stationCode}-{seq:99}' } }));
    expect(stray.message).toMatch(/序号位数应为1到8/);
    // {stationCode} belongs to the 登记编号 only: a 案号 pattern naming it is refused.
    const inCaseNumber = await refusal(call(desk, 'settings.update', { numberPattern: '{stationCode}调字第{seq}号' }));
    expect(inCaseNumber).toMatchObject({ field: 'numberPattern' });
    expect(inCaseNumber.message).toMatch(/不认识的占位符“\{stationCode\}”/);
    const offices = await refusal(
      call(desk, 'settings.update', {
        frontDesk: { offices: Array.from({ length: LIMITS.backOfficesInSettings + 1 }, (_, i) => `单位${i}`) },
      }),
    );
    expect(offices.message).toMatch(/^统一受理设置·承办单位：承办单位不能超过100个/);
    const saved = await call(desk, 'settings.update', { frontDesk: { numberPattern: 'DJ{year}-{seq:4}' } });
    expect(saved.frontDesk.numberPattern).toBe('DJ{year}-{seq:4}');
    expect((await call(desk, 'requests.add', { visitor: { name: '赵六' }, matter: '咨询', answer: '答' })).number).toBe('DJ2026-0001');
  });

  it('locks the office role once it holds a request, even without cases', async () => {
    const desk = await memoryDesk();
    await call(desk, 'requests.add', { visitor: { name: '赵六' }, matter: '咨询', answer: '答' });
    const e = await refusal(call(desk, 'settings.update', { role: 'centre' }));
    expect(e).toMatchObject({ code: 'NOT_ALLOWED', field: 'role' });
    expect(e.message).toContain('来访登记');
  });
});

describe('files written by the front desk go through the output guard', () => {
  let desk: Desk;
  let outside: string;
  let requestId: string;
  beforeAll(async () => {
    desk = await diskDesk();
    outside = await tempDataDir('mdesk-fd-out-');
    const r = await call(desk, 'requests.add', { visitor: { name: '王五' }, matter: '申请法律援助', handling: 'route' });
    await call(desk, 'requests.act', { id: r.id, action: 'route', details: { office: '法律援助中心' } });
    requestId = r.id;
  });
  afterAll(() => desk.close());

  it('refuses the data directory and an existing file unless confirmed, and writes nothing', async () => {
    const before = snapshot(desk.dataDir);
    const inside = path.join(desk.dataDir, 'docs', 'settings.json');
    for (const call_ of [
      () => call(desk, 'requests.slip', { id: requestId, out: inside }),
      () => call(desk, 'requests.statsExport', { year: '2026', format: 'csv', out: inside }),
    ]) {
      expect(await refusal(call_())).toMatchObject({ code: 'VALIDATION', field: 'out' });
    }
    expect(snapshot(desk.dataDir)).toEqual(before);

    const slip = path.join(outside, '转办单.pdf');
    writeFileSync(slip, 'keep me');
    const table = path.join(outside, 'table.json');
    writeFileSync(table, 'keep me');
    expect(await refusal(call(desk, 'requests.slip', { id: requestId, out: slip }))).toMatchObject({ field: 'out' });
    expect(await refusal(call(desk, 'requests.statsExport', { year: '2026', format: 'json', out: table }))).toMatchObject({
      field: 'out',
    });
    expect(readFileSync(slip, 'utf8')).toBe('keep me');
    expect(readFileSync(table, 'utf8')).toBe('keep me');

    await call(desk, 'requests.slip', { id: requestId, out: slip, overwrite: true });
    expect(readFileSync(slip).subarray(0, 5).toString()).toBe('%PDF-');
    await call(desk, 'requests.statsExport', { year: '2026', format: 'json', out: table, overwrite: true });
    expect(JSON.parse(readFileSync(table, 'utf8'))).toHaveProperty('rows');
    const fresh = path.join(outside, 'new.docx');
    await call(desk, 'requests.slip', { id: requestId, format: 'docx', out: fresh });
    expect(existsSync(fresh)).toBe(true);
  });
});
