import { Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { AdminTabs } from './admin-tabs.tsx';
import type { BusinessCalendar, DeadlinePolicy } from './admin-types.ts';
import { CalendarView } from './calendar-view.tsx';
import { DeadlinePoliciesTable } from './deadline-policies-table.tsx';
import { useIsAdmin } from './use-is-admin.ts';

const THIS_YEAR = new Date().getFullYear();
const YEARS = [THIS_YEAR - 1, THIS_YEAR, THIS_YEAR + 1, THIS_YEAR + 2].map(String);

// What the clocks apply. The law's deadlines change in code; administrators edit a company
// promise's clock and a calendar's extra closed days here (auditors see the same page without
// the buttons).
export function DeadlinesPage() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const [country, setCountry] = useState<'SE' | 'IT'>('SE');
  const [year, setYear] = useState(String(THIS_YEAR));
  const policies = useQuery({
    queryKey: ['admin', 'deadline-policies'],
    queryFn: async () => (await api<{ items: DeadlinePolicy[] }>('GET', '/deadline-policies')).items,
  });
  const calendar = useQuery({
    queryKey: ['admin', 'calendar', country, year],
    queryFn: () => api<BusinessCalendar>('GET', `/business-calendars/${country}?year=${year}`),
  });
  return (
    <Stack gap="xl">
      <Stack>
        <AdminTabs current="/desk/admin/deadlines" title={t('admin.deadlines.title')} />
        <section aria-labelledby="policies-title">
          <Title order={3} id="policies-title" mb="xs">
            {t('admin.deadlines.policies')}
          </Title>
          {policies.error ? <ProblemAlert error={policies.error} /> : null}
          {policies.isPending && <Text>{t('app.loading')}</Text>}
          {policies.data && <DeadlinePoliciesTable policies={policies.data} />}
        </section>
      </Stack>
      <section aria-labelledby="calendar-title">
        <Group justify="space-between" align="end" mb="sm">
          <Title order={3} id="calendar-title">
            {t('admin.calendar.title')}
          </Title>
          <Group>
            <NativeSelect
              label={t('admin.calendar.country')}
              value={country}
              onChange={(e) => setCountry(e.currentTarget.value as 'SE' | 'IT')}
              data={[
                { value: 'SE', label: t('admin.country.SE') },
                { value: 'IT', label: t('admin.country.IT') },
              ]}
            />
            <NativeSelect
              label={t('admin.calendar.year')}
              value={year}
              onChange={(e) => setYear(e.currentTarget.value)}
              data={YEARS}
            />
          </Group>
        </Group>
        {calendar.error ? <ProblemAlert error={calendar.error} /> : null}
        {calendar.isPending && <Text>{t('app.loading')}</Text>}
        {calendar.data && <CalendarView calendar={calendar.data} editable={isAdmin} />}
      </section>
    </Stack>
  );
}
