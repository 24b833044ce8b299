import {
  Alert,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { localDay } from '../../app/local-day.ts';
import { useMe } from '../../app/session.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { minorDigits, toMinor } from '../../i18n/money.ts';
import { ClaimStatusBadge } from './claim-status.tsx';
import { type ChosenFile, DocumentDrop } from './document-drop.tsx';
import { createWithKey, type Policy, type PortalClaim, type Product, uploadDocument } from './portal-api.ts';

// Filing a claim: the policy, what happened, the lines (benefit, date, amount), documents. The
// claim is registered first (the kinds of the attached files are declared with it, so its first
// assessment counts them), then each file is uploaded to it; the customer sees the result —
// registered for a person to look at, waiting for something, or decided at once.

type Line = { benefitCode: string; description: string; serviceDate: string; amount: number | '' };
const today = () => localDay();

export function NewClaimPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe().data;
  const customerId = me?.customerId ?? '';
  const queryClient = useQueryClient();
  const policies = useQuery({
    queryKey: ['portal-policies', customerId],
    queryFn: () => api<{ items: Policy[] }>('GET', `/customers/${customerId}/policies`),
    enabled: !!customerId,
  });
  const active = policies.data?.items.filter((p) => p.status === 'active') ?? [];
  const [policyId, setPolicyId] = useState('');
  const policy = active.find((p) => p.id === policyId) ?? active[0];
  const product = useQuery({
    queryKey: ['portal-product', policy?.productId],
    queryFn: () => api<Product>('GET', `/products/${policy?.productId}`),
    enabled: !!policy,
  });
  const covers = product.data?.versions.find((v) => v.id === policy?.productVersionId)?.config.covers ?? [];
  const [incidentDate, setIncidentDate] = useState(today());
  const [description, setDescription] = useState('');
  const [lines, setLines] = useState<Line[]>([
    { benefitCode: '', description: '', serviceDate: today(), amount: '' },
  ]);
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const currency = policy?.currency ?? 'SEK';
  const coverName = (code: string) =>
    covers.find((c) => c.benefitCode === code)?.name[lang] ??
    covers.find((c) => c.benefitCode === code)?.name.en ??
    code;
  const lineBody = () =>
    lines.map((l) => ({
      benefitCode: l.benefitCode || covers[0]?.benefitCode || '',
      description: l.description.trim(),
      serviceDate: l.serviceDate,
      amountMinor: toMinor(Number(l.amount || 0), currency),
      currency,
    }));
  const total = lineBody().reduce((s, l) => s + l.amountMinor, 0);

  const submit = useMutation({
    mutationFn: async () => {
      setUploadError(null);
      const claim = await createWithKey<PortalClaim>('/claims', {
        customerId,
        policyId: policy?.id,
        incidentDate,
        description: description.trim(),
        channel: 'portal',
        lines: lineBody(),
        documents: [...new Set(files.map((f) => f.kind))],
      });
      // The claim exists now: an upload that fails is shown, and can be sent again from the claim.
      try {
        for (const f of files) {
          await uploadDocument({ entityType: 'claim', entityId: claim.id, file: f.file, kind: f.kind });
        }
      } catch (error) {
        setUploadError(error);
      }
      return claim;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['my-claims'] }),
  });

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('portal.close') },
      title: t('portal.newClaim.confirmTitle'),
      children: (
        <Stack gap="xs">
          <Text>{t('portal.newClaim.confirmText', { total: formatMoney(total, currency, lang) })}</Text>
          <Text size="sm">{t('portal.newClaim.confirmFiles', { files: files.length })}</Text>
        </Stack>
      ),
      labels: { confirm: t('portal.newClaim.submit'), cancel: t('portal.cancel') },
      onConfirm: () => submit.mutate(),
    });
  };

  if (submit.data) {
    const c = submit.data;
    return (
      <Stack maw={640}>
        <Title order={2}>{t('portal.newClaim.done', { number: c.claimNumber })}</Title>
        <Group>
          <ClaimStatusBadge status={c.status} size="lg" />
        </Group>
        <Text>{t(`portal.next.${c.status}`)}</Text>
        {uploadError ? <ProblemAlert error={uploadError} /> : null}
        <Button component={Link} to={`/portal/claims/${encodeURIComponent(c.claimNumber)}`}>
          {t('portal.newClaim.open')}
        </Button>
      </Stack>
    );
  }

  return (
    <form onSubmit={confirm}>
      <Stack maw={640}>
        <Title order={2}>{t('portal.newClaim.title')}</Title>
        {policies.error && <ProblemAlert error={policies.error} />}
        {policies.data && active.length === 0 && <Alert color="gray">{t('portal.newClaim.noPolicy')}</Alert>}
        <NativeSelect
          label={t('portal.newClaim.policy')}
          required
          value={policy?.id ?? ''}
          onChange={(e) => setPolicyId(e.currentTarget.value)}
          data={active.map((p) => ({
            value: p.id,
            label: `${p.policyNumber} (${formatDate(p.startsOn, lang)} – ${formatDate(p.endsOn, lang)})`,
          }))}
        />
        <TextInput
          type="date"
          label={t('portal.newClaim.incidentDate')}
          required
          max={today()}
          value={incidentDate}
          onChange={(e) => setIncidentDate(e.currentTarget.value)}
        />
        <Textarea
          label={t('portal.newClaim.what')}
          // Mantine's default description colour (dimmed) lacks AA contrast.
          description={
            <Text span size="xs" c="gray.7">
              {t('portal.newClaim.whatHint')}
            </Text>
          }
          required
          autosize
          minRows={3}
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <Title order={3} size="h4">
          {t('portal.newClaim.lines')}
        </Title>
        {lines.map((l, i) => {
          const set = (patch: Partial<Line>) =>
            setLines(lines.map((m, j) => (j === i ? { ...m, ...patch } : m)));
          const n = i + 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity until filed; order is the identity.
            <Card key={i} withBorder p="sm">
              <Stack gap="xs">
                <Text fw={600}>{t('portal.newClaim.line', { n })}</Text>
                <NativeSelect
                  label={t('portal.newClaim.benefit', { n })}
                  value={l.benefitCode || covers[0]?.benefitCode || ''}
                  onChange={(e) => set({ benefitCode: e.currentTarget.value })}
                  data={covers.map((c) => ({ value: c.benefitCode, label: coverName(c.benefitCode) }))}
                />
                <TextInput
                  label={t('portal.newClaim.lineDescription', { n })}
                  required
                  maxLength={500}
                  value={l.description}
                  onChange={(e) => set({ description: e.currentTarget.value })}
                />
                <Group grow gap="xs" align="flex-start">
                  <TextInput
                    type="date"
                    label={t('portal.newClaim.serviceDate', { n })}
                    required
                    value={l.serviceDate}
                    onChange={(e) => set({ serviceDate: e.currentTarget.value })}
                  />
                  <NumberInput
                    label={t('portal.newClaim.amount', { n, currency })}
                    required
                    min={0}
                    decimalScale={minorDigits(currency)}
                    value={l.amount}
                    onChange={(v) => set({ amount: v === '' ? '' : Number(v) })}
                  />
                </Group>
                {lines.length > 1 && (
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() => setLines(lines.filter((_, j) => j !== i))}
                  >
                    {t('portal.newClaim.removeLine', { n })}
                  </Button>
                )}
              </Stack>
            </Card>
          );
        })}
        <Button
          variant="default"
          onClick={() =>
            setLines([...lines, { benefitCode: '', description: '', serviceDate: incidentDate, amount: '' }])
          }
        >
          {t('portal.newClaim.addLine')}
        </Button>
        <Text fw={600}>{t('portal.newClaim.total', { total: formatMoney(total, currency, lang) })}</Text>
        <Title order={3} size="h4">
          {t('portal.newClaim.documents')}
        </Title>
        <DocumentDrop files={files} onChange={setFiles} label={t('portal.newClaim.drop')} />
        {submit.error && <ProblemAlert error={submit.error} />}
        <Button type="submit" loading={submit.isPending} disabled={!policy}>
          {t('portal.newClaim.review')}
        </Button>
      </Stack>
    </form>
  );
}
