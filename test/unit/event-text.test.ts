/**
 * The case log in words: every event type the core writes has a Chinese name, and the account of
 * each names what the event concerned.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { describeChanges, describeEvent, EVENT_LABELS, eventLabel } from '../../electron/core/cases/event-text';
import { CASE_ACTIONS } from '../../electron/core/schema/case';

const CORE = path.resolve(import.meta.dirname, '../../electron/core');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** Event types written with a literal: `recordCaseEvent(desk, id, 'type'` and `withEvent(c, change, 'type'`. */
function writtenTypes(): string[] {
  const found = new Set<string>();
  const patterns = [
    /recordCaseEvent\(\s*[^,]+,\s*[^,]+,\s*'([^']+)'/g,
    /withEvent\(\s*[^,]+,\s*(?:\{[^}]*\}|[^,]+),\s*'([^']+)'/g,
    /\?\s*'([a-z-]+)'\s*:\s*'([a-z-]+)'\s*,\s*\{\s*template/g,
  ];
  for (const file of sources(CORE)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) m.slice(1).forEach((t) => t && found.add(t));
  }
  return [...found].sort();
}

describe('case log words', () => {
  it('names every event type the core writes, and every workflow action', () => {
    const types = writtenTypes();
    // The scan finds the ones outside the workflow (if it found none, the check itself would be broken).
    expect(types).toEqual(expect.arrayContaining(['created', 'edited', 'document-generated', 'dossier-printed', 'centre-receipt']));
    expect(types.filter((t) => !(t in EVENT_LABELS))).toEqual([]);
    expect(CASE_ACTIONS.filter((a) => !(a in EVENT_LABELS))).toEqual([]);
  });

  it('says which document and template version, which batch and which receipt', () => {
    const generated = describeEvent(
      {
        type: 'document-generated',
        details: { template: 'agreement', title: '人民调解协议书', version: 'ab12cd34ef56aa', format: 'pdf', sessionId: 's2' },
      },
      { case: { sessions: [{ id: 's1' }, { id: 's2' }] as never } },
    );
    expect(generated).toBe('《人民调解协议书》，第2次调解，PDF，模板版本 AB12CD34');
    const receipt = describeEvent(
      {
        type: 'centre-receipt',
        details: { receiptId: '0f1e2d3c-aaaa-bbbb-cccc-ddddeeeeffff', mark: 'returned', reason: '缺少协议书', batchId: 'b-1', revision: 4 },
      },
      { batchName: (id) => (id === 'b-1' ? '第3批' : undefined) },
    );
    expect(receipt).toBe('退回，退回理由：缺少协议书，批次 第3批，案件第4版，回执 0F1E2D3C');
    expect(describeEvent({ type: 'paper-signed', details: { template: 'notice' } })).toBe('《人民调解当事人权利义务告知书》');
    expect(describeEvent({ type: 'dossier-printed', details: { pages: 12, documents: ['人民调解协议书'] } })).toBe(
      '共12页，含：人民调解协议书',
    );
    expect(describeEvent({ type: 'edited', details: { fields: ['summary', 'amountFen'] } })).toBe('修改了：案由、涉及金额');
  });

  it('says what a correction took back or changed, with the reason, ID numbers masked', () => {
    const undo = describeEvent({
      type: 'undo-last',
      details: {
        reason: '误点了受理',
        undone: { seq: 1, type: 'accept', date: '2026-11-03' },
        status: { from: 'accepted', to: 'registered' },
      },
    });
    expect(undo).toBe('撤销了“受理”（2026-11-03），回到“已登记”，理由：误点了受理');
    expect(describeEvent({ type: 'edit-session', details: { session: 2, reason: '记录人写重了', changes: {} } })).toBe(
      '第2次调解，理由：记录人写重了',
    );
    expect(describeEvent({ type: 'sign-supplement', details: { number: 1, date: '2026-12-01' } })).toBe(
      '第1份补充协议，签署生效日期 2026-12-01',
    );
    // with old → new recorded, the list of fields is not said twice
    expect(describeEvent({ type: 'edited', details: { fields: ['parties'], changes: {}, reason: '证件号码录错' } })).toBe(
      '理由：证件号码录错',
    );
    const lines = describeChanges({ 'parties[1].idNumber': { from: '510702198503150017', to: '510722199007240021' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('198503150017');
    expect(lines[0]).toContain('→');
  });

  it('never shows a bare code for a type it does not know', () => {
    expect(eventLabel('something-new')).not.toMatch(/[a-z]/);
  });
});
