/**
 * The layout audit's check, run inside the page: text that spills out of its box over a neighbour,
 * text printed over other text, a table column with (almost) no width, a required column off screen,
 * a number clipped in its input. Returns one Chinese line per problem, naming the element.
 * Kept free of imports: Playwright serialises the function into the page.
 */

export interface AuditOptions {
  /** Table headers that must be fully on screen (e.g. the register's working columns). */
  requiredColumns?: string[];
}

export function auditLayout(options: AuditOptions): string[] {
  const problems: string[] = [];
  const viewport = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
  // Overlays float over the page by design; they are audited when they are the page (dialogs open).
  const SKIP = '.ant-tooltip, .ant-select-dropdown, .ant-picker-dropdown, .ant-popover, .ant-message, .ant-notification, .ant-dropdown';
  type Box = { left: number; top: number; right: number; bottom: number };
  const intersect = (a: Box, b: Box): Box | null => {
    const r = {
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    };
    return r.right - r.left > 0.5 && r.bottom - r.top > 0.5 ? r : null;
  };
  const describe = (el: Element): string => {
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
    const testId = el.closest('[data-testid]')?.getAttribute('data-testid');
    const header = el.closest('th, .ant-table-cell, .ant-descriptions-item-label, .ant-form-item-label')?.textContent?.trim().slice(0, 12);
    return `“${text}”${testId ? `（${testId}）` : header && header !== text ? `（${header}）` : ''}`;
  };
  const hidden = (el: Element): boolean => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return true;
    }
    return false;
  };
  /** What of an element's content can be seen: the viewport cut by it and every ancestor that clips its overflow. */
  const clipOf = (el: Element): Box | null => {
    let clip: Box | null = viewport;
    for (let e: Element | null = el; e && clip; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') clip = intersect(clip, e.getBoundingClientRect());
      if (style.position === 'fixed') break;
    }
    return clip;
  };
  /** The box a text belongs in: its nearest ancestor that is not inline. */
  const boxOf = (el: Element): Element => {
    let e: Element = el;
    while (
      e.parentElement &&
      getComputedStyle(e).display.startsWith('inline') &&
      getComputedStyle(e).display !== 'inline-block' &&
      getComputedStyle(e).display !== 'inline-flex'
    )
      e = e.parentElement;
    return e;
  };

  const modal = document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal');
  // The lock covers the workbench (which is inert beneath it): the cover is the page then.
  const root = modal ?? document.querySelector('.lock-cover') ?? document.body;
  /** `rect`: what is seen of a text run; `full`: the whole run (a run cut by the edge of a scrolled pane is judged by its whole size). */
  const runs: { el: Element; rect: Box; full: Box }[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest(SKIP) || el.closest('[inert]') || hidden(el)) continue;
    const clip = clipOf(el);
    if (!clip) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = boxOf(el).getBoundingClientRect();
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      const seen = intersect(r, clip);
      if (!seen) continue;
      runs.push({ el, rect: seen, full: r });
      // Spilling: visible text outside its own box, sideways (a wrapped line below is the box's business).
      const out = Math.max(box.left - seen.left, seen.right - box.right);
      if (out > 3) problems.push(`文字超出所在的框 ${Math.round(out)} 像素：${describe(el)}`);
    }
  }
  // Text over text: two visible runs of different elements overlapping by more than a sliver.
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i];
      const b = runs[j];
      if (a.el === b.el) continue;
      const o = intersect(a.rect, b.rect);
      if (!o) continue;
      const area = (o.right - o.left) * (o.bottom - o.top);
      // Lines of one paragraph touch by a pixel or two (glyph boxes are taller than the line height):
      // judged against the whole runs, a sliver left at the edge of a scrolled pane does not count as text over text.
      const smaller = Math.min(
        (a.full.right - a.full.left) * (a.full.bottom - a.full.top),
        (b.full.right - b.full.left) * (b.full.bottom - b.full.top),
      );
      if (area > 0.15 * smaller && o.right - o.left > 3 && o.bottom - o.top > 3)
        problems.push(`文字重叠：${describe(a.el)} 与 ${describe(b.el)}`);
    }
  }
  // Columns with no room: a header cell narrower than one character.
  for (const th of root.querySelectorAll('.ant-table-thead th, .ant-table-thead .ant-table-cell')) {
    if (hidden(th) || th.classList.contains('ant-table-selection-column') || th.classList.contains('ant-table-cell-scrollbar')) continue;
    const width = th.getBoundingClientRect().width;
    const name = th.textContent?.trim();
    if (name && width < 24) problems.push(`表格列几乎没有宽度（${Math.round(width)} 像素）：“${name}”`);
  }
  for (const name of options.requiredColumns ?? []) {
    const th = [...root.querySelectorAll('.ant-table-thead th, .ant-table-thead .ant-table-cell')].find(
      (h) => h.textContent?.trim() === name,
    );
    const clip = th && clipOf(th);
    const r = th?.getBoundingClientRect();
    if (!th || !r || !clip || r.left < clip.left - 1 || r.right > clip.right + 1)
      problems.push(`必需的列“${name}”不在屏幕上（需要横向滚动）`);
  }
  // Numbers that must be read whole (ID numbers, credit codes, dates): clipped inside their input.
  for (const input of root.querySelectorAll<HTMLInputElement>('input.mono, .ant-picker input')) {
    if (hidden(input) || !input.value) continue;
    if (input.scrollWidth > input.clientWidth + 1) problems.push(`输入框中的内容显示不全：“${input.value}”`);
  }
  return [...new Set(problems)];
}

/**
 * Scroll the page's scrolling area down by one screen less a margin; false at the bottom. The area is
 * the largest element that scrolls vertically (the workbench's content pane), else the document.
 */
export function scrollDown(): boolean {
  let area: Element = document.scrollingElement ?? document.documentElement;
  let best = area.scrollHeight - area.clientHeight > 1 ? area.clientHeight : 0;
  for (const el of document.querySelectorAll('main, .ant-layout-content, .ant-layout')) {
    const style = getComputedStyle(el);
    if (!/(auto|scroll)/.test(style.overflowY) || el.scrollHeight - el.clientHeight <= 1) continue;
    if (el.clientHeight > best) {
      area = el;
      best = el.clientHeight;
    }
  }
  if (!best) return false;
  const before = area.scrollTop;
  area.scrollTop = before + area.clientHeight - 80;
  return area.scrollTop > before + 1;
}
