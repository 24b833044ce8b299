import { Anchor, AppShell, Button, Group, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { navFor } from '../app/nav.ts';
import { useMe } from '../app/session.ts';
import { GlobalSearch } from '../features/intake/global-search.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { ShortcutHelp } from './shortcut-help.tsx';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const user = me.data ?? null;
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Title order={1} size="h3">
              {t('app.name')}
            </Title>
            {user && (
              <Group
                component="nav"
                aria-label={t('app.mainNavigation')}
                gap="md"
                wrap="nowrap"
                visibleFrom="xs"
              >
                {navFor(user.role).map((e) => (
                  <Anchor key={e.to} component={Link} to={e.to}>
                    {t(e.labelKey)}
                  </Anchor>
                ))}
              </Group>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            {user && (
              <>
                <Text size="sm" visibleFrom="sm">
                  {user.displayName}
                </Text>
                <Button
                  size="xs"
                  variant="default"
                  onClick={async () => {
                    await api('POST', '/auth/sign-out');
                    queryClient.clear();
                    await navigate({ to: '/sign-in' });
                  }}
                >
                  {t('app.signOut')}
                </Button>
              </>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
        <GlobalSearch />
      </AppShell.Main>
      <ShortcutHelp />
    </AppShell>
  );
}
