/**
 * The intake form's state: the values, which fields the user has been through (problems show only
 * there until a save is tried), the core's `cases.check` verdict shortly after typing stops, and the
 * edits (a valid ID number fills birth date and gender).
 */

import { useCallback, useEffect, useMemo, useState } from 'react';

import type { Party } from '../../../../electron/core/schema/case';
import { call } from '../../api/client';
import type { PartyField } from './PartyCard';
import {
  bringIn,
  emptyParty,
  hasContent,
  idFacts,
  type IntakeForm,
  type PartyForm,
  type Problems,
  type Role,
  toCaseInput,
  validateIntake,
} from './validate';

/** Fields whose problems show only after leaving the field or once complete (no nagging mid-number). */
const COMPLETE_LENGTH: Record<string, number> = { idNumber: 18, phone: 11, creditCode: 18, 'agent.phone': 11 };

export function useIntakeForm(initial: () => IntakeForm, today: string) {
  const [form, setForm] = useState<IntakeForm>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverProblems, setServerProblems] = useState<Problems>({});

  const problems = useMemo(() => validateIntake(form, today), [form, today]);

  // The core's opinion, shortly after typing stops; placed at the same field paths.
  useEffect(() => {
    if (!hasContent(form)) return;
    const timer = setTimeout(() => {
      call('cases.check', toCaseInput(form)).then(
        (result) => {
          const next: Problems = {};
          for (const p of result.problems) if (!(p.field in next)) next[p.field] = p.message;
          setServerProblems(next);
        },
        () => undefined,
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [form]);

  const visible = useCallback(
    (field: string): string | undefined => {
      const text = problems[field] ?? serverProblems[field];
      if (!text) return undefined;
      if (showAll || touched.has(field)) return text;
      return undefined;
    },
    [problems, serverProblems, showAll, touched],
  );

  const touch = (field: string) => setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));

  const update = (patch: Partial<IntakeForm>, field?: string) => {
    setForm((f) => ({ ...f, ...patch }));
    if (field) touch(field);
  };

  const updateParty = (index: number, patch: Partial<PartyForm>, field?: PartyField) => {
    setForm((f) => {
      const parties = f.parties.slice();
      const next = { ...parties[index], ...patch };
      // Birth date and gender follow the ID number as soon as it is complete and valid.
      const facts = idFacts(next, today);
      if (facts && ('idNumber' in patch || 'idType' in patch)) Object.assign(next, facts);
      parties[index] = next;
      return { ...f, parties };
    });
    if (field) {
      const path = `parties[${index}].${field}`;
      const full = COMPLETE_LENGTH[field];
      const value = String((patch as Record<string, unknown>)[field === 'agent.phone' ? 'agentPhone' : field] ?? '');
      if (!full || value.replace(/\s|-/g, '').length >= full) touch(path);
    }
  };

  const addParty = (role: Role) => setForm((f) => ({ ...f, parties: [...f.parties, emptyParty(role)] }));
  const removeParty = (index: number) => setForm((f) => ({ ...f, parties: f.parties.filter((_, i) => i !== index) }));
  const bringInParty = (index: number, party: Party) =>
    setForm((f) => ({ ...f, parties: f.parties.map((p, i) => (i === index ? bringIn(p, party) : p)) }));

  /** Start again with a fresh form (after a saved case, for the next visitor). */
  const reset = (next: IntakeForm) => {
    setForm(next);
    setTouched(new Set());
    setShowAll(false);
    setServerProblems({});
  };

  return {
    form,
    setForm,
    problems,
    visible,
    showAll,
    setShowAll,
    setServerProblems,
    touch,
    update,
    updateParty,
    addParty,
    removeParty,
    bringInParty,
    reset,
  };
}
