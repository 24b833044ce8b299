import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { referenceIn, useCustomerSearch } from './search-query.ts';

/** The results of a search as a list of links: the record a number names, or matching customers. */
export function SearchResults({ q, onNavigate }: { q: string; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const jump = referenceIn(q);
  const customers = useCustomerSearch(q);
  if (jump) {
    return (
      <Anchor component={Link} to={jump.to} onClick={onNavigate}>
        {t(`intake.search.open_${jump.kind}`, { reference: jump.reference })}
      </Anchor>
    );
  }
  if (q.trim().length < 2) return <Text c="gray.7">{t('intake.search.hint')}</Text>;
  if (customers.error) return <ProblemAlert error={customers.error} />;
  if (!customers.data) return <Text>{t('app.loading')}</Text>;
  if (customers.data.length === 0) return <Text>{t('intake.search.none')}</Text>;
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label={t('intake.search.results')}
      style={{ listStyle: 'none', padding: 0 }}
    >
      {customers.data.map((c) => (
        <li key={c.id}>
          <Anchor component={Link} to={`/desk/customers/${c.id}`} onClick={onNavigate} fw={600}>
            {c.givenName} {c.familyName}
          </Anchor>
          <Text size="sm" c="gray.7">
            {[c.customerNumber, c.nationalId, c.phone, c.email].filter(Boolean).join(' · ')}
          </Text>
        </li>
      ))}
    </Stack>
  );
}
