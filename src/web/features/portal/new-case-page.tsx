import { Button, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { createWithKey, type PortalClaim } from './portal-api.ts';

// Starting a service case (a question or a problem) or a complaint. A complaint is registered with
// its cause and what the customer asks for, and acknowledged in writing with the day we answer by.

const CASE_KINDS = ['general_inquiry', 'payment_delay', 'renewal_problem'] as const;
const CAUSES = [
  'claim_handling',
  'claim_decision',
  'delay',
  'premium_and_renewal',
  'contract_terms',
  'sales_and_information',
  'customer_service',
  'privacy',
  'other',
] as const;

export function NewCasePage({ complaint }: { complaint: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const claims = useQuery({
    queryKey: ['my-claims'],
    queryFn: () => api<Page<PortalClaim>>('GET', '/claims?limit=50'),
  });
  const [kind, setKind] = useState<string>(CASE_KINDS[0]);
  const [cause, setCause] = useState<string>(CAUSES[0]);
  const [claimId, setClaimId] = useState('');
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [remedy, setRemedy] = useState('');
  const open = useMutation({
    mutationFn: async () => {
      if (complaint) {
        const c = await createWithKey<{ caseNumber: string }>('/complaints', {
          causeCategory: cause,
          channel: 'portal',
          description: text.trim(),
          requestedRemedy: remedy.trim(),
          ...(claimId ? { claimId } : {}),
        });
        return c.caseNumber;
      }
      const c = await createWithKey<{ caseNumber: string; version: number }>('/cases', {
        kind,
        subject: subject.trim(),
        // The customer's own words: the case's first message.
        description: text.trim(),
        channel: 'portal',
        ...(claimId ? { claimId } : {}),
      });
      return c.caseNumber;
    },
    onSuccess: async (caseNumber) => {
      notifications.show({
        color: 'green',
        message: t(complaint ? 'portal.newCase.complaintSent' : 'portal.newCase.sent', {
          number: caseNumber,
        }),
        closeButtonProps: { 'aria-label': t('portal.close') },
      });
      await queryClient.invalidateQueries({ queryKey: ['portal-cases'] });
      await navigate({ to: `/portal/cases/${encodeURIComponent(caseNumber)}` });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate();
  };
  const claimOptions = [
    { value: '', label: t('portal.newCase.noClaim') },
    ...(claims.data?.items.map((c) => ({ value: c.id, label: c.claimNumber })) ?? []),
  ];
  return (
    <form onSubmit={submit}>
      <Stack maw={640}>
        <Title order={2}>{t(complaint ? 'portal.newCase.complaintTitle' : 'portal.newCase.title')}</Title>
        <Text>{t(complaint ? 'portal.newCase.complaintIntro' : 'portal.newCase.intro')}</Text>
        {complaint ? (
          <NativeSelect
            label={t('portal.newCase.cause')}
            value={cause}
            onChange={(e) => setCause(e.currentTarget.value)}
            data={CAUSES.map((c) => ({ value: c, label: t(`portal.cause.${c}`) }))}
          />
        ) : (
          <NativeSelect
            label={t('portal.newCase.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={CASE_KINDS.map((k) => ({ value: k, label: t(`portal.caseKind.${k}`) }))}
          />
        )}
        <NativeSelect
          label={t('portal.newCase.claim')}
          value={claimId}
          onChange={(e) => setClaimId(e.currentTarget.value)}
          data={claimOptions}
        />
        {!complaint && (
          <TextInput
            label={t('portal.newCase.subject')}
            required
            maxLength={200}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
          />
        )}
        <Textarea
          label={t(complaint ? 'portal.newCase.wrong' : 'portal.newCase.message')}
          required
          autosize
          minRows={4}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {complaint && (
          <Textarea
            label={t('portal.newCase.remedy')}
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={remedy}
            onChange={(e) => setRemedy(e.currentTarget.value)}
          />
        )}
        {open.error && <ProblemAlert error={open.error} />}
        <Button type="submit" loading={open.isPending}>
          {t(complaint ? 'portal.newCase.complaintSubmit' : 'portal.newCase.submit')}
        </Button>
      </Stack>
    </form>
  );
}
