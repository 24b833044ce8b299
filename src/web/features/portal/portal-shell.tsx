import { Box, Button, SimpleGrid } from '@mantine/core';
import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { portalNav } from './nav.ts';

// The header hides its links on a phone; the portal repeats them above each page there, as
// large touch targets, so that a customer on a phone can move between the four pages.
export function PortalShell() {
  const { t } = useTranslation();
  return (
    <>
      {/* Two by two: four labels side by side do not fit a phone's width in Swedish or Italian. */}
      <Box component="nav" aria-label={t('portal.nav.label')} hiddenFrom="xs" mb="md">
        <SimpleGrid cols={2} spacing="xs">
          {portalNav.map((e) => (
            <Button
              key={e.to}
              component={Link}
              to={e.to}
              variant="default"
              size="sm"
              activeOptions={{ exact: e.to === '/portal' }}
              activeProps={{ 'aria-current': 'page', style: { fontWeight: 700 } }}
            >
              {t(e.labelKey)}
            </Button>
          ))}
        </SimpleGrid>
      </Box>
      <Outlet />
    </>
  );
}
