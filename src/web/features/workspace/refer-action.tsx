import { Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Language } from '../../api/types.ts';
import { ActionModal } from './action-modal.tsx';
import type { ActionProps } from './action-props.ts';
import { READABLE_DESCRIPTION } from './readable-styles.ts';
import { useClaimAction } from './use-claim-action.ts';
import type { Department } from './workspace-types.ts';

type Referral = { referralNumber: string; caseNumber: string };

// Claims have no referral of their own: a referral belongs to a service case. So "refer" opens a
// general-inquiry case linked to the claim (the customer receives its written acknowledgement,
// with the subject below) and refers the question on that case to the department. Both requests
// carry an Idempotency-Key, so a retry after a failure half-way reuses the case already opened.
export function ReferAction({ claim, claimRef, opened, onClose }: ActionProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ items: Department[] }>('GET', '/departments'),
    enabled: opened,
  });
  const [department, setDepartment] = useState<string | null>(null);
  const [question, setQuestion] = useState('');
  const [subject, setSubject] = useState('');
  const [urgency, setUrgency] = useState<string>('standard');
  const action = useClaimAction(
    claimRef,
    async (_: undefined, key: string) => {
      const serviceCase = await api<{ caseNumber: string }>(
        'POST',
        '/cases',
        {
          customerId: claim.customerId,
          kind: 'general_inquiry',
          subject: subject.trim(),
          description: question.trim(),
          claimId: claim.id,
          policyId: claim.policyId,
        },
        { 'Idempotency-Key': `${key}-case` },
      );
      return api<Referral>(
        'POST',
        `/cases/${encodeURIComponent(serviceCase.caseNumber)}/referrals`,
        { department, question: question.trim(), urgency },
        { 'Idempotency-Key': `${key}-referral` },
      );
    },
    (r) => ({ title: t('workspace.refer.done'), message: `${r.referralNumber} · ${r.caseNumber}` }),
    onClose,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh attempt each time the dialog opens.
  useEffect(() => {
    if (!opened) return;
    action.start();
    setSubject(t('workspace.refer.defaultSubject', { number: claim.claimNumber }));
  }, [opened]);
  const deptName = departments.data?.items.find((d) => d.code === department)?.name[lang] ?? department ?? '';
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={t('workspace.refer.title')}
      customerSees
      confirmLabel={t('workspace.refer.confirm')}
      pending={action.isPending}
      error={action.error ?? departments.error}
      onConfirm={() => action.mutate(undefined)}
      onReview={() => !!department && question.trim().length > 0 && subject.trim().length > 0}
      form={
        <Stack>
          <Select
            label={t('workspace.refer.department')}
            required
            data={(departments.data?.items ?? [])
              .filter((d) => d.active)
              .map((d) => ({ value: d.code, label: d.name[lang] }))}
            value={department}
            onChange={setDepartment}
          />
          <Textarea
            label={t('workspace.refer.question')}
            required
            value={question}
            onChange={(e) => setQuestion(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <Select
            label={t('workspace.refer.urgency')}
            data={['standard', 'urgent'].map((u) => ({ value: u, label: t(`workspace.refer.${u}`) }))}
            value={urgency}
            onChange={(v) => v && setUrgency(v)}
            allowDeselect={false}
          />
          <TextInput
            label={t('workspace.refer.subject')}
            description={t('workspace.refer.subjectHelp')}
            styles={READABLE_DESCRIPTION}
            required
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
          />
        </Stack>
      }
      preview={
        <>
          <Text>{t('workspace.refer.previewCustomer', { subject: subject.trim() })}</Text>
          <Text size="sm">{t('workspace.refer.previewDepartment', { department: deptName })}</Text>
          <Text size="sm" fs="italic">
            “{question.trim()}”
          </Text>
        </>
      }
    />
  );
}
