/**
 * The intake draft in localStorage: written on every change, offered back on open, removed after the
 * case is saved. It survives a crash, a power cut (the browser storage is flushed by Chromium) and an
 * accidental close.
 */

import type { IntakeForm } from './validate';

export const DRAFT_KEY = 'mediation-desk.intake-draft.v1';

export interface Draft {
  form: IntakeForm;
  savedAt: string;
}

export function loadDraft(storage: Pick<Storage, 'getItem'> = localStorage): Draft | null {
  try {
    const raw = storage.getItem(DRAFT_KEY);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    return draft && draft.form && Array.isArray(draft.form.parties) ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(form: IntakeForm, now = new Date(), storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(DRAFT_KEY, JSON.stringify({ form, savedAt: now.toISOString() } satisfies Draft));
  } catch {
    // Storage full or unavailable: the form still works, only the safety net is missing.
  }
}

export function clearDraft(storage: Pick<Storage, 'removeItem'> = localStorage): void {
  storage.removeItem(DRAFT_KEY);
}
