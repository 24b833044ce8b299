import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Claim, Page } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { fieldErrorsOf } from './field-errors.ts';
import type { CaseView, Policy } from './intake-types.ts';
import { notifySuccess } from './notify.ts';
import { READABLE_ERRORS } from './readable.ts';
import { type CustomerHit, useCustomerSearch } from './search-query.ts';

// The kinds staff open here. Complaints have their own endpoint (POST /complaints) and changes of
// contact or bank details their own four-eyes flow, which opens its case itself.
const KINDS = ['general_inquiry', 'payment_delay', 'renewal_problem'] as const;
type Kind = (typeof KINDS)[number];
// How the customer came to us; "portal" and "api" are the customer's own and the machines'.
const CHANNELS = ['phone', 'email', 'letter', 'in_person'] as const;

type Who = { id: string; name: string };

/**
 * "New service case": for the customer shown (customer page) or one found here (cases list). The
 * form, then a confirmation saying what the customer will receive (an acknowledgement with the
 * case number and the answer-by date), then POST /cases with an Idempotency-Key kept for this one
 * case — a double click or a retry never opens two — and on to the new case.
 */
export function NewCaseButton({ customer }: { customer?: Who }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  // A new form (and a new Idempotency-Key) each time the dialog is opened.
  const [round, setRound] = useState(0);
  return (
    <>
      <Button
        variant="default"
        onClick={() => {
          setRound((r) => r + 1);
          setOpened(true);
        }}
      >
        {t('intake.newCase.open')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('intake.newCase.title')}
        closeButtonProps={{ 'aria-label': t('intake.close') }}
        size="lg"
      >
        <NewCaseForm key={round} customer={customer} onCancel={() => setOpened(false)} />
      </Modal>
    </>
  );
}

function NewCaseForm({ customer, onCancel }: { customer?: Who | undefined; onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const key = useRef(crypto.randomUUID());
  const [who, setWho] = useState<Who | null>(customer ?? null);
  const [kind, setKind] = useState<Kind>('general_inquiry');
  const [channel, setChannel] = useState<string>('phone');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [claimId, setClaimId] = useState<string | null>(null);
  const [policyId, setPolicyId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const claims = useQuery({
    queryKey: ['customer-claims', who?.id],
    queryFn: () => api<Page<Claim>>('GET', `/claims?limit=50&customerId=${who?.id}`),
    enabled: who !== null && kind === 'payment_delay',
  });
  const policies = useQuery({
    queryKey: ['customer-policies', who?.id],
    queryFn: () => api<{ items: Policy[] }>('GET', `/customers/${who?.id}/policies`),
    enabled: who !== null && kind === 'renewal_problem',
  });

  const open = useMutation({
    mutationFn: () =>
      api<CaseView>(
        'POST',
        '/cases',
        {
          customerId: who?.id,
          kind,
          subject: subject.trim(),
          description: description.trim(),
          channel,
          ...(kind === 'payment_delay' && claimId ? { claimId } : {}),
          ...(kind === 'renewal_problem' && policyId ? { policyId } : {}),
        },
        { 'Idempotency-Key': key.current },
      ),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: ['customer-cases', view.customerId] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      notifySuccess(t('intake.newCase.opened', { number: view.caseNumber }));
      void navigate({ to: `/desk/cases/${view.caseNumber}` });
    },
    // The server's refusal shows on the form, at its fields.
    onError: () => setConfirming(false),
  });
  const errors = fieldErrorsOf(open.error);
  const link = kind === 'payment_delay' ? claimId : kind === 'renewal_problem' ? policyId : 'none';
  const complete = who !== null && subject.trim() !== '' && description.trim() !== '' && link !== null;

  if (confirming && who) {
    return (
      <Stack>
        <Text>{t('intake.newCase.confirmIntro', { name: who.name })}</Text>
        <Text
          component="blockquote"
          style={{ borderLeft: '3px solid var(--mantine-color-gray-4)', paddingLeft: 12, margin: 0 }}
        >
          {t('intake.newCase.acknowledgement', { subject: subject.trim() })}
        </Text>
        <Text size="sm">{t('intake.newCase.confirmQueue')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)} disabled={open.isPending}>
            {t('intake.newCase.back')}
          </Button>
          <Button onClick={() => open.mutate()} loading={open.isPending}>
            {t('intake.newCase.confirm')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form
      noValidate
      style={READABLE_ERRORS}
      onSubmit={(e) => {
        e.preventDefault();
        if (complete) setConfirming(true);
      }}
    >
      <Stack>
        {open.error ? <ProblemAlert error={open.error} /> : null}
        {customer ? (
          <Text>{t('intake.newCase.for', { name: customer.name })}</Text>
        ) : (
          <CustomerPicker value={who} onChange={setWho} error={errors.customerId} />
        )}
        <Select
          label={t('intake.cases.kind')}
          data={KINDS.map((k) => ({ value: k, label: t(`intake.caseKind.${k}`) }))}
          value={kind}
          onChange={(v) => setKind((v as Kind | null) ?? 'general_inquiry')}
          allowDeselect={false}
          error={errors.kind}
        />
        {kind === 'payment_delay' && (
          <Select
            label={t('intake.newCase.claim')}
            data={(claims.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.claimNumber} · ${t(`intake.claimStatus.${c.status}`)}`,
            }))}
            value={claimId}
            onChange={setClaimId}
            required
            nothingFoundMessage={t('intake.customer.noClaims')}
            error={errors.claimId}
          />
        )}
        {kind === 'renewal_problem' && (
          <Select
            label={t('intake.newCase.policy')}
            data={(policies.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.policyNumber} · ${t(`intake.policyStatus.${p.status}`)}`,
            }))}
            value={policyId}
            onChange={setPolicyId}
            required
            nothingFoundMessage={t('intake.customer.noPolicies')}
            error={errors.policyId}
          />
        )}
        <Select
          label={t('intake.newCase.channel')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`intake.channel.${c}`) }))}
          value={channel}
          onChange={(v) => setChannel(v ?? 'phone')}
          allowDeselect={false}
          error={errors.channel}
        />
        <TextInput
          label={t('intake.case.subject')}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          maxLength={200}
          required
          error={errors.subject}
        />
        <Textarea
          label={t('intake.newCase.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={3}
          required
          error={errors.description}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('intake.newCase.cancel')}
          </Button>
          <Button type="submit" disabled={!complete}>
            {t('intake.newCase.review')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The customer, found by name, personnummer, codice fiscale, phone or email as they are typed. */
function CustomerPicker({
  value,
  onChange,
  error,
}: {
  value: Who | null;
  onChange: (who: Who | null) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const found = useCustomerSearch(debounced);
  const name = (c: CustomerHit) => `${c.givenName} ${c.familyName}`;
  const hits = found.data ?? [];
  const data = [
    ...(value && !hits.some((c) => c.id === value.id) ? [{ value: value.id, label: value.name }] : []),
    ...hits.map((c) => ({ value: c.id, label: `${name(c)} · ${c.customerNumber} · ${c.nationalId}` })),
  ];
  return (
    <Select
      label={t('intake.newCase.customer')}
      description={t('intake.search.description')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched: show every hit, whatever part of it matched the text.
      filter={({ options }) => options}
      data={data}
      value={value?.id ?? null}
      onChange={(id) => {
        const hit = hits.find((c) => c.id === id);
        onChange(hit ? { id: hit.id, name: name(hit) } : id && value?.id === id ? value : null);
      }}
      nothingFoundMessage={debounced.trim().length >= 2 ? t('intake.search.none') : undefined}
      required
      error={error}
      styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
    />
  );
}
