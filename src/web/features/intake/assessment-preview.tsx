import { Card, Group, Loader, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { AssessmentCard } from './assessment-result.tsx';
import type { ClaimDraft } from './claim-draft.ts';
import { useAssessmentPreview } from './use-assessment-preview.ts';

/**
 * The live assessment beside the form: what the claim would get if registered now. Announced
 * politely to screen readers (aria-live) so that a changed recommendation is heard, not only seen.
 */
export function AssessmentPreviewPanel({ draft }: { draft: ClaimDraft }) {
  const { t } = useTranslation();
  const { ready, query, settled } = useAssessmentPreview(draft);
  const busy = ready && (!settled || query.isFetching);
  const status = busy ? (
    <Group gap={6}>
      <Loader size="xs" aria-hidden />
      <Text size="sm" c="gray.7">
        {t('intake.preview.updating')}
      </Text>
    </Group>
  ) : null;
  return (
    <div aria-live="polite">
      {!ready ? (
        <Card withBorder component="section" aria-labelledby="assessment-preview-title">
          <Title order={3} id="assessment-preview-title">
            {t('intake.preview.title')}
          </Title>
          <Text mt="xs" c="gray.7">
            {t('intake.preview.incomplete')}
          </Text>
        </Card>
      ) : query.error && !query.isFetching ? (
        <Card withBorder component="section" aria-labelledby="assessment-preview-title">
          <Title order={3} id="assessment-preview-title" mb="xs">
            {t('intake.preview.title')}
          </Title>
          <ProblemAlert error={query.error} />
        </Card>
      ) : (
        <AssessmentCard assessment={query.data ?? null} currency={draft.currency} preview status={status} />
      )}
    </div>
  );
}
