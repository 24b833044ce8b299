import { Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDay } from '../../app/local-day.ts';
import { EXTRACT_NAMES, REPORT_CONFIGS } from './report-configs.ts';
import { ReportFileLinks, ReportSection } from './report-section.tsx';

type Filters = { from: string; to: string; country: string; product: string; team: string };

function defaults(): Filters {
  return { from: localDay(-29), to: localDay(), country: '', product: '', team: '' };
}

export function toQuery(f: Filters): string {
  const p = new URLSearchParams({ from: f.from, to: f.to });
  if (f.country) p.set('country', f.country);
  if (f.product.trim()) p.set('product', f.product.trim());
  if (f.team.trim()) p.set('team', f.team.trim());
  return p.toString();
}

// The management reports: one period (and country, product, team) for all of them, applied when the
// form is sent so that typing a date does not fire six queries per keystroke.
export function ReportsPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>(defaults);
  const [applied, setApplied] = useState<Filters>(draft);
  const query = toQuery(applied);
  return (
    <Stack gap="lg">
      <Title order={2}>{t('supervisor.reports.title')}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(draft);
        }}
      >
        <Group align="end" wrap="wrap">
          <TextInput
            type="date"
            label={t('supervisor.reports.from')}
            value={draft.from}
            required
            onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('supervisor.reports.to')}
            value={draft.to}
            required
            onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
          <NativeSelect
            label={t('supervisor.reports.country')}
            value={draft.country}
            onChange={(e) => setDraft({ ...draft, country: e.currentTarget.value })}
            data={[
              { value: '', label: t('supervisor.reports.allCountries') },
              { value: 'SE', label: t('supervisor.country.SE') },
              { value: 'IT', label: t('supervisor.country.IT') },
            ]}
          />
          <TextInput
            label={t('supervisor.queue.product')}
            placeholder={t('supervisor.queue.productPlaceholder')}
            value={draft.product}
            onChange={(e) => setDraft({ ...draft, product: e.currentTarget.value })}
          />
          <TextInput
            label={t('supervisor.reports.team')}
            placeholder={t('supervisor.reports.teamPlaceholder')}
            value={draft.team}
            onChange={(e) => setDraft({ ...draft, team: e.currentTarget.value })}
          />
          <Button type="submit">{t('supervisor.reports.apply')}</Button>
        </Group>
      </form>
      {REPORT_CONFIGS.map((c) => (
        <ReportSection key={c.name} config={c} query={query} />
      ))}
      <Card withBorder component="section" aria-labelledby="report-extracts">
        <Title order={3} id="report-extracts" mb="xs">
          {t('supervisor.reports.extracts')}
        </Title>
        <Text size="sm" c="gray.7" mb="sm">
          {t('supervisor.reports.extractsHelp')}
        </Text>
        <Stack gap="sm">
          {EXTRACT_NAMES.map((name) => (
            <div key={name}>
              <Text fw={600}>{t(`supervisor.report.${name}`)}</Text>
              <Text size="sm" c="gray.7">
                {t(`supervisor.reportHelp.${name}`)}
              </Text>
              <ReportFileLinks name={name} query={query} title={t(`supervisor.report.${name}`)} />
            </div>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}
