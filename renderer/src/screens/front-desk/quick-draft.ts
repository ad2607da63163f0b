/**
 * The quick-entry form's values and their conversion into `requests.add` input. The form is short for
 * the common case (a consultation answered on the spot) and grows only with what the handling needs:
 * the answer for handlings answered at the desk, the back office for 转办, the respondent for 转人民调解.
 */

import { ANSWERED_AT_DESK, type Request, type RequestEdit, type RequestInput } from '../../../../electron/core/schema/request';

export interface QuickDraft {
  channel: string;
  businessType: string;
  name: string;
  phone: string;
  idNumber: string;
  /** The ID's type: a 居民身份证 unless a saved request says otherwise (kept when it is corrected). */
  idType: string;
  idDeclined: boolean;
  groupSize: string;
  address: string;
  matter: string;
  category: string | undefined;
  handling: string;
  answer: string;
  office: string | undefined;
  respondentName: string;
  respondentPhone: string;
  /** Close a request answered at the desk at once (nothing more owed). */
  close: boolean;
}

export const EMPTY_DRAFT: QuickDraft = {
  channel: 'visit',
  businessType: 'consultation',
  name: '',
  phone: '',
  idNumber: '',
  idType: 'resident-id',
  idDeclined: false,
  groupSize: '1',
  address: '',
  matter: '',
  category: undefined,
  handling: 'on-the-spot',
  answer: '',
  office: undefined,
  respondentName: '',
  respondentPhone: '',
  close: true,
};

/** What each handling adds to the form. */
export const needsAnswer = (d: QuickDraft) => ANSWERED_AT_DESK.has(d.handling);
export const needsOffice = (d: QuickDraft) => d.handling === 'route';
export const needsRespondent = (d: QuickDraft) => d.handling === 'to-mediation';

const filled = (value: string) => value.trim() || undefined;

/** The form as `requests.add` input; the core validates and names any field it refuses. */
export function draftToInput(d: QuickDraft): RequestInput {
  const size = d.groupSize.trim();
  return {
    channel: d.channel,
    businessType: d.businessType,
    visitor: {
      name: d.name.trim(),
      phone: filled(d.phone),
      idType: d.idType,
      idNumber: d.idDeclined ? undefined : filled(d.idNumber),
      idDeclined: d.idDeclined || undefined,
      address: filled(d.address),
      groupSize: /^\d+$/.test(size) ? Number(size) : (size as unknown as number),
    },
    matter: d.matter.trim(),
    category: d.category,
    handling: d.handling,
    answer: needsAnswer(d) ? filled(d.answer) : undefined,
    office: needsOffice(d) ? d.office : undefined,
    close: needsAnswer(d) && d.close,
    mediation: needsRespondent(d)
      ? {
          respondents: [{ name: d.respondentName.trim(), phone: filled(d.respondentPhone) }],
          disputeType: d.category,
        }
      : undefined,
  };
}

/** A core error's field (`visitor.phone`, `mediation.respondents[0].name`) as the draft field it belongs to. */
export function draftFieldOf(field: string | undefined): keyof QuickDraft | undefined {
  if (!field) return undefined;
  if (field.startsWith('visitor.')) return field.slice('visitor.'.length) as keyof QuickDraft;
  if (field.startsWith('mediation.respondents')) return field.endsWith('.phone') ? 'respondentPhone' : 'respondentName';
  if (field === 'mediation.disputeType') return 'category';
  return field as keyof QuickDraft;
}

/** A saved request's registration as the form's values (修改登记信息). */
export function draftFromRequest(r: Request): QuickDraft {
  const v = r.visitor;
  return {
    ...EMPTY_DRAFT,
    channel: r.channel,
    businessType: r.businessType,
    name: v.name,
    phone: v.phone ?? '',
    idNumber: v.idNumber ?? '',
    idType: v.idType ?? 'resident-id',
    idDeclined: v.idDeclined === true,
    groupSize: String(v.groupSize),
    address: v.address ?? '',
    matter: r.matter,
    category: r.category,
    handling: r.handling,
  };
}

/** The form as `requests.edit` changes: the registration only (the handling has its own record). */
export function draftToEdit(d: QuickDraft): RequestEdit {
  const { visitor, matter, category, channel, businessType } = draftToInput(d);
  return { channel, businessType, visitor, matter, ...(category ? { category } : {}) };
}
