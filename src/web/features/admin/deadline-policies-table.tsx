import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { localeOf } from '../../i18n/format.ts';
import { type DeadlinePolicy, inLanguage } from './admin-types.ts';
import { EditPolicyModal } from './edit-policy-modal.tsx';
import { useIsAdmin } from './use-is-admin.ts';

/**
 * The deadline policies in force: what each promises, where it comes from, how it warns and
 * escalates. Administrators change a company promise's clock here; the law's have no button.
 */
export function DeadlinePoliciesTable({ policies }: { policies: DeadlinePolicy[] }) {
  const { t, i18n } = useTranslation();
  const isAdmin = useIsAdmin();
  const [editing, setEditing] = useState<DeadlinePolicy | null>(null);
  const lang = i18n.language;
  const percent = (share: number) =>
    new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 0 }).format(share);
  const yesNo = (value: boolean) => (value ? t('admin.yes') : t('admin.no'));
  return (
    <>
      <ScrollTable label={t('admin.deadlines.policies')} minWidth={1100}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.deadlines.policy')}</Table.Th>
              <Table.Th>{t('admin.deadlines.appliesTo')}</Table.Th>
              <Table.Th>{t('admin.deadlines.clock')}</Table.Th>
              <Table.Th>{t('admin.deadlines.pauses')}</Table.Th>
              <Table.Th>{t('admin.deadlines.rollForward')}</Table.Th>
              <Table.Th>{t('admin.deadlines.warnings')}</Table.Th>
              <Table.Th>{t('admin.deadlines.escalation')}</Table.Th>
              <Table.Th>{t('admin.deadlines.source')}</Table.Th>
              {isAdmin && <Table.Th>{t('admin.product.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policies.map((p) => (
              <Table.Tr key={p.code}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {inLanguage(p.label, lang)}
                  </Text>
                  <Group gap={4} mt={4}>
                    <code>{p.code}</code>
                    <Badge
                      size="sm"
                      variant="filled"
                      autoContrast
                      color={p.configurable ? 'gray.3' : 'indigo.8'}
                    >
                      {p.configurable ? t('admin.deadlines.companyPolicy') : t('admin.deadlines.law')}
                    </Badge>
                    {p.configured && (
                      <Badge size="sm" variant="filled" autoContrast color="yellow.3">
                        {t('admin.deadlines.configured')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {t(`admin.workKind.${p.workKind}`)} · {p.jurisdiction ?? t('admin.deadlines.internal')}
                </Table.Td>
                <Table.Td>{t(`admin.unit.${p.clock.unit}`, { n: p.clock.amount })}</Table.Td>
                <Table.Td>{yesNo(p.pausesWhileAwaitingCustomer)}</Table.Td>
                <Table.Td>{yesNo(p.rollForwardToBusinessDay)}</Table.Td>
                <Table.Td>{p.warnAtShares.map(percent).join(', ')}</Table.Td>
                <Table.Td>
                  {t(`admin.unit.${p.secondEscalationAfter.unit}`, { n: p.secondEscalationAfter.amount })}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.source}</Text>
                </Table.Td>
                {isAdmin && (
                  <Table.Td>
                    {p.configurable && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(p)}
                        aria-label={t('admin.policyEdit.editFor', { policy: inLanguage(p.label, lang) })}
                      >
                        {t('admin.policyEdit.edit')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <EditPolicyModal policy={editing} onClose={() => setEditing(null)} />
    </>
  );
}
