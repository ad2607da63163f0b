/**
 * Who may do what at the front desk (issue 14's roles on the request handlers): a 受理员 and a 管理员
 * register, correct and handle requests; a 调解员 reads them (and receives the cases handed over to
 * mediation) but changes none; a centre's staff read. The signed-in operator is the 首问负责人 and the
 * actor of every event: nobody types a name for it.
 */

import { describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import type { OperatorRole } from '../../electron/core/schema/codes';
import { memoryDesk } from '../support/desk';

const CONSULTATION = { visitor: { name: '张三', phone: '13800138000' }, matter: '咨询赡养费', answer: '告知可协商' };

function as(desk: Desk, name: string, role: OperatorRole): Desk {
  desk.session.begin({ id: `op-${role}`, name, role });
  return desk;
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'OK';
}

describe('roles at the front desk', () => {
  it('a 受理员 registers, corrects and handles; the log and 首问负责人 name him', async () => {
    const desk = as(await memoryDesk(), '李受理', 'clerk');
    const r = await call(desk, 'requests.add', { ...CONSULTATION, answer: undefined, handling: '转办', office: '法律援助中心' });
    expect(r.firstResponder).toBe('李受理');
    await call(desk, 'requests.edit', { id: r.id, changes: { matter: '咨询赡养费的标准' } });
    await call(desk, 'requests.act', { id: r.id, action: 'feedback', details: { result: '已受理' } });
    const { request } = await call(desk, 'requests.get', { id: r.id });
    expect(request.events.map((e) => [e.type, e.operator])).toEqual([
      ['created', '李受理'],
      ['route', '李受理'],
      ['edited', '李受理'],
      ['feedback', '李受理'],
    ]);
    expect(request.events[2].details).toEqual({
      fields: ['matter'],
      changes: { matter: { from: '咨询赡养费', to: '咨询赡养费的标准' } },
    });
    // the 首问负责人 is who is signed in, not a typed name
    expect(await code(call(desk, 'requests.add', { ...CONSULTATION, firstResponder: '别人' } as never))).toBe('VALIDATION');
  });

  it('a 调解员 reads the register and its table but registers, corrects and handles nothing', async () => {
    const desk = await memoryDesk();
    const r = await call(desk, 'requests.add', { ...CONSULTATION, close: false });
    as(desk, '赵调解', 'mediator');
    expect((await call(desk, 'requests.list', {})).total).toBe(1);
    expect((await call(desk, 'requests.get', { id: r.id })).request.number).toBe(r.number);
    expect((await call(desk, 'requests.stats', { year: '2026' })).total.received).toBe(1);
    expect(await code(call(desk, 'requests.add', CONSULTATION))).toBe('FORBIDDEN');
    expect(await code(call(desk, 'requests.edit', { id: r.id, changes: { matter: '改' } }))).toBe('FORBIDDEN');
    expect(await code(call(desk, 'requests.act', { id: r.id, action: 'close', details: {} }))).toBe('FORBIDDEN');
    expect(await code(call(desk, 'requests.act', { id: r.id, action: 'to-mediation', details: { respondents: [{ name: '赵六' }] } }))).toBe(
      'FORBIDDEN',
    );
    expect((await call(desk, 'requests.get', { id: r.id })).request.revision).toBe(r.revision);
  });

  it('a centre’s staff read; registering is not theirs', async () => {
    const desk = await memoryDesk();
    await call(desk, 'requests.add', CONSULTATION);
    as(desk, '刘审核', 'centre');
    expect((await call(desk, 'requests.list', {})).total).toBe(1);
    expect(await code(call(desk, 'requests.add', CONSULTATION))).toBe('FORBIDDEN');
  });
});
