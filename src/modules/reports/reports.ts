import { backlogReport } from './backlog-report.ts';
import { complaintsReport } from './complaints-report.ts';
import { deadlineComplianceReport } from './deadline-compliance-report.ts';
import { handlingTimeReport } from './handling-time-report.ts';
import { outcomesReport } from './outcomes-report.ts';
import type { ReportDefinition } from './report-definition.ts';
import { straightThroughReport } from './straight-through-report.ts';

/** Every report, in the order the reports page shows them. */
export const REPORTS = [
  backlogReport,
  handlingTimeReport,
  deadlineComplianceReport,
  straightThroughReport,
  outcomesReport,
  complaintsReport,
] as unknown as readonly ReportDefinition[];
