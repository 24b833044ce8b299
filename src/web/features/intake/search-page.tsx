import { Stack, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { READABLE_DESCRIPTION } from './readable.ts';
import { SearchResults } from './search-results.tsx';

/** The search as a page (the header's "Search" link), for those who prefer it to the `/` dialog. */
export function SearchPage({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  const [debounced] = useDebouncedValue(q, 250);
  return (
    <Stack maw={760}>
      <Title order={2}>{t('intake.search.title')}</Title>
      <TextInput
        label={t('intake.search.label')}
        description={t('intake.search.description')}
        styles={READABLE_DESCRIPTION}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        type="search"
      />
      <SearchResults q={debounced} />
    </Stack>
  );
}
