import { Alert, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api } from '../../api/client.ts';
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

// Contact details, the address and the payout bank account. Every change goes through the
// account-change flow: contact details apply at once (and the old address hears of it); a bank account is checked by
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
      {customer.data && <AddressForm customer={customer.data} />}
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

type Address = NonNullable<Customer['address']>;

// Mantine draws field errors in red.6, below AA contrast on white: this form uses a darker red.
const READABLE_ERRORS = { '--mantine-color-error': 'var(--mantine-color-red-9)' } as CSSProperties;

const oneLine = (a: Address) => `${a.street}, ${a.postalCode} ${a.city}, ${a.country}`;

/**
 * A move. The address applies at once (like the other contact details), and a letter goes to the
 * address we had, so that a customer whose login someone else took over hears of it where they
 * live; the confirmation says so before anything is sent. The server checks the postal code for
 * the country (Sweden NNN NN, Italy five digits) and its field error shows under the field.
 */
function AddressForm({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = customer.address;
  const [street, setStreet] = useState('');
  const [postalCode, setPostalCode] = useState('');
  const [city, setCity] = useState('');
  const [country, setCountry] = useState(current?.country ?? customer.country);
  const next = (): Address => ({
    street: street.trim(),
    postalCode: postalCode.trim(),
    city: city.trim(),
    country,
  });
  const save = useMutation({
    mutationFn: () =>
      createWithKey<AccountChange>(`/customers/${customer.id}/account-changes`, {
        field: 'address',
        newValue: next(),
        channel: 'portal',
      }),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('portalProfile.address.saved'),
        closeButtonProps: { 'aria-label': t('portal.close') },
      });
      setStreet('');
      setPostalCode('');
      setCity('');
      await queryClient.invalidateQueries({ queryKey: ['portal-customer'] });
      await queryClient.invalidateQueries({ queryKey: ['portal-changes'] });
    },
  });
  const problem = save.error instanceof ApiProblem ? save.error : null;
  const fieldError = (name: string) =>
    problem?.errors.find((e) => e.path[0] === 'newValue' && e.path[1] === name)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('portal.close') },
      title: t('portalProfile.address.confirmTitle'),
      children: (
        <Stack gap="xs">
          <Text>{t('portalProfile.address.confirmNew', { address: oneLine(next()) })}</Text>
          <Text>
            {current
              ? t('portalProfile.address.confirmLetter', { address: oneLine(current) })
              : t('portalProfile.address.confirmNoOld')}
          </Text>
        </Stack>
      ),
      labels: { confirm: t('portalProfile.address.confirm'), cancel: t('portal.cancel') },
      onConfirm: () => save.mutate(),
    });
  };
  const hint =
    country === 'SE' || country === 'IT' ? t(`portalProfile.address.postalHint.${country}`) : undefined;
  return (
    <Card withBorder>
      <form onSubmit={submit} aria-labelledby="address-title" style={READABLE_ERRORS}>
        <Stack gap="sm">
          <Title order={3} size="h4" id="address-title">
            {t('portalProfile.address.title')}
          </Title>
          <Text size="sm">
            {t('portalProfile.address.current')}: {current ? oneLine(current) : '—'}
          </Text>
          <TextInput
            label={t('portalProfile.address.street')}
            required
            autoComplete="street-address"
            value={street}
            onChange={(e) => setStreet(e.currentTarget.value)}
            error={fieldError('street')}
          />
          <Group grow align="start" wrap="wrap">
            <TextInput
              label={t('portalProfile.address.postalCode')}
              required
              autoComplete="postal-code"
              inputMode="numeric"
              // Mantine's default description colour (dimmed) lacks AA contrast.
              description={
                hint ? (
                  <Text span size="xs" c="gray.7">
                    {hint}
                  </Text>
                ) : undefined
              }
              value={postalCode}
              onChange={(e) => setPostalCode(e.currentTarget.value)}
              error={fieldError('postalCode')}
              miw={140}
            />
            <TextInput
              label={t('portalProfile.address.city')}
              required
              autoComplete="address-level2"
              value={city}
              onChange={(e) => setCity(e.currentTarget.value)}
              error={fieldError('city')}
              miw={160}
            />
          </Group>
          <NativeSelect
            label={t('portalProfile.address.country')}
            value={country}
            onChange={(e) => setCountry(e.currentTarget.value)}
            data={[
              { value: 'SE', label: t('portalProfile.country.SE') },
              { value: 'IT', label: t('portalProfile.country.IT') },
            ]}
          />
          {/* A field's own error shows under it; anything else as the server sent it. */}
          {save.error && !problem?.errors.some((e) => e.path[0] === 'newValue') && (
            <ProblemAlert error={save.error} />
          )}
          <Button type="submit" loading={save.isPending}>
            {t('portalProfile.address.save')}
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
