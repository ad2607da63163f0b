/**
 * The intake draft in localStorage: written on every change, offered back on open, removed after the
 * case is saved. It survives a crash, a power cut (the browser storage is flushed by Chromium) and an
 * accidental close.
 */

import type { IntakeForm } from './validate';

export const DRAFT_KEY = 'mediation-desk.intake-draft.v1';

/** Drafts of edits to an existing case are kept per case. */
export const editDraftKey = (caseId: string) => `mediation-desk.edit-draft.v1.${caseId}`;

export interface Draft {
  form: IntakeForm;
  savedAt: string;
}

export function loadDraft(storage: Pick<Storage, 'getItem'> = localStorage, key = DRAFT_KEY): Draft | null {
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    return draft && draft.form && Array.isArray(draft.form.parties) ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(form: IntakeForm, now = new Date(), storage: Pick<Storage, 'setItem'> = localStorage, key = DRAFT_KEY): void {
  try {
    storage.setItem(key, JSON.stringify({ form, savedAt: now.toISOString() } satisfies Draft));
  } catch {
    // Storage full or unavailable: the form still works, only the safety net is missing.
  }
}

export function clearDraft(storage: Pick<Storage, 'removeItem'> = localStorage, key = DRAFT_KEY): void {
  storage.removeItem(key);
}
