import { Anchor, Group, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

const PAGES = [
  { to: '/desk/admin/products', key: 'admin.tabs.products' },
  { to: '/desk/admin/deadlines', key: 'admin.tabs.deadlines' },
  { to: '/desk/admin/authority', key: 'admin.tabs.authority' },
] as const;

/** The configuration pages' own navigation, with the page shown marked as current. */
export function AdminTabs({ current, title }: { current: (typeof PAGES)[number]['to']; title: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Group component="nav" aria-label={t('admin.tabs.label')} gap="lg">
        {PAGES.map((p) => (
          <Anchor
            key={p.to}
            component={Link}
            to={p.to}
            fw={p.to === current ? 700 : 400}
            underline={p.to === current ? 'always' : 'hover'}
            aria-current={p.to === current ? 'page' : undefined}
          >
            {t(p.key)}
          </Anchor>
        ))}
      </Group>
      <Title order={2}>{title}</Title>
    </>
  );
}
