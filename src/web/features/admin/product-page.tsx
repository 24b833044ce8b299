import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { ActivateVersion } from './activate-version.tsx';
import { AdminTabs } from './admin-tabs.tsx';
import { inLanguage, type ProductConfig } from './admin-types.ts';
import { ConfigView } from './config-view.tsx';
import { currentVersion, useProducts } from './products-page.tsx';
import { RetireVersion } from './retire-version.tsx';
import { useIsAdmin } from './use-is-admin.ts';
import { VersionEditor } from './version-editor.tsx';
import { VersionStatusBadge } from './version-status-badge.tsx';

/** One product: its versions with their periods and status, one version's terms, a new version. */
export function ProductPage({ productId }: { productId: string }) {
  const { t, i18n } = useTranslation();
  const isAdmin = useIsAdmin();
  const products = useProducts();
  const product = products.data?.find((p) => p.id === productId);
  const [shownId, setShownId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  if (products.error) return <ProblemAlert error={products.error} />;
  if (!products.data) return <Text>{t('app.loading')}</Text>;
  if (!product) return <Text>{t('admin.product.notFound')}</Text>;

  const current = currentVersion(product);
  const latest = product.versions[product.versions.length - 1];
  const shown = product.versions.find((v) => v.id === shownId) ?? current ?? latest;
  const lang = i18n.language;

  return (
    <Stack>
      <AdminTabs
        current="/desk/admin/products"
        title={t('admin.product.title', { code: product.code, name: inLanguage(product.name, lang) })}
      />
      <Anchor component={Link} to="/desk/admin/products">
        {t('admin.product.back')}
      </Anchor>
      <Text>
        {t(`admin.kind.${product.kind}`)} · {product.country} · {product.currency}
      </Text>

      <section aria-labelledby="versions-title">
        <Group justify="space-between" mb="xs">
          <Title order={3} id="versions-title">
            {t('admin.product.versions')}
          </Title>
          {isAdmin && !editing && (
            <Button onClick={() => setEditing(true)}>{t('admin.product.newVersion')}</Button>
          )}
        </Group>
        <ScrollTable label={t('admin.product.versions')} minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.product.version')}</Table.Th>
                <Table.Th>{t('admin.product.status')}</Table.Th>
                <Table.Th>{t('admin.product.effectiveFrom')}</Table.Th>
                <Table.Th>{t('admin.product.effectiveTo')}</Table.Th>
                <Table.Th>{t('admin.product.createdAt')}</Table.Th>
                <Table.Th>{t('admin.product.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {product.versions.map((v) => (
                <Table.Tr key={v.id} aria-current={v.id === shown?.id ? 'true' : undefined}>
                  <Table.Td>{v.version}</Table.Td>
                  <Table.Td>
                    <VersionStatusBadge status={v.status} />
                  </Table.Td>
                  <Table.Td>{formatDate(v.effectiveFrom, lang)}</Table.Td>
                  <Table.Td>
                    {v.effectiveTo ? formatDate(v.effectiveTo, lang) : t('admin.product.openEnded')}
                  </Table.Td>
                  <Table.Td>{formatDateTime(v.createdAt, lang)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant={v.id === shown?.id ? 'filled' : 'default'}
                        aria-pressed={v.id === shown?.id}
                        onClick={() => setShownId(v.id)}
                      >
                        {t('admin.product.show', { version: v.version })}
                      </Button>
                      {isAdmin && v.status === 'draft' && <ActivateVersion product={product} version={v} />}
                      {isAdmin && v.status === 'active' && <RetireVersion product={product} version={v} />}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </section>

      {editing && (
        <Paper withBorder p="md">
          <VersionEditor
            product={product}
            startFrom={current ?? latest}
            onCancel={() => setEditing(false)}
            onSaved={(v) => {
              setEditing(false);
              setShownId(v.id);
            }}
          />
        </Paper>
      )}

      {shown && (
        <section aria-labelledby="config-title">
          <Title order={3} id="config-title" mb="xs">
            {t('admin.product.configOf', { version: shown.version })}
          </Title>
          <ConfigView config={shown.config as ProductConfig} currency={product.currency} />
        </section>
      )}
    </Stack>
  );
}
