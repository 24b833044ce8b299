import { Button, Card, Group, Select, SimpleGrid, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { fieldErrorsOf } from './field-errors.ts';
import type { Customer } from './intake-types.ts';
import { READABLE_DESCRIPTION } from './readable.ts';
import { useCustomerSearch } from './search-query.ts';

// Step one of a new claim: find the caller among the customers, or register them (POST /customers)
// with the server's field errors shown at each field.
export function CustomerStep({ phone, onChosen }: { phone: string; onChosen: (customerId: string) => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="customer-step">
      <Title order={3} id="customer-step" mb="sm">
        {t('intake.newClaim.customerStep')}
      </Title>
      <Tabs defaultValue="find">
        <Tabs.List>
          <Tabs.Tab value="find">{t('intake.newClaim.findCustomer')}</Tabs.Tab>
          <Tabs.Tab value="create">{t('intake.newClaim.createCustomer')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="find" pt="md">
          <FindCustomer initial={phone} onChosen={onChosen} />
        </Tabs.Panel>
        <Tabs.Panel value="create" pt="md">
          <CreateCustomer phone={phone} onCreated={onChosen} />
        </Tabs.Panel>
      </Tabs>
    </Card>
  );
}

function FindCustomer({ initial, onChosen }: { initial: string; onChosen: (id: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  const [debounced] = useDebouncedValue(q, 250);
  const found = useCustomerSearch(debounced);
  return (
    <Stack>
      <TextInput
        label={t('intake.search.label')}
        description={t('intake.search.description')}
        styles={READABLE_DESCRIPTION}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      {found.error && <ProblemAlert error={found.error} />}
      {found.data?.length === 0 && <Text>{t('intake.search.none')}</Text>}
      {found.data?.map((c) => (
        <Group key={c.id} justify="space-between" wrap="nowrap">
          <div>
            <Text fw={600}>
              {c.givenName} {c.familyName}
            </Text>
            <Text size="sm" c="gray.7">
              {[c.customerNumber, c.nationalId, c.phone, c.email].filter(Boolean).join(' · ')}
            </Text>
          </div>
          <Button
            variant="default"
            onClick={() => onChosen(c.id)}
            aria-label={t('intake.newClaim.chooseCustomer', { name: `${c.givenName} ${c.familyName}` })}
          >
            {t('intake.newClaim.choose')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

function CreateCustomer({ phone, onCreated }: { phone: string; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    givenName: '',
    familyName: '',
    nationalId: '',
    country: 'SE',
    preferredLanguage: 'sv',
    email: '',
    phone,
  });
  const set = (field: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const key = useRef(crypto.randomUUID());
  const create = useMutation({
    mutationFn: () =>
      api<Customer>(
        'POST',
        '/customers',
        {
          givenName: form.givenName,
          familyName: form.familyName,
          nationalId: form.nationalId,
          country: form.country,
          preferredLanguage: form.preferredLanguage,
          ...(form.email.trim() ? { email: form.email.trim() } : {}),
          ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
        },
        { 'Idempotency-Key': key.current },
      ),
    onSuccess: (customer) => {
      queryClient.setQueryData(['customer', customer.id], customer);
      onCreated(customer.id);
    },
  });
  const errors = fieldErrorsOf(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.error && <ProblemAlert error={create.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('intake.customer.givenName')}
            required
            value={form.givenName}
            onChange={(e) => set('givenName')(e.currentTarget.value)}
            error={errors.givenName}
          />
          <TextInput
            label={t('intake.customer.familyName')}
            required
            value={form.familyName}
            onChange={(e) => set('familyName')(e.currentTarget.value)}
            error={errors.familyName}
          />
          <Select
            label={t('intake.customer.country')}
            data={[
              { value: 'SE', label: t('intake.country.SE') },
              { value: 'IT', label: t('intake.country.IT') },
            ]}
            value={form.country}
            onChange={(v) => set('country')(v ?? 'SE')}
            allowDeselect={false}
            error={errors.country}
          />
          <TextInput
            label={t('intake.customer.nationalId')}
            description={t('intake.customer.nationalIdHint')}
            styles={READABLE_DESCRIPTION}
            required
            value={form.nationalId}
            onChange={(e) => set('nationalId')(e.currentTarget.value)}
            error={errors.nationalId}
          />
          <Select
            label={t('intake.customer.language')}
            data={['sv', 'it', 'en'].map((l) => ({ value: l, label: t(`intake.language.${l}`) }))}
            value={form.preferredLanguage}
            onChange={(v) => set('preferredLanguage')(v ?? 'sv')}
            allowDeselect={false}
            error={errors.preferredLanguage}
          />
          <TextInput
            label={t('intake.customer.phone')}
            type="tel"
            value={form.phone}
            onChange={(e) => set('phone')(e.currentTarget.value)}
            error={errors.phone}
          />
          <TextInput
            label={t('intake.customer.email')}
            type="email"
            value={form.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={errors.email}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('intake.newClaim.registerCustomer')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
