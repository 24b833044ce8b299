// How the reports page shows each report: which field names the bars, which fields are drawn
// (the rest are shown as numbers beside them), and how the values read. The figures come from
// GET /reports/<name>; the CSV and Excel links are GET /reports/<name>.csv and .xlsx with the same
// filters. Extra columns read by their name: …Rate a percentage, …Minor money, …Hours hours.

export type ReportConfig = {
  name: string;
  category: string;
  series: { key: string; color: string }[];
  extra: string[];
  format?: 'hours' | 'rate' | 'money';
  /** Leave out the total row (product null) from the bars: it would dwarf the products. */
  skipTotal?: boolean;
};

export const REPORT_CONFIGS: ReportConfig[] = [
  {
    name: 'backlog',
    category: 'kind',
    series: [
      { key: 'upTo7Days', color: 'green.7' },
      { key: 'upTo30Days', color: 'yellow.6' },
      { key: 'upTo90Days', color: 'orange.7' },
      { key: 'over90Days', color: 'red.8' },
    ],
    extra: ['open'],
  },
  {
    name: 'handling-time',
    category: 'product',
    series: [
      { key: 'medianHours', color: 'indigo.6' },
      { key: 'p90Hours', color: 'grape.7' },
      { key: 'decisionToPaymentMedianHours', color: 'teal.6' },
      { key: 'decisionToPaymentP90Hours', color: 'cyan.8' },
    ],
    extra: ['decided', 'paid', 'registrationToPaymentMedianHours', 'registrationToPaymentP90Hours'],
    format: 'hours',
    skipTotal: true,
  },
  {
    name: 'deadline-compliance',
    category: 'rule',
    series: [
      { key: 'metOnTime', color: 'green.7' },
      { key: 'metLate', color: 'orange.7' },
      { key: 'openBreached', color: 'red.8' },
      { key: 'openInTime', color: 'blue.4' },
    ],
    extra: ['complianceRate'],
  },
  {
    name: 'straight-through',
    category: 'product',
    series: [
      { key: 'straightThrough', color: 'green.7' },
      { key: 'byPerson', color: 'indigo.6' },
      { key: 'undecided', color: 'gray.5' },
    ],
    extra: ['registered', 'straightThroughRate'],
    skipTotal: true,
  },
  {
    name: 'outcomes',
    category: 'product',
    series: [
      { key: 'approved', color: 'green.7' },
      { key: 'partiallyApproved', color: 'yellow.6' },
      { key: 'denied', color: 'red.8' },
    ],
    extra: ['grantedMinor', 'approvalRate', 'partialRate', 'denialRate'],
  },
  {
    name: 'payments',
    category: 'product',
    series: [
      { key: 'paidCount', color: 'green.7' },
      { key: 'returnedCount', color: 'red.8' },
    ],
    extra: ['currency', 'paidMinor', 'interestMinor', 'returnedMinor'],
    skipTotal: true,
  },
  {
    name: 'complaints',
    category: 'cause',
    series: [
      { key: 'upheld', color: 'green.7' },
      { key: 'partiallyUpheld', color: 'yellow.6' },
      { key: 'rejected', color: 'red.8' },
      { key: 'open', color: 'orange.7' },
    ],
    extra: ['received', 'answered'],
  },
];

/** The regulatory extracts: lists, offered as files only (GET /reports/<name>.csv and .xlsx). */
export const EXTRACT_NAMES = ['complaints-register', 'claims-past-legal-deadline'] as const;
