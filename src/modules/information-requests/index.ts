export { applyInformationAnswer, type InformationAnswer } from './answer-information-request.ts';
export {
  expireInformationRequest,
  INFORMATION_ACTOR,
  sendInformationReminder,
} from './information-request-jobs.ts';
export {
  describeItems,
  expiryInstant,
  finalAnswerDay,
  type InformationTerms,
  informationTerms,
  reminderInstants,
} from './information-request-terms.ts';
export {
  answerInformationRequest,
  InformationAnswerSchema,
  NewInformationRequestSchema,
  requestInformation,
} from './information-request-use-cases.ts';
export {
  type InformationRequestView,
  InformationRequestViewSchema,
  listInformationRequests,
} from './list-information-requests.ts';
export { EXPIRY_JOB, openInformationRequest, REMINDER_JOB } from './open-information-request.ts';
