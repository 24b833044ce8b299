import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { type ChartRow, ChartWithNumbers } from './chart-with-numbers.tsx';
import type { DeadlineStatesRow } from './supervisor-types.ts';

const STATES = ['onTrack', 'warning', 'breached', 'paused'] as const;
const COLORS: Record<(typeof STATES)[number], string> = {
  onTrack: 'green.7',
  warning: 'orange.6',
  breached: 'red.8',
  paused: 'blue.4',
};

/** On track / warning / breached (and paused) by team and by kind, summed from the grouped rows. */
export function DeadlinesPanel({ rows, error }: { rows: DeadlineStatesRow[] | undefined; error: unknown }) {
  const { t } = useTranslation();
  const series = STATES.map((s) => ({ name: s, label: t(`supervisor.state.${s}`), color: COLORS[s] }));
  const sum = (key: (r: DeadlineStatesRow) => string) => {
    const by = new Map<string, ChartRow>();
    for (const r of rows ?? []) {
      const k = key(r);
      const acc = by.get(k) ?? { group: k, onTrack: 0, warning: 0, breached: 0, paused: 0 };
      for (const s of STATES) acc[s] = (acc[s] as number) + r[s];
      by.set(k, acc);
    }
    return [...by.values()];
  };
  return (
    <section aria-labelledby="deadlines-title">
      <Title order={3} id="deadlines-title" mb="xs">
        {t('supervisor.deadlines.title')}
      </Title>
      {error ? <ProblemAlert error={error} /> : null}
      {!rows && !error && <Text>{t('app.loading')}</Text>}
      {rows && rows.length === 0 && <Text>{t('supervisor.deadlines.empty')}</Text>}
      {rows && rows.length > 0 && (
        <Stack gap="lg">
          <ChartWithNumbers
            label={t('supervisor.deadlines.byTeam')}
            categoryLabel={t('supervisor.workload.team')}
            data={sum((r) => r.team ?? t('supervisor.deadlines.noTeam'))}
            dataKey="group"
            series={series}
          />
          <ChartWithNumbers
            label={t('supervisor.deadlines.byKind')}
            categoryLabel={t('supervisor.queue.kind')}
            data={sum((r) => t(`supervisor.kind.${r.kind}`))}
            dataKey="group"
            series={series}
          />
        </Stack>
      )}
    </section>
  );
}
