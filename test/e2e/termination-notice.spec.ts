/**
 * Journey: a mediation that failed gets its paper. The 文书 screen of a failed case offers the
 * 终止人民调解告知书 (and not the 协议书), previews it, and the 卷宗 checklist asks for it; at 1366×768
 * and 1024×768, with screenshots.
 */

import { expect, IDS, test } from './fixtures';

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]) {
  test(`调解不成的案件：终止人民调解告知书（${viewport.width}×${viewport.height}）`, async ({ page, desk, shot }) => {
    await page.setViewportSize(viewport);
    const c = await desk<{ id: string; number: string }>('cases.add', {
      receivedAt: '2026-09-01',
      source: 'application',
      disputeType: 'neighbour',
      summary: '相邻通行纠纷',
      facts: '申请人与被申请人系邻居，因通道堆放杂物发生纠纷。',
      mediators: ['王调解'],
      parties: [
        { role: 'applicant', kind: 'person', name: '张三', idNumber: IDS.zhangSan, phone: '13800138000' },
        { role: 'respondent', kind: 'person', name: '李四', idNumber: IDS.liSi, phone: '13900139000' },
      ],
    });
    await desk('cases.act', { id: c.id, action: 'accept', details: { date: '2026-09-02' } });
    await desk('cases.act', {
      id: c.id,
      action: 'fail',
      details: { date: '2026-09-20', reason: '双方对赔偿数额分歧过大', guidance: 'litigation' },
    });

    await page.evaluate((id) => (location.hash = `#/documents?case=${id}`), c.id);
    const list = page.getByTestId('documents-templates');
    const notice = list.getByTestId('template-termination-notice');
    await expect(notice).toContainText('终止人民调解告知书');
    await notice.click();
    await expect(page.getByTestId('document-preview')).toBeVisible({ timeout: 60_000 });
    await page.waitForTimeout(1500); // let the PDF viewer paint before the screenshot
    await shot(`termination-notice-${viewport.width}`);

    // The 协议书 is offered only to agreed cases; the notice is what the 卷宗 of this case asks for.
    const available = await desk<{ template: string; allowed: boolean }[]>('documents.available', { caseId: c.id });
    expect(available.find((a) => a.template === 'termination-notice')?.allowed).toBe(true);
    expect(available.find((a) => a.template === 'agreement')?.allowed).toBe(false);
    const dossier = await desk<{ items: { key: string; required: boolean }[] }>('dossier.check', { id: c.id });
    expect(dossier.items.find((i) => i.key === 'termination-notice')?.required).toBe(true);
  });
}
