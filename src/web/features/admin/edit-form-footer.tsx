import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';

// The end of every admin edit dialog: the save's error, and Cancel / Save. An edit carries the
// row's `version`; when someone else saved first the server answers 409 `version_conflict`, and
// instead of the raw problem the dialog says so and offers to reload the list (`queryKey`) and close.
export function EditFormFooter(props: {
  error: unknown;
  staleText: string;
  queryKey: readonly string[];
  saving: boolean;
  saveLabel: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const stale = props.error instanceof ApiProblem && props.error.code === 'version_conflict';
  return (
    <>
      {stale ? (
        <Alert color="red" title={t('admin.authority.staleTitle')} role="alert">
          <Stack gap="xs">
            <Text size="sm">{props.staleText}</Text>
            <Group>
              <Button
                size="xs"
                variant="default"
                onClick={async () => {
                  await queryClient.invalidateQueries({ queryKey: props.queryKey });
                  props.onClose();
                }}
              >
                {t('admin.authority.reload')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : props.error ? (
        <ProblemAlert error={props.error} />
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          {t('admin.cancel')}
        </Button>
        <Button type="submit" loading={props.saving}>
          {props.saveLabel}
        </Button>
      </Group>
    </>
  );
}
