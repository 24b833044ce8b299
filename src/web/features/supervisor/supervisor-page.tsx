import { Checkbox, Group, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useMe } from '../../app/session.ts';
import { DeadlinesPanel } from './deadlines-panel.tsx';
import { EscalationsPanel } from './escalations-panel.tsx';
import { ReassignPanel } from './reassign-panel.tsx';
import type { DeadlineStatesRow, Workload } from './supervisor-types.ts';
import { WorkloadPanel } from './workload-panel.tsx';

// The supervisor's screen: what was escalated to me, my team's workload and deadlines (or every
// team's), and reassigning my team's work.
export function SupervisorPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const myTeam = me?.team ?? null;
  const [allTeams, setAllTeams] = useState(false);
  const team = allTeams || !myTeam ? null : myTeam;
  const query = team ? `?team=${encodeURIComponent(team)}` : '';
  const workload = useQuery({
    queryKey: ['workload', team],
    queryFn: () => api<Workload>('GET', `/dashboards/workload${query}`),
  });
  const deadlines = useQuery({
    queryKey: ['workload', 'deadlines', team],
    queryFn: () => api<{ rows: DeadlineStatesRow[] }>('GET', `/dashboards/deadlines${query}`),
  });
  return (
    <Stack gap="xl">
      <Group justify="space-between" align="end">
        <Title order={2}>{t('supervisor.title')}</Title>
        {myTeam && (
          <Checkbox
            label={t('supervisor.allTeams')}
            checked={allTeams}
            onChange={(e) => setAllTeams(e.currentTarget.checked)}
          />
        )}
      </Group>
      <EscalationsPanel />
      <WorkloadPanel workload={workload.data} error={workload.error} />
      <DeadlinesPanel rows={deadlines.data?.rows} error={deadlines.error} />
      {myTeam && workload.data && <ReassignPanel team={myTeam} people={workload.data.people} />}
    </Stack>
  );
}
