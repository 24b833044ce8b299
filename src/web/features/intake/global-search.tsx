import { Modal, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { useShortcut } from '../../app/shortcuts.ts';
import { READABLE_DESCRIPTION } from './readable.ts';
import { referenceIn, useCustomerSearch } from './search-query.ts';
import { SearchResults } from './search-results.tsx';

// The desk's search, one keystroke away from any staff screen: `/` or Ctrl/⌘+K opens it. Enter
// opens a claim, case or referral number at once, or the first customer found.
export function GlobalSearch() {
  const me = useMe();
  if (!me.data || me.data.role === 'customer') return null;
  return <SearchDialog />;
}

function SearchDialog() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const customers = useCustomerSearch(debounced);
  const open = useCallback(() => setOpened(true), []);
  useShortcut('/', 'intake.search.shortcut', open);
  useShortcut('mod+k', 'intake.search.shortcut', open);
  const close = () => {
    setOpened(false);
    setQ('');
  };
  const go = () => {
    const jump = referenceIn(q);
    const first = customers.data?.[0];
    if (jump) void navigate({ to: jump.to });
    else if (first && debounced === q) void navigate({ to: `/desk/customers/${first.id}` });
    else return;
    close();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('intake.search.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('intake.close') }}
    >
      <Stack>
        <TextInput
          data-autofocus
          label={t('intake.search.label')}
          description={t('intake.search.description')}
          styles={READABLE_DESCRIPTION}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              go();
            }
          }}
        />
        <SearchResults q={debounced} onNavigate={close} />
      </Stack>
    </Modal>
  );
}
