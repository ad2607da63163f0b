/**
 * The fields a front-desk template (the 转办单) can use, built from a request and the office settings.
 * As for case documents: English paths, every field always present (an empty one is null, printed as
 * the blank to fill by hand), so a misspelt field is an error when the template is checked.
 * Dates are the record's own (the routing date), never the day of printing.
 */

import { BUSINESS_TYPES, DISPUTE_TYPES, ID_TYPES, REQUEST_CHANNELS, REQUEST_HANDLINGS, REQUEST_STATES } from '../schema/codes';
import type { Request } from '../schema/request';
import type { Settings } from '../schema/settings';
import { officeFields, orNull, whole } from './context';
import { keepWhole } from './linebreak';

export function requestDocumentContext(r: Request, settings: Settings, extras: { today: string; operator?: string }) {
  const v = r.visitor;
  const routing = r.routing;
  return {
    office: officeFields(settings, extras.operator),
    request: {
      id: r.id,
      number: keepWhole(r.number),
      /** The day received (YYYY-MM-DD); `receivedTime` the time (HH:mm) when recorded. */
      receivedAt: r.receivedAt.slice(0, 10),
      receivedTime: r.receivedAt.length > 10 ? r.receivedAt.slice(11, 16) : null,
      channel: REQUEST_CHANNELS.label(r.channel),
      businessType: BUSINESS_TYPES.label(r.businessType),
      category: r.category ? DISPUTE_TYPES.label(r.category) : null,
      matter: r.matter,
      firstResponder: r.firstResponder,
      handling: REQUEST_HANDLINGS.label(r.handling),
      state: REQUEST_STATES.label(r.state),
      answer: r.answer?.text ?? null,
      routeDue: orNull(r.routeDue),
    },
    visitor: {
      name: v.name,
      idType: v.idNumber && v.idType ? ID_TYPES.label(v.idType) : null,
      idNumber: orNull(v.idNumber),
      /** 拒绝提供 when the visitor declined to give an ID number. */
      idDeclined: v.idDeclined === true,
      phone: whole(v.phone),
      address: orNull(v.address),
      groupSize: v.groupSize,
    },
    routing: routing
      ? {
          office: routing.office,
          date: routing.date,
          by: orNull(routing.by),
          feedbackDue: routing.extendedTo ?? routing.feedbackDue,
          extended: routing.extendedTo !== undefined,
          extendReason: orNull(routing.extendReason),
        }
      : null,
    feedback: r.feedback ? { date: r.feedback.date, by: orNull(r.feedback.by), result: r.feedback.result } : null,
    frontDesk: { feedbackDays: settings.frontDesk.feedbackDays, maxFeedbackDays: settings.frontDesk.maxFeedbackDays },
    today: extras.today,
  };
}

export type RequestDocumentContext = ReturnType<typeof requestDocumentContext>;

/** One line per field for the template editor's help panel and docs/front-desk.md. */
export const REQUEST_FIELD_HELP: [string, string][] = [
  [
    'request.number / .receivedAt / .receivedTime / .channel / .businessType / .category / .matter',
    '登记编号、登记日期、登记时间、来访渠道、业务类型、纠纷类型、来访事项（转办单）',
  ],
  ['request.firstResponder / .handling / .state / .answer / .routeDue', '首问负责人、处理方式、状态、答复内容、应转办日期（转办单）'],
  [
    'visitor.name / .idType / .idNumber / .idDeclined / .phone / .address / .groupSize',
    '来访人姓名、证件类型、证件号码、是否拒绝提供证件号码、电话、住址、来访人数（转办单）',
  ],
  [
    'routing.office / .date / .by / .feedbackDue / .extended / .extendReason',
    '承办单位、转办日期、转办人、应反馈日期、是否延期、延期理由（转办单）',
  ],
  [
    'feedback.date / .by / .result; frontDesk.feedbackDays / .maxFeedbackDays',
    '承办单位反馈的日期、反馈人、办理结果；反馈时限、延期上限（工作日）',
  ],
];
