// How the reports page shows each report: which field names the bars, which fields are drawn
// (the rest are shown as numbers beside them), and how the values read. The figures come from
// GET /reports/<name>; the CSV link is GET /reports/<name>.csv with the same filters.

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
    ],
    extra: ['decided'],
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
    extra: ['grantedMinor'],
  },
  {
    name: 'complaints',
    category: 'cause',
    series: [
      { key: 'answered', color: 'green.7' },
      { key: 'open', color: 'orange.7' },
    ],
    extra: ['received'],
  },
];
