import { Alert, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useMe } from '../../app/session.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import {
  type AccountChange,
  type BankAccounts,
  type CaseSummary,
  type Customer,
  createWithKey,
} from './portal-api.ts';

// Contact details and the payout bank account. Every change goes through the account-change flow:
// contact details apply at once (and the old address hears of it); a bank account is checked by
// two people — identity, then a second person's approval — before payments go to it, so it is
// shown here as pending until then.

export function ProfilePage() {
  const { t } = useTranslation();
  const customerId = useMe().data?.customerId ?? '';
  const customer = useQuery({
    queryKey: ['portal-customer', customerId],
    queryFn: () => api<Customer>('GET', `/customers/${customerId}`),
    enabled: !!customerId,
  });
  return (
    <Stack maw={640}>
      <Title order={2}>{t('portal.profile.title')}</Title>
      {customer.error && <ProblemAlert error={customer.error} />}
      {customer.data && <ContactForm customer={customer.data} />}
      {customerId && <BankAccountForm customerId={customerId} />}
      {customerId && <PendingChanges />}
    </Stack>
  );
}

function ContactForm({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(customer.email ?? '');
  const [phone, setPhone] = useState(customer.phone ?? '');
  const save = useMutation({
    mutationFn: async () => {
      const path = `/customers/${customer.id}/account-changes`;
      if (email.trim() && email.trim() !== customer.email) {
        await createWithKey(path, { field: 'email', newValue: email.trim(), channel: 'portal' });
      }
      if (phone.trim() && phone.trim() !== customer.phone) {
        await createWithKey(path, { field: 'phone', newValue: phone.trim(), channel: 'portal' });
      }
    },
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('portal.profile.contactSaved'),
        closeButtonProps: { 'aria-label': t('portal.close') },
      });
      await queryClient.invalidateQueries({ queryKey: ['portal-customer'] });
      await queryClient.invalidateQueries({ queryKey: ['portal-changes'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('portal.profile.contact')}
          </Title>
          <Text>
            {customer.givenName} {customer.familyName}
          </Text>
          {customer.address && (
            <Text size="sm">
              {customer.address.street}, {customer.address.postalCode} {customer.address.city}
            </Text>
          )}
          <TextInput
            label={t('portal.profile.email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <TextInput
            label={t('portal.profile.phone')}
            type="tel"
            autoComplete="tel"
            // Mantine's default description colour (dimmed) lacks AA contrast.
            description={
              <Text span size="xs" c="gray.7">
                {t('portal.profile.phoneHint')}
              </Text>
            }
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
          {save.error && <ProblemAlert error={save.error} />}
          <Button type="submit" loading={save.isPending}>
            {t('portal.profile.saveContact')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

type Scheme = 'iban' | 'se_account' | 'bankgiro' | 'plusgiro';

function BankAccountForm({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const accounts = useQuery({
    queryKey: ['portal-bank', customerId],
    queryFn: () => api<BankAccounts>('GET', `/customers/${customerId}/bank-accounts`),
  });
  const [scheme, setScheme] = useState<Scheme>('iban');
  const [iban, setIban] = useState('');
  const [clearing, setClearing] = useState('');
  const [account, setAccount] = useState('');
  const [holder, setHolder] = useState('');
  const newValue = () =>
    scheme === 'iban'
      ? { scheme, iban: iban.trim(), holderName: holder.trim() }
      : scheme === 'se_account'
        ? {
            scheme,
            clearingNumber: clearing.trim(),
            accountNumber: account.trim(),
            holderName: holder.trim(),
          }
        : { scheme, accountNumber: account.trim(), holderName: holder.trim() };
  const request = useMutation({
    mutationFn: () =>
      createWithKey<AccountChange>(`/customers/${customerId}/account-changes`, {
        field: 'bank_account',
        newValue: newValue(),
        channel: 'portal',
      }),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('portal.profile.bankRequested'),
        closeButtonProps: { 'aria-label': t('portal.close') },
      });
      setIban('');
      setAccount('');
      setClearing('');
      await queryClient.invalidateQueries({ queryKey: ['portal-changes'] });
      await queryClient.invalidateQueries({ queryKey: ['portal-cases'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // What happens next, before it is sent: the customer is told the same in writing.
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('portal.close') },
      title: t('portal.profile.bankConfirmTitle'),
      children: <Text>{t('portal.profile.fourEyes')}</Text>,
      labels: { confirm: t('portal.profile.bankSubmit'), cancel: t('portal.cancel') },
      onConfirm: () => request.mutate(),
    });
  };
  const current = accounts.data?.current;
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('portal.profile.bank')}
          </Title>
          <Text>
            {t('portal.profile.currentAccount')}:{' '}
            {current ? `${current.display} (${current.holderName})` : '—'}
          </Text>
          <Alert color="blue" title={t('portal.profile.fourEyesTitle')}>
            {t('portal.profile.fourEyes')}
          </Alert>
          <NativeSelect
            label={t('portal.profile.scheme')}
            value={scheme}
            onChange={(e) => setScheme(e.currentTarget.value as Scheme)}
            data={(['iban', 'se_account', 'bankgiro', 'plusgiro'] as const).map((s) => ({
              value: s,
              label: t(`portal.scheme.${s}`),
            }))}
          />
          {scheme === 'iban' && (
            <TextInput
              label={t('portal.profile.iban')}
              required
              value={iban}
              onChange={(e) => setIban(e.currentTarget.value)}
            />
          )}
          {scheme === 'se_account' && (
            <TextInput
              label={t('portal.profile.clearing')}
              required
              value={clearing}
              onChange={(e) => setClearing(e.currentTarget.value)}
            />
          )}
          {scheme !== 'iban' && (
            <TextInput
              label={t('portal.profile.accountNumber')}
              required
              value={account}
              onChange={(e) => setAccount(e.currentTarget.value)}
            />
          )}
          <TextInput
            label={t('portal.profile.holder')}
            required
            autoComplete="name"
            value={holder}
            onChange={(e) => setHolder(e.currentTarget.value)}
          />
          {request.error && <ProblemAlert error={request.error} />}
          <Group>
            <Button type="submit" loading={request.isPending}>
              {t('portal.profile.bankSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The account changes on the customer's account-change cases, newest first, with where each stands. */
function PendingChanges() {
  const { t, i18n } = useTranslation();
  const changes = useQuery({
    queryKey: ['portal-changes'],
    queryFn: async () => {
      const cases = await api<{ items: CaseSummary[] }>('GET', '/cases?kind=account_change&limit=20');
      const lists = await Promise.all(
        cases.items.map((c) =>
          api<{ items: AccountChange[] }>(
            'GET',
            `/cases/${encodeURIComponent(c.caseNumber)}/account-changes`,
          ),
        ),
      );
      return lists.flatMap((l) => l.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('portal.profile.changes')}
        </Title>
        {changes.error && <ProblemAlert error={changes.error} />}
        {changes.data?.length === 0 && <Text>{t('portal.profile.noChanges')}</Text>}
        {changes.data?.map((c) => (
          <Text key={c.id}>
            {t(`portal.field.${c.field}`)}: <strong>{t(`portal.changeStatus.${c.status}`)}</strong> ·{' '}
            {formatDateTime(c.createdAt, i18n.language)} · {c.caseNumber}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}
