import { Badge, Button, Group, Stack, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Language } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useCodeText } from './code-text.ts';
import { describeEntry } from './timeline-entry-text.ts';
import { useTimeline } from './workspace-queries.ts';
import type { Department } from './workspace-types.ts';

// Everything about the customer, newest first, a page at a time: the representative on the phone
// sees the other claims, cases, calls, messages and payments without leaving the claim — in
// words, never in the codes the server stores.
export function TimelinePanel({ claimRef, customerId }: { claimRef: string; customerId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const words = useCodeText();
  const pages = useTimeline(claimRef, customerId);
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  // Referrals name their department by code; the names come from the list the refer dialog reads.
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ items: Department[] }>('GET', '/departments'),
    enabled: items.some((e) => e.kind === 'referral'),
  });
  const departmentName = (code: string) =>
    departments.data?.items.find((d) => d.code === code)?.name[lang as Language] ??
    t('workspace.timeline.department', { code });
  if (pages.error) return <ProblemAlert error={pages.error} />;
  if (!pages.data) return <Text>{t('app.loading')}</Text>;
  if (items.length === 0) return <Text>{t('workspace.timelineEmpty')}</Text>;
  return (
    <Stack>
      <Timeline bulletSize={14} lineWidth={2}>
        {items.map((e) => {
          const { title, details } = describeEntry(e, words, t, lang, departmentName);
          return (
            <Timeline.Item
              key={`${e.kind}-${e.id}`}
              title={
                <Group gap="xs">
                  <Badge variant="filled" color="gray.7">
                    {words('workspace.timelineKind.', e.kind)}
                  </Badge>
                  {e.reference && (
                    <Text fw={600} span>
                      {e.reference}
                    </Text>
                  )}
                </Group>
              }
            >
              {title && (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {title}
                </Text>
              )}
              {details.length > 0 && <Text size="sm">{details.join(' · ')}</Text>}
              <Text size="xs" c="gray.7">
                {formatDateTime(e.occurredAt, lang)}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {pages.hasNextPage && (
        <Group>
          <Button variant="default" loading={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
            {t('workspace.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
