/**
 * Enter moves to the next field, everywhere in a form, and nothing typed is lost:
 * - a text input: Enter goes on to the next field;
 * - a list (Select) that is closed: Enter goes on (it no longer reopens the list, which swallowed the
 *   digits typed next); a list that is open: Enter picks the highlighted entry, then goes on (a
 *   multiple-choice list stays, to pick more);
 * - a date field: Enter takes the typed date, then goes on;
 * - a text area keeps Enter for new lines (Tab or Ctrl+Enter leave it).
 * Attach `onKeyDownCapture={(e) => enterToNext(e, container)}`: the capture phase runs before the
 * list's own handler would reopen it.
 */

import type { KeyboardEvent } from 'react';

/** The fields Enter walks through, in page order. */
const FIELDS = [
  'input:not([disabled]):not([type="hidden"]):not([type="radio"]):not([type="checkbox"]):not([readonly]):not([aria-hidden="true"])',
  'input[role="combobox"]:not([disabled])',
  'textarea:not([disabled])',
].join(', ');

function visible(el: HTMLElement): boolean {
  return el.offsetParent !== null || el.getClientRects().length > 0;
}

/**
 * Focus the field after `from` inside `container` (the first one without `from`). `scope`:
 * only fields inside elements matching it count (the intake form walks its `[data-field]`s).
 */
export function focusNextField(container: HTMLElement, from: Element | null, scope?: string): void {
  const fields = [...container.querySelectorAll<HTMLElement>(FIELDS)].filter((f) => visible(f) && (!scope || f.closest(scope)));
  // The first field after `from` in page order (`from` itself need not be one of them).
  const next = from
    ? fields.find((f) => f !== from && (from.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0)
    : fields[0];
  if (!next) return;
  next.focus();
  if (next instanceof HTMLInputElement && next.type === 'text') next.select();
}

/** Focus the first field inside `container` (dialogs open there, not on their close button). */
export function focusFirstField(container: HTMLElement | null): void {
  if (!container) return;
  const first = [...container.querySelectorAll<HTMLElement>(FIELDS)].find(visible);
  first?.focus();
}

export function enterToNext(event: KeyboardEvent, container: HTMLElement | null, scope?: string): void {
  if (!container || event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
  if (event.nativeEvent.isComposing) return; // Enter confirms a pinyin input method's choice: leave it.
  const target = event.target as HTMLElement;
  if (!(target instanceof HTMLInputElement)) return;
  const select = target.closest('.ant-select');
  if (select) {
    const open = target.getAttribute('aria-expanded') === 'true';
    const multiple = select.classList.contains('ant-select-multiple');
    if (!open) {
      // A closed list: go on (antd would open it again).
      if (multiple && target.value) return; // a name being typed into 人民调解员: Enter adds it
      event.preventDefault();
      event.stopPropagation();
      focusNextField(container, target, scope);
    } else if (!multiple) {
      // Let the list take the highlighted entry, then go on.
      setTimeout(() => focusNextField(container, target, scope), 0);
    }
    return;
  }
  if (target.closest('.ant-picker')) {
    // Let the date field take what was typed, then go on.
    setTimeout(() => focusNextField(container, target, scope), 0);
    return;
  }
  event.preventDefault();
  focusNextField(container, target, scope);
}
