export { type AnswerComplaintResult, answerComplaint } from './answer-complaint.ts';
export {
  COMPLAINT_CAUSE_CODES,
  COMPLAINT_CAUSES,
  type ComplaintCause,
  causeIvassArea,
  causeLabel,
  IVASS_AREA_LABELS,
  type IvassArea,
} from './complaint-causes.ts';
export {
  ANSWER_RULE_SOURCES,
  answerRuleText,
  FURTHER_OPTIONS,
  type FurtherOption,
  furtherOptionsText,
  type Jurisdiction,
} from './complaint-legal-texts.ts';
export { complaintRegisterRows, exportComplaintRegister } from './complaint-register.ts';
export {
  ComplaintSchema,
  type ComplaintView,
  type FinalAnswerInput,
  FinalAnswerSchema,
  type NewComplaint,
  NewComplaintSchema,
  RegisterRowSchema,
} from './complaint-schemas.ts';
export { COMPLAINT_POLICY_CODES, getComplaint, loadComplaintView } from './load-complaint.ts';
export { type OpenComplaintResult, openComplaint } from './open-complaint.ts';
export { realignComplaintClocks } from './realign-complaint-clocks.ts';
export { registerCsv, registerCsvStream } from './register-csv.ts';
export { parseRegisterPeriod, type RegisterPeriod } from './register-period.ts';
export { REGISTER_COLUMNS, type RegisterRow } from './register-rows.ts';
export { complaintRoutes } from './routes.ts';
