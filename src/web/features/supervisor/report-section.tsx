import { Anchor, Card, Group, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatMoney, localeOf } from '../../i18n/format.ts';
import { useCodeText } from '../workspace/code-text.ts';
import { type ChartRow, ChartWithNumbers } from './chart-with-numbers.tsx';
import type { ReportConfig } from './report-configs.ts';
import { useRuleLabel } from './report-rule-labels.ts';
import type { ReportCell, ReportResponse } from './supervisor-types.ts';

/** The report's CSV and Excel files, with the page's filters. */
export function ReportFileLinks({ name, query, title }: { name: string; query: string; title: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="md">
      <Anchor href={`/reports/${name}.csv?${query}`} download>
        {t('supervisor.reports.csv', { report: title })}
      </Anchor>
      <Anchor href={`/reports/${name}.xlsx?${query}`} download>
        {t('supervisor.reports.xlsx', { report: title })}
      </Anchor>
    </Group>
  );
}

/** One report: its chart with the numbers beside it, and its files with the same filters. */
export function ReportSection({ config, query }: { config: ReportConfig; query: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const report = useQuery({
    queryKey: ['report', config.name, query],
    queryFn: () => api<ReportResponse>('GET', `/reports/${config.name}?${query}`),
  });
  const ruleLabel = useRuleLabel(config.category === 'rule');
  const codeText = useCodeText();
  const number = (v: number) =>
    config.format === 'hours'
      ? t('supervisor.reports.hours', { value: new Intl.NumberFormat(localeOf(lang)).format(v) })
      : new Intl.NumberFormat(localeOf(lang)).format(v);
  const cell = (key: string, row: ChartRow, raw: Record<string, ReportCell>): string => {
    const v = raw[key];
    if (v === null || v === undefined) return '—';
    if (key.endsWith('Rate') && typeof v === 'number')
      return new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 1 }).format(v);
    if (key.endsWith('Minor') && typeof v === 'number')
      return formatMoney(v, String(row.currency ?? 'SEK'), lang);
    if (key.endsWith('Hours') && typeof v === 'number')
      return t('supervisor.reports.hours', { value: new Intl.NumberFormat(localeOf(lang)).format(v) });
    return typeof v === 'number' ? new Intl.NumberFormat(localeOf(lang)).format(v) : String(v);
  };
  const rows = (report.data?.rows ?? []).filter((r) => !(config.skipTotal && r[config.category] === null));
  const data: ChartRow[] = rows.map((r) => {
    const category = r[config.category];
    const label =
      category === null
        ? t('supervisor.reports.total')
        : config.category === 'kind'
          ? t(`supervisor.kind.${String(category)}`)
          : config.category === 'rule'
            ? ruleLabel(String(category))
            : config.category === 'cause'
              ? codeText('supervisor.cause.', String(category))
              : String(category);
    const out: ChartRow = { group: label };
    for (const [k, v] of Object.entries(r)) if (k !== config.category && v !== null) out[k] = v;
    return out;
  });
  const title = t(`supervisor.report.${config.name}`);
  return (
    <Card withBorder component="section" aria-labelledby={`report-${config.name}`}>
      <Group justify="space-between" mb="xs">
        <Title order={3} id={`report-${config.name}`}>
          {title}
        </Title>
        <ReportFileLinks name={config.name} query={query} title={title} />
      </Group>
      <Text size="sm" c="gray.7" mb="sm">
        {t(`supervisor.reportHelp.${config.name}`)}
      </Text>
      {report.error && <ProblemAlert error={report.error} />}
      {!report.data && !report.error && <Text>{t('app.loading')}</Text>}
      {report.data && data.length === 0 && <Text>{t('supervisor.reports.empty')}</Text>}
      {report.data && data.length > 0 && (
        <ChartWithNumbers
          label={title}
          data={data}
          dataKey="group"
          categoryLabel={t(`supervisor.col.${config.category}`)}
          series={config.series.map((s) => ({
            name: s.key,
            label: t(`supervisor.col.${s.key}`),
            color: s.color,
          }))}
          format={number}
          extraColumns={config.extra.map((key) => ({
            key,
            label: t(`supervisor.col.${key}`),
            render: (row) => cell(key, row, rows[data.indexOf(row)] ?? {}),
          }))}
        />
      )}
    </Card>
  );
}
