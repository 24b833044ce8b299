import { backlogReport } from './backlog-report.ts';
import { complaintsRegisterReport } from './complaints-register-report.ts';
import { complaintsReport } from './complaints-report.ts';
import { deadlineComplianceReport } from './deadline-compliance-report.ts';
import { handlingTimeReport } from './handling-time-report.ts';
import { lateClaimsReport } from './late-claims-report.ts';
import { outcomesReport } from './outcomes-report.ts';
import { paymentsReport } from './payments-report.ts';
import type { ReportDefinition } from './report-definition.ts';
import { straightThroughReport } from './straight-through-report.ts';

/** Every management report, in the order the reports page shows them. */
export const REPORTS = [
  backlogReport,
  handlingTimeReport,
  deadlineComplianceReport,
  straightThroughReport,
  outcomesReport,
  paymentsReport,
  complaintsReport,
] as unknown as readonly ReportDefinition[];

/** The regulatory extracts: lists rather than figures, the same routes and files. */
export const EXTRACTS = [
  complaintsRegisterReport,
  lateClaimsReport,
] as unknown as readonly ReportDefinition[];

/** Every report and extract: what the routes serve. */
export const ALL_REPORTS: readonly ReportDefinition[] = [...REPORTS, ...EXTRACTS];
