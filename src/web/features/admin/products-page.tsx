import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDate } from '../../i18n/format.ts';
import { AdminTabs } from './admin-tabs.tsx';
import { inLanguage, type Product } from './admin-types.ts';
import { VersionStatusBadge } from './version-status-badge.tsx';

export function useProducts() {
  return useQuery({
    queryKey: ['admin', 'products'],
    queryFn: async () => (await api<{ items: Product[] }>('GET', '/products')).items,
  });
}

/** The active version that started last: the one new claims are assessed on from now. */
export function currentVersion(product: Product) {
  const active = product.versions.filter((v) => v.status === 'active');
  return active.sort((a, b) => b.version - a.version)[0];
}

/** Every product and benefit programme with its current version and any draft waiting. */
export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const products = useProducts();
  return (
    <Stack>
      <AdminTabs current="/desk/admin/products" title={t('admin.products.title')} />
      {products.error ? <ProblemAlert error={products.error} /> : null}
      {products.isPending && <Text>{t('app.loading')}</Text>}
      {products.data && products.data.length === 0 && <Text>{t('admin.products.empty')}</Text>}
      {products.data && products.data.length > 0 && (
        <ScrollTable label={t('admin.products.title')} minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.products.code')}</Table.Th>
                <Table.Th>{t('admin.products.name')}</Table.Th>
                <Table.Th>{t('admin.products.kind')}</Table.Th>
                <Table.Th>{t('admin.products.country')}</Table.Th>
                <Table.Th>{t('admin.products.current')}</Table.Th>
                <Table.Th>{t('admin.products.drafts')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.data.map((p) => {
                const current = currentVersion(p);
                const drafts = p.versions.filter((v) => v.status === 'draft').length;
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/desk/admin/products/${p.id}`}>
                        {p.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{inLanguage(p.name, i18n.language)}</Table.Td>
                    <Table.Td>{t(`admin.kind.${p.kind}`)}</Table.Td>
                    <Table.Td>
                      {p.country} · {p.currency}
                    </Table.Td>
                    <Table.Td>
                      {current ? (
                        <>
                          <VersionStatusBadge status="active" />{' '}
                          {t('admin.products.versionFrom', {
                            version: current.version,
                            date: formatDate(current.effectiveFrom, i18n.language),
                          })}
                        </>
                      ) : (
                        t('admin.products.noneActive')
                      )}
                    </Table.Td>
                    <Table.Td>{drafts}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
