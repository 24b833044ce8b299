import {
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Claim } from '../../api/types.ts';
import { localDay } from '../../app/local-day.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate } from '../../i18n/format.ts';
import { AssessmentPreviewPanel } from './assessment-preview.tsx';
import { ClaimDocuments, type DocumentDraft } from './claim-documents.tsx';
import { type ClaimDraft, claimBody } from './claim-draft.ts';
import { ClaimLines, type LineDraft, newLine } from './claim-lines.tsx';
import { fieldErrorsOf } from './field-errors.ts';
import { type Customer, localized, type Policy } from './intake-types.ts';
import { useProducts, versionOn } from './products.ts';
import { READABLE_DESCRIPTION } from './readable.ts';
import { uploadDocument } from './upload-document.ts';

export const CAUSES = [
  'illness',
  'accident',
  'theft',
  'loss',
  'damage',
  'delay',
  'extreme_sports',
  'other',
] as const;

export type Registered = { claim: Claim; uploadFailures: { name: string; error: unknown }[] };

const today = () => localDay();

// Steps two and three of a new claim: the policy, what happened and the lines (benefits of the
// product version in force on the date of loss, amounts in the policy's currency), documents; then
// POST /claims — with the call it is registered during — and the files uploaded to the new claim.
export function ClaimForm({
  customer,
  callId,
  onRegistered,
}: {
  customer: Customer;
  callId: string | null;
  onRegistered: (result: Registered) => void;
}) {
  const { t, i18n } = useTranslation();
  const policies = useQuery({
    queryKey: ['customer-policies', customer.id],
    queryFn: () => api<{ items: Policy[] }>('GET', `/customers/${customer.id}/policies`),
  });
  const [chosenPolicy, setPolicyId] = useState<string | null>(null);
  const items = policies.data?.items ?? [];
  const policyId = chosenPolicy ?? items.find((p) => p.status === 'active')?.id ?? items[0]?.id ?? null;
  const policy = items.find((p) => p.id === policyId);
  const products = useProducts(items.map((p) => p.productId));
  const [incidentDate, setIncidentDate] = useState('');
  const [description, setDescription] = useState('');
  const [cause, setCause] = useState<string | null>(null);
  const [incidentCountry, setIncidentCountry] = useState(customer.country);
  const [lines, setLines] = useState<LineDraft[]>([newLine()]);
  const [documents, setDocuments] = useState<DocumentDraft[]>([]);
  const key = useRef(crypto.randomUUID());

  const productName = (id: string) => {
    const p = products.get(id);
    return p ? localized(p.name, i18n.language) : '…';
  };
  const product = policy ? products.get(policy.productId) : undefined;
  const version = policy ? versionOn(product, incidentDate || today(), policy.productVersionId) : undefined;
  const covers = version?.config?.covers ?? [];
  const currency = policy?.currency ?? 'SEK';
  const required = [
    ...new Set(
      covers
        .filter((c) => lines.some((l) => l.benefitCode === c.benefitCode))
        .flatMap((c) => c.requiredDocuments ?? []),
    ),
  ];

  const draft: ClaimDraft = {
    customerId: customer.id,
    policyId,
    incidentDate,
    description,
    cause,
    incidentCountry,
    callId,
    currency,
    lines,
    documents,
  };

  const register = useMutation({
    mutationFn: async (): Promise<Registered> => {
      const claim = await api<Claim>('POST', '/claims', claimBody(draft), { 'Idempotency-Key': key.current });
      const uploadFailures: Registered['uploadFailures'] = [];
      for (const d of documents) {
        try {
          await uploadDocument({
            entityType: 'claim',
            entityId: claim.id,
            kind: d.kind,
            file: d.file,
            idempotencyKey: `${key.current}-${d.key}`,
          });
        } catch (error) {
          uploadFailures.push({ name: d.file.name, error });
        }
      }
      return { claim, uploadFailures };
    },
    onSuccess: onRegistered,
  });
  const errors = fieldErrorsOf(register.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };

  if (policies.error) return <ProblemAlert error={policies.error} />;
  if (!policies.data) return <Text>{t('app.loading')}</Text>;
  if (items.length === 0) return <Text>{t('intake.newClaim.noPolicies')}</Text>;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Card withBorder component="section" aria-labelledby="policy-step">
          <Title order={3} id="policy-step" mb="sm">
            {t('intake.newClaim.policyStep')}
          </Title>
          <Select
            label={t('intake.newClaim.policy')}
            data={items.map((p) => ({
              value: p.id,
              label: `${p.policyNumber} · ${productName(p.productId)} · ${t(`intake.policyStatus.${p.status}`)}`,
            }))}
            value={policyId}
            onChange={setPolicyId}
            allowDeselect={false}
            error={errors.policyId}
          />
          {policy && (
            <Text size="sm" c="gray.7" mt="xs">
              {formatDate(policy.startsOn, i18n.language)} – {formatDate(policy.endsOn, i18n.language)} ·{' '}
              {policy.currency}
              {policy.premiumStatus && ` · ${t(`intake.premium.${policy.premiumStatus.state}`)}`}
            </Text>
          )}
        </Card>

        <Card withBorder component="section" aria-labelledby="incident-step">
          <Title order={3} id="incident-step" mb="sm">
            {t('intake.newClaim.incidentStep')}
          </Title>
          <Stack>
            {register.error && <ProblemAlert error={register.error} />}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                type="date"
                label={t('intake.claim.incidentDate')}
                value={incidentDate}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setIncidentDate(value);
                  setLines((ls) => ls.map((l) => (l.serviceDate ? l : { ...l, serviceDate: value })));
                }}
                error={errors.incidentDate}
                required
              />
              <Select
                label={t('intake.claim.cause')}
                data={CAUSES.map((c) => ({ value: c, label: t(`intake.cause.${c}`) }))}
                value={cause}
                onChange={setCause}
                clearable
                error={errors.cause}
              />
              <TextInput
                label={t('intake.claim.incidentCountry')}
                description={t('intake.claim.incidentCountryHint')}
                styles={READABLE_DESCRIPTION}
                value={incidentCountry}
                onChange={(e) => setIncidentCountry(e.currentTarget.value)}
                maxLength={2}
                error={errors.incidentCountry}
              />
            </SimpleGrid>
            <Textarea
              label={t('intake.claim.description')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={errors.description}
              required
              autosize
              minRows={3}
            />
            <Title order={4}>{t('intake.newClaim.lines')}</Title>
            <ClaimLines
              lines={lines}
              onChange={setLines}
              covers={covers}
              currency={currency}
              errors={errors}
            />
            <Title order={4}>{t('intake.newClaim.documents')}</Title>
            <ClaimDocuments documents={documents} onChange={setDocuments} required={required} />
            <AssessmentPreviewPanel draft={draft} />
            <Group>
              <Button type="submit" loading={register.isPending}>
                {t('intake.newClaim.register')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </Stack>
    </form>
  );
}
