import { Badge, Button, Group, Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDateTime, formatMoney } from '../../i18n/format.ts';
import { useTimeline } from './workspace-queries.ts';

// Everything about the customer, newest first, a page at a time: the representative on the phone
// sees the other claims, cases, calls, messages and payments without leaving the claim.
export function TimelinePanel({ claimRef, customerId }: { claimRef: string; customerId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pages = useTimeline(claimRef, customerId);
  if (pages.error) return <ProblemAlert error={pages.error} />;
  if (!pages.data) return <Text>{t('app.loading')}</Text>;
  const items = pages.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Text>{t('workspace.timelineEmpty')}</Text>;
  return (
    <Stack>
      <Timeline bulletSize={14} lineWidth={2}>
        {items.map((e) => (
          <Timeline.Item
            key={`${e.kind}-${e.id}`}
            title={
              <Group gap="xs">
                <Badge variant="filled" color="gray.7">
                  {t(`workspace.timelineKind.${e.kind}`)}
                </Badge>
                <Text fw={600} span>
                  {e.reference ?? ''}
                </Text>
              </Group>
            }
          >
            <Text size="sm">
              {[
                e.title,
                e.status,
                e.amountMinor !== null && e.currency ? formatMoney(e.amountMinor, e.currency, lang) : null,
                e.channel,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            <Text size="xs" c="gray.7">
              {formatDateTime(e.occurredAt, lang)}
            </Text>
          </Timeline.Item>
        ))}
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
