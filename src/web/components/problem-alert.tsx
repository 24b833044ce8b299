import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client.ts';

/** The server's problem details as they came: its message, and each field error with its path. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problem = error instanceof ApiProblem ? error : null;
  return (
    <Alert color="red" title={t('app.error')} role="alert">
      {problem ? problem.detail : String(error)}
      {problem && problem.errors.length > 0 && (
        <List size="sm" mt="xs">
          {problem.errors.map((e) => (
            <List.Item key={`${e.path.join('.')}:${e.code}`}>
              <code>{e.path.join('.')}</code>: {e.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
