import { Button, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatMoney } from '../../i18n/format.ts';
import { AdminTabs } from './admin-tabs.tsx';
import type { AuthorityLimit } from './admin-types.ts';
import { EditLimitModal, useHolder } from './edit-limit-modal.tsx';
import { useIsAdmin } from './use-is-admin.ts';

/** Who may decide how much: each role's rows and the users' own rows (which replace their role's). */
export function AuthorityPage() {
  const { t, i18n } = useTranslation();
  const isAdmin = useIsAdmin();
  const holder = useHolder();
  const [editing, setEditing] = useState<AuthorityLimit | null>(null);
  const limits = useQuery({
    queryKey: ['admin', 'authority-limits'],
    queryFn: async () => (await api<{ items: AuthorityLimit[] }>('GET', '/authority-limits')).items,
  });
  const money = (minor: number, currency: string) => formatMoney(minor, currency, i18n.language);
  return (
    <Stack>
      <AdminTabs current="/desk/admin/authority" title={t('admin.authority.title')} />
      <Text size="sm">{t('admin.authority.intro')}</Text>
      {limits.error ? <ProblemAlert error={limits.error} /> : null}
      {limits.isPending && <Text>{t('app.loading')}</Text>}
      {limits.data && limits.data.length === 0 && <Text>{t('admin.authority.empty')}</Text>}
      {limits.data && limits.data.length > 0 && (
        <ScrollTable label={t('admin.authority.title')} minWidth={960}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.authority.holder')}</Table.Th>
                <Table.Th>{t('admin.authority.product')}</Table.Th>
                <Table.Th>{t('admin.authority.maxAmount')}</Table.Th>
                <Table.Th>{t('admin.authority.ownMax')}</Table.Th>
                <Table.Th>{t('admin.authority.causes')}</Table.Th>
                <Table.Th>{t('admin.authority.mayDenyColumn')}</Table.Th>
                {isAdmin && <Table.Th>{t('admin.product.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {limits.data.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>
                    {holder(l)}
                    {l.user && (
                      <Text size="xs" c="gray.7">
                        {t('admin.authority.ownRow', { role: t(`admin.role.${l.user.role}`) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{l.productCode ?? t('admin.authority.anyProduct')}</Table.Td>
                  <Table.Td>{money(l.maxAmountMinor, l.currency)}</Table.Td>
                  <Table.Td>{money(l.ownRegistrationMaxMinor, l.currency)}</Table.Td>
                  <Table.Td>{l.causes ? l.causes.join(', ') : t('admin.authority.anyCause')}</Table.Td>
                  <Table.Td>{l.mayDeny ? t('admin.yes') : t('admin.no')}</Table.Td>
                  {isAdmin && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(l)}
                        aria-label={t('admin.authority.editFor', {
                          holder: holder(l),
                          product: l.productCode ?? t('admin.authority.anyProduct'),
                          currency: l.currency,
                        })}
                      >
                        {t('admin.authority.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <EditLimitModal limit={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
