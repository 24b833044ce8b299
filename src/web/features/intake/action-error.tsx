import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';

/**
 * An action's refusal as the server gave it; when someone else changed the record meanwhile
 * (409 version_conflict) also the way out: reload and try again on what is there now.
 */
export function ActionError({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const conflict = error instanceof ApiProblem && error.code === 'version_conflict';
  return (
    <Stack gap="xs">
      <ProblemAlert error={error} />
      {conflict && (
        <>
          <Text size="sm">{t('intake.conflict.text')}</Text>
          <Button variant="default" size="xs" onClick={onReload} w="fit-content">
            {t('intake.conflict.reload')}
          </Button>
        </>
      )}
    </Stack>
  );
}
